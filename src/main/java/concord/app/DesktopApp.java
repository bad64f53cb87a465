package concord.app;

import concord.client.FileDraftStore;
import concord.client.HttpNotesClient;
import concord.merge.HistogramMerger;
import concord.ui.conflict.ConflictHandlerFactory;
import concord.ui.merge.MergeConflictHandler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The JavaFX application (launched by {@link DesktopCommand}; not the jar's main class, see Main).
 * {@link #init()} runs on the launcher thread, so starting or probing the embedded server never blocks
 * the FX thread.
 */
public final class DesktopApp extends Application {

    /**
     * The one place the merge dialog plugs in: each window gets {@code forWindow(itsStage, itsIoExecutor)}.
     * The three-way merge dialog (concord.ui.merge) handles every 412 and deleted-on-save.
     */
    static final ConflictHandlerFactory CONFLICTS = (owner, io) -> new MergeConflictHandler(owner, io, new HistogramMerger());

    static final Duration REFRESH_EVERY = Duration.ofSeconds(5);
    static final Duration DRAFT_PAUSE = Duration.ofMillis(500);

    private DesktopOptions options;
    private EmbeddedServer embedded;
    private URI server;
    private DesktopWindows windows;
    private WorkspaceMemory workspace;

    @Override
    public void init() {
        options = DesktopOptions.parse(getParameters().getRaw().toArray(String[]::new), DesktopOptions.defaultHome());
        if (options.embedded()) {
            Path dataDir = options.home().resolve("server");
            embedded = EmbeddedServer.startOrReuse(dataDir);
            server = embedded.baseUri();
            if (embedded.ownsServer()) {
                EmbeddedSamples.seedOnce(dataDir, HttpNotesClient.create(server, "Concord", null));
            }
        } else {
            server = options.server().orElseThrow();
        }
        // The embedded server's identity is its data directory, not its (possibly changing) port, so its
        // drafts are found again after a restart on another port.
        URI draftsKey = options.embedded() ? URI.create("http://127.0.0.1/") : server;
        Path draftsRoot = options.home().resolve("drafts").resolve(options.embedded() ? "embedded" : "remote");
        String token = options.token().orElse(null);
        windows = new DesktopWindows(new DesktopWindows.Config(
                user -> HttpNotesClient.create(server, user, token),
                user -> FileDraftStore.forServerAndUser(draftsRoot, draftsKey, user),
                CONFLICTS, REFRESH_EVERY, DRAFT_PAUSE, Clock.systemDefaultZone(), feeds(server, token)));
        workspace = WorkspaceMemory.load(new WorkspaceFile(options.home()));
        // System.exit (Main) runs shutdown hooks: the last drafts reach the disk, the server closes gracefully.
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "concord-shutdown"));
    }

    /** Each window follows the server's change feed; the 5 s refresh is the fallback while it is down. */
    private static LiveConnection feeds(URI server, String token) {
        java.util.concurrent.ScheduledExecutorService reconnects = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "concord-feed-reconnect");
                    t.setDaemon(true);
                    return t;
                });
        return new LiveConnection(server, token, HttpNotesClient.defaultHttpClient(),
                concord.client.NotesFeed.Backoff.DEFAULT, reconnects);
    }

    @Override
    public void start(Stage ignored) {
        workspace.applyTheme();
        if (options.embedded()) {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            double half = Math.floor(screen.getWidth() / 2);
            workspace.follow(windows.open("Alice", workspace.bounds("Alice").or(() ->
                    Optional.of(new Rectangle2D(screen.getMinX(), screen.getMinY(), half, screen.getHeight())))));
            workspace.follow(windows.open("Bob", workspace.bounds("Bob").or(() ->
                    Optional.of(new Rectangle2D(screen.getMinX() + half, screen.getMinY(), screen.getWidth() - half, screen.getHeight())))));
        } else {
            String user = options.user().orElseThrow();
            workspace.follow(windows.open(user, workspace.bounds(user)));
        }
        if (QuitWhenStarted.requested()) {
            QuitWhenStarted.arm(windows.openWindows(), System.err);
        }
    }

    @Override
    public void stop() {
        Platform.setImplicitExit(true);
    }

    private void shutdown() {
        if (windows != null) {
            windows.awaitDrafts(Duration.ofSeconds(10));
        }
        if (workspace != null) {
            workspace.save();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
