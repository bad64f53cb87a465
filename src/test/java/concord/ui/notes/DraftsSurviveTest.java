package concord.ui.notes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.app.DesktopWindows;
import concord.client.ApiResult;
import concord.client.Draft;
import concord.client.FileDraftStore;
import concord.model.Note;
import concord.model.NoteContent;
import concord.ui.testkit.DesktopUiKit;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server is stopped (a graceful close) between typing and saving, the app restarts: no typed character is
 * lost. The same story with a server process killed by kill -9: {@link ServerKilledBeforeSavingTest}.
 */
class DraftsSurviveTest {

    private static final String ORIGINAL = "first line\nsecond line\n";

    @RegisterExtension
    final DesktopUiKit kit = new DesktopUiKit();

    @BeforeEach
    void start() {
        kit.seed("plan", "Plan", ORIGINAL);
    }

    @Test
    void stoppingTheServerBeforeSavingLosesNothingAndTheRestartedAppRestoresTheDraftWithItsBase() {
        DesktopWindows firstRun = kit.newApp();
        DesktopWindows.OpenWindow alice = kit.open(firstRun, "Alice", 0);
        kit.robot.clickOn(kit.labelled(alice, "Plan"));
        await().atMost(DesktopUiKit.WAIT).until(() -> ORIGINAL.equals(kit.text(alice, "#body")));
        Note loaded = kit.onServer("plan");

        kit.clickInto(alice, "#body");
        kit.robot.push(KeyCode.CONTROL, KeyCode.END).write("typed while the server dies\n");
        String mine = ORIGINAL + "typed while the server dies\n";
        // Nothing saved yet: the draft reaches the disk once typing pauses.
        await().atMost(DesktopUiKit.WAIT).until(() -> new FileDraftStore(kit.draftsDir("Alice")).load("plan")
                .map(d -> d.mine().body()).equals(Optional.of(mine)));
        kit.stopServer();
        kit.robot.push(KeyCode.CONTROL, KeyCode.S);

        await().atMost(DesktopUiKit.WAIT).until(() -> kit.visible(alice, "#notice-bar"));
        String notice = DesktopUiKit.fx(() -> ((Label) kit.find(alice, "#notice-text")).getText());
        assertTrue(notice.contains("unreachable") && notice.contains("kept as a draft"), notice);
        assertTrue(kit.visible(alice, "#notice-retry"), "the failure offers Retry");
        assertEquals("● Offline", DesktopUiKit.fx(() -> ((Label) kit.find(alice, "#status-connection")).getText()));
        assertEquals(mine, kit.text(alice, "#body"), "the text is still in the editor");
        Draft onDisk = new FileDraftStore(kit.draftsDir("Alice")).load("plan").orElseThrow();
        assertEquals(mine, onDisk.mine().body());
        assertEquals(loaded.etag(), onDisk.base().etag(), "the draft remembers what it was based on");

        // The app is closed; meanwhile the server comes back and Bob saves the same note.
        DesktopUiKit.fx(() -> {
            alice.stage().close();
            return null;
        });
        kit.startServer();
        ApiResult<Note> bobs = kit.client("Bob").update("plan", loaded.etag(), new NoteContent("Plan", "Bob's version\n", List.of()));
        assertTrue(bobs.isOk(), bobs.toString());

        DesktopWindows secondRun = kit.newApp();
        DesktopWindows.OpenWindow restarted = kit.open(secondRun, "Alice", 0);
        await().atMost(DesktopUiKit.WAIT).until(() -> kit.visible(restarted, "#drafts-banner"));
        String offer = DesktopUiKit.fx(() -> ((Label) ((javafx.scene.layout.VBox) kit.find(restarted, "#drafts-banner")).getChildren().get(0)).getText());
        assertTrue(offer.startsWith("You have unsaved changes to 1 note"), offer);
        kit.robot.clickOn(kit.<Node>find(restarted, "#restore-drafts"));
        await().atMost(DesktopUiKit.WAIT).until(() -> mine.equals(kit.text(restarted, "#body")));
        assertEquals(loaded.etag(), DesktopUiKit.fx(() -> restarted.viewModel().editor().base().etag()),
                "restored with its original base");

        kit.clickInto(restarted, "#body");
        kit.robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(DesktopUiKit.WAIT).until(() -> kit.visible(restarted, "#conflict-banner"));
        assertEquals(mine, kit.text(restarted, "#body"));
        assertEquals("Bob's version\n", kit.onServer("plan").body(), "Bob's save was not overwritten");
        assertEquals(Optional.of(mine), new FileDraftStore(kit.draftsDir("Alice")).load("plan").map(d -> d.mine().body()));
        kit.assertNoIoOnFxThread();
    }
}
