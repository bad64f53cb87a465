package concord.server;

import concord.store.Retention;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code concord.jar server}: the notes server on its own. */
public final class ServerMain {

    private ServerMain() {
    }

    static String usage() {
        return """
                Usage: java -jar concord.jar server [--port N] [--bind ADDR] [--data DIR] [--users FILE]
                                                  [--keep-versions N]

                Runs the Concord notes server until it gets SIGTERM or Ctrl-C, then finishes the requests in
                flight and closes the database cleanly.

                Options:
                  --port N       TCP port (default 8080; 0 picks a free port)
                  --bind ADDR    address to listen on (default 127.0.0.1; IPv6 as ::1 or [::1]). Any address
                                 other than loopback needs --users.
                  --data DIR     where the SQLite database (notes.db) lives
                                 (default: <home>/server, where <home> is -Dconcord.home=DIR if given,
                                 else $CONCORD_HOME if set, else ~/.concord)
                  --users FILE   require 'Authorization: Bearer <token>' on every request; the file maps
                                 tokens to user names, %s
                                 Without --users the server binds to loopback only and takes the user name
                                 from the X-Concord-User header.
                  --keep-versions N
                                 keep only the newest N versions of each note (N >= 1); older ones are
                                 dropped as the note is saved again. Default: keep every version.
                  --help         this text

                Once it accepts connections it prints one line:
                  Concord server listening on http://HOST:PORT
                Exit codes: 143 after SIGTERM (the JVM's code for it, once the shutdown has completed),
                2 for bad options or an unsafe setup (e.g. a users file others can read), 1 if it cannot
                start (e.g. the port is taken, or another server process uses the data directory).
                """.formatted(Users.FORMAT.replace("\n", "\n                 "));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        ServerConfig config;
        try {
            Optional<ServerConfig> parsed = parse(args, out);
            if (parsed.isEmpty()) {
                return 0;
            }
            config = parsed.get();
        } catch (IllegalArgumentException e) {
            err.println("server: " + e.getMessage());
            err.println("Try 'concord.jar server --help'.");
            return 2;
        }
        ConcordServer server;
        try {
            server = ConcordServer.create(config);
        } catch (IllegalArgumentException e) {
            err.println("server: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("server: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            err.println("server: cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e));
            return 1;
        }
        // SIGTERM / Ctrl-C: the hook closes gracefully; run() returns once that is done
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "concord-server-shutdown"));
        out.println("Concord server listening on " + server.baseUri());
        out.flush();
        boolean interrupted = false;
        while (stopped.getCount() > 0) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** The configuration, or empty if only help was asked for (already printed). */
    static Optional<ServerConfig> parse(String[] args, PrintStream out) {
        int port = 8080;
        String bind = ServerConfig.LOOPBACK;
        Path data = defaultDataDir();
        Path users = null;
        Retention retention = Retention.keepAll();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    out.print(usage());
                    return Optional.empty();
                }
                case "--port" -> port = parsePort(value(args, ++i, a));
                case "--bind" -> bind = parseBind(value(args, ++i, a));
                case "--data" -> data = Path.of(value(args, ++i, a));
                case "--users" -> users = Path.of(value(args, ++i, a));
                case "--keep-versions" -> retention = parseKeepVersions(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return Optional.of(new ServerConfig(bind, port, data, Optional.ofNullable(users)).withRetention(retention));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** An address as given on the command line; an IPv6 one may come in brackets, as in a URL. */
    static String parseBind(String s) {
        String host = s.strip();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1).strip();
        }
        if (host.isEmpty() || host.contains("[") || host.contains("]") || host.contains("/")) {
            throw new IllegalArgumentException("--bind needs an address such as 127.0.0.1, ::1 or [::1], not '" + s + "'");
        }
        return host;
    }

    private static Retention parseKeepVersions(String s) {
        if (s.matches("[0-9]{1,9}") && Integer.parseInt(s) >= 1) {
            return Retention.keepLast(Integer.parseInt(s));
        }
        throw new IllegalArgumentException("--keep-versions must be a whole number of at least 1, not '" + s + "'");
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be a number from 0 to 65535, not '" + s + "'");
    }

    static Path defaultDataDir() {
        return ConcordHome.resolve().resolve("server");
    }
}
