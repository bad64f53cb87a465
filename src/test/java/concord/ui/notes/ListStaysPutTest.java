package concord.ui.notes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import concord.app.DesktopWindows;
import concord.ui.testkit.DesktopUiKit;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rows do not move under the pointer: a save's notice appears above the editor, not above the list, and while the
 * pointer is over the list a save changes its row where it is. Once the pointer leaves, the list is newest first again.
 */
class ListStaysPutTest {

    @RegisterExtension
    final DesktopUiKit kit = new DesktopUiKit();

    @BeforeEach
    void seed() {
        kit.seed("oldest", "Oldest", "first\n");
        kit.seed("middle", "Middle", "second\n");
        kit.seed("newest", "Newest", "third\n");
    }

    @Test
    void savingTheBottomNoteWithThePointerOnTheListMovesNoRowUntilThePointerLeaves() {
        DesktopWindows.OpenWindow alice = kit.open(kit.newApp(), "Alice", 0);
        var robot = kit.robot;
        Node oldest = kit.labelled(alice, "Oldest");
        robot.clickOn(oldest);
        await().atMost(DesktopUiKit.WAIT).until(() -> "first\n".equals(kit.text(alice, "#body")));
        Bounds before = DesktopUiKit.fx(() -> oldest.localToScreen(oldest.getBoundsInLocal()));

        // Enter goes from the list into the body; the pointer stays where it was, on the row.
        kit.activate(alice);
        robot.push(KeyCode.ENTER);
        robot.push(KeyCode.CONTROL, KeyCode.END).write("more");
        robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(DesktopUiKit.WAIT).until(() -> "first\nmore".equals(kit.onServer("oldest").body()));
        await().atMost(DesktopUiKit.WAIT).until(() -> "Saved “Oldest”.".equals(notice(alice)));
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> alice.viewModel().visibleItems().stream()
                .anyMatch(i -> i.key().equals("oldest") && "Alice".equals(i.updatedBy()))));

        assertEquals(List.of("newest", "middle", "oldest"), keys(alice), "no row moved");
        Node stillOldest = kit.labelled(alice, "Oldest");
        assertEquals(before, DesktopUiKit.fx(() -> stillOldest.localToScreen(stillOldest.getBoundsInLocal())),
                "the row is where the pointer is, also with the notice showing");

        robot.moveTo(kit.<Node>find(alice, "#body"));
        await().atMost(DesktopUiKit.WAIT).until(() -> keys(alice).equals(List.of("oldest", "newest", "middle")));
        assertEquals(List.of("oldest"), DesktopUiKit.fx(() -> kit.<ListView<NoteListItem>>find(alice, "#notes-list")
                .getSelectionModel().getSelectedItems().stream().map(NoteListItem::key).toList()), "the selection moved with its note");
        kit.assertNoIoOnFxThread();
    }

    private static List<String> keys(DesktopWindows.OpenWindow w) {
        return DesktopUiKit.fx(() -> w.viewModel().visibleItems().stream().map(NoteListItem::key).toList());
    }

    private static String notice(DesktopWindows.OpenWindow w) {
        return DesktopUiKit.fx(() -> {
            Notice n = w.viewModel().noticeProperty().get();
            return n == null ? null : n.message();
        });
    }
}
