package concord.ui.notes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.app.DesktopWindows;
import concord.client.FileDraftStore;
import concord.merge.HistogramMerger;
import concord.model.Note;
import concord.model.NoteContent;
import concord.ui.merge.MergeConflictHandler;
import concord.ui.testkit.DesktopUiKit;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Save all in a real window against the real server, with the real merge dialog: Alice has unsaved edits
 * to two notes; Bob changed one of them meanwhile. Ctrl+Shift+S saves nothing, says why, the merge dialog
 * resolves the conflict, and the retry saves both notes together.
 */
class SaveAllTest {

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
    void saveAllWithOneConflictedNoteShowsWhyMergesItAndTheRetrySavesEveryNote() {
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
        robot.push(KeyCode.CONTROL, KeyCode.HOME).write("Errands: ");
        await().atMost(DesktopUiKit.WAIT).until(() -> new FileDraftStore(kit.draftsDir("Alice")).all().size() == 2);

        // Bob changes another line of Groceries: a clean three-way merge, but Alice's If-Match is stale now.
        Note bobs = ((concord.client.ApiResult.Ok<Note>) kit.client("Bob").update("groceries",
                kit.onServer("groceries").etag(), new NoteContent("Groceries", "oat milk\nbutter\ncheese\n", List.of("demo")))).value();
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

        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> kit.mergeDialog().isPresent()));
        String reasons = DesktopUiKit.fx(() -> ((Label) kit.find(alice, "#notice-text")).getText());
        assertTrue(reasons.startsWith("Nothing was saved.\n• Bob changed “Groceries” since you loaded it"), reasons);
        assertEquals(bobs, kit.onServer("groceries"), "the canceled Save all changed nothing");
        assertEquals(ERRANDS, kit.onServer("errands").body(), "not even the note without a conflict");

        Stage dialog = DesktopUiKit.fx(() -> kit.mergeDialog().orElseThrow());
        assertEquals(alice.stage(), dialog.getOwner());
        DesktopUiKit.fx(() -> {
            dialog.toFront();
            dialog.requestFocus();
            return null;
        });
        robot.clickOn(robot.from(robot.rootNode(dialog)).lookup("#save-merged").queryButton());

        String merged = "oat milk\nbutter\ncheese\neggs\n";
        String errands = "Errands: " + ERRANDS;
        await().atMost(DesktopUiKit.WAIT).until(() -> errands.equals(kit.onServer("errands").body()));
        assertEquals(merged, kit.onServer("groceries").body(), "both edits of Groceries");
        assertEquals("Alice", kit.onServer("groceries").updatedBy());
        await().atMost(DesktopUiKit.WAIT).until(() -> notices.contains("Saved 2 notes together."));
        await().atMost(DesktopUiKit.WAIT).until(() -> new FileDraftStore(kit.draftsDir("Alice")).all().isEmpty());
        assertFalse(DesktopUiKit.fx(() -> alice.viewModel().editor().isDirty()));
        assertEquals(kit.onServer("errands").etag(), DesktopUiKit.fx(() -> alice.viewModel().editor().base().etag()));
        kit.assertNoIoOnFxThread();
    }
}
