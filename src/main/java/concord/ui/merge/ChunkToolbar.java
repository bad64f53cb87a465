package concord.ui.merge;

import static concord.ui.merge.DialogControls.smallButton;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
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
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The lines above the panes. First: previous/next conflict, the conflict counter and what the selected change is
 * (wrapped, never cut off). Second: the choices for it (accept the suggestion, use mine, use theirs, both, undo
 * merge, reset), Accept all suggestions, and the view toggles (soft wrap, show base). The choices wrap onto another
 * line when the window is narrow instead of pushing anything out of it.
 */
final class ChunkToolbar {

    private final VBox bar;
    private final Label counter = new Label();
    private final ToggleButton base = new ToggleButton("Show _base");

    /**
     * @param previous Shift+F7: select the previous conflict and scroll to it
     * @param next     F7
     * @param showBase shows or hides the base pane
     * @param softWrap whether long lines wrap in the panes (the toggle's state)
     */
    ChunkToolbar(MergeDialogViewModel vm, Runnable previous, Runnable next, Consumer<Boolean> showBase, BooleanProperty softWrap) {
        ChunksViewModel chunks = vm.chunks();
        MergeDialogText text = vm.text();
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
        // wraps instead of ending in "…": the line says what the selected change is and how to decide it
        where.setWrapText(true);
        where.setMinWidth(120);
        where.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(where, Priority.ALWAYS);
        Button accept = smallButton(text.acceptSuggestionLabel(), "accept-suggestion", chunks::acceptSuggestion);
        accept.setTooltip(new Tooltip(text.acceptSuggestionTooltip()));
        accept.getStyleClass().add("suggestion-button");
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
        accept.disableProperty().bind(chunks.currentHasSuggestionProperty().not().or(busy));
        Button acceptAll = smallButton(text.acceptAllSuggestionsLabel(0), "accept-all-suggestions", vm::acceptAllSuggestions);
        acceptAll.textProperty().bind(Bindings.createStringBinding(
                () -> text.acceptAllSuggestionsLabel(vm.suggestionsLeftProperty().get()), vm.suggestionsLeftProperty()));
        acceptAll.setTooltip(new Tooltip(text.acceptAllSuggestionsTooltip()));
        acceptAll.getStyleClass().add("suggestion-button");
        acceptAll.disableProperty().bind(vm.suggestionsLeftProperty().isEqualTo(0).or(busy));
        // only in a merge with suggestions: most merges have none
        for (Button b : List.of(accept, acceptAll)) {
            b.visibleProperty().bind(vm.suggestionsTotalProperty().greaterThan(0));
            b.managedProperty().bind(b.visibleProperty());
        }
        // Alt+W is the dialog's accelerator (MergeDialogView): a mnemonic would not select a toggle
        ToggleButton wrap = new ToggleButton("Soft wrap");
        wrap.setId("soft-wrap");
        wrap.setMinWidth(Region.USE_PREF_SIZE);
        wrap.setTooltip(new Tooltip("Wrap long lines in the panes (Alt+W)"));
        wrap.selectedProperty().bindBidirectional(softWrap);
        base.setId("show-base");
        base.setMinWidth(Region.USE_PREF_SIZE);
        base.setMnemonicParsing(true);
        base.setTooltip(new Tooltip("Show the version you both started from above the result"));
        base.selectedProperty().addListener((o, was, on) -> showBase.accept(on));
        for (ToggleButton t : List.of(wrap, base)) {
            t.getStyleClass().add("small");
        }

        HBox where1 = new HBox(6, prev, nextButton, counter, new Separator(Orientation.VERTICAL), where);
        where1.setAlignment(Pos.CENTER_LEFT);
        FlowPane choices = new FlowPane(6, 4, accept, useMine, useTheirs, bothMine, bothTheirs, reopen, reset, acceptAll);
        choices.setAlignment(Pos.CENTER_LEFT);
        choices.setMinWidth(0);
        choices.setPrefWrapLength(200);
        HBox.setHgrow(choices, Priority.ALWAYS);
        HBox toggles = new HBox(6, wrap, base);
        toggles.setAlignment(Pos.TOP_RIGHT);
        toggles.setMinWidth(Region.USE_PREF_SIZE);
        HBox what = new HBox(12, choices, toggles);
        what.setAlignment(Pos.TOP_LEFT);
        bar = new VBox(6, where1, what);
        bar.setMinHeight(Region.USE_PREF_SIZE); // the wrapped rows of choices stay whole: the dialog scrolls instead
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
