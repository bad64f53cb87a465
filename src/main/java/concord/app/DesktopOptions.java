package concord.app;

import concord.server.ConcordHome;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The desktop command's options. Either the demo (no server given: an embedded server and two windows)
 * or one window against {@code server} as {@code user}.
 *
 * @param home the data root (see {@link ConcordHome})
 */
record DesktopOptions(Optional<URI> server, Optional<String> user, Optional<String> token, Path home, boolean help) {

    static final String USAGE = """
            Usage: java -jar concord.jar [app] [--server URL --user NAME [--token T]]

              (no options)         start an embedded server on ~/.concord/server (or reuse the one already
                                   running there) and open two windows side by side, Alice and Bob
              --server URL         one window against the notes server at URL (http or https)
              --user NAME          the identity to act as (printable ASCII)
              --token T            a bearer token, for servers started with --users
              --help               this text

            The data root ~/.concord can be moved with the environment variable CONCORD_HOME=DIR or the
            system property -Dconcord.home=DIR (which wins); mvn -Dconcord.home=DIR javafx:run passes it on.
            """;

    boolean embedded() {
        return server.isEmpty();
    }

    static Path defaultHome() {
        return ConcordHome.resolve();
    }

    /** @throws IllegalArgumentException with a message fit for the user */
    static DesktopOptions parse(String[] args, Path home) {
        URI server = null;
        String user = null;
        String token = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--server" -> server = parseServer(value(args, ++i, a));
                case "--user" -> user = value(args, ++i, a);
                case "--token" -> token = value(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (!help) {
            if (server != null && user == null) {
                throw new IllegalArgumentException("--server needs --user NAME");
            }
            if (server == null && (user != null || token != null)) {
                throw new IllegalArgumentException("--user and --token need --server URL");
            }
            if (user != null && !DesktopUserNames.isValid(user)) {
                throw new IllegalArgumentException("--user: " + DesktopUserNames.RULE);
            }
        }
        return new DesktopOptions(Optional.ofNullable(server), Optional.ofNullable(user), Optional.ofNullable(token), home, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static URI parseServer(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--server: not a URL: " + text);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("--server: expected http://HOST:PORT or https://HOST:PORT, got " + text);
        }
        return uri;
    }
}
