package concord.ui.notes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.app.DesktopWindows;
import concord.ui.testkit.DesktopUiKit;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Multi-selection from the keyboard and Delete selected in a real window against the real server. */
class DeleteSelectedTest {

    @RegisterExtension
    final DesktopUiKit kit = new DesktopUiKit();

    @BeforeEach
    void start() {
        kit.seed("keep", "Keep", "keep me\n");
        kit.seed("errands", "Errands", "post office\n");
        kit.seed("groceries", "Groceries", "milk\n");
    }

    @Test
    void shiftDownExtendsTheSelectionAndDeleteSelectedDeletesBothNotesAfterAsking() {
        DesktopWindows app = kit.newApp();
        DesktopWindows.OpenWindow alice = kit.open(app, "Alice", 0);
        var robot = kit.robot;

        robot.clickOn(kit.labelled(alice, "Groceries")); // newest first: Groceries, Errands, Keep
        kit.activate(alice);
        robot.push(KeyCode.SHIFT, KeyCode.DOWN);
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(
                () -> List.copyOf(alice.viewModel().selectedKeys())).equals(List.of("groceries", "errands")));

        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.DELETE);
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> confirmation(robot).isPresent()));
        Stage alert = DesktopUiKit.fx(() -> confirmation(robot).orElseThrow());
        DialogPane pane = (DialogPane) alert.getScene().getRoot();
        assertEquals("Delete 2 notes?", DesktopUiKit.fx(pane::getHeaderText));
        assertTrue(kit.onServer("groceries") != null && kit.onServer("errands") != null, "nothing deleted before the answer");
        // the irreversible answer is a click or Alt+D ("_Delete"); the default button, Enter's, is Cancel
        Button delete = DesktopUiKit.fx(() -> pane.getButtonTypes().stream()
                .filter(t -> t.getText().equals("_Delete")).map(t -> (Button) pane.lookupButton(t)).findFirst().orElseThrow());
        robot.clickOn(delete);

        await().atMost(DesktopUiKit.WAIT).until(() -> kit.onServer("groceries") == null && kit.onServer("errands") == null);
        assertNotNull(kit.onServer("keep"), "the note not selected stays");
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(
                () -> alice.viewModel().visibleItems().stream().map(NoteListItem::key).toList()).equals(List.of("keep")));
        kit.assertNoIoOnFxThread();
    }

    private static Optional<Stage> confirmation(org.testfx.api.FxRobot robot) {
        return robot.listWindows().stream()
                .filter(w -> w instanceof Stage s && s.isShowing() && s.getScene() != null && s.getScene().getRoot() instanceof DialogPane)
                .map(w -> (Stage) w).findFirst();
    }
}
