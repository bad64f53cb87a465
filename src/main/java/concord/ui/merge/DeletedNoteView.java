package concord.ui.merge;

import static concord.ui.merge.DialogControls.confirm;
import static concord.ui.merge.DialogControls.footerBar;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The variant for a note deleted on the server while the user edited it: their text, and Re-create with my text,
 * Discard my changes or Cancel. Rarely needed, so its nodes are made the first time it is shown, not on every open.
 */
final class DeletedNoteView {

    private final MergeDialogViewModel vm;
    private final StackPane place;
    private BorderPane body;
    private CodePane text;
    private Button recreate;
    private Button cancel;

    /** @param place where the variant goes, over the three-pane one */
    DeletedNoteView(MergeDialogViewModel vm, StackPane place) {
        this.vm = vm;
        this.place = place;
    }

    /** Shows or hides the variant; only the shown one answers Enter (Re-create) and Escape (Cancel). */
    void setShown(boolean shown) {
        if (shown) {
            build();
        }
        if (body != null) {
            body.setVisible(shown);
            body.setManaged(shown);
            cancel.setCancelButton(shown);
            recreate.setDefaultButton(shown);
        }
    }

    /** The user's text of this round. */
    void load() {
        build();
        text.area().replaceText(vm.paneText(Pane.MINE));
    }

    private void build() {
        if (body != null) {
            return;
        }
        body = new BorderPane();
        text = new CodePane("pane-deleted-mine", false, "Your text, read-only");
        text.area().getStyleClass().add("merge-pane");
        Label caption = new Label("Your text");
        caption.getStyleClass().addAll("pane-caption", "mine");
        VBox.setVgrow(text, Priority.ALWAYS);
        VBox box = new VBox(caption, text);
        box.setPadding(new Insets(8, 12, 0, 12));
        body.setCenter(box);
        recreate = new Button("_Re-create with my text");
        recreate.setId("recreate");
        recreate.setDefaultButton(true);
        recreate.getStyleClass().add("accent");
        recreate.setOnAction(e -> vm.recreate());
        Button discard = new Button("_Discard my changes");
        discard.setId("discard");
        discard.getStyleClass().add("danger");
        discard.setOnAction(e -> confirm(discard, "Discard your changes", vm.discardConfirmation(), "Discard", vm::discard));
        cancel = new Button("Cancel");
        cancel.setId("cancel-deleted");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> vm.cancel());
        recreate.disableProperty().bind(vm.busyProperty());
        discard.disableProperty().bind(vm.busyProperty());
        ButtonBar.setButtonData(discard, ButtonBar.ButtonData.LEFT);
        ButtonBar.setButtonData(recreate, ButtonBar.ButtonData.OK_DONE);
        ButtonBar.setButtonData(cancel, ButtonBar.ButtonData.CANCEL_CLOSE);
        body.setBottom(footerBar(List.of(SavingSpinner.whileBusy(vm.busyProperty())), discard, recreate, cancel));
        place.getChildren().add(body);
    }
}
