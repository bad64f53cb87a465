package concord.ui.merge;

import static concord.ui.merge.ServerFixture.ok;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.client.ApiResult;
import concord.client.HttpNotesClient;
import concord.merge.HistogramMerger;
import concord.merge.MergeOptions;
import concord.merge.ThreeWayMerger;
import concord.model.Note;
import concord.model.NoteContent;
import concord.ui.conflict.ConflictOutcome;
import concord.ui.conflict.ConflictRequest;
import concord.ui.conflict.WriteAtOnce;
import concord.ui.testkit.FxWindows;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The conflict flow end to end: a real embedded server (SQLite in a temp dir), real HTTP clients, Bob's save
 * really answered 412 (or found the note gone), and the real dialog opened through {@link MergeConflictHandler}
 * in a headless JavaFX window, driven by clicks and keys.
 */
class MergeDialogFlowTest {

    private static final String BASE = "Trip plan\n\nDay 1: museum, then lunch by the river.\n\nDay 2: hike to the lake.\n\nPack: boots, map\n";

    @TempDir
    static Path dir;
    private static ServerFixture server;
    private static HttpNotesClient alice;
    private static HttpNotesClient bob;
    private static HttpNotesClient carol;

    @RegisterExtension
    final FxWindows windows = new FxWindows();
    private final FxRobot robot = windows.robot;
    private ExecutorService io;
    private Stage editor;
    private final CompletableFuture<ConflictOutcome> outcome = new CompletableFuture<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = new ServerFixture(dir);
        alice = server.client("alice");
        bob = server.client("bob");
        carol = server.client("carol");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void openEditorStandIn() throws Exception {
        io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "merge-io");
            t.setDaemon(true);
            return t;
        });
        editor = FxToolkit.setupStage(s -> {
            s.setTitle("Bob — editor");
            s.setScene(new Scene(new StackPane(new Label("Bob's editor")), 400, 300));
            s.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        io.shutdownNow();
        io.awaitTermination(5, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ helpers

    private static NoteContent body(Note n, String body) {
        return new NoteContent(n.title(), body, n.tags());
    }

    /** Bob saves over his stale base for real; the server's answer becomes the conflict the dialog handles. */
    private ConflictRequest bobSaves(Note base, NoteContent mine) {
        ApiResult<Note> r = bob.update(base.id(), base.etag(), mine);
        Note theirs;
        if (r instanceof ApiResult.Conflict<Note> c) {
            theirs = c.current();
        } else if (r instanceof ApiResult.Gone<Note>) {
            theirs = null;
        } else {
            throw new AssertionError("expected 412 or Gone, got " + r);
        }
        return new ConflictRequest(base, mine, theirs, new WriteAtOnce(bob));
    }

    private MergeDialogViewModel openDialog(ConflictRequest request) {
        return openDialog(request, new HistogramMerger());
    }

    private MergeDialogViewModel openDialog(ConflictRequest request, ThreeWayMerger merger) {
        MergeConflictHandler handler = new MergeConflictHandler(editor, io, merger);
        robot.interact(() -> handler.handle(request, o -> {
            assertTrue(javafx.application.Platform.isFxApplicationThread(), "done runs on the FX thread");
            if (!outcome.complete(o)) {
                throw new AssertionError("done called twice");
            }
        }));
        await().atMost(Duration.ofSeconds(20)).until(() -> dialog().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return (MergeDialogViewModel) dialog().orElseThrow().getUserData();
    }

    private Optional<Stage> dialog() {
        return windows.mergeDialog();
    }

    private String counter() {
        return robot.lookup("#conflict-counter").queryAs(Label.class).getText();
    }

    private String paneText(String id) {
        return robot.lookup(id).queryAs(CodeArea.class).getText();
    }

    private ConflictOutcome awaitOutcome() throws Exception {
        ConflictOutcome o = outcome.get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> dialog().isEmpty());
        return o;
    }

    private Note awaitResolved() throws Exception {
        return assertInstanceOf(ConflictOutcome.Resolved.class, awaitOutcome()).note();
    }

    private void clickButton(String text) {
        robot.clickOn(robot.lookup(n -> n instanceof Button b && b.getText().equals(text) && b.isVisible()).queryButton());
    }

    // ------------------------------------------------------------------ the proof list

    @Test
    void editsOfDifferentParagraphsAutoMergeAndTheServerHoldsBothEdits() throws Exception {
        Note base = server.create("alice", "Trip", BASE, List.of("travel"));
        server.save("alice", base, body(base, BASE.replace("hike to the lake.", "hike to the lake, swim.")));
        ConflictRequest req = bobSaves(base, body(base, BASE.replace("museum, then lunch", "old town, then lunch")));

        openDialog(req);

        assertTrue(counter().startsWith("No conflicts"), counter());
        assertFalse(robot.lookup("#save-merged").queryButton().isDisabled());
        robot.clickOn("#save-merged");

        Note saved = awaitResolved();
        String both = BASE.replace("hike to the lake.", "hike to the lake, swim.").replace("museum, then lunch", "old town, then lunch");
        assertEquals(both, saved.body());
        assertEquals(both, server.current(base.id()).body());
    }

    @Test
    void theSameLineEditedDifferentlyIsResolvedWithTakeBoth() throws Exception {
        Note base = server.create("alice", "Trip", BASE, List.of());
        server.save("alice", base, body(base, BASE.replace("Pack: boots, map", "Pack: boots, map, sunscreen")));
        ConflictRequest req = bobSaves(base, body(base, BASE.replace("Pack: boots, map", "Pack: rain jacket")));

        openDialog(req);
        assertEquals("1 of 1 conflict left", counter());
        assertTrue(robot.lookup("#save-merged").queryButton().isDisabled(), "no save while a conflict is open");
        robot.type(KeyCode.F7);
        robot.clickOn("#both-mine-first");
        assertEquals("The conflict is resolved", counter());
        robot.clickOn("#save-merged");

        Note saved = awaitResolved();
        String expected = BASE.replace("Pack: boots, map\n", "Pack: rain jacket\nPack: boots, map, sunscreen\n");
        assertEquals(expected, saved.body());
        assertEquals(expected, server.current(base.id()).body());
    }

    /**
     * The engine only proposes a word merge by default (a conflict with a suggestion, which this dialog shows as a
     * conflict until it offers suggestions); a merger that applies suggestions shows what accepting one gives.
     */
    @Test
    void anAcceptedWordMergeOfOneLineIsShownAsMergedBelowTheLineAndSaved() throws Exception {
        Note base = server.create("alice", "Trip", BASE, List.of());
        server.save("alice", base, body(base, BASE.replace("museum, then lunch", "gallery, then lunch")));
        ConflictRequest req = bobSaves(base, body(base, BASE.replace("lunch by the river", "lunch by the harbour")));

        openDialog(req, (b, m, t, o) -> new HistogramMerger().merge(b, m, t, MergeOptions.SUGGEST));

        String merged = BASE.replace("museum, then lunch by the river", "gallery, then lunch by the harbour");
        assertTrue(counter().startsWith("No conflicts"), counter());
        assertEquals(merged, paneText("#pane-result"));
        CodeArea result = robot.lookup("#pane-result").queryAs(CodeArea.class);
        assertTrue(result.getParagraph(2).getParagraphStyle().contains("chunk-resolved"),
                "the line is marked as merged automatically: " + result.getParagraph(2).getParagraphStyle());
        robot.press(KeyCode.ALT).type(KeyCode.S).release(KeyCode.ALT);

        assertEquals(merged, awaitResolved().body());
        assertEquals(merged, server.current(base.id()).body());
    }

    @Test
    void aThirdWritersSaveMakesSaveMergedReopenWithTheNewerTextAndNothingIsLost() throws Exception {
        Note base = server.create("alice", "Trip", BASE, List.of());
        Note theirs = server.save("alice", base, body(base, BASE.replace("Pack: boots, map", "Pack: boots, map, snacks")));
        ConflictRequest req = bobSaves(base, body(base, BASE.replace("Day 1: museum", "Day 1: early train, museum")));
        MergeDialogViewModel vm = openDialog(req);
        String bobsMerge = paneText("#pane-result");

        server.save("carol", theirs, body(theirs, theirs.body().replace("hike to the lake.", "hike to the lake (if dry).")));
        robot.clickOn("#save-merged");

        await().atMost(Duration.ofSeconds(20)).until(() -> vm.round() == 2 && !vm.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(dialog().isPresent(), "the dialog stays open");
        assertFalse(outcome.isDone());
        assertEquals(bobsMerge, paneText("#pane-mine"), "mine := what Bob had merged");
        assertTrue(paneText("#pane-theirs").contains("(if dry)"), "theirs := Carol's newer version");
        String all = BASE.replace("Pack: boots, map", "Pack: boots, map, snacks")
                .replace("Day 1: museum", "Day 1: early train, museum").replace("hike to the lake.", "hike to the lake (if dry).");
        assertEquals(all, paneText("#pane-result"));
        robot.clickOn("#save-merged");

        assertEquals(all, awaitResolved().body());
        assertEquals(all, server.current(base.id()).body());
    }

    @Test
    void cancelWithEscapeGoesBackToTheEditorAndWritesNothing() throws Exception {
        Note base = server.create("alice", "Trip", BASE, List.of());
        Note theirs = server.save("alice", base, body(base, BASE.replace("boots", "sandals")));
        ConflictRequest req = bobSaves(base, body(base, BASE.replace("boots", "wellies")));
        openDialog(req);

        robot.type(KeyCode.ESCAPE);

        assertInstanceOf(ConflictOutcome.Cancelled.class, awaitOutcome());
        assertEquals(theirs.etag(), server.current(base.id()).etag());
    }

    @Test
    void keepMineAsksOnceThenSavesMineAndTheirsStaysInTheHistory() throws Exception {
        Note base = server.create("alice", "Trip", BASE, List.of());
        Note theirs = server.save("alice", base, body(base, BASE.replace("boots", "sandals")));
        NoteContent mine = body(base, BASE.replace("boots", "wellies"));
        openDialog(bobSaves(base, mine));

        robot.clickOn("#keep-mine");
        assertTrue(robot.lookup(n -> n instanceof Label l && l.getText() != null && l.getText().contains("history")).tryQuery().isPresent(),
                "the confirmation says theirs stays in the history");
        clickButton("Save my version");

        assertEquals(mine.body(), awaitResolved().body());
        assertEquals(mine.body(), server.current(base.id()).body());
        assertEquals(theirs.body(), ok(bob.version(base.id(), theirs.version())).body());
    }

    @Test
    void takeTheirsAsksOnceThenKeepsTheirsAndMineStaysInTheHistory() throws Exception {
        Note base = server.create("alice", "Trip", BASE, List.of());
        Note theirs = server.save("alice", base, body(base, BASE.replace("boots", "sandals")));
        NoteContent mine = body(base, BASE.replace("boots", "wellies"));
        openDialog(bobSaves(base, mine));

        robot.clickOn("#take-theirs");
        clickButton("Use their version");

        Note now = awaitResolved();
        assertEquals(theirs.body(), now.body());
        assertEquals(theirs.body(), server.current(base.id()).body());
        assertEquals(mine.body(), ok(bob.version(base.id(), theirs.version() + 1)).body(), "mine is recoverable");
    }

    @Test
    void aNoteDeletedOnTheServerCanBeRecreatedWithMyText() throws Exception {
        Note base = server.create("alice", "Trip", BASE, List.of("travel"));
        ok(alice.delete(base.id(), base.etag()));
        NoteContent mine = body(base, BASE + "Day 3: rest\n");
        ConflictRequest req = bobSaves(base, mine);
        assertTrue(req.deletedOnServer());

        openDialog(req);
        assertEquals(mine.body(), paneText("#pane-deleted-mine"));
        robot.clickOn("#recreate");

        Note recreated = awaitResolved();
        assertEquals(base.id(), recreated.id());
        assertEquals(mine.body(), server.current(base.id()).body());
    }

    @Test
    void aTitleConflictIsShownAndResolvedLikeTheBody() throws Exception {
        Note base = server.create("alice", "Trip", BASE, List.of());
        server.save("alice", base, new NoteContent("Lake trip", BASE, List.of()));
        ConflictRequest req = bobSaves(base, new NoteContent("Weekend trip", BASE.replace("map", "map, torch"), List.of()));

        openDialog(req);
        assertEquals("1 of 1 conflict left", counter());
        assertEquals("conflict", robot.lookup("#title-state").queryAs(Label.class).getText());
        robot.clickOn("#title-use-theirs");
        assertEquals("The conflict is resolved", counter());
        robot.clickOn("#save-merged");

        Note saved = awaitResolved();
        assertEquals("Lake trip", saved.title());
        assertEquals(BASE.replace("map", "map, torch"), saved.body());
    }

    @Test
    void typingInsideAConflictResolvesIt() throws Exception {
        Note base = server.create("alice", "Trip", BASE, List.of());
        server.save("alice", base, body(base, BASE.replace("Day 2: hike to the lake.", "Day 2: boat to the lake.")));
        ConflictRequest req = bobSaves(base, body(base, BASE.replace("Day 2: hike to the lake.", "Day 2: bike to the lake.")));
        MergeDialogViewModel vm = openDialog(req);
        CodeArea result = robot.lookup("#pane-result").queryAs(CodeArea.class);
        int at = BASE.indexOf("hike");

        robot.clickOn(result);
        robot.interact(() -> result.selectRange(at, at + "hike".length()));
        robot.write("walk");

        await().atMost(Duration.ofSeconds(10)).until(() -> vm.conflictsLeftProperty().get() == 0);
        assertEquals("The conflict is resolved", counter());
        robot.clickOn("#save-merged");
        assertEquals(BASE.replace("hike", "walk"), awaitResolved().body());
    }

    @Test
    void undoMergeMakesTheCounterCountAConflictAgainAndDecidingItResolvesIt() throws Exception {
        Note base = server.create("alice", "Trip", BASE, List.of());
        server.save("alice", base, body(base, BASE.replace("museum, then lunch", "gallery, then lunch")));
        // an accepted word merge (the engine only suggests one by default)
        openDialog(bobSaves(base, body(base, BASE.replace("lunch by the river", "lunch by the harbour"))),
                (b, m, t, o) -> new HistogramMerger().merge(b, m, t, MergeOptions.SUGGEST));
        assertEquals("No conflicts — 1 change merged automatically", counter());

        robot.type(KeyCode.F7);
        robot.clickOn("#reopen-chunk");

        assertEquals("1 of 1 conflict left", counter());
        assertTrue(robot.lookup("#save-merged").queryButton().isDisabled());
        robot.clickOn("#use-theirs");
        assertEquals("The conflict is resolved", counter());
        robot.clickOn("#reset-chunk");
        assertEquals("No conflicts — 1 change merged automatically", counter(), "Reset puts the automatic merge back");
        robot.type(KeyCode.ESCAPE);
        awaitOutcome();
    }

    @Test
    void altBShowsAndHidesTheBaseWhereverTheKeyboardIs() throws Exception {
        Note base = server.create("alice", "Trip", BASE, List.of());
        server.save("alice", base, body(base, BASE.replace("boots", "sandals")));
        openDialog(bobSaves(base, body(base, BASE.replace("boots", "wellies"))));
        javafx.scene.control.ToggleButton showBase = robot.lookup("#show-base").queryAs(javafx.scene.control.ToggleButton.class);

        for (String place : List.of("#pane-result", "#title-result", "#next-conflict")) {
            robot.interact(() -> robot.lookup(place).query().requestFocus());
            boolean before = showBase.isSelected();
            robot.press(KeyCode.ALT).type(KeyCode.B).release(KeyCode.ALT);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(!before, showBase.isSelected(), "Alt+B with the keyboard in " + place);
            assertEquals(!before, robot.lookup("#pane-base").tryQuery().map(n -> n.getScene() != null && n.isVisible()).orElse(false),
                    "the base pane follows, keyboard in " + place);
        }
        robot.type(KeyCode.ESCAPE);
        awaitOutcome();
    }

    @Test
    void f7ReachesATitleConflictAndTheChoicesThenDecideTheTitle() throws Exception {
        Note base = server.create("alice", "Trip", BASE, List.of());
        server.save("alice", base, new NoteContent("Lake trip", BASE.replace("boots", "sandals"), List.of()));
        ConflictRequest req = bobSaves(base, new NoteContent("Weekend trip", BASE.replace("Day 1: museum", "Day 1: zoo"), List.of()));
        openDialog(req);
        assertEquals("1 of 1 conflict left", counter(), "only the title conflicts");

        robot.interact(() -> robot.lookup("#pane-result").query().requestFocus());
        robot.type(KeyCode.F7);

        assertTrue(robot.lookup("#title-result").query().isFocused(), "F7 took the keyboard to the merged title");
        assertEquals("Title: both changed it (undecided)", robot.lookup("#chunk-description").queryAs(Label.class).getText());
        robot.press(KeyCode.ALT, KeyCode.SHIFT).type(KeyCode.RIGHT).release(KeyCode.SHIFT, KeyCode.ALT);
        assertEquals("The conflict is resolved", counter());
        assertEquals("Title: both changed it → theirs", robot.lookup("#chunk-description").queryAs(Label.class).getText());
        robot.clickOn("#save-merged");

        Note saved = awaitResolved();
        assertEquals("Lake trip", saved.title());
        assertEquals(BASE.replace("boots", "sandals").replace("Day 1: museum", "Day 1: zoo"), saved.body());
    }

    @Test
    void theDialogIsOwnedByTheEditorWindow() throws Exception {
        Note base = server.create("alice", "Trip", BASE, List.of());
        server.save("alice", base, body(base, BASE.replace("boots", "sandals")));
        openDialog(bobSaves(base, body(base, BASE.replace("boots", "wellies"))));

        Window owner = dialog().orElseThrow().getOwner();
        assertEquals(editor, owner);
        robot.type(KeyCode.ESCAPE);
        awaitOutcome();
    }
}
