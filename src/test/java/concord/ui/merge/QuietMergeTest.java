package concord.ui.merge;

import static concord.ui.testkit.FxWindows.fx;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.app.DesktopWindows;
import concord.client.ApiResult;
import concord.merge.HistogramMerger;
import concord.model.Note;
import concord.ui.testkit.DesktopUiKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A save that meets a 412 whose merge is certain (no conflict, no suggestion) in the real product path: Alice and
 * Bob in two notes windows of the app's own factory, the merge dialog plugged in as DesktopApp does, one real
 * server. No modal opens; Bob's window says "Merged with Alice’s changes" and offers Review and Undo.
 */
class QuietMergeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ORIGINAL = "line one\nline two\nline three\n";
    private static final String BOBS = ORIGINAL + "Bob was here\n";
    private static final String BOTH = "Alice: " + ORIGINAL + "Bob was here\n";

    @RegisterExtension
    final DesktopUiKit kit = new DesktopUiKit(WAIT);
    /** Every merge dialog that opened during the test, even for a moment. */
    private final List<String> dialogsOpened = new ArrayList<>();
    private DesktopWindows.OpenWindow bob;

    @BeforeEach
    void bobSavesOverAlicesNewerVersion() throws Exception {
        kit.seed("plan", "Plan", ORIGINAL, List.of());
        fx(() -> {
            Window.getWindows().addListener((ListChangeListener<Window>) c -> {
                while (c.next()) {
                    for (Window w : c.getAddedSubList()) {
                        if (w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Resolve conflict")) {
                            dialogsOpened.add(s.getTitle());
                        }
                    }
                }
            });
            return null;
        });
        DesktopWindows app = kit.newApp((owner, io) -> new MergeConflictHandler(owner, io, new HistogramMerger()));
        DesktopWindows.OpenWindow alice = kit.open(app, "Alice", 0);
        bob = kit.open(app, "Bob", 1);
        var robot = kit.robot;
        robot.clickOn(kit.labelled(alice, "Plan"));
        robot.clickOn(kit.labelled(bob, "Plan"));
        await().atMost(WAIT).until(() -> ORIGINAL.equals(kit.text(alice, "#body")) && ORIGINAL.equals(kit.text(bob, "#body")));
        kit.clickInto(bob, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.END).write("Bob was here\n");
        kit.clickInto(alice, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.HOME).write("Alice: ");
        robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(WAIT).until(() -> "Alice".equals(kit.onServer("plan").updatedBy()));

        kit.clickInto(bob, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(WAIT).until(() -> "Bob".equals(kit.onServer("plan").updatedBy()));
    }

    @Test
    void aCertainMergeIsSavedWithoutAModalAndBobsWindowSaysWithWhom() throws Exception {
        assertEquals(BOTH, kit.onServer("plan").body(), "the server holds both edits exactly");
        await().atMost(WAIT).until(() -> BOTH.equals(kit.text(bob, "#body")));
        assertFalse(fx(() -> bob.viewModel().editor().isDirty()), "Bob's editor took the merge as its new base");
        assertEquals(kit.onServer("plan").etag(), fx(() -> bob.viewModel().editor().base().etag()));
        await().atMost(WAIT).until(() -> kit.visible(bob, "#notice-undo"));
        assertEquals("Merged with Alice’s changes and saved.", fx(() -> kit.<Label>find(bob, "#notice-text").getText()));
        assertTrue(kit.visible(bob, "#notice-review"));
        assertEquals(List.of(), dialogsOpened, "no dialog, not even for a moment");
        kit.assertNoIoOnFxThread();
    }

    @Test
    void undoRestoresBobsTextExactlyAsANewVersionAndTheMergeStaysInTheHistory() throws Exception {
        await().atMost(WAIT).until(() -> kit.visible(bob, "#notice-undo"));
        Note merged = kit.onServer("plan");

        kit.robot.clickOn(kit.<javafx.scene.Node>find(bob, "#notice-undo"));

        await().atMost(WAIT).until(() -> kit.onServer("plan").version() == merged.version() + 1);
        Note undone = kit.onServer("plan");
        assertEquals(BOBS, undone.body(), "exactly Bob's text from before the merge");
        assertEquals("Bob", undone.updatedBy());
        await().atMost(WAIT).until(() -> BOBS.equals(kit.text(bob, "#body")));
        assertFalse(fx(() -> bob.viewModel().editor().isDirty()));
        assertEquals(undone.etag(), fx(() -> bob.viewModel().editor().base().etag()));
        ApiResult<Note> history = kit.client("Checker").version("plan", merged.version());
        assertEquals(BOTH, ((ApiResult.Ok<Note>) history).value().body(), "nothing lost: the merge is a version");
        assertEquals(List.of(), dialogsOpened);
    }

    @Test
    void reviewOpensTheDialogOnThatMergeAndSaveMergedWritesOverTheMergedVersion() throws Exception {
        await().atMost(WAIT).until(() -> kit.visible(bob, "#notice-review"));
        Note merged = kit.onServer("plan");

        kit.robot.clickOn(kit.<javafx.scene.Node>find(bob, "#notice-review"));

        await().atMost(WAIT).until(() -> fx(() -> kit.mergeDialog().isPresent()));
        Stage dialog = fx(() -> kit.mergeDialog().orElseThrow());
        assertEquals(bob.stage(), dialog.getOwner());
        var robot = kit.robot;
        String counter = fx(() -> ((Label) robot.from(robot.rootNode(dialog)).lookup("#conflict-counter").query()).getText());
        assertTrue(counter.startsWith("No conflicts"), counter);
        String headline = fx(() -> ((MergeDialogViewModel) dialog.getUserData()).headlineProperty().get());
        assertTrue(headline.startsWith("Your changes were merged with Alice’s version"), headline);
        fx(() -> {
            dialog.toFront();
            dialog.requestFocus();
            return null;
        });
        robot.clickOn(robot.from(robot.rootNode(dialog)).lookup("#save-merged").queryButton());

        // written under If-Match of the merge, not of Alice's version: no new conflict round, the dialog closes
        await().atMost(WAIT).until(() -> kit.onServer("plan").version() == merged.version() + 1);
        await().atMost(WAIT).until(() -> fx(() -> kit.mergeDialog().isEmpty()));
        assertEquals(BOTH, kit.onServer("plan").body());
        await().atMost(WAIT).until(() -> kit.onServer("plan").etag().equals(fx(() -> bob.viewModel().editor().base().etag())));
        assertEquals(1, dialogsOpened.size(), "only the one Review opened");
    }

    @Test
    void aReviewClosedWithoutADecisionLeavesTheMergeAndStillOffersUndo() throws Exception {
        await().atMost(WAIT).until(() -> kit.visible(bob, "#notice-review"));
        Note merged = kit.onServer("plan");

        kit.robot.clickOn(kit.<javafx.scene.Node>find(bob, "#notice-review"));
        await().atMost(WAIT).until(() -> fx(() -> kit.mergeDialog().isPresent()));
        Stage dialog = fx(() -> kit.mergeDialog().orElseThrow());
        fx(() -> {
            dialog.toFront();
            dialog.requestFocus();
            return null;
        });
        kit.robot.type(KeyCode.ESCAPE);

        await().atMost(WAIT).until(() -> fx(() -> kit.mergeDialog().isEmpty()));
        await().atMost(WAIT).until(() -> kit.visible(bob, "#notice-undo"));
        assertEquals(merged, kit.onServer("plan"), "nothing written");
        kit.robot.clickOn(kit.<javafx.scene.Node>find(bob, "#notice-undo"));
        await().atMost(WAIT).until(() -> BOBS.equals(kit.onServer("plan").body()));
    }
}
