package concord.app;

import java.io.PrintStream;

/** The desktop client: embedded server + two demo windows, or one window against a given server. */
final class DesktopCommand {

    private DesktopCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("app: not yet implemented");
        return 1;
    }
}
