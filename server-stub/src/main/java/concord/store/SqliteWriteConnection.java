package concord.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The writer thread's connection and statements. After a failed batch it is {@linkplain #discard() discarded}
 * and opened afresh: closing a connection ends whatever transaction it still had, so a failure can never leave
 * SQLite's write lock held or a transaction open for the next batch to trip over.
 */
final class SqliteWriteConnection implements AutoCloseable {

    final Connection c;
    final PreparedStatement find;
    final PreparedStatement insertVersion;
    final PreparedStatement insertBody;
    final PreparedStatement pruneVersions;
    final PreparedStatement pruneBodies;
    final PreparedStatement upsertNote;
    final PreparedStatement deleteNote;
    final PreparedStatement insertChange;
    final PreparedStatement findToken;
    final PreparedStatement recordToken;
    final PreparedStatement purgeTokens;
    final PreparedStatement insertLockChange;
    final PreparedStatement findLease;
    final PreparedStatement upsertLease;
    final PreparedStatement deleteLease;
    final PreparedStatement dueLeases;

    private SqliteWriteConnection(Connection c) throws SQLException {
        this.c = c;
        find = c.prepareStatement(SqliteSchema.FIND);
        insertVersion = c.prepareStatement(SqliteSchema.INSERT_VERSION);
        insertBody = c.prepareStatement(SqliteSchema.INSERT_BODY);
        pruneVersions = c.prepareStatement(SqliteSchema.PRUNE_VERSIONS);
        pruneBodies = c.prepareStatement(SqliteSchema.PRUNE_BODIES);
        upsertNote = c.prepareStatement(SqliteSchema.UPSERT_NOTE);
        deleteNote = c.prepareStatement(SqliteSchema.DELETE_NOTE);
        insertChange = c.prepareStatement(SqliteSchema.INSERT_CHANGE);
        findToken = c.prepareStatement(SqliteSchema.FIND_TOKEN);
        recordToken = c.prepareStatement(SqliteSchema.RECORD_TOKEN);
        purgeTokens = c.prepareStatement(SqliteSchema.PURGE_TOKENS);
        insertLockChange = c.prepareStatement(SqliteSchema.INSERT_LOCK_CHANGE);
        findLease = c.prepareStatement(SqliteSchema.FIND_LEASE);
        upsertLease = c.prepareStatement(SqliteSchema.UPSERT_LEASE);
        deleteLease = c.prepareStatement(SqliteSchema.DELETE_LEASE);
        dueLeases = c.prepareStatement(SqliteSchema.DUE_LEASES);
    }

    /** Opens the connection with the settings every write relies on. */
    static Connection connect(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA journal_mode=WAL");
            // FULL: the WAL is fsynced at every commit, so an acknowledged write survives kill -9 and power loss.
            s.execute("PRAGMA synchronous=FULL");
            requireDurableSettings(c);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Refuses to run unless the connection really commits in WAL mode with {@code synchronous=FULL} (or EXTRA).
     * A pragma that SQLite ignores (a misspelling, a build or file system that cannot honour it) would otherwise
     * turn "acknowledged means on disk" into "acknowledged means in the page cache" without any test noticing:
     * kill -9 keeps the page cache, only a power cut shows the difference.
     */
    static void requireDurableSettings(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            String journal;
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                journal = rs.next() ? rs.getString(1) : "?";
            }
            int synchronous;
            try (ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
                synchronous = rs.next() ? rs.getInt(1) : -1;
            }
            // 2 = FULL, 3 = EXTRA; 0 = OFF and 1 = NORMAL can lose acknowledged commits at a power cut
            if (!"wal".equalsIgnoreCase(journal) || synchronous < 2) {
                throw new SQLException("refusing to start: the database runs with journal_mode=" + journal
                        + " and synchronous=" + synchronous + ", but acknowledged writes need journal_mode=wal and"
                        + " synchronous=2 (FULL) or 3 (EXTRA)");
            }
        }
    }

    static SqliteWriteConnection open(String url) throws SQLException {
        return wrap(connect(url));
    }

    static SqliteWriteConnection wrap(Connection c) throws SQLException {
        try {
            return new SqliteWriteConnection(c);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Runs a statement that controls the transaction (BEGIN, COMMIT, SAVEPOINT…) on a statement of its own:
     * a prepared one that failed once can be left "not executing" by the driver and fail every later use.
     */
    void control(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The last sequence number given out, by a write or a lock change. */
    long maxSeq() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SqliteSchema.MAX_POSITION)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Rolls back what may still be open and closes the connection; never throws. */
    void discard() {
        try {
            control("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction was open, or the connection is broken: closing below ends it either way
        }
        close();
    }

    @Override
    public void close() {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing: what was committed is durable, what was not is rolled back
        }
    }
}
