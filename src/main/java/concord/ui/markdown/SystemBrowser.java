package concord.ui.markdown;

import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Opens a link the user clicked in the system's browser (or mail program), on a thread of its own: the FX thread
 * never waits for a browser to start. Only what {@link Links#openable} accepts is opened.
 */
public final class SystemBrowser {

    private SystemBrowser() {
    }

    public static void open(String destination) {
        Links.openable(destination).ifPresent(uri -> {
            Thread t = new Thread(() -> browse(uri), "concord-open-link");
            t.setDaemon(true);
            t.start();
        });
    }

    private static void browse(URI uri) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(uri);
                return;
            }
            new ProcessBuilder(List.of("xdg-open", uri.toString())).inheritIO().start();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            System.getLogger(SystemBrowser.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot open " + uri + ": " + e.getMessage());
        }
    }
}
