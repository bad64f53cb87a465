package concord.ui.notes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.app.DesktopWindows;
import concord.client.ApiResult;
import concord.client.Draft;
import concord.client.FileDraftStore;
import concord.merge.HistogramMerger;
import concord.model.Note;
import concord.model.NoteContent;
import concord.ui.merge.MergeConflictHandler;
import concord.ui.merge.MergeDialogViewModel;
import concord.ui.testkit.DesktopUiKit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Save all with two conflicted notes, in a real window against the real server and the real merge dialog:
 * the reasons appear, each note is resolved with "Use merged", nothing reaches the server between the two
 * dialogs, and one transaction then writes both merges.
 */
class SaveAllResolveOnlyTest {

    private static final String GROCERIES = "milk\nbutter\ncheese\n";
    private static final String ERRANDS = "post office\nbank\n";

    @RegisterExtension
    final DesktopUiKit kit = new DesktopUiKit();

    @BeforeEach
    void start() {
        kit.seed("groceries", "Groceries", GROCERIES);
        kit.seed("errands", "Errands", ERRANDS);
    }

    @Test
    void saveAllWithTwoConflictedNotesResolvesBothInTheDialogAndWritesThemInOneTransaction() {
        DesktopWindows app = kit.newApp((owner, io) -> new MergeConflictHandler(owner, io, new HistogramMerger()));
        DesktopWindows.OpenWindow alice = kit.open(app, "Alice", 0);
        var robot = kit.robot;

        robot.clickOn(kit.labelled(alice, "Groceries"));
        await().atMost(DesktopUiKit.WAIT).until(() -> GROCERIES.equals(kit.text(alice, "#body")));
        kit.clickInto(alice, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.END).write("eggs\n");
        robot.clickOn(kit.labelled(alice, "Errands"));
        await().atMost(DesktopUiKit.WAIT).until(() -> ERRANDS.equals(kit.text(alice, "#body")));
        kit.clickInto(alice, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.END).write("library\n");
        await().atMost(DesktopUiKit.WAIT).until(() -> new FileDraftStore(kit.draftsDir("Alice")).all().size() == 2);

        // Bob changes the first line of both notes: clean merges, but both of Alice's If-Match are stale now.
        Note bobsGroceries = bobSaves("groceries", "oat milk\nbutter\ncheese\n");
        Note bobsErrands = bobSaves("errands", "post office (closes at 5)\nbank\n");
        List<String> notices = new ArrayList<>();
        DesktopUiKit.fx(() -> {
            alice.viewModel().noticeProperty().addListener((o, old, n) -> {
                if (n != null) {
                    notices.add(n.message());
                }
            });
            return null;
        });

        kit.activate(alice);
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S);

        // The first dialog (Errands: the set goes in id order) with the reasons for both notes in the window.
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> kit.mergeDialog().isPresent()));
        Stage first = DesktopUiKit.fx(() -> kit.mergeDialog().orElseThrow());
        String reasons = DesktopUiKit.fx(() -> ((Label) kit.find(alice, "#notice-text")).getText());
        assertTrue(reasons.startsWith("Nothing was saved.\n• Bob changed “Errands” since you loaded it\n"
                + "• Bob changed “Groceries” since you loaded it"), reasons);
        assertEquals("Errands", DesktopUiKit.fx(() -> ((MergeDialogViewModel) first.getUserData()).input().mine().title()));
        useMerged(robot, first);

        // The second dialog: the first note is resolved, yet nothing of it is on the server.
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> kit.mergeDialog().filter(s -> s != first).isPresent()));
        Stage second = DesktopUiKit.fx(() -> kit.mergeDialog().orElseThrow());
        assertNotSame(first, second);
        assertEquals("Groceries", DesktopUiKit.fx(() -> ((MergeDialogViewModel) second.getUserData()).input().mine().title()));
        assertEquals(bobsErrands, kit.onServer("errands"), "the resolved note is not saved by itself");
        assertEquals(bobsGroceries, kit.onServer("groceries"));
        String mergedErrands = "post office (closes at 5)\nbank\nlibrary\n";
        await().atMost(DesktopUiKit.WAIT).until(() -> draftOf("errands").filter(d -> mergedErrands.equals(d.mine().body())).isPresent());
        assertEquals(bobsErrands.etag(), draftOf("errands").orElseThrow().base().etag(), "the merged draft's base is theirs");
        useMerged(robot, second);

        String mergedGroceries = "oat milk\nbutter\ncheese\neggs\n";
        await().atMost(DesktopUiKit.WAIT).until(() -> mergedGroceries.equals(kit.onServer("groceries").body()));
        Note groceries = kit.onServer("groceries");
        Note errands = kit.onServer("errands");
        assertEquals(mergedErrands, errands.body());
        assertEquals(bobsGroceries.version() + 1, groceries.version(), "one write after Bob's: the transaction's");
        assertEquals(bobsErrands.version() + 1, errands.version());
        assertEquals("Alice", groceries.updatedBy());
        assertEquals("Alice", errands.updatedBy());
        await().atMost(DesktopUiKit.WAIT).until(() -> notices.contains("Saved 2 notes together."));
        await().atMost(DesktopUiKit.WAIT).until(() -> new FileDraftStore(kit.draftsDir("Alice")).all().isEmpty());
        assertFalse(DesktopUiKit.fx(() -> alice.viewModel().editor().isDirty()));
        assertEquals(errands.etag(), DesktopUiKit.fx(() -> alice.viewModel().editor().base().etag()));
        kit.assertNoIoOnFxThread();
    }

    private Note bobSaves(String id, String body) {
        Note now = kit.onServer(id);
        ApiResult<Note> r = kit.client("Bob").update(id, now.etag(), new NoteContent(now.title(), body, now.tags()));
        return ((ApiResult.Ok<Note>) r).value();
    }

    private Optional<Draft> draftOf(String key) {
        return new FileDraftStore(kit.draftsDir("Alice")).load(key);
    }

    /** Clicks the dialog's primary button, which in Save all reads "Use merged" (Alt+S, Ctrl+Enter as before). */
    private static void useMerged(org.testfx.api.FxRobot robot, Stage dialog) {
        DesktopUiKit.fx(() -> {
            dialog.toFront();
            dialog.requestFocus();
            return null;
        });
        Button primary = robot.from(robot.rootNode(dialog)).lookup("#save-merged").queryButton();
        assertEquals("U_se merged", DesktopUiKit.fx(primary::getText));
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> !primary.isDisabled()));
        robot.clickOn(primary);
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> !dialog.isShowing()));
    }
}
