package concord.store;

/** The PostgreSQL engine's statements (the tables themselves: {@code concord/store/postgresql/V*.sql}). */
final class PostgresSql {

    private PostgresSql() {
    }

    /** The feed position of a transaction's n-th change: its transaction id shifted past room for 2^20 changes. */
    static final int POSITION_SHIFT = 20;
    /** Below this position every change is committed, or rolled back: no running transaction can add one. */
    static final String VISIBLE_BELOW = "(pg_snapshot_xmin(pg_current_snapshot())::text::bigint << " + POSITION_SHIFT + ")";

    /**
     * Columns: id, version, deleted, seq, title, body, tags, updated_at, updated_by, lock_holder, lock_token,
     * lock_expires_at, now (the database's clock); parameters: ids, lock keys.
     */
    static final String LOCK_AND_READ = "SELECT * FROM concord_lock_and_read(?, ?)";
    /** The same columns, then who deleted the note and when (a tombstone's), without locking. */
    static final String FIND = "SELECT n.id, n.version, n.deleted, v.seq, v.title, b.body, v.tags, v.updated_at,"
            + " v.updated_by, n.deleted_by, n.deleted_at FROM notes n LEFT JOIN versions v ON v.id = n.id AND v.version = n.version"
            + " LEFT JOIN bodies b ON b.id = n.id AND b.version = n.version WHERE n.id = ?";

    /**
     * A new version in one round trip: its number from the sequence, the version, its body, the note's new state
     * and the feed's row (JDBC has only positional parameters, so each is given once, in {@code s}). Parameters: id,
     * version, title, tags, user, body, feed ordinal. Returns seq, position and updated_at (the database's clock,
     * the one clock all instances share).
     */
    static final String PUT = "WITH s AS (SELECT ?::text AS id, ?::bigint AS version, ?::text AS title,"
            + " ?::text[] AS tags, ?::text AS by, ?::bytea AS body, nextval('concord_seq') AS seq,"
            + " date_trunc('milliseconds', clock_timestamp()) AS at,"
            + " (pg_current_xact_id()::text::bigint << " + POSITION_SHIFT + ") + ?::int AS position),"
            + " v AS (INSERT INTO versions (id, version, seq, title, tags, updated_at, updated_by)"
            + "   SELECT id, version, seq, title, tags, at, by FROM s),"
            + " b AS (INSERT INTO bodies (id, version, body) SELECT id, version, body FROM s),"
            + " n AS (INSERT INTO notes (id, version, seq, deleted) SELECT id, version, seq, false FROM s"
            + "   ON CONFLICT (id) DO UPDATE SET version = excluded.version, seq = excluded.seq, deleted = false,"
            + "   deleted_by = NULL, deleted_at = NULL),"
            + " c AS (INSERT INTO changes (position, id, version, seq, deleted, updated_at, updated_by)"
            + "   SELECT position, id, version, seq, false, at, by FROM s)"
            + " SELECT seq, position, at FROM s";

    /** Parameters: id, version (the deleted one), user, feed ordinal. Returns the position and when (the tombstone's). */
    static final String DELETE = "WITH s AS (SELECT ?::text AS id, ?::bigint AS version, ?::text AS by,"
            + " nextval('concord_seq') AS seq, date_trunc('milliseconds', clock_timestamp()) AS at,"
            + " (pg_current_xact_id()::text::bigint << " + POSITION_SHIFT + ") + ?::int AS position),"
            + " n AS (UPDATE notes SET deleted = true, seq = s.seq, deleted_by = s.by, deleted_at = s.at FROM s WHERE notes.id = s.id),"
            + " c AS (INSERT INTO changes (position, id, version, seq, deleted, updated_at, updated_by)"
            + "   SELECT position, id, version, seq, true, at, by FROM s)"
            + " SELECT position, at FROM s";

    /** The database's clock, to the millisecond: the one clock leases are measured by, shared by all instances. */
    static final String NOW = "SELECT date_trunc('milliseconds', clock_timestamp())";

    /**
     * Records a lease and logs its change in one round trip. Parameters: id, holder, token, expires_at, action,
     * feed ordinal. Returns the position.
     */
    static final String PUT_LEASE = "WITH s AS (SELECT ?::text AS id, ?::text AS holder, ?::text AS token,"
            + " ?::timestamptz AS expires_at, ?::text AS action, date_trunc('milliseconds', clock_timestamp()) AS at,"
            + " (pg_current_xact_id()::text::bigint << " + POSITION_SHIFT + ") + ?::int AS position),"
            + " l AS (INSERT INTO locks (id, holder, token, expires_at) SELECT id, holder, token, expires_at FROM s"
            + "   ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, token = excluded.token,"
            + "   expires_at = excluded.expires_at),"
            + " c AS (INSERT INTO changes (position, id, version, seq, deleted, updated_at, updated_by, lock_action,"
            + "   lock_expires_at) SELECT position, id, 0, 0, false, at, holder, action, expires_at FROM s)"
            + " SELECT position FROM s";
    /** Removes a lease and logs why. Parameters: id, action, feed ordinal. Returns the position, if there was one. */
    static final String REMOVE_LEASE = "WITH s AS (SELECT ?::text AS id, ?::text AS action,"
            + " date_trunc('milliseconds', clock_timestamp()) AS at,"
            + " (pg_current_xact_id()::text::bigint << " + POSITION_SHIFT + ") + ?::int AS position),"
            + " d AS (DELETE FROM locks USING s WHERE locks.id = s.id RETURNING locks.holder, locks.expires_at),"
            + " c AS (INSERT INTO changes (position, id, version, seq, deleted, updated_at, updated_by, lock_action,"
            + "   lock_expires_at) SELECT s.position, s.id, 0, 0, false, s.at, d.holder, s.action, d.expires_at FROM s, d)"
            + " SELECT s.position FROM s, d";
    /** Parameter: limit. */
    static final String DUE_LEASES = "SELECT id FROM locks WHERE expires_at <= clock_timestamp() ORDER BY id LIMIT ?";
    static final String ANY_LEASE_DUE = "SELECT EXISTS (SELECT 1 FROM locks WHERE expires_at <= clock_timestamp())";
    /** {@link #FIND}'s columns, then the holder and end of a lease that has not run out; parameter: id. */
    static final String FIND_WITH_LOCK = "SELECT n.id, n.version, n.deleted, v.seq, v.title, b.body, v.tags,"
            + " v.updated_at, v.updated_by, n.deleted_by, n.deleted_at, l.holder, l.expires_at FROM notes n"
            + " LEFT JOIN versions v ON v.id = n.id AND v.version = n.version"
            + " LEFT JOIN bodies b ON b.id = n.id AND b.version = n.version"
            + " LEFT JOIN locks l ON l.id = n.id AND l.expires_at > clock_timestamp() WHERE n.id = ?";

    /** Parameters: id, the newest version to drop. */
    static final String PRUNE = "WITH s AS (SELECT ?::text AS id, ?::bigint AS upto),"
            + " v AS (DELETE FROM versions USING s WHERE versions.id = s.id AND versions.version <= s.upto)"
            + " DELETE FROM bodies USING s WHERE bodies.id = s.id AND bodies.version <= s.upto";

    static final String LOCK_TOKEN = "SELECT pg_advisory_xact_lock(2, ?)";
    static final String FIND_TOKEN = "SELECT fingerprint, outcome, created_at FROM tx_tokens WHERE user_name = ? AND token = ?";
    static final String RECORD_TOKEN = "INSERT INTO tx_tokens (user_name, token, fingerprint, outcome, created_at)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_name, token) DO UPDATE SET fingerprint = excluded.fingerprint,"
            + " outcome = excluded.outcome, created_at = excluded.created_at";
    /** Skips rows another transaction holds, so two units purging at once never wait for each other. */
    static final String PURGE_TOKENS = "DELETE FROM tx_tokens WHERE ctid IN (SELECT ctid FROM tx_tokens"
            + " WHERE created_at <= ? FOR UPDATE SKIP LOCKED)";

    /** Columns: id, title, tags, version, seq, updated_at, updated_by, n.seq; parameters: before (seq), limit. */
    static final String LIST = "SELECT n.id, v.title, v.tags, n.version, v.seq, v.updated_at, v.updated_by, n.seq"
            + " FROM notes n JOIN versions v ON v.id = n.id AND v.version = n.version"
            + " WHERE NOT n.deleted AND n.seq < ? ORDER BY n.seq DESC LIMIT ?";
    /**
     * The listing's tag: the sum of every note's last sequence number, tombstones included. A write replaces a
     * note's number by a larger one (or adds a note), so the sum grows with every committed write, whichever
     * instance made it and in whatever order instances commit; max(seq) would not, because numbers are drawn
     * before commit and a smaller one can commit after a larger one.
     */
    static final String LIST_TAG = "SELECT coalesce(sum(seq), 0)::text FROM notes";
    /**
     * Columns: id, title, tags, version, seq, updated_at, updated_by (of the last version), deleted_at, deleted_by
     * (null when unknown), n.seq; parameters: before (seq), limit.
     */
    static final String DELETED = "SELECT n.id, v.title, v.tags, n.version, v.seq, v.updated_at, v.updated_by,"
            + " d.deleted_at, d.deleted_by, n.seq FROM notes n JOIN versions v ON v.id = n.id AND v.version = n.version"
            + " LEFT JOIN deletions d ON d.id = n.id AND d.seq = n.seq"
            + " WHERE n.deleted AND n.seq < ? ORDER BY n.seq DESC LIMIT ?";

    /**
     * Columns: position, id, version, seq, deleted, updated_at, updated_by, lock_action, lock_expires_at; parameters:
     * after, limit.
     */
    static final String CHANGES_AFTER = "SELECT position, id, version, seq, deleted, updated_at, updated_by,"
            + " lock_action, lock_expires_at FROM changes WHERE position > ? AND position < " + VISIBLE_BELOW + " ORDER BY position LIMIT ?";
    /** Columns: the horizon, the head. */
    static final String HORIZON_AND_HEAD = "SELECT horizon, " + VISIBLE_BELOW + " - 1 FROM changes_horizon";
    static final String HEAD = "SELECT " + VISIBLE_BELOW + " - 1";
    static final String FORGET_CHANGES = "WITH gone AS (DELETE FROM changes WHERE updated_at < ? RETURNING position)"
            + " UPDATE changes_horizon SET horizon = greatest(horizon, (SELECT coalesce(max(position), 0) FROM gone))";
    static final String CHANNEL = "concord_changes";
    static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', ?)";
}
