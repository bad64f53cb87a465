package concord.ui.merge;

import concord.ui.merge.MergeDialogViewModel.Mode;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fxmisc.richtext.CodeArea;

/**
 * The dialog's text panes side by side — Yours | Result (with the base above it when shown) | Theirs — and their
 * content from the model: each round's texts and styles, every choice applied to the Result pane, and what the
 * user types or clicks there handed back to the model.
 */
final class MergePanes {

    /** About 20 characters of text beside the line numbers: narrower, a pane shows nothing useful. */
    static final double MIN_PANE_WIDTH = 180;
    /** A caption and about six lines. */
    static final double MIN_PANES_HEIGHT = 150;

    private final MergeDialogViewModel vm;
    private final Map<Pane, CodePane> panes;
    private final PaneStyler styler;
    private final ScrollSync sync;
    private final SplitPane resultSplit = new SplitPane();
    private final VBox baseColumn;
    private final SplitPane node;
    private boolean baseShown;
    /** The base pane still shows an older round: it is loaded when shown (most merges never look at it). */
    private boolean baseStale;
    /** Set while the model's text goes into the Result pane, so that it is not taken for the user's typing. */
    private boolean applyingModel;
    /** A round was loaded and its panes are not yet scrolled to its current chunk. */
    private boolean scrollPending;

    MergePanes(MergeDialogViewModel vm, Map<Pane, CodePane> panes, PaneStyler styler, ScrollSync sync) {
        this.vm = vm;
        this.panes = panes;
        this.styler = styler;
        this.sync = sync;
        baseColumn = column("Original (base)", "base", Pane.BASE);
        resultSplit.setOrientation(Orientation.VERTICAL);
        resultSplit.getItems().add(column("Result (editable)", "result", Pane.RESULT));
        node = new SplitPane(column("Yours", "mine", Pane.MINE), resultSplit, column("Theirs", "theirs", Pane.THEIRS));
        node.setDividerPositions(0.3, 0.7);
        // no pane is ever squeezed out of sight: below this the dialog scrolls (MergeDialogView)
        resultSplit.setMinWidth(MIN_PANE_WIDTH);
        node.setMinSize(3 * MIN_PANE_WIDTH + 12, MIN_PANES_HEIGHT);
        node.getStyleClass().add("merge-panes");
        wire();
    }

    Node node() {
        return node;
    }

    private VBox column(String caption, String styleClass, Pane pane) {
        Label l = new Label(caption);
        l.getStyleClass().addAll("pane-caption", styleClass);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setLabelFor(area(pane));
        CodePane p = panes.get(pane);
        VBox.setVgrow(p, Priority.ALWAYS);
        VBox box = new VBox(l, p);
        box.getStyleClass().add("pane-column");
        box.setMinWidth(MIN_PANE_WIDTH);
        return box;
    }

    private CodeArea area(Pane p) {
        return panes.get(p).area();
    }

    private void wire() {
        CodeArea result = area(Pane.RESULT);
        vm.chunks().setResultListener(r -> {
            applyingModel = true;
            try {
                result.replaceText(r.start(), r.end(), r.text());
            } finally {
                applyingModel = false;
            }
            styler.restyleResult(result, r.start(), r.start() + r.text().length());
        });
        result.plainTextChanges().subscribe(ch -> {
            if (applyingModel) {
                return;
            }
            ResultDocument.Touched t = vm.chunks().userEdited(ch.getPosition(), ch.getRemoved().length(), ch.getInserted());
            styler.restyleResult(result, vm.chunks().resultRange(t.from())[0], vm.chunks().resultRange(t.to())[1]);
        });
        result.caretPositionProperty().addListener((o, a, b) -> {
            if (!applyingModel) {
                vm.chunks().caretMoved(b);
            }
        });
        for (Pane p : List.of(Pane.MINE, Pane.THEIRS, Pane.BASE)) {
            CodeArea a = area(p);
            a.currentParagraphProperty().addListener((o, was, par) -> {
                if (a.isFocused()) {
                    vm.chunks().select(vm.lines().chunkAtLine(p, par));
                }
            });
        }
        vm.chunks().currentChunkProperty().addListener((o, a, b) -> {
            restyleLines();
            if (scrollPending) {
                // a new round: the model picks its first conflict right after the texts; going there now, before
                // the first layout, spares making every visible line of the top of the note only to drop it
                scrollToCurrent();
            }
        });
    }

    /** A new round: every shown pane's text and styles from the model. */
    void reload() {
        sync.reset();
        applyingModel = true;
        try {
            for (Pane p : Pane.values()) {
                if (p == Pane.BASE && !baseShown) {
                    baseStale = true;
                    continue;
                }
                load(p);
            }
        } finally {
            applyingModel = false;
        }
        markArrows();
        scrollPending = true;
        Platform.runLater(() -> {
            if (scrollPending) {
                scrollToCurrent(); // the round kept the same current chunk: no change event came
            } else if (vm.modeProperty().get() == Mode.MERGE) {
                // focus asked for before the window showed is lost to its first focusable field (the title)
                area(Pane.RESULT).requestFocus();
            }
        });
    }

    /** The gutter arrows of Yours and Theirs: a click takes that side's lines for the change (IntelliJ's » and «). */
    private void markArrows() {
        for (Pane p : List.of(Pane.MINE, Pane.THEIRS)) {
            if (vm.modeProperty().get() != Mode.MERGE) {
                panes.get(p).setGutterMarks(CodePane.GutterMarks.NONE);
                continue;
            }
            int[] arrows = vm.styles().gutterArrows(p);
            boolean mine = p == Pane.MINE;
            panes.get(p).setGutterMarks(new CodePane.GutterMarks(
                    line -> line < arrows.length && arrows[line] >= 0,
                    mine ? "»" : "«", mine ? "take-mine" : "take-theirs", vm.text().takeSideTooltip(mine),
                    line -> takeSide(arrows[line], mine)));
        }
    }

    private void takeSide(int chunk, boolean mine) {
        vm.chunks().select(chunk);
        if (mine) {
            vm.chunks().useMine(chunk);
        } else {
            vm.chunks().useTheirs(chunk);
        }
    }

    /**
     * Soft wrap on or off in every pane. Each pane keeps the line it shows at its top, so the panes stay in step and
     * the reader in place.
     */
    void setWrap(boolean on) {
        for (CodePane pane : panes.values()) {
            CodeArea a = pane.area();
            if (a.isWrapText() == on) {
                continue;
            }
            int top = -1;
            try {
                top = a.getVisibleParagraphs().isEmpty() ? -1 : a.firstVisibleParToAllParIndex();
            } catch (RuntimeException notLaidOut) {
                // not shown yet: nothing to keep
            }
            a.setWrapText(on);
            if (top >= 0) {
                a.showParagraphAtTop(top);
            }
        }
    }

    /** One pane's text and styles from the model, as one change that cannot be undone. */
    private void load(Pane p) {
        CodeArea a = area(p);
        styler.load(a, p, vm.paneText(p));
        a.getUndoManager().forgetHistory();
        if (p == Pane.BASE) {
            baseStale = false;
        }
    }

    /** Show base: the version both started from, above the result. */
    void showBase(boolean on) {
        baseShown = on;
        if (on) {
            if (baseStale) {
                load(Pane.BASE);
                int i = vm.chunks().currentChunkProperty().get();
                if (i >= 0) {
                    area(Pane.BASE).showParagraphAtTop(Math.max(0, vm.lines().firstLine(Pane.BASE, i) - 3));
                }
            }
            resultSplit.getItems().add(0, baseColumn);
            resultSplit.setDividerPositions(0.35);
        } else {
            resultSplit.getItems().remove(baseColumn);
        }
    }

    private void restyleLines() {
        for (Pane p : Pane.values()) {
            if (p != Pane.BASE || !baseStale) {
                styler.restyleLines(area(p), p);
            }
        }
    }

    /** Puts the current chunk a few lines below the top of every pane and the caret at its start in the result. */
    void scrollToCurrent() {
        int i = vm.chunks().currentChunkProperty().get();
        if (i < 0 || vm.modeProperty().get() != Mode.MERGE) {
            return;
        }
        scrollPending = false;
        sync.showChunk(i);
        CodeArea result = area(Pane.RESULT);
        applyingModel = true;
        try {
            result.moveTo(vm.chunks().resultRange(i)[0]);
        } finally {
            applyingModel = false;
        }
        result.requestFocus();
    }
}
