package concord.app;

import java.io.PrintStream;
import javafx.application.Application;

/** The desktop client: embedded server + two demo windows, or one window against a given server. */
final class DesktopCommand {

    private DesktopCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        DesktopOptions options;
        try {
            options = DesktopOptions.parse(args, DesktopOptions.defaultHome());
        } catch (IllegalArgumentException e) {
            err.println("app: " + e.getMessage());
            err.print(DesktopOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(DesktopOptions.USAGE);
            return 0;
        }
        try {
            // Blocks until the last window closes; DesktopApp re-reads the same arguments.
            Application.launch(DesktopApp.class, args);
            return 0;
        } catch (RuntimeException e) {
            err.println("app: " + rootMessage(e));
            return 1;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
