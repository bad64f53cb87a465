package concord.app;

import concord.ui.notes.ConnectionState;
import java.io.PrintStream;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.Observable;

/**
 * A scripted start for the packaged app's build: with {@code -Dconcord.quitWhenStarted=true} the app quits by
 * itself once every window is showing and has loaded its list (or learned the server is unreachable), so the
 * build can record an AOT cache from a real start without anyone closing the windows. Off by default.
 */
final class QuitWhenStarted {

    static final String PROPERTY = "concord.quitWhenStarted";

    private QuitWhenStarted() {
    }

    static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Call on the FX thread once the windows are open; quits (Platform.exit) when all of them have settled. */
    static void arm(List<DesktopWindows.OpenWindow> windows, PrintStream log) {
        boolean[] done = {false};
        Runnable check = () -> {
            if (!done[0] && windows.stream().allMatch(QuitWhenStarted::settled)) {
                done[0] = true;
                log.println("concord: " + windows.size() + " window(s) shown and loaded; quitting (" + PROPERTY + ")");
                Platform.runLater(Platform::exit);
            }
        };
        for (DesktopWindows.OpenWindow w : windows) {
            List<Observable> signals = List.of(w.stage().showingProperty(), w.viewModel().connectionProperty(), w.viewModel().runningProperty());
            signals.forEach(s -> s.addListener(o -> check.run()));
        }
        check.run();
    }

    static boolean settled(DesktopWindows.OpenWindow w) {
        return w.stage().isShowing()
                && w.viewModel().connectionProperty().get() != ConnectionState.CONNECTING
                && w.viewModel().runningProperty().get() == 0;
    }
}
