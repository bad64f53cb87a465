package concord.ui.notes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.app.DesktopWindows;
import concord.model.Note;
import concord.ui.testkit.DesktopUiKit;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The status bar speaks human about the open note's version; the ETag is in its tooltip. */
class StatusBarTest {

    @RegisterExtension
    final DesktopUiKit kit = new DesktopUiKit();

    @BeforeEach
    void start() {
        kit.seed("plan", "Plan", "text\n");
    }

    @Test
    void theStatusBarSaysWhichVersionIsOpenAndWhoSavedItAndTheTooltipHasTheETag() {
        DesktopWindows app = kit.newApp();
        DesktopWindows.OpenWindow alice = kit.open(app, "Alice", 0);
        kit.robot.clickOn(kit.labelled(alice, "Plan"));
        await().atMost(DesktopUiKit.WAIT).until(() -> status(alice).startsWith("Version 1 · saved by "));

        kit.clickInto(alice, "#body");
        kit.robot.push(KeyCode.CONTROL, KeyCode.END).write("more\n");
        kit.robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(DesktopUiKit.WAIT).until(() -> status(alice).startsWith("Version 2 · saved by Alice at "));
        Note saved = kit.onServer("plan");
        String tip = DesktopUiKit.fx(() -> ((Label) kit.find(alice, "#status-etag")).getTooltip().getText());
        assertEquals("ETag " + saved.etag().header(), tip);
        assertTrue(status(alice).matches("Version 2 · saved by Alice at \\d\\d:\\d\\d"), status(alice));
        kit.assertNoIoOnFxThread();
    }

    private String status(DesktopWindows.OpenWindow w) {
        return DesktopUiKit.fx(() -> ((Label) kit.find(w, "#status-etag")).getText());
    }
}
