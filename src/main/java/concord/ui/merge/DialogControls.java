package concord.ui.merge;

import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/** What several parts of the merge dialog make the same way: small buttons, bottom bars, and asking before a decision. */
final class DialogControls {

    private DialogControls() {
    }

    /** A small button with a mnemonic that keeps its width when the window narrows. */
    static Button smallButton(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("small");
        b.setMnemonicParsing(true);
        b.setMinWidth(Region.USE_PREF_SIZE); // the chunk description gives way, never a button
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Asks, in a dialog owned by {@code anchor}'s window and styled like it, and runs {@code action} on OK. */
    static void confirm(Node anchor, String title, String text, String okLabel, Runnable action) {
        ButtonType ok = new ButtonType(okLabel, ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, ok, no);
        alert.setTitle(title);
        alert.setHeaderText(null);
        Window owner = anchor.getScene() == null ? null : anchor.getScene().getWindow();
        if (owner != null) {
            alert.initOwner(owner);
            alert.getDialogPane().getStylesheets().addAll(anchor.getScene().getStylesheets());
        }
        alert.getDialogPane().setPrefWidth(520);
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isPresent() && answer.get() == ok) {
            action.run();
        }
    }

    /**
     * A variant's bottom bar: {@code lead} (legend, spinner) on the left, then the buttons, each placed by its
     * {@link ButtonBar.ButtonData} (so the order follows the platform's convention), taking the rest of the width.
     */
    static HBox footerBar(List<Node> lead, Button... buttons) {
        ButtonBar bar = new ButtonBar();
        for (Button b : buttons) {
            ButtonBar.setButtonUniformSize(b, false); // each as wide as its label: room for the lead beside them
        }
        bar.getButtons().addAll(buttons);
        bar.setMinWidth(Region.USE_PREF_SIZE); // the lead gives way, never a button's label
        HBox box = new HBox(12);
        box.getChildren().addAll(lead);
        box.getChildren().add(bar);
        HBox.setHgrow(bar, Priority.ALWAYS);
        box.getStyleClass().add("merge-buttons");
        return box;
    }
}
