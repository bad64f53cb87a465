package concord.app;

import concord.client.DraftStore;
import concord.client.NotesApi;
import concord.ui.conflict.ConflictHandlerFactory;
import concord.ui.notes.FxDraftScheduler;
import concord.ui.notes.NotesView;
import concord.ui.notes.NotesViewModel;
import concord.ui.notes.WindowServices;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Opens notes windows: for each user its own client (identity and ETag bookkeeping), its own draft store,
 * its own I/O threads and its own conflict handler. Used by the app and, unchanged, by the UI tests.
 */
public final class DesktopWindows {

    /** What the windows share; {@code clients} and {@code drafts} make one per user. */
    public record Config(Function<String, NotesApi> clients, Function<String, DraftStore> drafts,
                         ConflictHandlerFactory conflicts, Duration refreshEvery, Duration draftPause, Clock clock) {

        public Config {
            Objects.requireNonNull(clients, "clients");
            Objects.requireNonNull(drafts, "drafts");
            Objects.requireNonNull(conflicts, "conflicts");
            Objects.requireNonNull(refreshEvery, "refreshEvery");
            Objects.requireNonNull(draftPause, "draftPause");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** One open window, for tests and for shutting down. */
    public record OpenWindow(String user, Stage stage, NotesViewModel viewModel) {
    }

    private final Config config;
    private final List<ExecutorService> diskExecutors = new ArrayList<>();
    private final List<OpenWindow> open = new ArrayList<>();

    public DesktopWindows(Config config) {
        this.config = Objects.requireNonNull(config);
    }

    /**
     * Opens a window as {@code user}, placed at {@code wanted} when given, else at {@link #defaultBounds} of the primary
     * screen. Call on the FX thread.
     */
    public OpenWindow open(String user, Optional<Rectangle2D> wanted) {
        Optional<Rectangle2D> bounds = Optional.of(wanted.orElseGet(() -> defaultBounds(Screen.getPrimary().getVisualBounds())));
        NotesApi api = config.clients().apply(user);
        DraftStore drafts = config.drafts().apply(user);
        ExecutorService io = Executors.newSingleThreadExecutor(daemon("concord-io-" + user));
        ExecutorService disk = Executors.newSingleThreadExecutor(daemon("concord-drafts-" + user));
        synchronized (diskExecutors) {
            diskExecutors.add(disk);
        }
        Stage stage = new Stage();
        WindowServices services = new WindowServices(api, drafts, io, disk, Platform::runLater,
                config.conflicts().forWindow(stage, io), new FxDraftScheduler(javafx.util.Duration.millis(config.draftPause().toMillis())),
                config.clock());
        NotesViewModel vm = new NotesViewModel(services);
        NotesView view = new NotesView(vm, () -> askAndOpen(stage), stage::close,
                config.conflicts() != ConflictHandlerFactory.KEEP_PENDING, config.clock());
        stage.setScene(new Scene(view.root(), 820, 600));
        stage.titleProperty().bind(vm.windowTitleProperty());
        stage.setMinWidth(560);
        stage.setMinHeight(360);
        bounds.ifPresent(b -> place(stage, b));
        Timeline refresh = new Timeline(new KeyFrame(javafx.util.Duration.millis(Math.max(1, config.refreshEvery().toMillis())),
                e -> vm.backgroundRefresh()));
        refresh.setCycleCount(Animation.INDEFINITE);
        OpenWindow window = new OpenWindow(user, stage, vm);
        stage.setOnHidden(e -> {
            refresh.stop();
            vm.closing(); // the last draft write is queued before the executor stops taking work
            disk.shutdown();
            io.shutdown();
            open.remove(window);
        });
        stage.show();
        // Again once shown: some window managers (GTK) apply their own size to a window as it maps.
        bounds.ifPresent(b -> Platform.runLater(() -> place(stage, b)));
        view.focusList();
        vm.start();
        if (!config.refreshEvery().isZero()) {
            refresh.play();
        }
        open.add(window);
        return window;
    }

    /**
     * Where a window goes when nobody said (one window against a server, Window ▸ New Window…): centred, three fifths
     * of the screen's width and most of its height, so the list and a note have room; never smaller than the window's
     * own preferred 820 × 600 unless the screen is, never larger than the screen.
     */
    static Rectangle2D defaultBounds(Rectangle2D screen) {
        double w = Math.min(screen.getWidth(), Math.max(MIN_DEFAULT_WIDTH, Math.floor(screen.getWidth() * 0.6)));
        double h = Math.min(screen.getHeight(), Math.max(MIN_DEFAULT_HEIGHT, Math.floor(screen.getHeight() * 0.85)));
        return new Rectangle2D(screen.getMinX() + Math.floor((screen.getWidth() - w) / 2),
                screen.getMinY() + Math.floor((screen.getHeight() - h) / 2), w, h);
    }

    private static final double MIN_DEFAULT_WIDTH = 820;
    private static final double MIN_DEFAULT_HEIGHT = 600;

    private static void place(Stage stage, Rectangle2D b) {
        stage.setX(b.getMinX());
        stage.setY(b.getMinY());
        stage.setWidth(b.getWidth());
        stage.setHeight(b.getHeight());
    }

    /** Window ▸ New Window…: asks for a user name and opens a window as that user. */
    public void askAndOpen(Window owner) {
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(owner);
        dialog.setTitle("New window");
        dialog.setHeaderText("Open a window as which user?");
        dialog.setContentText("User name:");
        dialog.getEditor().setId("new-window-user");
        var ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !DesktopUserNames.isValid(dialog.getEditor().getText()), dialog.getEditor().textProperty()));
        dialog.getEditor().textProperty().addListener((o, a, text) -> dialog.setHeaderText(
                text.isEmpty() || DesktopUserNames.isValid(text) ? "Open a window as which user?" : "Not a valid name: " + DesktopUserNames.RULE));
        dialog.showAndWait().filter(DesktopUserNames::isValid).ifPresent(user -> open(user, Optional.empty()));
    }

    public List<OpenWindow> openWindows() {
        return List.copyOf(open);
    }

    /**
     * Waits for queued draft writes (closing windows queue their last one). Call off the FX thread, at exit.
     * @return whether every write finished in time
     */
    public boolean awaitDrafts(Duration timeout) {
        List<ExecutorService> all;
        synchronized (diskExecutors) {
            all = List.copyOf(diskExecutors);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean done = true;
        for (ExecutorService e : all) {
            e.shutdown();
            try {
                done &= e.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return done;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
