package concord.ui.merge;

import static concord.ui.merge.DialogControls.smallButton;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The line above the panes: previous/next conflict, the conflict counter, what the selected change is, the choices
 * for it (use mine, use theirs, both, undo merge, reset) and Show base.
 */
final class ChunkToolbar {

    private final HBox bar;
    private final Label counter = new Label();
    private final ToggleButton base = new ToggleButton("Show _base");

    /**
     * @param previous Shift+F7: select the previous conflict and scroll to it
     * @param next     F7
     * @param showBase shows or hides the base pane
     */
    ChunkToolbar(MergeDialogViewModel vm, Runnable previous, Runnable next, Consumer<Boolean> showBase) {
        ChunksViewModel chunks = vm.chunks();
        Button prev = smallButton("◀ _Previous", "prev-conflict", previous);
        prev.setTooltip(new Tooltip("Previous conflict (Shift+F7)"));
        Button nextButton = smallButton("_Next ▶", "next-conflict", next);
        nextButton.setTooltip(new Tooltip("Next conflict (F7)"));
        counter.setId("conflict-counter");
        counter.getStyleClass().add("conflict-counter");
        counter.textProperty().bind(vm.counterProperty());
        counter.setAccessibleRole(AccessibleRole.TEXT);
        counter.setMinWidth(Region.USE_PREF_SIZE);
        vm.conflictsLeftProperty().addListener((o, a, b) -> styleCounter(b.intValue()));
        vm.conflictsTotalProperty().addListener((o, a, b) -> styleCounter(vm.conflictsLeftProperty().get()));
        Label where = new Label();
        where.setId("chunk-description");
        where.getStyleClass().add("chunk-description");
        where.textProperty().bind(chunks.descriptionProperty());
        Button useMine = smallButton("Use _mine", "use-mine", chunks::useMine);
        useMine.setTooltip(new Tooltip("This change: take your lines (Alt+Shift+Left)"));
        Button useTheirs = smallButton("Use th_eirs", "use-theirs", chunks::useTheirs);
        useTheirs.setTooltip(new Tooltip("This change: take their lines (Alt+Shift+Right)"));
        Button bothMine = smallButton("Both, mine _first", "both-mine-first", () -> chunks.useBoth(true));
        Button bothTheirs = smallButton("B_oth, theirs first", "both-theirs-first", () -> chunks.useBoth(false));
        Button reopen = smallButton("_Undo merge", "reopen-chunk", chunks::reopen);
        reopen.setTooltip(new Tooltip("Make this change an open conflict again and decide it by hand"));
        Button reset = smallButton("_Reset", "reset-chunk", chunks::reset);
        reset.setTooltip(new Tooltip("Back to what the merge proposed for this change"));
        ObservableBooleanValue busy = vm.busyProperty();
        for (Button b : List.of(useMine, useTheirs, reset)) {
            b.disableProperty().bind(chunks.currentIsChangeProperty().not().or(busy));
        }
        for (Button b : List.of(bothMine, bothTheirs)) {
            // a title is one line: both of them would not be a title
            b.disableProperty().bind(chunks.currentIsChangeProperty().not().or(chunks.titleSelectedProperty()).or(busy));
        }
        reopen.disableProperty().bind(chunks.currentCanReopenProperty().not().or(busy));
        base.setId("show-base");
        base.setMinWidth(Region.USE_PREF_SIZE);
        where.setMinWidth(0);
        base.setMnemonicParsing(true);
        base.setTooltip(new Tooltip("Show the version you both started from above the result"));
        base.selectedProperty().addListener((o, was, on) -> showBase.accept(on));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        bar = new HBox(6, prev, nextButton, counter, new Separator(Orientation.VERTICAL), where, spring,
                useMine, useTheirs, bothMine, bothTheirs, reopen, reset, new Separator(Orientation.VERTICAL), base);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("merge-toolbar");
    }

    Node node() {
        return bar;
    }

    /**
     * Alt+B: shows or hides the base, as a click on the button does. A mnemonic would not do: JavaFX fires a toggle
     * button's mnemonic as an action without changing its state, so Alt+B did nothing.
     */
    void toggleBase() {
        base.fire();
    }

    /** Red while conflicts are open, green once none is. */
    private void styleCounter(int left) {
        counter.getStyleClass().removeAll("open", "done");
        counter.getStyleClass().add(left > 0 ? "open" : "done");
    }
}
