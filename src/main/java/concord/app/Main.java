package concord.app;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The one entry point of {@code concord.jar}. Not a JavaFX {@code Application}: a main class that extends
 * it fails from a plain classpath with "JavaFX runtime components are missing".
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length > 0) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "server":
                    return concord.server.ServerMain.run(rest, out, err);
                case "merge-file":
                    return MergeFileCommand.run(rest, System.in, out, err);
                case "app":
                    return DesktopCommand.run(rest, out, err);
                case "help", "--help", "-h":
                    out.print(usage());
                    return 0;
                default:
                    if (!args[0].startsWith("-")) {
                        err.println("concord: unknown command '" + args[0] + "'");
                        err.print(usage());
                        return 2;
                    }
            }
        }
        return DesktopCommand.run(args, out, err);
    }

    static String usage() {
        return """
                Usage: java -jar concord.jar [COMMAND] [OPTIONS]

                Commands:
                  app (default)   the desktop client; with no options an embedded server and two
                                  windows side by side (Alice and Bob)
                                    --server URL --user NAME [--token T]   one window against a server
                  server          the notes server alone (see: concord.jar server --help)
                  merge-file      three-way merge of files, git merge-file compatible
                                  (see: concord.jar merge-file --help)
                  help            this text
                """;
    }
}
