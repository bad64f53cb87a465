package concord.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/** The SQLite engine's tables, created or upgraded step by step when a database is opened. */
final class SqliteSchema {

    /** 4: who deleted a note; 5: locks and presence (#15); 6: search and deletions (#16). */
    static final int VERSION = 6;

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
                if (current < 2) {
                    upgradeToVersion2(s);
                }
                if (current < 3) {
                    upgradeToVersion3(s);
                }
                if (current < 4) {
                    upgradeToVersion4(s);
                }
                if (current < 5) {
                    upgradeToVersion5(s);
                }
                if (current < 6) {
                    upgradeToVersion6(s);
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

    /**
     * Version 2: bodies move to a table of their own, so that listing versions (title, tags, who, when) never
     * reads a body: in version 1 the columns after the body made SQLite read through every body's overflow pages,
     * 1 GB for 10,000 versions of a 100 KB note. Idempotency tokens now belong to their user (user_tx_tokens,
     * created when first needed); the old table's tokens, at most 10 minutes old, are dropped with it.
     */
    private static void upgradeToVersion2(Statement s) throws SQLException {
        s.execute("CREATE TABLE bodies (id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,"
                + " PRIMARY KEY (id, version))");
        s.execute("INSERT INTO bodies (id, version, body) SELECT id, version, body FROM versions");
        s.execute("CREATE TABLE versions_v2 (id TEXT NOT NULL, version INTEGER NOT NULL, seq INTEGER NOT NULL,"
                + " title TEXT NOT NULL, tags TEXT NOT NULL, updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL,"
                + " PRIMARY KEY (id, version))");
        s.execute("INSERT INTO versions_v2 (id, version, seq, title, tags, updated_at, updated_by)"
                + " SELECT id, version, seq, title, tags, updated_at, updated_by FROM versions");
        s.execute("DROP TABLE versions");
        s.execute("ALTER TABLE versions_v2 RENAME TO versions");
        s.execute("DROP TABLE IF EXISTS tx_tokens");
    }

    /**
     * Version 3: the change feed's log ({@code changes}, one row per committed write, kept for a day) and the
     * token table created with the schema instead of on first use. Changes before the upgrade were never logged,
     * so the log starts at the current sequence number: a reader resuming from before it is told to read afresh.
     */
    private static void upgradeToVersion3(Statement s) throws SQLException {
        s.execute(IDEMPOTENCY_TABLE);
        s.execute("CREATE INDEX IF NOT EXISTS user_tx_tokens_by_age ON user_tx_tokens (created_at)");
        // position = the write's sequence number (the one in its ETag): the single writer commits in its order
        s.execute("CREATE TABLE changes (position INTEGER PRIMARY KEY, id TEXT NOT NULL, version INTEGER NOT NULL,"
                + " deleted INTEGER NOT NULL, updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL)");
        s.execute("INSERT INTO meta (key, value) SELECT 'changes_horizon', CAST(coalesce(max(seq), 0) AS TEXT) FROM notes");
    }

    /**
     * Version 5: locks on notes (leases, {@code PUT /notes/{id}/lock}) and their changes in the feed's log. A lock is
     * durable like a note: it survives a restart. A change of a lock is a row of {@code changes} with its action
     * (taken, renewed, released, expired) and the lease's end; its position is a sequence number like a write's, so
     * it never shares one with an ETag. Self-contained: it needs nothing but version 3 (version 4 touches other columns).
     */
    private static void upgradeToVersion5(Statement s) throws SQLException {
        s.execute("CREATE TABLE locks (id TEXT PRIMARY KEY, holder TEXT NOT NULL, token TEXT NOT NULL,"
                + " expires_at INTEGER NOT NULL) WITHOUT ROWID");
        s.execute("CREATE INDEX locks_by_expiry ON locks (expires_at)");
        s.execute("ALTER TABLE changes ADD COLUMN lock_action TEXT");
        s.execute("ALTER TABLE changes ADD COLUMN lock_expires_at INTEGER");
    }

    /**
     * Version 6: full-text search and the record of deletions, both kept by triggers, so that they commit in the
     * same transaction as the write that changes them and the write path itself needs no change.
     * <ul>
     * <li>{@code search}: an FTS5 table of every live note's current title, tags (one per line) and body, with
     * the trigram tokenizer: a term matches anywhere, also inside a word, in any script, ignoring case. Its rowid
     * is the note's {@code docid} in {@code search_docs} (an INTEGER PRIMARY KEY, so VACUUM never renumbers it).
     * A trigger on {@code notes} replaces a note's row whenever it gets a new version, and removes it when the
     * note is deleted.</li>
     * <li>{@code deletions}: who deleted a note when, copied from the change log's row of the deletion by a trigger
     * on {@code changes} (which is kept only a day). A note re-created loses its rows. Notes deleted before this
     * version get theirs if the change log still holds the deletion, else none (who and when are unknown).</li>
     * </ul>
     * Existing notes are indexed once, in the upgrade's transaction.
     */
    private static void upgradeToVersion6(Statement s) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS search_docs (docid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE)");
        s.execute("CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(title, tags, body,"
                + " tokenize = 'trigram case_sensitive 0')");
        s.execute("CREATE TABLE IF NOT EXISTS deletions (id TEXT NOT NULL, seq INTEGER NOT NULL,"
                + " deleted_at INTEGER NOT NULL, deleted_by TEXT NOT NULL, PRIMARY KEY (id, seq)) WITHOUT ROWID");
        s.execute("CREATE INDEX IF NOT EXISTS notes_deleted_by_seq ON notes (seq) WHERE deleted = 1");
        for (String event : new String[] {"INSERT", "UPDATE"}) {
            s.execute("CREATE TRIGGER IF NOT EXISTS notes_search_after_" + event.toLowerCase(java.util.Locale.ROOT)
                    + " AFTER " + event + " ON notes BEGIN " + INDEX_NOTE + " END");
        }
        s.execute("CREATE TRIGGER IF NOT EXISTS changes_record_deletion AFTER INSERT ON changes WHEN NEW.deleted = 1"
                + " BEGIN DELETE FROM deletions WHERE id = NEW.id AND seq = NEW.position;"
                + " INSERT INTO deletions (id, seq, deleted_at, deleted_by)"
                + " VALUES (NEW.id, NEW.position, NEW.updated_at, NEW.updated_by); END");
        s.execute("INSERT OR IGNORE INTO search_docs (id) SELECT id FROM notes WHERE deleted = 0");
        s.execute("DELETE FROM search");
        s.execute("INSERT INTO search (rowid, title, tags, body) SELECT d.docid, v.title,"
                + " replace(v.tags, char(31), char(10)), b.body FROM notes n JOIN search_docs d ON d.id = n.id"
                + " JOIN versions v ON v.id = n.id AND v.version = n.version"
                + " JOIN bodies b ON b.id = n.id AND b.version = n.version WHERE n.deleted = 0");
        s.execute("INSERT OR IGNORE INTO deletions (id, seq, deleted_at, deleted_by) SELECT c.id, c.position,"
                + " c.updated_at, c.updated_by FROM changes c JOIN notes n ON n.id = c.id AND n.seq = c.position"
                + " WHERE c.deleted = 1 AND n.deleted = 1");
    }

    /**
     * The body of the triggers on {@code notes}: the note's row in {@code search} replaced by its current version,
     * or removed when the note is deleted; a live note has no deletions. Tags are kept one per line (U+001F is how
     * {@code versions} joins them), so that a search term never spans two tags. No OR IGNORE / OR REPLACE: in a
     * trigger the outer statement's conflict policy replaces them, and the writer's upsert of {@code notes} has one.
     */
    private static final String INDEX_NOTE = "INSERT INTO search_docs (id) SELECT NEW.id WHERE NEW.deleted = 0"
            + " AND NOT EXISTS (SELECT 1 FROM search_docs WHERE id = NEW.id);"
            + " DELETE FROM search WHERE rowid = (SELECT docid FROM search_docs WHERE id = NEW.id);"
            + " INSERT INTO search (rowid, title, tags, body) SELECT d.docid, v.title, replace(v.tags, char(31), char(10)),"
            + " b.body FROM search_docs d JOIN versions v ON v.id = d.id AND v.version = NEW.version"
            + " JOIN bodies b ON b.id = d.id AND b.version = NEW.version WHERE d.id = NEW.id AND NEW.deleted = 0;"
            + " DELETE FROM deletions WHERE id = NEW.id AND NEW.deleted = 0;";

    static final String IDEMPOTENCY_TABLE = "CREATE TABLE IF NOT EXISTS user_tx_tokens (user TEXT NOT NULL,"
            + " token TEXT NOT NULL, fingerprint TEXT NOT NULL, outcome TEXT NOT NULL, created_at INTEGER NOT NULL,"
            + " PRIMARY KEY (user, token)) WITHOUT ROWID";

    /**
     * Version 4: a tombstone says who deleted the note and when, so that someone whose save finds the note gone is
     * told by whom (GET answers 410 with them). Notes deleted before keep nulls: nobody knows.
     */
    private static void upgradeToVersion4(Statement s) throws SQLException {
        s.execute("ALTER TABLE notes ADD COLUMN deleted_by TEXT");
        s.execute("ALTER TABLE notes ADD COLUMN deleted_at INTEGER");
    }

    // ------------------------------------------------------------------ the statements of both sides

    /** Columns: n.version, n.deleted, v.seq, v.title, b.body, v.tags, v.updated_at, v.updated_by, n.deleted_by, n.deleted_at. */
    static final String FIND = "SELECT n.version, n.deleted, v.seq, v.title, b.body, v.tags, v.updated_at,"
            + " v.updated_by, n.deleted_by, n.deleted_at FROM notes n JOIN versions v ON v.id = n.id AND v.version = n.version"
            + " JOIN bodies b ON b.id = n.id AND b.version = n.version WHERE n.id = ?";
    static final String INSERT_VERSION = "INSERT INTO versions (id, version, seq, title, tags, updated_at, updated_by)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_BODY = "INSERT INTO bodies (id, version, body) VALUES (?, ?, ?)";
    static final String PRUNE_VERSIONS = "DELETE FROM versions WHERE id = ? AND version <= ?";
    static final String PRUNE_BODIES = "DELETE FROM bodies WHERE id = ? AND version <= ?";
    static final String UPSERT_NOTE = "INSERT INTO notes (id, version, seq, deleted) VALUES (?, ?, ?, 0)"
            + " ON CONFLICT (id) DO UPDATE SET version = excluded.version, seq = excluded.seq, deleted = 0,"
            + " deleted_by = NULL, deleted_at = NULL";
    static final String DELETE_NOTE = "UPDATE notes SET deleted = 1, seq = ?, deleted_by = ?, deleted_at = ? WHERE id = ?";
    static final String MAX_SEQ = "SELECT coalesce(max(seq), 0) FROM notes";
    /**
     * The last sequence number given out: a write's (in notes) or a lock change's (only in changes, or forgotten
     * below the horizon), so that a restarted writer never gives one out twice.
     */
    static final String MAX_POSITION = "SELECT max((SELECT coalesce(max(seq), 0) FROM notes),"
            + " (SELECT coalesce(max(position), 0) FROM changes),"
            + " (SELECT coalesce(max(CAST(value AS INTEGER)), 0) FROM meta WHERE key = 'changes_horizon'))";
    static final String INSERT_LOCK_CHANGE = "INSERT INTO changes (position, id, version, deleted, updated_at,"
            + " updated_by, lock_action, lock_expires_at) VALUES (?, ?, 0, 0, ?, ?, ?, ?)";
    /** Columns: holder, token, expires_at; parameter: id. */
    static final String FIND_LEASE = "SELECT holder, token, expires_at FROM locks WHERE id = ?";
    static final String UPSERT_LEASE = "INSERT INTO locks (id, holder, token, expires_at) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, token = excluded.token,"
            + " expires_at = excluded.expires_at";
    static final String DELETE_LEASE = "DELETE FROM locks WHERE id = ?";
    /** Parameters: now, limit. */
    static final String DUE_LEASES = "SELECT id FROM locks WHERE expires_at <= ? ORDER BY id LIMIT ?";
    static final String ANY_LEASE_DUE = "SELECT 1 FROM locks WHERE expires_at <= ? LIMIT 1";
    static final String INSERT_CHANGE = "INSERT INTO changes (position, id, version, deleted, updated_at, updated_by)"
            + " VALUES (?, ?, ?, ?, ?, ?)";
    /**
     * Columns: position, id, version, deleted, updated_at, updated_by, lock_action, lock_expires_at; parameters:
     * after, limit.
     */
    static final String CHANGES_AFTER = "SELECT position, id, version, deleted, updated_at, updated_by, lock_action,"
            + " lock_expires_at FROM changes WHERE position > ? ORDER BY position LIMIT ?";
    static final String CHANGES_HORIZON = "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'changes_horizon'";
    static final String FORGET_CHANGES = "DELETE FROM changes WHERE updated_at < ?";
    static final String RAISE_HORIZON = "UPDATE meta SET value = CAST(max(CAST(value AS INTEGER),"
            + " (SELECT coalesce(max(position), 0) FROM changes WHERE updated_at < ?)) AS TEXT) WHERE key = 'changes_horizon'";
    static final String FIND_TOKEN = "SELECT fingerprint, outcome, created_at FROM user_tx_tokens WHERE user = ? AND token = ?";
    static final String RECORD_TOKEN = "INSERT OR REPLACE INTO user_tx_tokens (user, token, fingerprint, outcome, created_at)"
            + " VALUES (?, ?, ?, ?, ?)";
    static final String PURGE_TOKENS = "DELETE FROM user_tx_tokens WHERE created_at <= ?";
    /** Columns: id, title, tags, version, seq, updated_at, updated_by; parameters: before (seq), limit. */
    static final String LIST = "SELECT n.id, v.title, v.tags, n.version, v.seq, v.updated_at, v.updated_by, n.seq"
            + " FROM notes n JOIN versions v ON v.id = n.id AND v.version = n.version"
            + " WHERE n.deleted = 0 AND n.seq < ? ORDER BY n.seq DESC LIMIT ?";
    /**
     * Columns: id, title, tags, version, seq, updated_at, updated_by (of the last version), deleted_at, deleted_by
     * (null when unknown), n.seq; parameters: before (seq), limit.
     */
    static final String DELETED = "SELECT n.id, v.title, v.tags, n.version, v.seq, v.updated_at, v.updated_by,"
            + " d.deleted_at, d.deleted_by, n.seq FROM notes n JOIN versions v ON v.id = n.id AND v.version = n.version"
            + " LEFT JOIN deletions d ON d.id = n.id AND d.seq = n.seq"
            + " WHERE n.deleted = 1 AND n.seq < ? ORDER BY n.seq DESC LIMIT ?";
}
