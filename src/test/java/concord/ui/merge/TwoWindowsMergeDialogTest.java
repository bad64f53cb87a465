package concord.ui.merge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.app.DesktopWindows;
import concord.client.ApiResult;
import concord.client.FileDraftStore;
import concord.client.HttpNotesClient;
import concord.merge.HistogramMerger;
import concord.model.Note;
import concord.model.NoteContent;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import concord.ui.Theme;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole product path: Alice and Bob in two real notes windows (the app's own window factory, with the merge
 * dialog plugged in exactly as DesktopApp does), one real server. Bob's stale save in the real editor opens the
 * merge dialog; Save merged puts both edits on the server and back into Bob's editor.
 */
class TwoWindowsMergeDialogTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ORIGINAL = "line one\nline two\nline three\n";

    @TempDir
    Path dir;
    private ConcordServer server;
    private DesktopWindows app;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        fx(() -> {
            Theme.LIGHT.apply();
            return null;
        });
        server = ConcordServer.create(ServerConfig.loopback(dir.resolve("server"))).start();
        HttpNotesClient.create(server.baseUri(), "Concord", null).createWithId("plan", new NoteContent("Plan", ORIGINAL, List.of()));
        app = new DesktopWindows(new DesktopWindows.Config(
                user -> HttpNotesClient.create(server.baseUri(), user, null),
                user -> new FileDraftStore(dir.resolve("drafts").resolve(user)),
                (api, io) -> new MergeConflictHandler(api, io, new HistogramMerger()),
                Duration.ZERO, Duration.ofMillis(300), Clock.systemDefaultZone()));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        app.awaitDrafts(WAIT);
        server.close();
    }

    @Test
    void bobsStaleSaveInTheEditorOpensTheMergeDialogAndSaveMergedKeepsBothEdits() {
        DesktopWindows.OpenWindow alice = open("Alice", 0);
        DesktopWindows.OpenWindow bob = open("Bob", 1);
        robot.clickOn(labelled(alice, "Plan"));
        robot.clickOn(labelled(bob, "Plan"));
        await().atMost(WAIT).until(() -> ORIGINAL.equals(text(alice, "#body")) && ORIGINAL.equals(text(bob, "#body")));

        clickInto(bob, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.END).write("Bob was here\n");
        clickInto(alice, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.HOME).write("Alice: ");
        robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(WAIT).until(() -> "Alice".equals(onServer().updatedBy()));

        clickInto(bob, "#body");
        robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(WAIT).until(() -> fx(() -> dialog().isPresent()));
        Stage dialog = fx(() -> dialog().orElseThrow());
        assertEquals(bob.stage(), dialog.getOwner(), "the dialog belongs to Bob's window");
        String counter = fx(() -> ((Label) robot.from(robot.rootNode(dialog)).lookup("#conflict-counter").query()).getText());
        assertTrue(counter.startsWith("No conflicts"), counter);

        fx(() -> {
            dialog.toFront();
            dialog.requestFocus();
            return null;
        });
        robot.clickOn(robot.from(robot.rootNode(dialog)).lookup("#save-merged").queryButton());

        String both = "Alice: " + ORIGINAL + "Bob was here\n";
        await().atMost(WAIT).until(() -> "Bob".equals(onServer().updatedBy()));
        assertEquals(both, onServer().body(), "the server holds both edits exactly");
        await().atMost(WAIT).until(() -> both.equals(text(bob, "#body")));
        assertFalse(fx(() -> bob.viewModel().editor().isDirty()), "Bob's editor took the merged note as its new base");
        assertEquals(onServer().etag(), fx(() -> bob.viewModel().editor().base().etag()));
        assertTrue(fx(() -> dialog().isEmpty()));
    }

    // ------------------------------------------------------------------ helpers (like the ui tests' kit)

    private Note onServer() {
        ApiResult<Note> r = HttpNotesClient.create(server.baseUri(), "Checker", null).get("plan");
        return ((ApiResult.Ok<Note>) r).value();
    }

    private DesktopWindows.OpenWindow open(String user, int half) {
        DesktopWindows.OpenWindow w = fx(() -> {
            Rectangle2D s = Screen.getPrimary().getVisualBounds();
            double width = s.getWidth() / 2;
            return app.open(user, Optional.of(new Rectangle2D(s.getMinX() + half * width, s.getMinY(), width, s.getHeight())));
        });
        await().atMost(WAIT).until(() -> fx(() -> w.viewModel().listLoaded()));
        return w;
    }

    private Optional<Stage> dialog() {
        return robot.listWindows().stream()
                .filter(w -> w instanceof Stage s && s.isShowing() && s.getUserData() instanceof MergeDialogViewModel)
                .map(w -> (Stage) w).findFirst();
    }

    /** Headless Monocle sends key presses to the window it considers focused; a click alone does not change it. */
    private void clickInto(DesktopWindows.OpenWindow w, String query) {
        fx(() -> {
            w.stage().toFront();
            w.stage().requestFocus();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.from(robot.rootNode(w.stage())).lookup(query).<Node>query());
    }

    private Node labelled(DesktopWindows.OpenWindow w, String text) {
        Predicate<Node> withText = n -> n instanceof Labeled l && text.equals(l.getText()) && n.isVisible();
        await().atMost(WAIT).until(() -> fx(() -> robot.from(robot.rootNode(w.stage())).lookup(withText).tryQuery().isPresent()));
        return robot.from(robot.rootNode(w.stage())).lookup(withText).query();
    }

    private String text(DesktopWindows.OpenWindow w, String query) {
        return fx(() -> ((TextInputControl) robot.from(robot.rootNode(w.stage())).lookup(query).query()).getText());
    }

    private static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
