package concord.ui.merge;

import concord.ui.merge.MergeDialogViewModel.Mode;
import concord.ui.merge.PaneStyles.ParagraphStyle;
import concord.ui.merge.PaneStyles.WordSpan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import java.util.function.IntFunction;
import javafx.stage.Window;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.model.TwoDimensional;

/**
 * The merge dialog's scene graph. It binds to {@link MergeDialogViewModel} and forwards input; the only logic
 * here is keeping the RichTextFX areas in step with the model (text, styles, scrolling).
 */
public final class MergeDialogView {

    private final MergeDialogViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Map<Pane, CodeArea> areas = new EnumMap<>(Pane.class);
    private final Map<Pane, Scroller> scrolls = new EnumMap<>(Pane.class);
    private final StackPane centre = new StackPane();
    private final SplitPane resultSplit = new SplitPane();
    private final VBox baseColumn;
    private final ToggleButton showBase = new ToggleButton("Show _base");
    private final BorderPane mergeBody = new BorderPane();
    /** The deleted-on-server variant; built the first time it is needed (rarely), not on every open. */
    private BorderPane deletedBody;
    private CodeArea deletedArea;
    private final ButtonBar mergeButtons = new ButtonBar();
    private final ButtonBar deletedButtons = new ButtonBar();
    private final GridPane titleRow = new GridPane();
    private boolean applyingModel;
    private boolean syncing;
    private boolean baseStale;
    /** Per area, the paragraphs that carry a style class (so restyling needs not look at every line). */
    private final Map<CodeArea, Set<Integer>> styled = new java.util.HashMap<>();
    /** The pane the user last scrolled, clicked or typed in; the others follow it. */
    private Pane driver = Pane.RESULT;

    public MergeDialogView(MergeDialogViewModel vm) {
        this.vm = vm;
        root.getStyleClass().add("merge-dialog");
        root.setPrefSize(1200, 760);
        for (Pane p : Pane.values()) {
            CodeArea a = new CodeArea();
            a.getStyleClass().add("merge-pane");
            withoutOwnStylesheet(a);
            a.setId("pane-" + p.name().toLowerCase());
            a.setEditable(p == Pane.RESULT);
            a.setWrapText(false);
            installLineNumbers(a);
            a.setAccessibleText(switch (p) {
                case MINE -> "Your version, read-only";
                case BASE -> "The version you started from, read-only";
                case RESULT -> "Merged result, editable";
                case THEIRS -> "Their version, read-only";
            });
            areas.put(p, a);
            scrolls.put(p, new Scroller(a));
        }
        baseColumn = column("Original (base)", "base", Pane.BASE);
        buildHeader();
        buildMergeBody();
        centre.getChildren().add(mergeBody);
        root.setCenter(centre);
        wire();
    }

    public Parent root() {
        return root;
    }

    CodeArea area(Pane p) {
        return areas.get(p);
    }

    /** Keyboard shortcuts that are not mnemonics. Call once the root is in a scene. */
    public void installAccelerators(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F7), this::next);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F7, KeyCombination.SHIFT_DOWN), this::previous);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), vm::saveMerged);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN, KeyCombination.SHIFT_DOWN), vm::useMine);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.ALT_DOWN, KeyCombination.SHIFT_DOWN), vm::useTheirs);
    }

    // ------------------------------------------------------------------ layout

    private Label headline;
    private Label notice;
    private Label error;

    private void buildHeader() {
        headline = new Label();
        headline.getStyleClass().add("merge-headline");
        headline.textProperty().bind(vm.headlineProperty());
        headline.setWrapText(true);
        notice = new Label();
        notice.getStyleClass().add("merge-notice");
        notice.textProperty().bind(vm.noticeProperty());
        notice.setWrapText(true);
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());
        notice.visibleProperty().bind(notice.managedProperty());
        error = new Label();
        error.getStyleClass().add("merge-error");
        error.setId("merge-error");
        error.textProperty().bind(vm.errorProperty());
        error.setWrapText(true);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        error.setAccessibleRole(AccessibleRole.TEXT);
        VBox header = new VBox(4, headline, notice, error);
        header.getStyleClass().add("merge-header");
        root.setTop(header);
    }

    private VBox column(String caption, String styleClass, Pane pane) {
        Label l = new Label(caption);
        l.getStyleClass().addAll("pane-caption", styleClass);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setLabelFor(areas.get(pane));
        Scroller sp = scrolls.get(pane);
        VBox.setVgrow(sp, Priority.ALWAYS);
        VBox box = new VBox(l, sp);
        box.getStyleClass().add("pane-column");
        return box;
    }

    private void buildMergeBody() {
        // title row: mine | result | theirs, aligned with the panes below
        TextField tMine = readOnlyField("title-mine", "Your title");
        TextField tTheirs = readOnlyField("title-theirs", "Their title");
        TextField tResult = new TextField();
        tResult.setId("title-result");
        tResult.setAccessibleText("Merged title, editable");
        tResult.textProperty().bindBidirectional(vm.titleResultProperty());
        Button titleMine = smallButton("Use m_y title", "title-use-mine", vm::titleUseMine);
        Button titleTheirs = smallButton("Use t_heir title", "title-use-theirs", vm::titleUseTheirs);
        Label titleState = new Label();
        titleState.setId("title-state");
        titleState.getStyleClass().add("title-state");
        vm.titleResolutionProperty().addListener((o, a, b) -> styleTitle(tResult, titleState));
        vm.revisionProperty().addListener((o, a, b) -> {
            if (vm.input() != null && vm.input().title() != null) {
                tMine.setText(vm.input().title().mine());
                tTheirs.setText(vm.input().title().theirs());
                boolean changed = !vm.input().title().mine().equals(vm.input().title().theirs());
                // only when the titles differ: otherwise there is nothing to choose
                for (Button btn : List.of(titleMine, titleTheirs)) {
                    btn.setVisible(changed);
                    btn.setManaged(changed);
                }
                styleTitle(tResult, titleState);
            }
        });
        Label tLabel = new Label("Title");
        tLabel.getStyleClass().add("row-label");
        tLabel.setLabelFor(tResult);
        HBox resultTitleBox = new HBox(6, tResult, titleState);
        HBox.setHgrow(tResult, Priority.ALWAYS);
        resultTitleBox.setAlignment(Pos.CENTER_LEFT);
        titleRow.add(tLabel, 0, 0);
        titleRow.add(tMine, 1, 0);
        titleRow.add(resultTitleBox, 2, 0);
        titleRow.add(tTheirs, 3, 0);
        titleMine.setMinWidth(Region.USE_PREF_SIZE);
        titleTheirs.setMinWidth(Region.USE_PREF_SIZE);
        HBox titleButtons = new HBox(6, titleMine, titleTheirs);
        titleRow.add(titleButtons, 4, 0);
        Label tagsLabel = new Label("Tags");
        tagsLabel.getStyleClass().add("row-label");
        Label tags = new Label();
        tags.setId("merged-tags");
        tags.textProperty().bind(vm.tagsTextProperty());
        titleRow.add(tagsLabel, 0, 1);
        titleRow.add(tags, 1, 1, 4, 1);
        titleRow.setHgap(8);
        titleRow.setVgap(6);
        titleRow.getStyleClass().add("title-row");
        for (Node n : List.of(tMine, resultTitleBox, tTheirs)) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            if (n instanceof Region r) {
                r.setMinWidth(80);
                r.setPrefWidth(200);
            }
        }

        // chunk toolbar
        Button prev = smallButton("◀ _Previous", "prev-conflict", this::previous);
        prev.setTooltip(new Tooltip("Previous conflict (Shift+F7)"));
        Button next = smallButton("_Next ▶", "next-conflict", this::next);
        next.setTooltip(new Tooltip("Next conflict (F7)"));
        Label counter = new Label();
        counter.setId("conflict-counter");
        counter.getStyleClass().add("conflict-counter");
        counter.textProperty().bind(vm.counterProperty());
        counter.setAccessibleRole(AccessibleRole.TEXT);
        counter.setMinWidth(Region.USE_PREF_SIZE);
        vm.conflictsLeftProperty().addListener((o, a, b) -> styleCounter(counter));
        vm.conflictsTotalProperty().addListener((o, a, b) -> styleCounter(counter));
        Label where = new Label();
        where.setId("chunk-description");
        where.getStyleClass().add("chunk-description");
        where.textProperty().bind(vm.chunkDescriptionProperty());
        Button useMine = smallButton("Use _mine", "use-mine", vm::useMine);
        useMine.setTooltip(new Tooltip("This change: take your lines (Alt+Shift+Left)"));
        Button useTheirs = smallButton("Use th_eirs", "use-theirs", vm::useTheirs);
        useTheirs.setTooltip(new Tooltip("This change: take their lines (Alt+Shift+Right)"));
        Button bothMine = smallButton("Both, mine _first", "both-mine-first", () -> vm.useBoth(true));
        Button bothTheirs = smallButton("B_oth, theirs first", "both-theirs-first", () -> vm.useBoth(false));
        Button reopen = smallButton("_Undo merge", "reopen-chunk", vm::reopenChunk);
        reopen.setTooltip(new Tooltip("Make this change an open conflict again and decide it by hand"));
        Button reset = smallButton("_Reset", "reset-chunk", vm::resetChunk);
        reset.setTooltip(new Tooltip("Back to what the merge proposed for this change"));
        for (Button b : List.of(useMine, useTheirs, bothMine, bothTheirs, reset)) {
            b.disableProperty().bind(vm.currentIsChangeProperty().not().or(vm.busyProperty()));
        }
        reopen.disableProperty().bind(vm.currentCanReopenProperty().not().or(vm.busyProperty()));
        showBase.setId("show-base");
        showBase.setMinWidth(Region.USE_PREF_SIZE);
        where.setMinWidth(0);
        showBase.setMnemonicParsing(true);
        showBase.setTooltip(new Tooltip("Show the version you both started from above the result"));
        showBase.selectedProperty().addListener((o, was, on) -> {
            if (on) {
                if (baseStale) {
                    loadBase();
                }
                resultSplit.getItems().add(0, baseColumn);
                resultSplit.setDividerPositions(0.35);
            } else {
                resultSplit.getItems().remove(baseColumn);
            }
        });
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox toolbar = new HBox(6, prev, next, counter, new Separator(Orientation.VERTICAL), where, spring,
                useMine, useTheirs, bothMine, bothTheirs, reopen, reset, new Separator(Orientation.VERTICAL), showBase);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("merge-toolbar");

        // panes
        resultSplit.setOrientation(Orientation.VERTICAL);
        resultSplit.getItems().add(column("Result (editable)", "result", Pane.RESULT));
        SplitPane panes = new SplitPane(column("Yours", "mine", Pane.MINE), resultSplit, column("Theirs", "theirs", Pane.THEIRS));
        panes.setDividerPositions(0.3, 0.7);
        panes.getStyleClass().add("merge-panes");

        VBox top = new VBox(8, titleRow, toolbar);
        top.setPadding(new Insets(8, 12, 8, 12));
        mergeBody.setTop(top);
        mergeBody.setCenter(panes);
        mergeBody.setBottom(buildMergeButtons());
    }

    private Node buildMergeButtons() {
        Button save = new Button("_Save merged");
        save.setId("save-merged");
        save.setDefaultButton(true);
        save.getStyleClass().add("accent");
        save.disableProperty().bind(vm.canSaveProperty().not());
        save.textProperty().bind(vm.saveLabelProperty());
        Tooltip saveTip = new Tooltip();
        saveTip.textProperty().bind(vm.saveTooltipProperty());
        save.setTooltip(saveTip);
        save.setOnAction(e -> vm.saveMerged());
        Button keepMine = new Button("_Keep mine");
        keepMine.setId("keep-mine");
        keepMine.setOnAction(e -> confirm("Keep your version", vm.keepMineConfirmation(), vm.keepMineConfirmButton(), vm::keepMine));
        Button takeTheirs = new Button("Take _theirs");
        takeTheirs.setId("take-theirs");
        takeTheirs.setOnAction(e -> confirm("Take their version", vm.takeTheirsConfirmation(), "Use their version", vm::takeTheirs));
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.setCancelButton(true);
        cancel.setTooltip(new Tooltip("Back to the editor; your text and the conflict stay as they are (Esc)"));
        cancel.setOnAction(e -> vm.cancel());
        for (Button b : List.of(keepMine, takeTheirs)) {
            b.disableProperty().bind(vm.busyProperty());
        }
        ButtonBar.setButtonData(keepMine, ButtonBar.ButtonData.LEFT);
        ButtonBar.setButtonData(takeTheirs, ButtonBar.ButtonData.LEFT);
        ButtonBar.setButtonData(save, ButtonBar.ButtonData.OK_DONE);
        ButtonBar.setButtonData(cancel, ButtonBar.ButtonData.CANCEL_CLOSE);
        mergeButtons.getButtons().addAll(keepMine, takeTheirs, save, cancel);
        HBox bar = new HBox(12, legend(), spinner(), mergeButtons);
        HBox.setHgrow(mergeButtons, Priority.ALWAYS);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("merge-buttons");
        return bar;
    }

    /**
     * A place for the "saving" spinner. The indeterminate indicator (a dozen styled parts) is only made the first
     * time a save starts: most dialogs never save twice, and every open paid for its CSS and layout.
     */
    private Node spinner() {
        StackPane place = new StackPane();
        place.setMinSize(22, 22);
        place.setPrefSize(22, 22);
        Runnable make = () -> {
            ProgressIndicator p = new ProgressIndicator();
            p.setId("merge-progress");
            p.setPrefSize(22, 22);
            p.visibleProperty().bind(vm.busyProperty());
            p.setAccessibleText("Saving");
            place.getChildren().add(p);
        };
        if (vm.busyProperty().get()) {
            make.run();
        } else {
            vm.busyProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean busy) {
                    if (busy) {
                        vm.busyProperty().removeListener(this);
                        make.run();
                    }
                }
            });
        }
        return place;
    }

    private Node legend() {
        HBox box = new HBox(10);
        box.getStyleClass().add("merge-legend");
        String[][] entries = {
            {"chunk-mine", "changed by you"}, {"chunk-theirs", "changed by them"}, {"chunk-both", "same change"},
            {"chunk-resolved", "merged automatically"}, {"chunk-conflict", "conflict"}, {"chunk-chosen", "decided"},
            {"chunk-edited", "edited"}};
        for (String[] e : entries) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("legend-swatch", e[0]);
            Label l = new Label(e[1], swatch);
            l.getStyleClass().add("legend-entry");
            box.getChildren().add(l);
        }
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** The deleted-on-server variant, made the first time a round needs it. */
    private void buildDeletedBody() {
        if (deletedBody != null) {
            return;
        }
        deletedBody = new BorderPane();
        deletedArea = new CodeArea();
        deletedArea.setEditable(false);
        deletedArea.setId("pane-deleted-mine");
        deletedArea.getStyleClass().add("merge-pane");
        withoutOwnStylesheet(deletedArea);
        installLineNumbers(deletedArea);
        deletedArea.setAccessibleText("Your text, read-only");
        Label caption = new Label("Your text");
        caption.getStyleClass().addAll("pane-caption", "mine");
        VirtualizedScrollPane<CodeArea> sp = new VirtualizedScrollPane<>(deletedArea);
        VBox.setVgrow(sp, Priority.ALWAYS);
        VBox box = new VBox(caption, sp);
        box.setPadding(new Insets(8, 12, 0, 12));
        deletedBody.setCenter(box);
        Button recreate = new Button("_Re-create with my text");
        recreate.setId("recreate");
        recreate.setDefaultButton(true);
        recreate.getStyleClass().add("accent");
        recreate.setOnAction(e -> vm.recreate());
        Button discard = new Button("_Discard my changes");
        discard.setId("discard");
        discard.getStyleClass().add("danger");
        discard.setOnAction(e -> confirm("Discard your changes", vm.discardConfirmation(), "Discard", vm::discard));
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-deleted");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> vm.cancel());
        recreate.disableProperty().bind(vm.busyProperty());
        discard.disableProperty().bind(vm.busyProperty());
        ButtonBar.setButtonData(discard, ButtonBar.ButtonData.LEFT);
        ButtonBar.setButtonData(recreate, ButtonBar.ButtonData.OK_DONE);
        ButtonBar.setButtonData(cancel, ButtonBar.ButtonData.CANCEL_CLOSE);
        deletedButtons.getButtons().addAll(discard, recreate, cancel);
        HBox bar = new HBox(12, spinner(), deletedButtons);
        HBox.setHgrow(deletedButtons, Priority.ALWAYS);
        bar.getStyleClass().add("merge-buttons");
        deletedBody.setBottom(bar);
        centre.getChildren().add(deletedBody);
    }

    /**
     * Line numbers: one plain Text per visible line, right-aligned by padding to the widest number (monospaced).
     * Every line that scrolls into view gets one in each pane, so it is kept to the least: RichTextFX's
     * LineNumberFactory makes a Label (skin, CSS) with a binding per line, and a StackPane around a bound Text still
     * cost about a sixth of the time to open the dialog and to scroll a screen. The width only changes when the
     * line count gains or loses a digit: then the factory is replaced and RichTextFX redraws the visible numbers.
     */
    private static void installLineNumbers(CodeArea area) {
        int[] digits = {0};
        Runnable refresh = () -> {
            int d = String.valueOf(Math.max(1, area.getParagraphs().size())).length();
            if (d != digits[0]) {
                digits[0] = d;
                area.setParagraphGraphicFactory(lineNumbers(d));
            }
        };
        refresh.run();
        area.getParagraphs().addListener((javafx.collections.ListChangeListener<Object>) c -> refresh.run());
    }

    /**
     * RichTextFX gives every area its own stylesheet. A stylesheet on a Parent makes JavaFX, for every node below it,
     * gather it again and register the node's parent as one of its users (a linear list): for each of the thousands
     * of nodes made while scrolling. Its few rules are in merge-dialog.css instead, on the scene.
     */
    private static void withoutOwnStylesheet(CodeArea area) {
        area.getStylesheets().clear();
    }

    private static IntFunction<Node> lineNumbers(int digits) {
        return idx -> {
            String n = String.valueOf(idx + 1);
            return new LineNumber(" ".repeat(Math.max(0, digits - n.length())) + n + "  ");
        };
    }

    /**
     * A line number. Its own type, not {@code Text}: CSS type selectors match the exact class name, and the theme
     * has a handful of descendant rules ending in {@code Text} that each climbed every ancestor of every number.
     */
    static final class LineNumber extends Text {
        LineNumber(String text) {
            super(text);
            getStyleClass().add("lineno-text");
        }
    }

    private static TextField readOnlyField(String id, String accessible) {
        TextField f = new TextField();
        f.setId(id);
        f.setEditable(false);
        f.setFocusTraversable(false);
        f.setAccessibleText(accessible + ", read-only");
        f.getStyleClass().add("read-only-title");
        return f;
    }

    private static Button smallButton(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("small");
        b.setMnemonicParsing(true);
        b.setMinWidth(Region.USE_PREF_SIZE); // the chunk description gives way, never a button
        b.setOnAction(e -> action.run());
        return b;
    }

    private void styleTitle(TextField field, Label state) {
        field.getStyleClass().removeAll("title-conflict", "title-auto", "title-decided");
        if (vm.input() == null || vm.input().title() == null) {
            return;
        }
        MergeInput.TitleMerge t = vm.input().title();
        String text;
        switch (vm.titleResolutionProperty().get()) {
            case UNRESOLVED -> {
                field.getStyleClass().add("title-conflict");
                text = "conflict";
            }
            case AUTO -> {
                field.getStyleClass().add(t.kind() == concord.merge.ChunkKind.UNCHANGED ? "title-unchanged" : "title-auto");
                text = switch (t.kind()) {
                    case UNCHANGED -> "";
                    case MINE -> "yours";
                    case THEIRS -> "theirs";
                    case BOTH_SAME -> "same";
                    default -> "merged";
                };
            }
            case EDITED -> {
                field.getStyleClass().add("title-decided");
                text = "edited";
            }
            default -> {
                field.getStyleClass().add("title-decided");
                text = "decided";
            }
        }
        state.setText(text);
    }

    private void styleCounter(Label counter) {
        counter.getStyleClass().removeAll("open", "done");
        counter.getStyleClass().add(vm.conflictsLeftProperty().get() > 0 ? "open" : "done");
    }

    private void confirm(String title, String text, String okLabel, Runnable action) {
        ButtonType ok = new ButtonType(okLabel, ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, ok, no);
        alert.setTitle(title);
        alert.setHeaderText(null);
        Window owner = root.getScene() == null ? null : root.getScene().getWindow();
        if (owner != null) {
            alert.initOwner(owner);
            alert.getDialogPane().getStylesheets().addAll(root.getScene().getStylesheets());
        }
        alert.getDialogPane().setPrefWidth(520);
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isPresent() && answer.get() == ok) {
            action.run();
        }
    }

    // ------------------------------------------------------------------ model → areas

    private void wire() {
        vm.revisionProperty().addListener((o, a, b) -> reload());
        vm.modeProperty().addListener((o, a, b) -> showMode());
        vm.setResultListener(r -> {
            applyingModel = true;
            try {
                areas.get(Pane.RESULT).replaceText(r.start(), r.end(), r.text());
            } finally {
                applyingModel = false;
            }
            restyleResult(r.start(), r.start() + r.text().length());
        });
        CodeArea result = areas.get(Pane.RESULT);
        result.plainTextChanges().subscribe(ch -> {
            if (applyingModel) {
                return;
            }
            ResultDocument.Touched t = vm.userEdited(ch.getPosition(), ch.getRemoved().length(), ch.getInserted());
            int s = vm.resultRange(t.from())[0];
            int e = vm.resultRange(t.to())[1];
            restyleResult(s, e);
        });
        result.caretPositionProperty().addListener((o, a, b) -> {
            if (!applyingModel) {
                vm.caretMoved(b);
            }
        });
        for (Pane p : List.of(Pane.MINE, Pane.THEIRS, Pane.BASE)) {
            CodeArea a = areas.get(p);
            a.currentParagraphProperty().addListener((o, was, par) -> {
                if (a.isFocused()) {
                    vm.selectChunk(vm.lines().chunkAtLine(p, par));
                }
            });
        }
        vm.currentChunkProperty().addListener((o, a, b) -> {
            restyleParagraphs();
            if (scrollPending) {
                // a new round: the model picks its first conflict right after the texts; going there now, before
                // the first layout, spares making every visible line of the top of the note only to drop it
                scrollToCurrent();
            }
        });
        for (Pane p : Pane.values()) {
            CodeArea a = areas.get(p);
            Scroller sp = scrolls.get(p);
            sp.addEventFilter(ScrollEvent.ANY, e -> driver = p);
            sp.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> driver = p);
            sp.addEventFilter(KeyEvent.KEY_PRESSED, e -> driver = p);
            // invalidation, not change: a change listener would recompute the scroll estimate on every edit and
            // restyle (thousands while a large note loads); this way one sync per pulse at most
            a.estimatedScrollYProperty().addListener((InvalidationListener) obs -> scheduleSync(p, false));
            a.estimatedScrollXProperty().addListener((InvalidationListener) obs -> scheduleSync(p, true));
        }
        root.sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removePostLayoutPulseListener(syncAfterLayout);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(syncAfterLayout);
            }
        });
        showMode();
    }

    private void showMode() {
        boolean deleted = vm.modeProperty().get() == Mode.DELETED;
        if (deleted) {
            buildDeletedBody();
        }
        mergeBody.setVisible(!deleted);
        mergeBody.setManaged(!deleted);
        if (deletedBody != null) {
            deletedBody.setVisible(deleted);
            deletedBody.setManaged(deleted);
        }
        // only the visible variant's Cancel may react to Escape
        for (ButtonBar bar : List.of(mergeButtons, deletedButtons)) {
            boolean active = (bar == deletedButtons) == deleted;
            for (Node n : bar.getButtons()) {
                if (n instanceof Button b) {
                    b.setCancelButton(active && b.getText().equals("Cancel"));
                    if (b.getId() != null && (b.getId().equals("save-merged") || b.getId().equals("recreate"))) {
                        b.setDefaultButton(active);
                    }
                }
            }
        }
    }

    private void loadBase() {
        baseStale = false;
        CodeArea a = areas.get(Pane.BASE);
        String text = vm.paneText(Pane.BASE);
        List<ParagraphStyle> pars = vm.styles().paragraphs(Pane.BASE, vm.currentChunkProperty().get());
        a.replace(0, a.getLength(), styledDocument(a, text, pars, vm.styles().words(Pane.BASE, 0, text.length())));
        Set<Integer> marked = new java.util.HashSet<>();
        pars.forEach(ps -> marked.add(ps.paragraph()));
        styled.put(a, marked);
        int i = vm.currentChunkProperty().get();
        if (i >= 0) {
            a.showParagraphAtTop(Math.max(0, vm.lines().firstLine(Pane.BASE, i) - 3));
        }
    }

    /** A new round: all texts and styles from the model. */
    private void reload() {
        java.util.Arrays.fill(followed, -1);
        if (vm.modeProperty().get() == Mode.DELETED) {
            buildDeletedBody();
            deletedArea.replaceText(vm.paneText(Pane.MINE));
            return;
        }
        applyingModel = true;
        try {
            for (Pane p : Pane.values()) {
                if (p == Pane.BASE && !showBase.isSelected()) {
                    baseStale = true; // loaded when shown: most merges never look at it
                    continue;
                }
                CodeArea a = areas.get(p);
                String text = vm.paneText(p);
                List<ParagraphStyle> pars = vm.styles().paragraphs(p, vm.currentChunkProperty().get());
                a.replace(0, a.getLength(), styledDocument(a, text, pars, vm.styles().words(p, 0, text.length())));
                Set<Integer> marked = new java.util.HashSet<>();
                pars.forEach(ps -> marked.add(ps.paragraph()));
                styled.put(a, marked);
                a.getUndoManager().forgetHistory();
            }
        } finally {
            applyingModel = false;
        }
        scrollPending = true;
        Platform.runLater(() -> {
            if (scrollPending) {
                scrollToCurrent(); // the round kept the same current chunk: no change event came
            } else if (vm.modeProperty().get() == Mode.MERGE) {
                // focus asked for before the window showed is lost to its first focusable field (the title)
                areas.get(Pane.RESULT).requestFocus();
            }
        });
    }

    /** A round was loaded and its panes are not yet scrolled to its current chunk. */
    private boolean scrollPending;

    /**
     * Text, word styles and line styles as one document, so a round is one change per area: styling a 10,000-line
     * note paragraph by paragraph would be thousands of changes, each re-laid out.
     */
    private static ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> styledDocument(
            CodeArea a, String text, List<ParagraphStyle> paragraphs, List<WordSpan> words) {
        ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> doc =
                new ReadOnlyStyledDocumentBuilder<>(a.getSegOps(), Collections.emptyList());
        int pi = 0;
        int wi = 0;
        int pos = 0;
        int par = 0;
        while (true) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
            int p = pos;
            while (wi < words.size() && words.get(wi).start() < end) {
                WordSpan w = words.get(wi);
                int ws = Math.max(w.start(), pos);
                int we = Math.min(w.end(), end);
                if (ws > p) {
                    spans.add(Collections.emptyList(), ws - p);
                }
                if (we > ws) {
                    spans.add(List.of(w.styleClass()), we - ws);
                    p = we;
                }
                if (w.end() <= end) {
                    wi++;
                } else {
                    break;
                }
            }
            spans.add(Collections.emptyList(), end - p);
            List<String> parStyle = new ArrayList<>();
            while (pi < paragraphs.size() && paragraphs.get(pi).paragraph() <= par) {
                if (paragraphs.get(pi).paragraph() == par) {
                    parStyle.addAll(paragraphs.get(pi).classes());
                }
                pi++;
            }
            doc.addParagraph(text.substring(pos, end), spans.create(), parStyle);
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
            par++;
        }
        return doc.build();
    }

    private void restyleResult(int from, int to) {
        CodeArea a = areas.get(Pane.RESULT);
        int f = Math.max(0, Math.min(from, a.getLength()));
        int t = Math.max(f, Math.min(to, a.getLength()));
        applyWords(a, f, t, vm.styles().words(Pane.RESULT, f, t));
        // lines split inside the edited range inherit their neighbour's style: look at those too
        Set<Integer> around = styled.computeIfAbsent(a, k -> new java.util.HashSet<>());
        int p0 = a.offsetToPosition(f, TwoDimensional.Bias.Forward).getMajor();
        int p1 = a.offsetToPosition(t, TwoDimensional.Bias.Forward).getMajor();
        for (int i = Math.max(0, p0 - 1); i <= p1 + 1; i++) {
            around.add(i);
        }
        applyParagraphs(a, vm.styles().paragraphs(Pane.RESULT, vm.currentChunkProperty().get()));
    }

    private void restyleParagraphs() {
        for (Pane p : Pane.values()) {
            if (p == Pane.BASE && baseStale) {
                continue;
            }
            applyParagraphs(areas.get(p), vm.styles().paragraphs(p, vm.currentChunkProperty().get()));
        }
    }

    private static void applyWords(CodeArea a, int from, int to, List<WordSpan> spans) {
        if (to <= from) {
            return;
        }
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        int pos = from;
        for (WordSpan w : spans) {
            if (w.start() > pos) {
                b.add(Collections.emptyList(), w.start() - pos);
            }
            b.add(List.of(w.styleClass()), w.end() - w.start());
            pos = w.end();
        }
        if (to > pos) {
            b.add(Collections.emptyList(), to - pos);
        }
        a.setStyleSpans(from, b.create());
    }

    /**
     * Sets the wanted paragraph classes and clears stale ones. Only paragraphs that are or were styled are looked
     * at (the styled ones shift with the text, as do the chunks), not all 10,000 lines of a big note.
     */
    private void applyParagraphs(CodeArea a, List<ParagraphStyle> wanted) {
        int n = a.getParagraphs().size();
        Map<Integer, List<String>> want = new java.util.HashMap<>();
        for (ParagraphStyle ps : wanted) {
            if (ps.paragraph() < n) {
                want.merge(ps.paragraph(), ps.classes(), (x, y) -> {
                    List<String> m = new ArrayList<>(x);
                    m.addAll(y);
                    return m;
                });
            }
        }
        java.util.TreeSet<Integer> check = new java.util.TreeSet<>(want.keySet());
        check.addAll(styled.getOrDefault(a, Set.of()));
        for (int i : check) {
            if (i >= n) {
                continue;
            }
            Collection<String> have = a.getParagraph(i).getParagraphStyle();
            List<String> w = want.getOrDefault(i, List.of());
            if (have.size() != w.size() || !have.containsAll(w)) {
                a.setParagraphStyle(i, w);
            }
        }
        styled.put(a, new java.util.HashSet<>(want.keySet()));
    }

    // ------------------------------------------------------------------ navigation and scrolling

    private void next() {
        vm.nextConflict();
        scrollToCurrent();
    }

    private void previous() {
        vm.previousConflict();
        scrollToCurrent();
    }

    /** Puts the current chunk a few lines below the top of every pane and the caret at its start in the result. */
    private void scrollToCurrent() {
        int i = vm.currentChunkProperty().get();
        if (i < 0 || vm.modeProperty().get() != Mode.MERGE) {
            return;
        }
        scrollPending = false;
        syncing = true;
        java.util.Arrays.fill(followed, -1);
        try {
            for (Pane p : Pane.values()) {
                areas.get(p).showParagraphAtTop(Math.max(0, vm.lines().firstLine(p, i) - 3));
            }
            CodeArea result = areas.get(Pane.RESULT);
            int[] range = vm.resultRange(i);
            applyingModel = true;
            try {
                result.moveTo(range[0]);
            } finally {
                applyingModel = false;
            }
            result.requestFocus();
        } finally {
            syncing = false;
        }
    }

    /**
     * The pane the user is scrolling drives the others (the one last scrolled, clicked or typed in). Others
     * follow by chunk alignment, so a change that is 3 lines in mine and 10 in theirs keeps facing its partner.
     */
    private void syncFrom(Pane source) {
        if (syncing || vm.modeProperty().get() != Mode.MERGE || !isDriver(source)) {
            return;
        }
        CodeArea from = areas.get(source);
        int top;
        try {
            top = from.firstVisibleParToAllParIndex();
        } catch (RuntimeException notLaidOut) {
            return;
        }
        syncing = true;
        try {
            for (Pane p : Pane.values()) {
                if (p != source && scrolls.get(p).getScene() != null) {
                    int target = vm.lines().mapLine(source, top, p);
                    CodeArea a = areas.get(p);
                    int max = Math.max(0, a.getParagraphs().size() - 1);
                    int line = Math.min(target, max);
                    if (followed[p.ordinal()] == line && showsAtTop(a, line)) {
                        // typing invalidates the driver's scroll estimate without moving it: nothing to follow
                        continue;
                    }
                    a.showParagraphAtTop(line);
                    followed[p.ordinal()] = line;
                    scrolls.get(p).layout();
                }
            }
        } finally {
            syncing = false;
        }
    }

    /** Per pane, the line the last sync put at its top ({@code -1}: none, or moved since by other means). */
    private final int[] followed = {-1, -1, -1, -1};

    private static boolean showsAtTop(CodeArea a, int line) {
        try {
            return a.firstVisibleParToAllParIndex() == line;
        } catch (RuntimeException notLaidOut) {
            return false;
        }
    }

    private void syncX(Pane source) {
        if (syncing || !isDriver(source)) {
            return;
        }
        syncing = true;
        try {
            double x = areas.get(source).estimatedScrollXProperty().getValue();
            for (Pane p : Pane.values()) {
                if (p != source) {
                    areas.get(p).estimatedScrollXProperty().setValue(x);
                    scrolls.get(p).layout();
                }
            }
        } finally {
            syncing = false;
        }
    }

    private final Set<Pane> pendingY = EnumSet.noneOf(Pane.class);
    private final Set<Pane> pendingX = EnumSet.noneOf(Pane.class);
    private boolean syncScheduled;

    private void scheduleSync(Pane p, boolean horizontal) {
        (horizontal ? pendingX : pendingY).add(p);
        if (!syncScheduled) {
            syncScheduled = true;
            if (root.getScene() != null) {
                // runs after this pulse's layout (see syncAfterLayout): the driver has its new top line by then
                Platform.requestNextPulse();
            } else {
                Platform.runLater(this::runPendingSync);
            }
        }
    }

    /**
     * Post-layout pulse listener. The driver's scroll position changes while the pulse lays it out; following it
     * here and laying the followers out at once puts all panes in step in the same pulse, instead of one pulse for
     * the driver and another (after a runLater) for the rest.
     */
    private final Runnable syncAfterLayout = () -> {
        if (syncScheduled) {
            runPendingSync();
        }
        // after the sync, so that the followers' scroll bars show where the sync put them, in this same frame
        for (Scroller sc : scrolls.values()) {
            sc.refreshIfMoved();
        }
    };

    private void runPendingSync() {
        syncScheduled = false;
        List<Pane> ys = new ArrayList<>(pendingY);
        List<Pane> xs = new ArrayList<>(pendingX);
        pendingY.clear();
        pendingX.clear();
        for (Pane p : ys) {
            areas.get(p).estimatedScrollYProperty().getValue(); // re-arms the invalidation notification
        }
        for (Pane p : xs) {
            areas.get(p).estimatedScrollXProperty().getValue();
        }
        if (ys.contains(driver)) {
            syncFrom(driver);
        }
        if (xs.contains(driver)) {
            syncX(driver);
        }
    }

    private boolean isDriver(Pane p) {
        return driver == p;
    }

    /**
     * A text pane with its scroll bars, like Flowless's VirtualizedScrollPane but with the bars updated once per
     * pulse (from the View's post-layout listener) instead of bound. VirtualizedScrollPane binds each bar both ways
     * to the area's scroll estimates; those are invalidated by every line laid out, and the bars' change listeners
     * recompute them each time: a third of the time to scroll a screen in three panes went there. The area scrolls
     * itself on the mouse wheel and keys (Flowless's VirtualFlow handles those); the bars only show the position
     * and move the area when dragged or clicked.
     */
    static final class Scroller extends Region {

        private final CodeArea area;
        private final javafx.scene.control.ScrollBar vbar = new javafx.scene.control.ScrollBar();
        private final javafx.scene.control.ScrollBar hbar = new javafx.scene.control.ScrollBar();
        private boolean moved = true;
        private boolean updating;

        Scroller(CodeArea area) {
            this.area = area;
            getStyleClass().add("pane-scroller");
            vbar.setOrientation(Orientation.VERTICAL);
            hbar.setOrientation(Orientation.HORIZONTAL);
            vbar.setVisible(false);
            hbar.setVisible(false);
            vbar.setUnitIncrement(20);
            hbar.setUnitIncrement(20);
            getChildren().addAll(area, vbar, hbar);
            InvalidationListener mark = o -> {
                if (!moved) {
                    moved = true;
                    Platform.requestNextPulse();
                }
            };
            area.totalHeightEstimateProperty().addListener(mark);
            area.totalWidthEstimateProperty().addListener(mark);
            area.estimatedScrollYProperty().addListener(mark);
            area.estimatedScrollXProperty().addListener(mark);
            area.widthProperty().addListener(mark);
            area.heightProperty().addListener(mark);
            vbar.valueProperty().addListener((o, was, v) -> {
                if (!updating) {
                    area.estimatedScrollYProperty().setValue(v.doubleValue());
                }
            });
            hbar.valueProperty().addListener((o, was, v) -> {
                if (!updating) {
                    area.estimatedScrollXProperty().setValue(v.doubleValue());
                }
            });
        }

        CodeArea area() {
            return area;
        }

        /** Brings the bars up to date if the area scrolled or changed size since the last time. */
        void refreshIfMoved() {
            if (!moved || getScene() == null) {
                return;
            }
            moved = false;
            // reading each value re-arms its invalidation listener
            double totalH = area.totalHeightEstimateProperty().getValue();
            double totalW = area.totalWidthEstimateProperty().getValue();
            double y = area.estimatedScrollYProperty().getValue();
            double x = area.estimatedScrollXProperty().getValue();
            boolean needV = needsBar(totalH, area.getHeight());
            boolean needH = needsBar(totalW, area.getWidth());
            updating = true;
            try {
                update(vbar, totalH, area.getHeight(), y);
                update(hbar, totalW, area.getWidth(), x);
            } finally {
                updating = false;
            }
            if (needV != vbar.isVisible() || needH != hbar.isVisible()) {
                requestLayout(); // an edit made the text longer or shorter than the pane
            }
        }

        /** Whether content of {@code total} size overflows a viewport of {@code viewport} (half a pixel of slack). */
        private static boolean needsBar(double total, double viewport) {
            return total > viewport + 0.5;
        }

        /** The bar's range is the scrollable distance; the thumb is to the track as the viewport to the content. */
        private static void update(javafx.scene.control.ScrollBar bar, double total, double viewport, double offset) {
            double range = Math.max(0, total - viewport);
            bar.setMin(0);
            bar.setMax(range);
            bar.setVisibleAmount(total <= 0 ? range : range * viewport / total);
            bar.setBlockIncrement(Math.max(1, viewport * 0.9));
            bar.setValue(Math.max(0, Math.min(range, offset)));
        }

        /**
         * Whether a bar is needed depends on the laid-out area; deciding it here, in the same pass, spares a second
         * layout of every visible line one pulse later (the first frame of a long note would show no bars).
         */
        @Override
        protected void layoutChildren() {
            for (int pass = 0; pass < 3; pass++) {
                double w = getWidth();
                double h = getHeight();
                double vw = vbar.isVisible() ? vbar.prefWidth(-1) : 0;
                double hh = hbar.isVisible() ? hbar.prefHeight(-1) : 0;
                area.resizeRelocate(0, 0, Math.max(0, w - vw), Math.max(0, h - hh));
                vbar.resizeRelocate(w - vw, 0, vw, Math.max(0, h - hh));
                hbar.resizeRelocate(0, h - hh, Math.max(0, w - vw), hh);
                area.layout();
                boolean needV = needsBar(area.totalHeightEstimateProperty().getValue(), area.getHeight());
                boolean needH = needsBar(area.totalWidthEstimateProperty().getValue(), area.getWidth());
                if (needV == vbar.isVisible() && needH == hbar.isVisible()) {
                    break;
                }
                vbar.setVisible(needV);
                hbar.setVisible(needH);
                moved = true;
            }
        }

        @Override
        protected double computePrefWidth(double height) {
            return area.prefWidth(-1) + (vbar.isVisible() ? vbar.prefWidth(-1) : 0);
        }

        @Override
        protected double computePrefHeight(double width) {
            return area.prefHeight(-1) + (hbar.isVisible() ? hbar.prefHeight(-1) : 0);
        }

        @Override
        protected double computeMinWidth(double height) {
            return vbar.minWidth(-1);
        }

        @Override
        protected double computeMinHeight(double width) {
            return hbar.minHeight(-1);
        }
    }
}
