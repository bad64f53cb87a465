package concord.server;

import concord.store.PostgresSettings;
import concord.store.Retention;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code concord.jar server}: the notes server on its own. */
public final class ServerMain {

    private ServerMain() {
    }

    static String usage() {
        return """
                Usage: java -jar concord.jar server [--port N] [--bind ADDR] [--users FILE] [--keep-versions N]
                                                  [--data DIR | --db URL [--db-password-file FILE]]
                                                  [--tls-cert FILE --tls-key FILE | --plain-http-behind-proxy]

                Runs the Concord notes server until it gets SIGTERM or Ctrl-C, then finishes the requests in
                flight and closes the database cleanly. Alone it keeps its notes in a SQLite file; several
                instances behind a load balancer share one PostgreSQL database (--db).

                Options:
                  --port N       TCP port (default 8080; 0 picks a free port)
                  --bind ADDR    address to listen on (default 127.0.0.1; IPv6 as ::1 or [::1]). Any address
                                 other than loopback needs --users, and --tls-cert/--tls-key or
                                 --plain-http-behind-proxy.
                  --data DIR     where the SQLite database (notes.db) lives; one server process per directory
                                 (default: <home>/server, where <home> is -Dconcord.home=DIR if given,
                                 else $CONCORD_HOME if set, else ~/.concord)
                  --db URL       use the PostgreSQL database at URL instead, e.g.
                                 jdbc:postgresql://db.example.org:5432/concord?user=concord
                                 Any number of instances may share it; nothing is kept in a data directory.
                                 The password comes from the environment variable CONCORD_DB_PASSWORD or
                                 from --db-password-file, never from the command line.
                  --db-password-file FILE
                                 read the database password from the first line of FILE
                  --tls-cert FILE, --tls-key FILE
                                 serve HTTPS with this certificate chain and private key (PEM; the key
                                 unencrypted PKCS#8, "BEGIN PRIVATE KEY")
                  --plain-http-behind-proxy
                                 allow plain HTTP on a non-loopback address because a proxy in front of
                                 this server terminates TLS
                  --users FILE   require 'Authorization: Bearer <token>' on every request; the file maps
                                 tokens to user names, %s
                                 Without --users the server binds to loopback only and takes the user name
                                 from the X-Concord-User header.
                  --keep-versions N
                                 keep only the newest N versions of each note (N >= 1); older ones are
                                 dropped as the note is saved again. Default: keep every version.
                  --help         this text

                Once it accepts connections it prints one line:
                  Concord server listening on http://HOST:PORT   (https:// with --tls-cert)
                GET /health answers while the process runs, GET /ready while the database answers too;
                both need no token.
                Exit codes: 143 after SIGTERM (the JVM's code for it, once the shutdown has completed),
                2 for bad options or an unsafe setup (e.g. a users file others can read), 1 if it cannot
                start (e.g. the port is taken, or another server process uses the data directory).
                """.formatted(Users.FORMAT.replace("\n", "\n                 "));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    /** The same with the environment given (CONCORD_DB_PASSWORD), for tests. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        ServerConfig config;
        try {
            Optional<ServerConfig> parsed = parse(args, env, out);
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

    /** The environment variable that holds the database password. */
    static final String PASSWORD_VARIABLE = "CONCORD_DB_PASSWORD";

    static Optional<ServerConfig> parse(String[] args, PrintStream out) {
        return parse(args, Map.of(), out);
    }

    /** The configuration, or empty if only help was asked for (already printed). */
    static Optional<ServerConfig> parse(String[] args, Map<String, String> env, PrintStream out) {
        int port = 8080;
        String bind = ServerConfig.LOOPBACK;
        Path data = null;
        Path users = null;
        String db = null;
        Path passwordFile = null;
        Path cert = null;
        Path key = null;
        boolean behindProxy = false;
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
                case "--db" -> db = value(args, ++i, a);
                case "--db-password-file" -> passwordFile = Path.of(value(args, ++i, a));
                case "--db-password" -> throw new IllegalArgumentException("the database password is never given on the"
                        + " command line (every user of the machine can read it there); set " + PASSWORD_VARIABLE
                        + " or pass --db-password-file FILE");
                case "--tls-cert" -> cert = Path.of(value(args, ++i, a));
                case "--tls-key" -> key = Path.of(value(args, ++i, a));
                case "--plain-http-behind-proxy" -> behindProxy = true;
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (db != null && data != null) {
            throw new IllegalArgumentException("--data and --db exclude each other: with --db the notes live in"
                    + " PostgreSQL and nothing is kept in a data directory");
        }
        if (db == null && passwordFile != null) {
            throw new IllegalArgumentException("--db-password-file is the password of --db; give --db URL too");
        }
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("HTTPS needs both --tls-cert FILE and --tls-key FILE");
        }
        if (cert != null && behindProxy) {
            throw new IllegalArgumentException("--plain-http-behind-proxy and --tls-cert exclude each other");
        }
        ServerConfig config = new ServerConfig(bind, port, data == null ? defaultDataDir() : data,
                Optional.ofNullable(users)).withRetention(retention).withPlainHttpBehindProxy(behindProxy);
        if (db != null) {
            config = config.withDatabase(new PostgresSettings(db, password(passwordFile, env)));
        }
        if (cert != null) {
            config = config.withTls(new ServerConfig.TlsFiles(cert, key));
        }
        return Optional.of(config);
    }

    /** From the file if one is named, else from the environment, else none (the database may not ask). */
    private static Optional<String> password(Path file, Map<String, String> env) {
        if (file != null) {
            try {
                Users.requirePrivate(file, "the database password file", "it holds a password");
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String first = text.lines().findFirst().orElse("");
                if (first.isEmpty()) {
                    throw new IllegalArgumentException("the password file " + file + " is empty");
                }
                return Optional.of(first);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the password file " + file + ": " + e.getMessage(), e);
            }
        }
        return Optional.ofNullable(env.get(PASSWORD_VARIABLE)).filter(p -> !p.isEmpty());
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
