package concord.ui.merge;

import static concord.ui.merge.DialogControls.confirm;
import static concord.ui.merge.DialogControls.footerBar;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The bottom bar of the three-pane variant: the colour legend, the saving spinner, and the whole-note decisions
 * (Keep mine, Take theirs, Save merged, Cancel).
 */
final class MergeFooter {

    /** Each colour of the panes and what it means, as the legend shows them: style class, words. */
    private static final String[][] LEGEND = {
        {"chunk-mine", "changed by you"}, {"chunk-theirs", "changed by them"}, {"chunk-both", "same change"},
        {"chunk-resolved", "merged automatically"}, {"chunk-conflict", "conflict"},
        {"chunk-suggested", "suggested"}, {"chunk-chosen", "decided"}, {"chunk-edited", "edited"}};

    private final VBox bar = new VBox(6);
    private final HBox row;
    private final FlowPane legend = legend();
    private final Button save = new Button("_Save merged");
    private final Button cancel = new Button("Cancel");

    MergeFooter(MergeDialogViewModel vm) {
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
        keepMine.setOnAction(e -> confirm(keepMine, "Keep your version", vm.keepMineConfirmation(), vm.keepMineConfirmButton(), vm::keepMine));
        Button takeTheirs = new Button("Take _theirs");
        takeTheirs.setId("take-theirs");
        takeTheirs.setOnAction(e -> confirm(takeTheirs, "Take their version", vm.takeTheirsConfirmation(), "Use their version", vm::takeTheirs));
        cancel.setId("cancel");
        cancel.setCancelButton(true);
        cancel.setTooltip(new Tooltip("Back to the editor; your text and the conflict stay as they are (Esc)"));
        cancel.setOnAction(e -> vm.cancel());
        keepMine.disableProperty().bind(vm.busyProperty());
        takeTheirs.disableProperty().bind(vm.busyProperty());
        ButtonBar.setButtonData(keepMine, ButtonBar.ButtonData.LEFT);
        ButtonBar.setButtonData(takeTheirs, ButtonBar.ButtonData.LEFT);
        ButtonBar.setButtonData(save, ButtonBar.ButtonData.OK_DONE);
        ButtonBar.setButtonData(cancel, ButtonBar.ButtonData.CANCEL_CLOSE);
        row = footerBar(List.of(legend, SavingSpinner.whileBusy(vm.busyProperty())), keepMine, takeTheirs, save, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().remove("merge-buttons");
        bar.getChildren().add(row);
        bar.getStyleClass().add("merge-buttons");
        // never shorter than the buttons: a ButtonBar's minimum height is less than its buttons', and below it the
        // dialog's scroller would cut them off instead of scrolling to them
        row.setMinHeight(Region.USE_PREF_SIZE);
        bar.setMinHeight(Region.USE_PREF_SIZE);
        bar.widthProperty().addListener((o, was, w) -> arrange(w.doubleValue()));
    }

    /**
     * The legend beside the buttons while one line of it fits there, else on its own line(s) above them: the
     * buttons always keep their full labels.
     */
    private void arrange(double width) {
        double others = 0;
        for (Node n : row.getChildren()) {
            if (n != legend) {
                others += n.prefWidth(-1) + row.getSpacing();
            }
        }
        double oneLine = 0;
        for (Node n : legend.getChildren()) {
            oneLine += n.prefWidth(-1) + legend.getHgap();
        }
        boolean beside = width - bar.getInsets().getLeft() - bar.getInsets().getRight() >= oneLine + others;
        if (beside && legend.getParent() != row) {
            bar.getChildren().remove(legend);
            row.getChildren().add(0, legend);
        } else if (!beside && legend.getParent() != bar) {
            row.getChildren().remove(legend);
            bar.getChildren().add(0, legend);
        }
    }

    Node node() {
        return bar;
    }

    /** Only the variant on screen answers Enter (Save merged) and Escape (Cancel). */
    void setActive(boolean active) {
        cancel.setCancelButton(active);
        save.setDefaultButton(active);
    }

    /** One line beside the buttons, or wrapped onto more above them (see {@link #arrange}). */
    private static FlowPane legend() {
        FlowPane box = new FlowPane(10, 2);
        box.setMinWidth(0);
        box.setPrefWrapLength(1100);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.getStyleClass().add("merge-legend");
        for (String[] e : LEGEND) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("legend-swatch", e[0]);
            Label l = new Label(e[1], swatch);
            l.getStyleClass().add("legend-entry");
            box.getChildren().add(l);
        }
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
