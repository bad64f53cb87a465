package concord.ui.notes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.app.DesktopWindows;
import concord.ui.testkit.DesktopUiKit;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Window ▸ New Window… (Ctrl+Shift+N) opens another window as any user, with its own identity. */
class NewWindowTest {

    @RegisterExtension
    final DesktopUiKit kit = new DesktopUiKit();

    @BeforeEach
    void start() {
        kit.seed("plan", "Plan", "text\n");
    }

    @Test
    void ctrlShiftNAsksForAUserAndOpensAWindowActingAsThem() {
        DesktopWindows app = kit.newApp();
        DesktopWindows.OpenWindow alice = kit.open(app, "Alice", 0);
        kit.activate(alice);

        kit.robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.N).release(KeyCode.N, KeyCode.SHIFT, KeyCode.CONTROL);
        await().atMost(DesktopUiKit.WAIT).until(() -> kit.robot.lookup("#new-window-user").tryQuery().isPresent());
        kit.robot.clickOn("#new-window-user").write("Carol");
        kit.robot.push(KeyCode.ENTER);

        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> app.openWindows().size()) == 2);
        DesktopWindows.OpenWindow carol = DesktopUiKit.fx(() -> app.openWindows().get(1));
        assertEquals("Carol", carol.user());
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> carol.stage().getTitle()).equals("Concord — Carol"));
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> carol.viewModel().visibleItems().size()) == 1);
        assertTrue(DesktopUiKit.fx(() -> Window.getWindows().stream().filter(Window::isShowing).count()) >= 2);
        javafx.geometry.Rectangle2D screen = DesktopUiKit.fx(() -> javafx.stage.Screen.getPrimary().getVisualBounds());
        // Nobody placed it: most of the screen's height and at least the window's preferred width, not its minimum.
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> carol.stage().getHeight()) >= Math.floor(screen.getHeight() * 0.85)
                && DesktopUiKit.fx(() -> carol.stage().getWidth()) >= Math.min(820, screen.getWidth()));
        kit.assertNoIoOnFxThread();
    }
}
