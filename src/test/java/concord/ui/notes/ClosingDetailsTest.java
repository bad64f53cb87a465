package concord.ui.notes;

import static concord.ui.testkit.FxWindows.fx;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.app.DesktopWindows;
import concord.client.Draft;
import concord.client.FileDraftStore;
import concord.merge.HistogramMerger;
import concord.model.Note;
import concord.model.NoteContent;
import concord.ui.merge.MergeConflictHandler;
import concord.ui.testkit.DesktopUiKit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue #11, item 5: the details a new user met while closing a session, each in a real window. */
class ClosingDetailsTest {

    private static final String ORIGINAL = "line one\nline two\nline three\n";

    @RegisterExtension
    final DesktopUiKit kit = new DesktopUiKit();

    @BeforeEach
    void seed() {
        kit.seed("plan", "Plan", ORIGINAL, List.of());
    }

    @Test
    void discardAllAsksAboutOneNoteInTheSingularAndEnterKeepsTheDrafts() {
        Note plan = kit.onServer("plan");
        FileDraftStore drafts = new FileDraftStore(kit.draftsDir("Alice"));
        drafts.save(new Draft("plan", plan, new NoteContent("Plan", ORIGINAL + "unsaved\n", List.of()), Instant.now()));
        DesktopWindows.OpenWindow alice = kit.open(kit.newApp(), "Alice", 0);
        await().atMost(DesktopUiKit.WAIT).until(() -> kit.visible(alice, "#drafts-banner"));

        kit.robot.clickOn(kit.labelled(alice, "Discard _all…"));
        DialogPane question = awaitDialog();
        assertEquals("The unsaved changes to 1 note will be deleted from this computer. This cannot be undone.",
                fx(question::getContentText));
        kit.robot.push(KeyCode.ENTER);

        await().atMost(DesktopUiKit.WAIT).until(() -> dialog().isEmpty());
        assertTrue(drafts.load("plan").isPresent(), "Enter is the safe answer: the draft is kept");
        assertTrue(kit.visible(alice, "#drafts-banner"));

        kit.robot.clickOn(kit.labelled(alice, "Discard _all…"));
        awaitDialog();
        kit.robot.press(KeyCode.ALT).type(KeyCode.D).release(KeyCode.ALT);
        await().atMost(DesktopUiKit.WAIT).until(() -> drafts.load("plan").isEmpty());
    }

    @Test
    void saveIsOfferedOnlyOnceSomethingChanged() {
        DesktopWindows.OpenWindow alice = kit.open(kit.newApp(), "Alice", 0);
        kit.robot.clickOn(kit.labelled(alice, "Plan"));
        await().atMost(DesktopUiKit.WAIT).until(() -> ORIGINAL.equals(kit.text(alice, "#body")));
        Button save = kit.find(alice, "#save-button");
        assertTrue(fx(save::isDisabled), "nothing to save yet");

        kit.clickInto(alice, "#body");
        kit.robot.write("x");
        await().atMost(DesktopUiKit.WAIT).until(() -> !fx(save::isDisabled));
        kit.robot.push(KeyCode.BACK_SPACE);
        await().atMost(DesktopUiKit.WAIT).until(() -> fx(save::isDisabled));
        kit.robot.push(KeyCode.CONTROL, KeyCode.S);
        assertEquals(1, kit.onServer("plan").version(), "Ctrl+S with nothing changed writes nothing");
    }

    @Test
    void afterRetryTheKeyboardIsBackWhereTheUserWas() {
        DesktopWindows.OpenWindow alice = kit.open(kit.newApp(), "Alice", 0);
        kit.robot.clickOn(kit.labelled(alice, "Plan"));
        await().atMost(DesktopUiKit.WAIT).until(() -> ORIGINAL.equals(kit.text(alice, "#body")));
        kit.clickInto(alice, "#body");
        kit.robot.push(KeyCode.CONTROL, KeyCode.END).write("offline line\n");
        kit.stopServer();
        kit.robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(DesktopUiKit.WAIT).until(() -> kit.visible(alice, "#notice-retry"));
        kit.startServer();

        kit.robot.clickOn(kit.<Node>find(alice, "#notice-retry"));

        await().atMost(DesktopUiKit.WAIT).until(() -> (ORIGINAL + "offline line\n").equals(kit.onServer("plan").body()));
        await().atMost(DesktopUiKit.WAIT).until(() -> !kit.visible(alice, "#notice-retry"));
        assertEquals("body", focusOwner(alice), "the keyboard is back in the body, not in the filter");
    }

    @Test
    void afterKeepMineTheKeyboardAndTheCaretAreWhereTheUserWas() {
        DesktopWindows.OpenWindow bob = bobTypingInPlan();
        kit.robot.push(KeyCode.CONTROL, KeyCode.HOME).push(KeyCode.DOWN).write("Bob: ");
        int caret = "line one\nBob: ".length();
        kit.client("Alice").update("plan", kit.onServer("plan").etag(), new NoteContent("Plan", ORIGINAL.replace("line two", "line 2"), List.of()));

        kit.robot.push(KeyCode.CONTROL, KeyCode.S);
        Stage dialog = awaitMergeDialog();
        keepMine(dialog);

        await().atMost(DesktopUiKit.WAIT).until(() -> "Bob".equals(kit.onServer("plan").updatedBy()));
        await().atMost(DesktopUiKit.WAIT).until(() -> fx(() -> kit.mergeDialog().isEmpty()) && fx(() -> !bob.viewModel().editor().isDirty()));
        assertEquals("body", focusOwner(bob), "the keyboard is back in the body, not in the filter");
        assertEquals(caret, fx(() -> kit.<TextArea>find(bob, "#body").getCaretPosition()), "the caret stayed where Bob typed");
    }

    @Test
    void afterKeepMineFromTheConflictBannerTheKeyboardIsBackInTheBody() {
        DesktopWindows.OpenWindow bob = bobTypingInPlan();
        kit.robot.push(KeyCode.CONTROL, KeyCode.END).write("Bob's line\n");
        kit.client("Alice").update("plan", kit.onServer("plan").etag(), new NoteContent("Plan", ORIGINAL.replace("line two", "line 2"), List.of()));
        kit.robot.push(KeyCode.CONTROL, KeyCode.S);
        awaitMergeDialog();
        kit.robot.push(KeyCode.ESCAPE); // not now: the conflict waits in the banner
        await().atMost(DesktopUiKit.WAIT).until(() -> kit.visible(bob, "#conflict-banner"));

        kit.activate(bob);
        kit.robot.clickOn(kit.<Node>find(bob, "#conflict-merge"));
        Stage dialog = awaitMergeDialog();
        keepMine(dialog);

        await().atMost(DesktopUiKit.WAIT).until(() -> "Bob".equals(kit.onServer("plan").updatedBy()));
        await().atMost(DesktopUiKit.WAIT).until(() -> !kit.visible(bob, "#conflict-banner"));
        assertEquals("body", focusOwner(bob), "the keyboard is back in the body, not in the filter");
    }

    @Test
    void afterAMergedSaveTheCaretIsWhereItWasInTheMergedText() {
        DesktopWindows.OpenWindow bob = bobTypingInPlan();
        kit.robot.push(KeyCode.CONTROL, KeyCode.END).write("Bob's line");
        // Alice adds a line above Bob's caret; the merge keeps both, so his caret moves down with his text.
        String alices = "Alice's first line\n";
        kit.client("Alice").update("plan", kit.onServer("plan").etag(), new NoteContent("Plan", alices + ORIGINAL, List.of()));

        kit.robot.push(KeyCode.CONTROL, KeyCode.S);
        Stage dialog = awaitMergeDialog();
        kit.robot.clickOn(kit.robot.from(kit.robot.rootNode(dialog)).lookup("#save-merged").queryButton());

        String merged = alices + ORIGINAL + "Bob's line";
        await().atMost(DesktopUiKit.WAIT).until(() -> merged.equals(kit.onServer("plan").body()));
        await().atMost(DesktopUiKit.WAIT).until(() -> merged.equals(kit.text(bob, "#body")));
        assertEquals(merged.length(), fx(() -> kit.<TextArea>find(bob, "#body").getCaretPosition()),
                "the caret is still after what Bob typed, not at the start of the note");
        assertEquals("body", focusOwner(bob));
    }

    @Test
    void aNoteDeletedWhileBobEditedItIsShownAsDeletedByWhoeverDeletedIt() {
        DesktopWindows.OpenWindow bob = bobTypingInPlan();
        kit.robot.push(KeyCode.CONTROL, KeyCode.END).write("Bob's line\n");
        kit.client("Alice").delete("plan", kit.onServer("plan").etag());

        kit.robot.push(KeyCode.CONTROL, KeyCode.S);

        Stage dialog = awaitMergeDialog();
        assertEquals("Alice deleted this note while you were editing it.", fx(() -> kit.robot.from(kit.robot.rootNode(dialog))
                .lookup(".merge-headline").queryAs(javafx.scene.control.Label.class).getText()));
        kit.robot.push(KeyCode.ESCAPE);
        await().atMost(DesktopUiKit.WAIT).until(() -> kit.visible(bob, "#conflict-banner"));
        assertEquals("Alice deleted this note on the server while you edited it. Your text is kept.",
                fx(() -> ((javafx.scene.control.Label) kit.find(bob, "#conflict-text")).getText()));
    }

    /** Bob's window with the merge dialog plugged in as the app does, "Plan" open and the keyboard in its body. */
    private DesktopWindows.OpenWindow bobTypingInPlan() {
        DesktopWindows app = kit.newApp((owner, io) -> new MergeConflictHandler(owner, io, new HistogramMerger()));
        DesktopWindows.OpenWindow bob = kit.open(app, "Bob", 1);
        kit.robot.clickOn(kit.labelled(bob, "Plan"));
        await().atMost(DesktopUiKit.WAIT).until(() -> ORIGINAL.equals(kit.text(bob, "#body")));
        kit.clickInto(bob, "#body");
        return bob;
    }

    /** Keep mine in the dialog, and yes to its question. */
    private void keepMine(Stage dialog) {
        kit.robot.clickOn(kit.robot.from(kit.robot.rootNode(dialog)).lookup("#keep-mine").queryButton());
        DialogPane confirm = awaitDialog();
        kit.robot.clickOn(fx(() -> (Button) confirm.lookupButton(confirm.getButtonTypes().get(0))));
    }

    private String focusOwner(DesktopWindows.OpenWindow w) {
        return fx(() -> {
            Node n = w.stage().getScene().getFocusOwner();
            return n == null ? null : n.getId();
        });
    }

    private Stage awaitMergeDialog() {
        await().atMost(DesktopUiKit.WAIT).until(() -> fx(() -> kit.mergeDialog().isPresent()));
        Stage dialog = fx(() -> kit.mergeDialog().orElseThrow());
        fx(() -> {
            dialog.toFront();
            dialog.requestFocus();
            return null;
        });
        return dialog;
    }

    private DialogPane awaitDialog() {
        await().atMost(DesktopUiKit.WAIT).until(() -> dialog().isPresent());
        Stage stage = dialog().orElseThrow();
        fx(() -> {
            stage.toFront();
            stage.requestFocus();
            return null;
        });
        return (DialogPane) stage.getScene().getRoot();
    }

    private Optional<Stage> dialog() {
        return fx(() -> kit.robot.listWindows().stream()
                .filter(w -> w instanceof Stage s && s.isShowing() && s.getScene() != null && s.getScene().getRoot() instanceof DialogPane)
                .map(w -> (Stage) w).findFirst());
    }
}
