package concord.ui.testkit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.app.DesktopWindows;
import concord.client.ApiResult;
import concord.client.FileDraftStore;
import concord.client.HttpNotesClient;
import concord.client.NotesApi;
import concord.model.Note;
import concord.model.NoteContent;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import concord.ui.Theme;
import concord.ui.conflict.ConflictHandlerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.stage.Screen;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real thing for UI tests, as a JUnit 5 extension: before each test a ConcordServer on a fresh data
 * directory; real HttpNotesClients and FileDraftStores; windows opened by the app's own factory. Every client
 * and draft store is wrapped to record calls made on the FX thread ({@link #assertNoIoOnFxThread()}). After
 * each test the windows close, their last drafts reach the disk and the server stops.
 *
 * <pre>{@code @RegisterExtension final DesktopUiKit kit = new DesktopUiKit();}</pre>
 */
public final class DesktopUiKit extends FxWindows {

    private final Duration wait;
    private Path dir;
    private ConcordServer server;
    private NotesApi checker;
    private int port;
    private final List<FxThreadRecordingNotesApi> clients = new ArrayList<>();
    private final List<FxThreadRecordingDraftStore> draftStores = new ArrayList<>();
    private final List<DesktopWindows> factories = new ArrayList<>();

    public DesktopUiKit() {
        this(WAIT);
    }

    /** A kit whose own waits (a window's list, a labelled node) last up to {@code wait}. */
    public DesktopUiKit(Duration wait) {
        this.wait = wait;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        super.beforeEach(context);
        dir = Files.createTempDirectory("concord-ui-");
        fx(() -> {
            Theme.LIGHT.apply();
            return null;
        });
        port = 0;
        startServer();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            super.afterEach(context);
            for (DesktopWindows f : factories) {
                f.awaitDrafts(wait);
            }
        } finally {
            server.close();
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Starts the server (again, after {@link #stopServer()}: on the same port and data). */
    public void startServer() {
        ServerConfig config = ServerConfig.loopback(dir.resolve("server"));
        server = ConcordServer.create(port == 0 ? config : config.withPort(port)).start();
        port = server.port();
    }

    public void stopServer() {
        server.close();
        checker = null;
    }

    /** A client outside any window: another user writing, or the test checking what the server holds. */
    public NotesApi client(String user) {
        return HttpNotesClient.create(server.baseUri(), user, null);
    }

    /** A note as the sample notes are made (by "Concord", tagged "demo"). */
    public Note seed(String id, String title, String body) {
        return seed(id, title, body, List.of("demo"));
    }

    public Note seed(String id, String title, String body, List<String> tags) {
        ApiResult<Note> r = client("Concord").createWithId(id, new NoteContent(title, body, tags));
        return ((ApiResult.Ok<Note>) r).value();
    }

    /** The note as the server holds it now, or {@code null} when it does not exist (or was deleted). */
    public Note onServer(String id) {
        if (checker == null) {
            checker = client("Checker");
        }
        ApiResult<Note> r = checker.get(id);
        return r instanceof ApiResult.Ok<Note> ok ? ok.value() : null;
    }

    public Path draftsDir(String user) {
        return dir.resolve("drafts").resolve(user);
    }

    /** A fresh window factory, as a new start of the app would build (same draft directories). */
    public DesktopWindows newApp() {
        return newApp(ConflictHandlerFactory.KEEP_PENDING);
    }

    /** The same, with this conflict handler (e.g. the real merge dialog) in every window. */
    public DesktopWindows newApp(ConflictHandlerFactory conflicts) {
        DesktopWindows windows = new DesktopWindows(new DesktopWindows.Config(
                user -> {
                    FxThreadRecordingNotesApi api = new FxThreadRecordingNotesApi(HttpNotesClient.create(server.baseUri(), user, null));
                    clients.add(api);
                    return api;
                },
                user -> {
                    FxThreadRecordingDraftStore store = new FxThreadRecordingDraftStore(new FileDraftStore(draftsDir(user)));
                    draftStores.add(store);
                    return store;
                },
                conflicts, Duration.ZERO, Duration.ofMillis(300), Clock.systemDefaultZone()));
        factories.add(windows);
        return windows;
    }

    /** Opens a window as {@code user} in the left or right half of the screen, and waits for its list. */
    public DesktopWindows.OpenWindow open(DesktopWindows app, String user, int half) {
        DesktopWindows.OpenWindow w = fx(() -> {
            Rectangle2D s = Screen.getPrimary().getVisualBounds();
            double width = s.getWidth() / 2;
            return app.open(user, Optional.of(new Rectangle2D(s.getMinX() + half * width, s.getMinY(), width, s.getHeight())));
        });
        await().atMost(wait).until(() -> fx(() -> w.viewModel().listLoaded()));
        return w;
    }

    /**
     * Brings a window to the front and gives it the keyboard. Headless Monocle sends the glass robot's key
     * presses to the window it considers focused, which a click alone does not change.
     */
    public void activate(DesktopWindows.OpenWindow w) {
        fx(() -> {
            w.stage().toFront();
            w.stage().requestFocus();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Activates the window and clicks into the node (e.g. the body), so typing and shortcuts go there. */
    public void clickInto(DesktopWindows.OpenWindow w, String query) {
        activate(w);
        robot.clickOn(this.<Node>find(w, query));
    }

    public <T extends Node> T find(DesktopWindows.OpenWindow w, String query) {
        return robot.from(robot.rootNode(w.stage())).lookup(query).query();
    }

    /** A labelled node (list title, button...) with exactly this text, in one window. */
    public Node labelled(DesktopWindows.OpenWindow w, String text) {
        Predicate<Node> withText = n -> n instanceof Labeled l && text.equals(l.getText()) && n.isVisible();
        // Cells appear on the next layout pulse after the list changes.
        await().atMost(wait).until(() -> fx(() -> robot.from(robot.rootNode(w.stage())).lookup(withText).tryQuery().isPresent()));
        return robot.from(robot.rootNode(w.stage())).lookup(withText).query();
    }

    public String text(DesktopWindows.OpenWindow w, String query) {
        return fx(() -> ((TextInputControl) find(w, query)).getText());
    }

    public boolean visible(DesktopWindows.OpenWindow w, String query) {
        return fx(() -> {
            Node n = find(w, query);
            return n != null && n.isVisible();
        });
    }

    /**
     * Answers the text question that is showing (Add tag…, New window…): types {@code text} into its field
     * {@code fieldQuery} and presses its OK button; returns the question's header.
     */
    public String answerTextQuestion(String fieldQuery, String text) {
        await().atMost(wait).until(() -> fx(() -> question().isPresent()));
        javafx.stage.Stage stage = fx(() -> question().orElseThrow());
        javafx.scene.control.DialogPane pane = (javafx.scene.control.DialogPane) stage.getScene().getRoot();
        fx(() -> {
            stage.toFront();
            stage.requestFocus();
            return null;
        });
        javafx.scene.control.TextField field = robot.from(pane).lookup(fieldQuery).query();
        robot.clickOn(field).write(text);
        await().atMost(wait).until(() -> text.equals(fx(field::getText)));
        robot.clickOn(fx(() -> (javafx.scene.control.Button) pane.lookupButton(javafx.scene.control.ButtonType.OK)));
        await().atMost(wait).until(() -> fx(() -> !stage.isShowing()));
        return fx(pane::getHeaderText);
    }

    private Optional<javafx.stage.Stage> question() {
        return robot.listWindows().stream()
                .filter(w -> w instanceof javafx.stage.Stage s && s.isShowing() && s.getScene() != null
                        && s.getScene().getRoot() instanceof javafx.scene.control.DialogPane)
                .map(w -> (javafx.stage.Stage) w).findFirst();
    }

    public void assertNoIoOnFxThread() {
        int calls = 0;
        for (FxThreadRecordingNotesApi c : clients) {
            assertEquals(List.of(), List.copyOf(c.callsOnFxThread), "HTTP calls made on the FX thread");
            calls += c.calls.get();
        }
        for (FxThreadRecordingDraftStore d : draftStores) {
            assertEquals(List.of(), List.copyOf(d.callsOnFxThread), "draft I/O on the FX thread");
        }
        assertTrue(calls > 0, "the windows made HTTP calls at all");
    }
}
