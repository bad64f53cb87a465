package concord.ui.notes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import concord.app.DesktopWindows;
import concord.model.Note;
import concord.model.NoteContent;
import concord.ui.testkit.DesktopUiKit;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two real windows on a real server with the timed refresh switched off: whatever Bob's window learns of Alice's
 * saves, it learns from the server's change feed.
 */
class LiveUpdatesTest {

    private static final String ORIGINAL = "line one\nline two\n";

    @RegisterExtension
    final DesktopUiKit kit = new DesktopUiKit();

    @BeforeEach
    void seed() {
        kit.seed("plan", "Plan", ORIGINAL);
    }

    private String feedLabel(DesktopWindows.OpenWindow w) {
        return DesktopUiKit.fx(() -> ((Label) kit.find(w, "#status-feed")).getText());
    }

    @Test
    void alicesSaveAppearsInBobsListAndInHisCleanOpenNoteWithoutAnyPolling() {
        DesktopWindows app = kit.newLiveApp();
        DesktopWindows.OpenWindow alice = kit.open(app, "Alice", 0);
        DesktopWindows.OpenWindow bob = kit.open(app, "Bob", 1);
        var robot = kit.robot;
        await().atMost(DesktopUiKit.WAIT).until(() -> "Live".equals(feedLabel(alice)) && "Live".equals(feedLabel(bob)));

        robot.clickOn(kit.labelled(alice, "Plan"));
        robot.clickOn(kit.labelled(bob, "Plan"));
        await().atMost(DesktopUiKit.WAIT).until(() -> ORIGINAL.equals(kit.text(alice, "#body"))
                && ORIGINAL.equals(kit.text(bob, "#body")));

        kit.clickInto(alice, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.HOME).write("Alice: ");
        robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(DesktopUiKit.WAIT).until(() -> "Alice".equals(kit.onServer("plan").updatedBy()));
        Note saved = kit.onServer("plan");
        await().atMost(DesktopUiKit.WAIT).until(() -> saved.body().equals(kit.text(bob, "#body")));
        assertEquals(saved.etag(), DesktopUiKit.fx(() -> bob.viewModel().editor().base().etag()),
                "Bob's clean note follows to Alice's version");

        // a note someone else creates shows in both lists
        kit.client("Carol").createWithId("carols", new NoteContent("Carol's list", "eggs\n", List.of()));
        kit.labelled(bob, "Carol's list");
        kit.labelled(alice, "Carol's list");
        kit.assertNoIoOnFxThread();
    }

    @Test
    void bobEditingTheNoteAliceSavesSeesTheBannerAtOnceAndKeepsHisText() {
        DesktopWindows app = kit.newLiveApp();
        DesktopWindows.OpenWindow alice = kit.open(app, "Alice", 0);
        DesktopWindows.OpenWindow bob = kit.open(app, "Bob", 1);
        var robot = kit.robot;
        await().atMost(DesktopUiKit.WAIT).until(() -> "Live".equals(feedLabel(bob)));
        robot.clickOn(kit.labelled(alice, "Plan"));
        robot.clickOn(kit.labelled(bob, "Plan"));
        await().atMost(DesktopUiKit.WAIT).until(() -> ORIGINAL.equals(kit.text(alice, "#body"))
                && ORIGINAL.equals(kit.text(bob, "#body")));
        kit.clickInto(bob, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.END).write("Bob was here\n");
        String bobs = ORIGINAL + "Bob was here\n";
        await().atMost(DesktopUiKit.WAIT).until(() -> bobs.equals(kit.text(bob, "#body")));

        kit.clickInto(alice, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.HOME).write("Alice: ");
        robot.push(KeyCode.CONTROL, KeyCode.S);
        // Bob has not saved: the banner comes from the feed
        await().atMost(DesktopUiKit.WAIT).until(() -> kit.visible(bob, "#conflict-banner"));
        String banner = DesktopUiKit.fx(() -> ((Label) kit.find(bob, "#conflict-text")).getText());
        org.junit.jupiter.api.Assertions.assertTrue(banner.startsWith("Alice saved a newer version"), banner);
        assertEquals(bobs, kit.text(bob, "#body"), "Bob's text is never replaced without his action");
        assertEquals("Alice", kit.onServer("plan").updatedBy(), "and nothing of Bob's was sent");
        kit.assertNoIoOnFxThread();
    }

    @Test
    void alicesPresenceShowsInBobsHeaderAsSheOpensAndTypesAndGoesWhenSheLeaves() {
        DesktopWindows app = kit.newLiveApp();
        DesktopWindows.OpenWindow alice = kit.open(app, "Alice", 0);
        DesktopWindows.OpenWindow bob = kit.open(app, "Bob", 1);
        var robot = kit.robot;
        await().atMost(DesktopUiKit.WAIT).until(() -> "Live".equals(feedLabel(alice)) && "Live".equals(feedLabel(bob)));
        robot.clickOn(kit.labelled(bob, "Plan"));
        await().atMost(DesktopUiKit.WAIT).until(() -> ORIGINAL.equals(kit.text(bob, "#body")));
        assertEquals("", presence(bob), "nobody else is there yet; Bob never sees himself");

        robot.clickOn(kit.labelled(alice, "Plan"));
        await().atMost(DesktopUiKit.WAIT).until(() -> "Alice is viewing".equals(presence(bob)));
        await().atMost(DesktopUiKit.WAIT).until(() -> "Bob is viewing".equals(presence(alice)));
        kit.clickInto(alice, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.END).write("more");
        await().atMost(DesktopUiKit.WAIT).until(() -> "Alice is editing".equals(presence(bob)));
        assertEquals(true, DesktopUiKit.fx(() -> kit.find(bob, "#presence").isVisible()));

        DesktopUiKit.fx(() -> {
            alice.stage().close();
            return null;
        });
        await().atMost(DesktopUiKit.WAIT).until(() -> "".equals(presence(bob)));
        assertEquals(false, DesktopUiKit.fx(() -> kit.find(bob, "#presence").isVisible()));
    }

    private String presence(DesktopWindows.OpenWindow w) {
        return DesktopUiKit.fx(() -> ((Label) kit.find(w, "#presence")).getText());
    }

    @Test
    void theStatusBarSaysOfflineRetryingWhileTheServerIsAwayAndLiveOnceItIsBack() {
        DesktopWindows app = kit.newLiveApp();
        DesktopWindows.OpenWindow bob = kit.open(app, "Bob", 1);
        await().atMost(DesktopUiKit.WAIT).until(() -> "Live".equals(feedLabel(bob)));
        kit.stopServer();
        await().atMost(DesktopUiKit.WAIT).until(() -> "Offline — retrying".equals(feedLabel(bob)));
        kit.startServer();
        await().atMost(DesktopUiKit.WAIT).until(() -> "Live".equals(feedLabel(bob)));
        // what was saved while it was away, or right after, reaches the window through the feed
        kit.client("Carol").createWithId("after", new NoteContent("After the outage", "", List.of()));
        kit.labelled(bob, "After the outage");
    }
}
