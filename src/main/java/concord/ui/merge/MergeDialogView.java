package concord.ui.merge;

import concord.ui.merge.MergeDialogViewModel.Mode;
import java.util.EnumMap;
import java.util.Map;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.scene.AccessibleRole;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The merge dialog's window content, assembled from its parts: the header (what happened), the title row, the
 * chunk toolbar, the panes ({@link MergePanes}: {@link CodePane}s kept in step by {@link ScrollSync} and styled by
 * {@link PaneStyler}), the footer, and the deleted-note variant. It binds them to {@link MergeDialogViewModel} and
 * switches between the two variants; the parts do the rest.
 */
public final class MergeDialogView {

    private final MergeDialogViewModel vm;
    private final BorderPane root = new BorderPane();
    private final BorderPane mergeBody = new BorderPane();
    private final StackPane centre = new StackPane();
    private final MergePanes panes;
    private final MergeFooter footer;
    private final DeletedNoteView deleted;
    private final TitleRow title;
    private final ChunkToolbar toolbar;

    public MergeDialogView(MergeDialogViewModel vm) {
        this.vm = vm;
        root.getStyleClass().add("merge-dialog");
        root.setPrefSize(1200, 760);
        Map<Pane, CodePane> codePanes = new EnumMap<>(Pane.class);
        for (Pane p : Pane.values()) {
            CodePane pane = new CodePane("pane-" + p.name().toLowerCase(), p == Pane.RESULT, switch (p) {
                case MINE -> "Your version, read-only";
                case BASE -> "The version you started from, read-only";
                case RESULT -> "Merged result, editable";
                case THEIRS -> "Their version, read-only";
            });
            pane.area().getStyleClass().add("merge-pane");
            codePanes.put(p, pane);
        }
        root.setTop(header());
        title = new TitleRow(vm.title(), vm.text(), vm.revisionProperty(), vm.tagsTextProperty());
        title.onResultFocused(vm.chunks()::selectTitle);
        panes = new MergePanes(vm, codePanes, new PaneStyler(vm), new ScrollSync(codePanes, vm, root));
        toolbar = new ChunkToolbar(vm, this::previous, this::next, panes::showBase);
        footer = new MergeFooter(vm);
        VBox top = new VBox(8, title.node(), toolbar.node());
        top.setPadding(new Insets(8, 12, 8, 12));
        mergeBody.setTop(top);
        mergeBody.setCenter(panes.node());
        mergeBody.setBottom(footer.node());
        centre.getChildren().add(mergeBody);
        root.setCenter(centre);
        deleted = new DeletedNoteView(vm, centre);
        vm.revisionProperty().addListener((o, a, b) -> showRound());
        vm.modeProperty().addListener((o, a, b) -> showMode());
        showMode();
    }

    public Parent root() {
        return root;
    }

    /** Keyboard shortcuts that are not mnemonics. Call once the root is in a scene. */
    public void installAccelerators(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F7), this::next);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F7, KeyCombination.SHIFT_DOWN), this::previous);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), vm::saveMerged);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN, KeyCombination.SHIFT_DOWN), vm.chunks()::useMine);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.ALT_DOWN, KeyCombination.SHIFT_DOWN), vm.chunks()::useTheirs);
        // A filter on the window, which sees a key before the scene does: the scene would take Alt+B for the button's
        // mnemonic, and a focused control (the panes, a field) could take it too.
        KeyCombination showBase = new KeyCodeCombination(KeyCode.B, KeyCombination.ALT_DOWN);
        EventHandler<KeyEvent> altB = e -> {
            if (showBase.match(e) && vm.modeProperty().get() == Mode.MERGE) {
                e.consume();
                toolbar.toggleBase();
            }
        };
        scene.windowProperty().addListener((o, old, window) -> {
            if (old != null) {
                old.removeEventFilter(KeyEvent.KEY_PRESSED, altB);
            }
            if (window != null) {
                window.addEventFilter(KeyEvent.KEY_PRESSED, altB);
            }
        });
    }

    /** What happened (the headline), what is going on (the notice) and what went wrong (the error). */
    private VBox header() {
        Label headline = new Label();
        headline.getStyleClass().add("merge-headline");
        headline.textProperty().bind(vm.headlineProperty());
        headline.setWrapText(true);
        Label notice = new Label();
        notice.getStyleClass().add("merge-notice");
        notice.textProperty().bind(vm.noticeProperty());
        notice.setWrapText(true);
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());
        notice.visibleProperty().bind(notice.managedProperty());
        Label error = new Label();
        error.getStyleClass().add("merge-error");
        error.setId("merge-error");
        error.textProperty().bind(vm.errorProperty());
        error.setWrapText(true);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        error.setAccessibleRole(AccessibleRole.TEXT);
        VBox header = new VBox(4, headline, notice, error);
        header.getStyleClass().add("merge-header");
        return header;
    }

    private void next() {
        vm.chunks().next();
        showCurrent();
    }

    private void previous() {
        vm.chunks().previous();
        showCurrent();
    }

    /** The change F7 selected: the title's field, or the chunk in the panes. */
    private void showCurrent() {
        if (vm.chunks().titleSelectedProperty().get()) {
            title.focusResult();
        } else {
            panes.scrollToCurrent();
        }
    }

    /** A new round: the texts of the variant on screen. */
    private void showRound() {
        if (vm.modeProperty().get() == Mode.DELETED) {
            deleted.load();
        } else {
            panes.reload();
        }
    }

    private void showMode() {
        boolean isDeleted = vm.modeProperty().get() == Mode.DELETED;
        deleted.setShown(isDeleted);
        mergeBody.setVisible(!isDeleted);
        mergeBody.setManaged(!isDeleted);
        footer.setActive(!isDeleted);
    }
}
