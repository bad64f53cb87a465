package concord.engines;

import concord.server.ServerConfig;
import concord.store.NoteStore;
import concord.store.PostgresNoteStore;
import concord.store.PostgresSettings;
import concord.store.Retention;
import concord.store.SqliteNoteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One empty database of one engine, for one test class (or one test): a SQLite data directory, or a database of
 * its own on the JVM's PostgreSQL. It can be opened as a store or served by a server any number of times.
 */
public final class TestDatabase implements AutoCloseable {

    private final Engine engine;
    private final Path dir;
    private final TestPostgres postgres;
    private final String database;
    private final PostgresSettings settings;

    private TestDatabase(Engine engine, Path dir, TestPostgres postgres, String database, PostgresSettings settings) {
        this.engine = engine;
        this.dir = dir;
        this.postgres = postgres;
        this.database = database;
        this.settings = settings;
    }

    static TestDatabase sqlite() {
        try {
            return new TestDatabase(Engine.SQLITE, Files.createTempDirectory("concord-sqlite-"), null, null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static TestDatabase postgres(TestPostgres postgres) {
        PostgresSettings settings = postgres.createDatabase();
        String name = settings.url().replaceAll(".*/([^/?]+)\\?.*", "$1");
        try {
            return new TestDatabase(Engine.POSTGRESQL, Files.createTempDirectory("concord-unused-"), postgres, name,
                    settings);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Engine engine() {
        return engine;
    }

    /** The SQLite data directory (for PostgreSQL: an empty directory that must stay unused). */
    public Path dir() {
        return dir;
    }

    /** How a Concord instance reaches the PostgreSQL database. */
    public PostgresSettings settings() {
        if (settings == null) {
            throw new IllegalStateException("a SQLite database has no connection settings");
        }
        return settings;
    }

    public NoteStore open() {
        return open(Retention.keepAll());
    }

    public NoteStore open(Retention retention) {
        return engine == Engine.SQLITE ? SqliteNoteStore.open(dir, retention) : PostgresNoteStore.open(settings, retention);
    }

    /** Flyway on the PostgreSQL database with Concord's migrations, as Concord's role, to migrate or inspect it directly. */
    public FluentConfiguration flyway() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(settings().url());
        source.setPassword(settings().password().orElse(null));
        return Flyway.configure().dataSource(source).locations(PostgresNoteStore.MIGRATIONS);
    }

    /** A loopback server configuration on this database (port 0). */
    public ServerConfig serverConfig() {
        ServerConfig loopback = ServerConfig.loopback(dir);
        return engine == Engine.SQLITE ? loopback : loopback.withDatabase(settings);
    }

    /** The command-line options that put a server process on this database. */
    public List<String> serverArgs() {
        return engine == Engine.SQLITE ? List.of("--data", dir.toString()) : List.of("--db", settings.url());
    }

    /** A direct connection to the database (as its owner, or the superuser), bypassing Concord. */
    public Connection connect() throws SQLException {
        return engine == Engine.SQLITE
                ? DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteNoteStore.FILE_NAME))
                : postgres.connect(database);
    }

    /** Runs statements directly on the database, e.g. to break something a test then expects to be noticed. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Every row of every table, sorted, to compare before and after. */
    public String dump() {
        try (Connection c = connect()) {
            return dump(c, engine);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Every row of every table of the database behind {@code c} (and PostgreSQL's sequence), sorted. */
    public static String dump(Connection c, Engine engine) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            String names = engine == Engine.SQLITE
                    ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                    : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                            + " AND table_type = 'BASE TABLE' ORDER BY table_name";
            try (ResultSet rs = s.executeQuery(names)) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                sb.append("## ").append(table).append('\n');
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.append(rs.getString(i)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                Collections.sort(rows);
                rows.forEach(row -> sb.append(row).append('\n'));
            }
            if (engine == Engine.POSTGRESQL) {
                try (ResultSet rs = s.executeQuery("SELECT last_value FROM concord_seq")) {
                    rs.next();
                    sb.append("## concord_seq\n").append(rs.getLong(1)).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** Drops the database or deletes the directory; every store on it must be closed first. */
    @Override
    public void close() {
        if (postgres != null) {
            postgres.dropDatabase(database);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // under target/tmp: the next clean removes it
        }
    }

    @Override
    public String toString() {
        return engine + (database == null ? " in " + dir : " database " + database);
    }

    Optional<TestPostgres> server() {
        return Optional.ofNullable(postgres);
    }
}
