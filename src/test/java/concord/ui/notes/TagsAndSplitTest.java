package concord.ui.notes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.app.DesktopWindows;
import concord.client.ApiResult;
import concord.model.Note;
import concord.model.NoteSummary;
import concord.ui.testkit.DesktopUiKit;
import java.util.List;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Add tag, Remove tag and Split note from the keyboard in a real window, against the real server. */
class TagsAndSplitTest {

    private static final String TRIP = "pack bags\nbook hotel\nbuy tickets\n";

    @RegisterExtension
    final DesktopUiKit kit = new DesktopUiKit();

    @BeforeEach
    void start() {
        kit.seed("keep", "Keep", "keep me\n");
        kit.seed("errands", "Errands", "post office\n");
        kit.seed("groceries", "Groceries", "milk\n");
    }

    @Test
    void addTagAndRemoveTagChangeEverySelectedNoteAndOnlyThose() {
        DesktopWindows.OpenWindow alice = kit.open(kit.newApp(), "Alice", 0);
        var robot = kit.robot;
        long groceriesVersion = kit.onServer("groceries").version();

        robot.clickOn(kit.labelled(alice, "Groceries")); // newest first: Groceries, Errands, Keep
        kit.activate(alice);
        robot.push(KeyCode.SHIFT, KeyCode.DOWN);
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(
                () -> List.copyOf(alice.viewModel().selectedKeys())).equals(List.of("groceries", "errands")));

        robot.push(KeyCode.CONTROL, KeyCode.T);
        assertEquals("Add a tag to 2 notes", kit.answerTextQuestion("#tag-name", "today"));

        await().atMost(DesktopUiKit.WAIT).until(() -> kit.onServer("groceries").tags().equals(List.of("demo", "today")));
        assertEquals(List.of("demo", "today"), kit.onServer("errands").tags());
        assertEquals(List.of("demo"), kit.onServer("keep").tags(), "not selected");
        assertEquals(groceriesVersion + 1, kit.onServer("groceries").version());
        await().atMost(DesktopUiKit.WAIT).until(() -> "Added “today” to 2 notes.".equals(notice(alice)));

        kit.activate(alice);
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.T);
        assertEquals("Remove a tag from 2 notes", kit.answerTextQuestion("#tag-name", "demo"));

        await().atMost(DesktopUiKit.WAIT).until(() -> kit.onServer("groceries").tags().equals(List.of("today")));
        assertEquals(List.of("today"), kit.onServer("errands").tags());
        assertEquals(List.of("demo"), kit.onServer("keep").tags());
        assertEquals(groceriesVersion + 2, kit.onServer("groceries").version());
        await().atMost(DesktopUiKit.WAIT).until(() -> "Removed “demo” from 2 notes.".equals(notice(alice)));
        kit.assertNoIoOnFxThread();
    }

    @Test
    void splitNoteTurnsTheSelectedLinesIntoANewNoteAndLeavesTheRestInTheOriginal() {
        kit.seed("trip", "Trip", TRIP);
        DesktopWindows.OpenWindow alice = kit.open(kit.newApp(), "Alice", 0);
        var robot = kit.robot;
        long tripVersion = kit.onServer("trip").version();

        robot.clickOn(kit.labelled(alice, "Trip"));
        await().atMost(DesktopUiKit.WAIT).until(() -> TRIP.equals(kit.text(alice, "#body")));
        kit.clickInto(alice, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.HOME);
        robot.push(KeyCode.SHIFT, KeyCode.DOWN);
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(
                () -> kit.<javafx.scene.control.TextArea>find(alice, "#body").getSelectedText()).equals("pack bags\n"));

        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.X);

        await().atMost(DesktopUiKit.WAIT).until(() -> "book hotel\nbuy tickets\n".equals(kit.onServer("trip").body()));
        assertEquals(tripVersion + 1, kit.onServer("trip").version());
        List<NoteSummary> all = ((ApiResult.Ok<List<NoteSummary>>) kit.client("Checker").list()).value();
        List<NoteSummary> split = all.stream().filter(s -> s.title().equals("pack bags")).toList();
        assertEquals(1, split.size(), all.toString());
        Note piece = kit.onServer(split.get(0).id());
        assertEquals("pack bags\n", piece.body());
        assertEquals(List.of("demo"), piece.tags(), "the new note keeps the original's tags");
        assertEquals("Alice", piece.updatedBy());
        await().atMost(DesktopUiKit.WAIT).until(() -> "book hotel\nbuy tickets\n".equals(kit.text(alice, "#body")));
        await().atMost(DesktopUiKit.WAIT).until(() -> !DesktopUiKit.fx(() -> alice.viewModel().editor().isDirty()));
        assertEquals(kit.onServer("trip").etag(), DesktopUiKit.fx(() -> alice.viewModel().editor().base().etag()));
        assertTrue(notice(alice).startsWith("Split “pack bags” off “Trip”"), notice(alice));
        assertFalse(kit.onServer("keep") == null);
        kit.assertNoIoOnFxThread();
    }

    private static String notice(DesktopWindows.OpenWindow w) {
        return DesktopUiKit.fx(() -> {
            Notice n = w.viewModel().noticeProperty().get();
            return n == null ? null : n.message();
        });
    }

}
