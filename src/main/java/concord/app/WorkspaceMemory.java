package concord.app;

import concord.ui.Theme;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.WindowEvent;

/**
 * The app's use of the {@link Workspace}: the theme and each user's window as they were, restored at start and
 * noted whenever a window closes (on the FX thread, into memory); written to disk once, at exit, off the FX thread.
 */
final class WorkspaceMemory {

    /** The smallest part of a remembered window that must be on a screen for it to go back there. */
    static final double MIN_VISIBLE = 120;

    private final WorkspaceFile file;
    private final AtomicReference<Workspace> current;

    private WorkspaceMemory(WorkspaceFile file, Workspace loaded) {
        this.file = file;
        this.current = new AtomicReference<>(loaded);
    }

    /** Reads the remembered workspace (blocking: at init, before the FX thread has windows to serve). */
    static WorkspaceMemory load(WorkspaceFile file) {
        return new WorkspaceMemory(file, file.load());
    }

    /** The remembered theme, applied to every window. */
    void applyTheme() {
        (current.get().dark() ? Theme.DARK : Theme.LIGHT).apply();
    }

    /** Where {@code user}'s window was, if that place is still (enough) on one of today's screens. */
    Optional<Rectangle2D> bounds(String user) {
        List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
        return current.get().window(user).flatMap(p -> placeOnScreens(p, screens));
    }

    /** Pure: the remembered bounds when at least {@link #MIN_VISIBLE} of them in each direction is on some screen. */
    static Optional<Rectangle2D> placeOnScreens(Workspace.WindowPlace p, List<Rectangle2D> screens) {
        if (!(p.width() > 0 && p.height() > 0) || Double.isNaN(p.x()) || Double.isNaN(p.y())) {
            return Optional.empty();
        }
        Rectangle2D r = new Rectangle2D(p.x(), p.y(), p.width(), p.height());
        for (Rectangle2D s : screens) {
            double w = Math.min(r.getMaxX(), s.getMaxX()) - Math.max(r.getMinX(), s.getMinX());
            double h = Math.min(r.getMaxY(), s.getMaxY()) - Math.max(r.getMinY(), s.getMinY());
            if (w >= Math.min(MIN_VISIBLE, r.getWidth()) && h >= Math.min(MIN_VISIBLE, r.getHeight())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Opens the note that was open in {@code user}'s window, and notes the window's state whenever it closes. */
    void follow(DesktopWindows.OpenWindow window) {
        current.get().window(window.user()).map(Workspace.WindowPlace::openNote)
                .ifPresent(id -> window.viewModel().open(id));
        window.stage().addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> remember(window));
    }

    private void remember(DesktopWindows.OpenWindow w) {
        var stage = w.stage();
        String open = w.viewModel().editor().base() == null ? null : w.viewModel().editor().key();
        boolean dark = Theme.DARK.stylesheet().equals(Application.getUserAgentStylesheet());
        current.updateAndGet(ws -> ws.withDark(dark).withWindow(w.user(),
                new Workspace.WindowPlace(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), open)));
    }

    /** Writes what was noted (off the FX thread, at exit); a failure costs only the memory, never the exit. */
    void save() {
        try {
            file.save(current.get());
        } catch (IOException | RuntimeException e) {
            System.getLogger(WorkspaceMemory.class.getName()).log(System.Logger.Level.WARNING,
                    "could not remember the workspace in " + file.path() + ": " + e.getMessage());
        }
    }
}
