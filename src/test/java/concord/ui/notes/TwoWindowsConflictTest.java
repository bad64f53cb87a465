package concord.ui.notes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.app.DesktopWindows;
import concord.client.FileDraftStore;
import concord.model.Note;
import concord.ui.testkit.DesktopUiKit;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alice and Bob, two real windows against one real server, edit the same note. */
class TwoWindowsConflictTest {

    private static final String ORIGINAL = "line one\nline two\nline three\n";

    @RegisterExtension
    final DesktopUiKit kit = new DesktopUiKit();

    @BeforeEach
    void start() {
        kit.seed("plan", "Plan", ORIGINAL);
    }

    @Test
    void bobsStaleSaveKeepsHisTextShowsTheConflictAndHisHandMergeSavesBothEdits() {
        DesktopWindows app = kit.newApp();
        DesktopWindows.OpenWindow alice = kit.open(app, "Alice", 0);
        DesktopWindows.OpenWindow bob = kit.open(app, "Bob", 1);
        var robot = kit.robot;

        robot.clickOn(kit.labelled(alice, "Plan"));
        robot.clickOn(kit.labelled(bob, "Plan"));
        await().atMost(DesktopUiKit.WAIT).until(() -> ORIGINAL.equals(kit.text(alice, "#body")) && ORIGINAL.equals(kit.text(bob, "#body")));
        assertEquals("Concord — Bob — Plan", DesktopUiKit.fx(() -> bob.stage().getTitle()));

        // Bob types first (his base is the original), then Alice saves her edit of another line.
        kit.clickInto(bob, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.END).write("Bob was here\n");
        kit.clickInto(alice, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.HOME).write("Alice: ");
        robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(DesktopUiKit.WAIT).until(() -> "Alice".equals(kit.onServer("plan").updatedBy()));
        Note alicesVersion = kit.onServer("plan");
        assertEquals("Alice: " + ORIGINAL, alicesVersion.body());

        kit.clickInto(bob, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(DesktopUiKit.WAIT).until(() -> kit.visible(bob, "#conflict-banner"));

        String bobsText = ORIGINAL + "Bob was here\n";
        assertEquals(bobsText, kit.text(bob, "#body"), "Bob's text is intact");
        assertEquals(alicesVersion, kit.onServer("plan"), "the stale save changed nothing");
        String banner = DesktopUiKit.fx(() -> ((javafx.scene.control.Label) kit.find(bob, "#conflict-text")).getText());
        assertTrue(banner.startsWith("Alice saved a newer version"), banner);
        assertEquals(bobsText, new FileDraftStore(kit.draftsDir("Bob")).load("plan").orElseThrow().mine().body(),
                "Bob's text is also safe on disk");

        // Bob merges by hand: he adds Alice's change to his text, then saves his over hers.
        kit.clickInto(bob, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.HOME).write("Alice: ");
        robot.clickOn(kit.<javafx.scene.Node>find(bob, "#conflict-save-mine"));

        String both = "Alice: " + ORIGINAL + "Bob was here\n";
        await().atMost(DesktopUiKit.WAIT).until(() -> "Bob".equals(kit.onServer("plan").updatedBy()));
        assertEquals(both, kit.onServer("plan").body(), "the server holds what both wrote");
        await().atMost(DesktopUiKit.WAIT).until(() -> !kit.visible(bob, "#conflict-banner"));
        assertFalse(DesktopUiKit.fx(() -> bob.viewModel().editor().isDirty()));
        assertEquals(kit.onServer("plan").etag(), DesktopUiKit.fx(() -> bob.viewModel().editor().base().etag()));
        await().atMost(DesktopUiKit.WAIT).until(() -> new FileDraftStore(kit.draftsDir("Bob")).all().isEmpty());
        kit.assertNoIoOnFxThread();
    }
}
