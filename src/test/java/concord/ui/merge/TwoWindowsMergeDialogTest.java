package concord.ui.merge;

import static concord.ui.testkit.FxWindows.fx;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.app.DesktopWindows;
import concord.merge.HistogramMerger;
import concord.ui.testkit.DesktopUiKit;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole product path: Alice and Bob in two real notes windows (the app's own window factory, with the merge
 * dialog plugged in exactly as DesktopApp does), one real server. Bob's stale save in the real editor opens the
 * merge dialog on their conflict (a certain merge opens nothing: {@link QuietMergeTest}); Both, mine first and
 * Save merged put both edits on the server and back into Bob's editor.
 */
class TwoWindowsMergeDialogTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ORIGINAL = "line one\nline two\nline three\n";

    @RegisterExtension
    final DesktopUiKit kit = new DesktopUiKit(WAIT);

    @BeforeEach
    void seed() {
        kit.seed("plan", "Plan", ORIGINAL, List.of());
    }

    @Test
    void bobsStaleSaveOfTheLineAliceChangedOpensTheMergeDialogAndSaveMergedKeepsBothEdits() {
        DesktopWindows app = kit.newApp((owner, io) -> new MergeConflictHandler(owner, io, new HistogramMerger()));
        DesktopWindows.OpenWindow alice = kit.open(app, "Alice", 0);
        DesktopWindows.OpenWindow bob = kit.open(app, "Bob", 1);
        var robot = kit.robot;
        robot.clickOn(kit.labelled(alice, "Plan"));
        robot.clickOn(kit.labelled(bob, "Plan"));
        await().atMost(WAIT).until(() -> ORIGINAL.equals(kit.text(alice, "#body")) && ORIGINAL.equals(kit.text(bob, "#body")));

        kit.clickInto(bob, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.HOME).push(KeyCode.DOWN).push(KeyCode.END).write(" by Bob");
        kit.clickInto(alice, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.HOME).push(KeyCode.DOWN).push(KeyCode.END).write(" by Alice");
        robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(WAIT).until(() -> "Alice".equals(kit.onServer("plan").updatedBy()));

        kit.clickInto(bob, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(WAIT).until(() -> fx(() -> kit.mergeDialog().isPresent()));
        Stage dialog = fx(() -> kit.mergeDialog().orElseThrow());
        assertEquals(bob.stage(), dialog.getOwner(), "the dialog belongs to Bob's window");
        String counter = fx(() -> ((Label) robot.from(robot.rootNode(dialog)).lookup("#conflict-counter").query()).getText());
        assertEquals("1 of 1 conflict left", counter);

        fx(() -> {
            dialog.toFront();
            dialog.requestFocus();
            return null;
        });
        robot.type(KeyCode.F7);
        robot.clickOn(robot.from(robot.rootNode(dialog)).lookup("#both-mine-first").queryButton());
        robot.clickOn(robot.from(robot.rootNode(dialog)).lookup("#save-merged").queryButton());

        String both = "line one\nline two by Bob\nline two by Alice\nline three\n";
        await().atMost(WAIT).until(() -> "Bob".equals(kit.onServer("plan").updatedBy()));
        assertEquals(both, kit.onServer("plan").body(), "the server holds both edits exactly");
        await().atMost(WAIT).until(() -> both.equals(kit.text(bob, "#body")));
        assertFalse(fx(() -> bob.viewModel().editor().isDirty()), "Bob's editor took the merged note as its new base");
        assertEquals(kit.onServer("plan").etag(), fx(() -> bob.viewModel().editor().base().etag()));
        assertTrue(fx(() -> kit.mergeDialog().isEmpty()));
        kit.assertNoIoOnFxThread();
    }
}
