package concord.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import concord.model.DeletedNote;
import concord.model.Note;
import concord.model.NoteLock;
import concord.model.NoteSummary;
import concord.model.SearchQuery;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The PostgreSQL engine: any number of Concord instances on one database, each with its own connection pool
 * (HikariCP), none keeping anything on its own disk. Every guarantee is the database's: ETags come from a database
 * sequence, a write's precondition is checked under a lock held until its commit, idempotency tokens and the change
 * feed live in tables. The schema is created and migrated by Flyway ({@code concord/store/postgresql}) when an
 * instance opens the store; Flyway locks the database while it migrates, so instances may start at once.
 *
 * <p>Durability is PostgreSQL's: a commit returns once its WAL is flushed (with the default
 * {@code synchronous_commit = on}), so a write acknowledged by any instance survives that instance's kill -9.
 */
public final class PostgresNoteStore implements NoteStore {

    /** Where Flyway finds the schema's migrations (V1__notes.sql, V2__…). */
    public static final String MIGRATIONS = "classpath:concord/store/postgresql";

    /** How often a unit that lost a serialization race or a deadlock is run again before the request fails. */
    private static final int MAX_ATTEMPTS = 10;

    private final PostgresSettings settings;
    private final HikariDataSource pool;
    private final String salt;
    private final Retention retention;
    private final PostgresChangeLog changes;
    private final PostgresPresenceBoard presence;
    private volatile boolean closed;

    private PostgresNoteStore(PostgresSettings settings, HikariDataSource pool, String salt, Retention retention) {
        this.settings = settings;
        this.pool = pool;
        this.salt = salt;
        this.retention = retention;
        this.presence = new PostgresPresenceBoard(pool);
        this.changes = new PostgresChangeLog(settings, pool, salt, presence::notified);
    }

    /**
     * Connects, creates or migrates the schema, and starts listening for other instances' changes.
     *
     * @throws StoreUnavailableException if the database cannot be reached
     * @throws StoreException            if it cannot be used (wrong password, wrong encoding, a newer schema…)
     */
    public static PostgresNoteStore open(PostgresSettings settings, Retention retention) {
        HikariDataSource pool = pool(settings);
        try {
            try {
                Flyway.configure().dataSource(pool).locations(MIGRATIONS)
                        .failOnMissingLocations(true).load().migrate();
            } catch (FlywayException e) {
                SQLException sql = sqlCause(e);
                throw sql != null ? PostgresErrors.failure("preparing the notes database failed", sql, false)
                        : new StoreException("preparing the notes database failed: " + e.getMessage(), e);
            }
            String salt;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SHOW server_encoding")) {
                    rs.next();
                    if (!"UTF8".equalsIgnoreCase(rs.getString(1))) {
                        throw new StoreException("the database's encoding is " + rs.getString(1) + "; Concord needs UTF8"
                                + " (CREATE DATABASE … ENCODING 'UTF8' TEMPLATE template0)");
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'etag_salt'")) {
                    rs.next();
                    salt = rs.getString(1);
                }
            } catch (SQLException e) {
                throw PostgresErrors.failure("opening the notes database failed", e, false);
            }
            PostgresNoteStore store = new PostgresNoteStore(settings, pool, salt, retention);
            store.changes.start();
            return store;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("concord-db");
        config.setJdbcUrl(settings.url());
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        // a request waits at most this long for a connection, then gets 503: never a hang on a missing database
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(Math.max(250, settings.connectTimeout().toMillis() / 2));
        // start even if the database is down for a moment? No: an instance that cannot migrate must not serve
        config.setInitializationFailTimeout(settings.connectTimeout().toMillis());
        long connectSeconds = Math.max(1, settings.connectTimeout().toSeconds());
        config.addDataSourceProperty("connectTimeout", Long.toString(connectSeconds));
        // a statement that gets no answer (a database that hangs rather than refuses) fails instead of waiting forever
        config.addDataSourceProperty("socketTimeout", "30");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "concord");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            SQLException sql = sqlCause(e);
            if (sql != null) {
                throw PostgresErrors.failure("cannot connect to " + settings, sql, false);
            }
            throw new StoreUnavailableException("cannot connect to " + settings + ": " + e.getMessage(), e, false);
        }
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- reads

    @FunctionalInterface
    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(String what, Query<T> query) {
        ensureOpen();
        try (Connection c = pool.getConnection()) {
            return query.run(c);
        } catch (SQLException e) {
            throw PostgresErrors.failure(what, e, false);
        }
    }

    @Override
    public Listing list(long before, int limit) {
        requirePositive(limit);
        return read("listing notes failed", c -> {
            // one snapshot for the page and its tag, so the tag describes exactly the rows returned
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                String tag;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(PostgresSql.LIST_TAG)) {
                    rs.next();
                    tag = "l" + new BigInteger(rs.getString(1)).toString(36) + "-" + salt;
                }
                List<NoteSummary> out = new ArrayList<>();
                long last = before;
                try (PreparedStatement p = c.prepareStatement(PostgresSql.LIST)) {
                    p.setLong(1, before);
                    p.setLong(2, limit == Integer.MAX_VALUE ? Long.MAX_VALUE : limit + 1L);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            if (out.size() == limit) {
                                return new Listing(out, tag, OptionalLong.of(last));
                            }
                            out.add(PostgresRows.summary(rs, salt));
                            last = rs.getLong(8);
                        }
                    }
                }
                return new Listing(out, tag);
            } finally {
                c.commit();
                c.setAutoCommit(true);
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        });
    }

    @Override
    public NoteState find(String id) {
        return read("reading note " + id + " failed", c -> {
            try (PreparedStatement p = c.prepareStatement(PostgresSql.FIND)) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? PostgresRows.found(id, rs, salt) : new NoteState.Absent(id);
                }
            }
        });
    }

    @Override
    public Found findWithLock(String id) {
        return read("reading note " + id + " failed", c -> {
            try (PreparedStatement p = c.prepareStatement(PostgresSql.FIND_WITH_LOCK)) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return new Found(new NoteState.Absent(id), Optional.empty());
                    }
                    NoteState state = PostgresRows.found(id, rs, salt);
                    String holder = rs.getString(12);
                    return new Found(state, holder == null || !(state instanceof NoteState.Live) ? Optional.empty()
                            : Optional.of(new NoteLock(holder, PostgresRows.instant(rs, 13))));
                }
            }
        });
    }

    @Override
    public boolean anyLeaseDue() {
        return read("reading the locks failed", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(PostgresSql.ANY_LEASE_DUE)) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    /** The {@code presence} table, shared by every instance; NOTIFY tells them of each change. */
    @Override
    public PresenceBoard presence() {
        return presence;
    }

    @Override
    public Optional<Page<NoteSummary>> versions(String id, long after, int limit) {
        return versions(HistorySql.VERSIONS, id, after, limit);
    }

    @Override
    public Optional<Page<NoteSummary>> versionsNewestFirst(String id, long before, int limit) {
        return versions(HistorySql.VERSIONS_NEWEST_FIRST, id, before, limit);
    }

    private Optional<Page<NoteSummary>> versions(String sql, String id, long from, int limit) {
        requirePositive(limit);
        return read("listing the versions of " + id + " failed", c -> {
            List<NoteSummary> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, id);
                p.setLong(2, from);
                p.setLong(3, limit == Integer.MAX_VALUE ? Long.MAX_VALUE : limit + 1L);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        if (out.size() == limit) {
                            return Optional.of(new Page<>(out, OptionalLong.of(out.get(out.size() - 1).version())));
                        }
                        out.add(PostgresRows.summary(rs, salt));
                    }
                }
            }
            if (out.isEmpty()) {
                try (PreparedStatement p = c.prepareStatement(HistorySql.ANY_VERSION)) {
                    p.setString(1, id);
                    try (ResultSet rs = p.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                    }
                }
            }
            return Optional.of(new Page<>(out, OptionalLong.empty()));
        });
    }

    @Override
    public Page<SearchMatch> search(SearchQuery query, long before, int limit) {
        requirePositive(limit);
        return read("searching the notes failed", c -> PostgresSearch.run(c, query, before, limit, salt));
    }

    @Override
    public Page<DeletedNote> deleted(long before, int limit) {
        requirePositive(limit);
        return read("listing the deleted notes failed", c -> {
            try (PreparedStatement p = c.prepareStatement(PostgresSql.DELETED)) {
                p.setLong(1, before);
                p.setLong(2, limit == Integer.MAX_VALUE ? Long.MAX_VALUE : limit + 1L);
                try (ResultSet rs = p.executeQuery()) {
                    return RankedRows.page(rs, limit, 10, r -> {
                        NoteSummary s = PostgresRows.summary(r, salt);
                        return new DeletedNote(s.id(), s.title(), s.tags(), s.version(), s.etag(), s.updatedAt(),
                                s.updatedBy(), r.getObject(8) == null ? null : PostgresRows.instant(r, 8), r.getString(9));
                    });
                }
            }
        });
    }

    @Override
    public Optional<Note> version(String id, long version) {
        return read("reading version " + version + " of " + id + " failed", c -> {
            try (PreparedStatement p = c.prepareStatement(HistorySql.VERSION_OF)) {
                p.setString(1, id);
                p.setLong(2, version);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Note(id, rs.getString(1), PostgresRows.body(rs.getBytes(2)),
                            PostgresRows.tags(rs.getArray(3)), version, SqliteRows.etag(version, rs.getLong(4), salt),
                            PostgresRows.instant(rs, 5), rs.getString(6)));
                }
            }
        });
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one item: " + limit);
        }
    }

    // ---------------------------------------------------------------- writes

    @Override
    public <T> T write(UnitOfWork<T> work) {
        ensureOpen();
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(work);
            } catch (Retry retry) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new StoreException("a write lost " + MAX_ATTEMPTS + " races for the same notes in a row;"
                            + " nothing was written", retry.getCause());
                }
                // let the winner finish before trying again; the jitter keeps losers from colliding in step
                sleep(ThreadLocalRandom.current().nextLong(1, 5L << Math.min(attempt, 5)));
            }
        }
    }

    private <T> T attempt(UnitOfWork<T> work) {
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            throw PostgresErrors.failure("writing to the notes database failed", e, false);
        }
        PostgresTransaction tx = null;
        boolean committing = false;
        try (c) {
            c.setAutoCommit(false);
            tx = new PostgresTransaction(c, salt, retention);
            T result;
            try {
                result = work.run(tx);
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                tx.end();
            }
            if (tx.isRollbackOnly()) {
                c.rollback();
                return result;
            }
            committing = true;
            c.commit();
            if (tx.lastPosition() >= 0) {
                changes.committed(tx.lastPosition());
            }
            return result;
        } catch (PostgresTransaction.UnitFailure f) {
            if (PostgresErrors.isRetryable(f.sql)) {
                throw new Retry(f.sql);
            }
            throw PostgresErrors.failure(f.getMessage(), f.sql, false);
        } catch (SQLException e) {
            if (PostgresErrors.isRetryable(e)) {
                throw new Retry(e);
            }
            throw PostgresErrors.failure("writing to the notes database failed", e, committing);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // a broken connection rolls back by itself when the database sees it go
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a write", e);
        }
    }

    /** The database aborted the unit to resolve a race; it runs again. */
    private static final class Retry extends RuntimeException {
        Retry(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    // ---------------------------------------------------------------- the rest

    @Override
    public ChangeLog changes() {
        return changes;
    }

    @Override
    public void ping() {
        read("the notes database does not answer", c -> {
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(Math.max(1, (int) settings.connectTimeout().toSeconds()));
                s.execute("SELECT 1");
            }
            return null;
        });
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("the notes store is closed");
        }
    }

    /** Stops listening and closes the pool once the connections in use are handed back. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        changes.close();
        pool.close();
    }

    @Override
    public String toString() {
        return "PostgreSQL at " + settings;
    }
}
