package concord.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/** The SQLite engine's tables, created or upgraded step by step when a database is opened. */
final class SqliteSchema {

    static final int VERSION = 1;

    private SqliteSchema() {
    }

    /** Creates the schema or upgrades it to {@link #VERSION} in one transaction; returns the ETag salt. */
    static String migrate(Connection c, Supplier<String> newSalt) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
                int current;
                try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                    rs.next();
                    current = rs.getInt(1);
                }
                if (current > VERSION) {
                    throw new SQLException("the database has schema version " + current
                            + ", newer than this server understands (" + VERSION + ")");
                }
                if (current < 1) {
                    createVersion1(c, s, newSalt.get());
                }
                s.execute("DELETE FROM schema_version");
                s.execute("INSERT INTO schema_version VALUES (" + VERSION + ")");
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            }
            try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'etag_salt'")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void createVersion1(Connection c, Statement s, String salt) throws SQLException {
        s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        // notes: the current state of each id (its latest version, or a tombstone);
        // seq = the sequence number of the last change, for ETags and the listing tag.
        s.execute("CREATE TABLE notes (id TEXT PRIMARY KEY, version INTEGER NOT NULL,"
                + " seq INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0)");
        s.execute("CREATE INDEX notes_by_seq ON notes (seq)");
        s.execute("CREATE TABLE versions (id TEXT NOT NULL, version INTEGER NOT NULL,"
                + " seq INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, tags TEXT NOT NULL,"
                + " updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL, PRIMARY KEY (id, version))");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO meta VALUES ('etag_salt', ?)")) {
            p.setString(1, salt);
            p.executeUpdate();
        }
    }

    // ------------------------------------------------------------------ the statements of both sides

    /** Columns: n.version, n.deleted, v.seq, v.title, v.body, v.tags, v.updated_at, v.updated_by. */
    static final String FIND = "SELECT n.version, n.deleted, v.seq, v.title, v.body, v.tags, v.updated_at,"
            + " v.updated_by FROM notes n JOIN versions v ON v.id = n.id AND v.version = n.version WHERE n.id = ?";
    static final String INSERT_VERSION = "INSERT INTO versions (id, version, seq, title, body, tags,"
            + " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String UPSERT_NOTE = "INSERT INTO notes (id, version, seq, deleted) VALUES (?, ?, ?, 0)"
            + " ON CONFLICT (id) DO UPDATE SET version = excluded.version, seq = excluded.seq, deleted = 0";
    static final String DELETE_NOTE = "UPDATE notes SET deleted = 1, seq = ? WHERE id = ?";
    static final String MAX_SEQ = "SELECT coalesce(max(seq), 0) FROM notes";
    /** Columns: id, title, tags, version, seq, updated_at, updated_by. */
    static final String LIST = "SELECT n.id, v.title, v.tags, n.version, v.seq, v.updated_at, v.updated_by"
            + " FROM notes n JOIN versions v ON v.id = n.id AND v.version = n.version"
            + " WHERE n.deleted = 0 ORDER BY n.seq DESC";
    static final String VERSIONS = "SELECT id, title, tags, version, seq, updated_at, updated_by"
            + " FROM versions WHERE id = ? ORDER BY version";
    /** Columns: title, body, tags, seq, updated_at, updated_by. */
    static final String VERSION_OF = "SELECT title, body, tags, seq, updated_at, updated_by"
            + " FROM versions WHERE id = ? AND version = ?";
}
