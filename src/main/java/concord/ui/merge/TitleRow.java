package concord.ui.merge;

import static concord.ui.merge.DialogControls.smallButton;

import concord.merge.ChunkKind;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The rows above the panes: the title (yours | the merged one, editable | theirs, aligned with the panes below,
 * with Use my title / Use their title when they differ) and the merged tags.
 */
final class TitleRow {

    private final TitleViewModel title;
    private final MergeDialogText text;
    private final GridPane grid = new GridPane();
    private final TextField mine = readOnlyField("title-mine", "Your title");
    private final TextField theirs = readOnlyField("title-theirs", "Their title");
    private final TextField result = new TextField();
    private final Label state = new Label();
    private final Button useMine;
    private final Button useTheirs;

    /**
     * @param round increments with every round of the dialog: the titles are shown again
     * @param tags  the merged tags, in words
     */
    TitleRow(TitleViewModel title, MergeDialogText text, ObservableValue<Number> round, ObservableValue<String> tags) {
        this.title = title;
        this.text = text;
        useMine = smallButton("Use m_y title", "title-use-mine", title::useMine);
        useTheirs = smallButton("Use t_heir title", "title-use-theirs", title::useTheirs);
        result.setId("title-result");
        result.setAccessibleText("Merged title, editable");
        result.textProperty().bindBidirectional(title.resultProperty());
        state.setId("title-state");
        state.getStyleClass().add("title-state");
        title.resolutionProperty().addListener((o, a, b) -> style());
        round.addListener((o, a, b) -> showRound());
        layOut(tags);
    }

    Node node() {
        return grid;
    }

    /** Puts the keyboard in the merged title (F7 reached the title conflict). */
    void focusResult() {
        result.requestFocus();
        result.end();
    }

    /** Runs {@code action} whenever the user goes into the merged title. */
    void onResultFocused(Runnable action) {
        result.focusedProperty().addListener((o, was, now) -> {
            if (now) {
                action.run();
            }
        });
    }

    private void layOut(ObservableValue<String> tags) {
        Label label = new Label("Title");
        label.getStyleClass().add("row-label");
        label.setLabelFor(result);
        HBox resultBox = new HBox(6, result, state);
        HBox.setHgrow(result, Priority.ALWAYS);
        resultBox.setAlignment(Pos.CENTER_LEFT);
        grid.add(label, 0, 0);
        grid.add(mine, 1, 0);
        grid.add(resultBox, 2, 0);
        grid.add(theirs, 3, 0);
        useMine.setMinWidth(Region.USE_PREF_SIZE);
        useTheirs.setMinWidth(Region.USE_PREF_SIZE);
        grid.add(new HBox(6, useMine, useTheirs), 4, 0);
        Label tagsLabel = new Label("Tags");
        tagsLabel.getStyleClass().add("row-label");
        Label merged = new Label();
        merged.setId("merged-tags");
        merged.textProperty().bind(tags);
        grid.add(tagsLabel, 0, 1);
        grid.add(merged, 1, 1, 4, 1);
        grid.setHgap(8);
        grid.setVgap(6);
        grid.getStyleClass().add("title-row");
        for (Region r : List.of(mine, resultBox, theirs)) {
            GridPane.setHgrow(r, Priority.ALWAYS);
            r.setMinWidth(80);
            r.setPrefWidth(200);
        }
    }

    private void showRound() {
        MergeInput.TitleMerge t = title.merge();
        if (t == null) {
            return;
        }
        mine.setText(t.mine());
        theirs.setText(t.theirs());
        // only when the titles differ: otherwise there is nothing to choose
        boolean changed = !t.mine().equals(t.theirs());
        for (Button b : List.of(useMine, useTheirs)) {
            b.setVisible(changed);
            b.setManaged(changed);
        }
        style();
    }

    /** The merged title's colour and the word beside it say how it came about. */
    private void style() {
        result.getStyleClass().removeAll("title-conflict", "title-auto", "title-decided");
        MergeInput.TitleMerge t = title.merge();
        if (t == null) {
            return;
        }
        Resolution r = title.resolutionProperty().get();
        result.getStyleClass().add(switch (r) {
            case UNRESOLVED -> "title-conflict";
            case AUTO -> t.kind() == ChunkKind.UNCHANGED ? "title-unchanged" : "title-auto";
            default -> "title-decided";
        });
        state.setText(text.titleState(r, t.kind()));
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
}
