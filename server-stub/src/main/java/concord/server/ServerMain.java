package concord.server;

import java.io.PrintStream;

/** {@code concord.jar server}: the notes server on its own. */
public final class ServerMain {

    private ServerMain() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("server: not yet implemented");
        return 1;
    }
}
