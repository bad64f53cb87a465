package concord.ui.notes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import concord.app.DesktopWindows;
import concord.model.Note;
import concord.ui.testkit.DesktopUiKit;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #11, defect 1, step by step as a user met it with the sample notes: a click after tagging a
 * multi-selection must open the note clicked, and what is typed then must land in that note and nowhere else.
 */
class ClickOpensTheNoteClickedTest {

    private static final String MEETING = "Attendees: Alice, Bob, Chen\n";
    private static final String CHECKLIST = "- [ ] Freeze the main branch\n- [ ] Tag the release\n";

    @RegisterExtension
    final DesktopUiKit kit = new DesktopUiKit();

    @BeforeEach
    void seedTheSampleNotes() {
        // In the order the demo seeds them: the last one is on top.
        kit.seed("groceries", "Groceries", "- oat milk\n", List.of("home"));
        kit.seed("checklist", "Release checklist", CHECKLIST, List.of("work", "release"));
        kit.seed("meeting", "Team meeting — Thursday", MEETING, List.of("work", "meetings"));
        kit.seed("welcome", "Welcome to Concord", "Concord is a note editor.\n", List.of("start here"));
    }

    @Test
    void afterTaggingTwoNotesAClickOnOneOfThemOpensItAndTypingLandsThere() {
        DesktopWindows.OpenWindow alice = kit.open(kit.newApp(), "Alice", 0);
        var robot = kit.robot;
        Note checklistBefore = kit.onServer("checklist");

        robot.clickOn(kit.labelled(alice, "Team meeting — Thursday"));
        await().atMost(DesktopUiKit.WAIT).until(() -> MEETING.equals(kit.text(alice, "#body")));
        robot.press(KeyCode.CONTROL).clickOn(kit.labelled(alice, "Release checklist")).release(KeyCode.CONTROL);
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> alice.viewModel().selectedKeys().size()) == 2);

        kit.activate(alice);
        robot.push(KeyCode.CONTROL, KeyCode.T);
        assertEquals("Add a tag to 2 notes", kit.answerTextQuestion("#tag-name", "release-2"));
        await().atMost(DesktopUiKit.WAIT).until(() -> kit.onServer("meeting").tags().contains("release-2")
                && kit.onServer("checklist").tags().contains("release-2"));
        // Wait for the list to show the new tags (the rows are replaced by the refresh).
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> alice.viewModel().visibleItems().stream()
                .filter(i -> i.key().equals("meeting")).findFirst().orElseThrow().tags().contains("release-2")));

        robot.clickOn(kit.labelled(alice, "Team meeting — Thursday"));
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(
                () -> kit.<ListView<NoteListItem>>find(alice, "#notes-list").getSelectionModel().getSelectedItems().size()) == 1);

        assertEquals(List.of("meeting"), DesktopUiKit.fx(() -> kit.<ListView<NoteListItem>>find(alice, "#notes-list")
                .getSelectionModel().getSelectedItems().stream().map(NoteListItem::key).toList()), "the row highlighted");
        await().atMost(DesktopUiKit.WAIT).until(() -> "meeting".equals(DesktopUiKit.fx(() -> alice.viewModel().editor().key())));
        assertEquals("Team meeting — Thursday", kit.text(alice, "#title"), "the editor names the note clicked");

        kit.clickInto(alice, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.END).write("Chen: minutes\n");
        robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(DesktopUiKit.WAIT).until(() -> kit.onServer("meeting").body().endsWith("Chen: minutes\n"));
        assertEquals(MEETING + "Chen: minutes\n", kit.onServer("meeting").body());
        Note checklistAfter = kit.onServer("checklist");
        assertEquals(checklistBefore.body(), checklistAfter.body(), "the other note's text is untouched");
        assertEquals(checklistBefore.version() + 1, checklistAfter.version(), "only the tag changed it");
        kit.assertNoIoOnFxThread();
    }
}
