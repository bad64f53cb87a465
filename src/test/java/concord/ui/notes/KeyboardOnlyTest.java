package concord.ui.notes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.app.DesktopWindows;
import concord.client.ApiResult;
import concord.model.Note;
import concord.model.NoteSummary;
import concord.ui.testkit.DesktopUiKit;
import java.util.List;
import java.util.Optional;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Create, edit, undo, save, find and delete a note with the keyboard alone: no click anywhere. */
class KeyboardOnlyTest {

    @RegisterExtension
    final DesktopUiKit kit = new DesktopUiKit();

    @BeforeEach
    void start() {
        kit.seed("other", "Something else", "unrelated\n");
    }


    private Optional<Note> noteTitled(String title) {
        ApiResult<List<NoteSummary>> list = kit.client("Checker").list();
        return ((ApiResult.Ok<List<NoteSummary>>) list).value().stream()
                .filter(s -> s.title().equals(title)).findFirst().map(s -> kit.onServer(s.id()));
    }

    @Test
    void aNoteCanBeCreatedEditedSavedFoundAndDeletedWithoutTheMouse() {
        DesktopWindows app = kit.newApp();
        DesktopWindows.OpenWindow w = kit.open(app, "Alice", 0);
        kit.activate(w);
        var robot = kit.robot;

        robot.push(KeyCode.CONTROL, KeyCode.N);
        robot.write("Keyboard note").push(KeyCode.ENTER);
        robot.write("kb, test").push(KeyCode.ENTER);
        robot.write("typed without a mouse");
        robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(DesktopUiKit.WAIT).until(() -> noteTitled("Keyboard note").isPresent());
        Note created = noteTitled("Keyboard note").orElseThrow();
        assertEquals("typed without a mouse", created.body());
        assertEquals(List.of("kb", "test"), created.tags());
        assertEquals("Alice", created.updatedBy());
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> w.stage().getTitle()).equals("Concord — Alice — Keyboard note"));

        // Find it again: Ctrl+F, type, Down into the list, Enter into the body.
        robot.push(KeyCode.CONTROL, KeyCode.F);
        robot.write("Something");
        robot.push(KeyCode.DOWN);
        await().atMost(DesktopUiKit.WAIT).until(() -> "unrelated\n".equals(kit.text(w, "#body")));
        robot.push(KeyCode.CONTROL, KeyCode.F);
        robot.write("Keyboard");
        robot.push(KeyCode.DOWN);
        await().atMost(DesktopUiKit.WAIT).until(() -> "typed without a mouse".equals(kit.text(w, "#body")));
        robot.push(KeyCode.ENTER);
        robot.push(KeyCode.CONTROL, KeyCode.END).write(", then edited");
        robot.write(" by mistake");
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        await().atMost(DesktopUiKit.WAIT).until(() -> !kit.text(w, "#body").contains("mistake"));
        assertTrue(kit.text(w, "#body").startsWith("typed without a mouse"), kit.text(w, "#body"));
        String edited = kit.text(w, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(DesktopUiKit.WAIT).until(() -> kit.onServer(created.id()).version() == 2);
        assertEquals(edited, kit.onServer(created.id()).body());

        // Delete: Ctrl+Delete asks; Enter is the safe answer (Cancel), Alt+D deletes.
        robot.push(KeyCode.CONTROL, KeyCode.DELETE);
        await().atMost(DesktopUiKit.WAIT).until(() -> askingShown(robot));
        robot.push(KeyCode.ENTER);
        await().atMost(DesktopUiKit.WAIT).until(() -> !askingShown(robot));
        assertEquals(2, kit.onServer(created.id()).version(), "Enter did not delete");
        robot.push(KeyCode.CONTROL, KeyCode.DELETE);
        robot.press(KeyCode.ALT).type(KeyCode.D).release(KeyCode.ALT);
        await().atMost(DesktopUiKit.WAIT).until(() -> kit.onServer(created.id()) == null);
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> w.viewModel().editor().key() == null));
        assertTrue(kit.client("Checker").get(created.id()) instanceof ApiResult.Gone);
        kit.assertNoIoOnFxThread();
    }

    private static boolean askingShown(org.testfx.api.FxRobot robot) {
        return DesktopUiKit.fx(() -> robot.listWindows().stream().anyMatch(w -> w.isShowing() && w.getScene() != null
                && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane));
    }
}
