package concord.store;

import concord.model.Note;
import concord.model.NoteContent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One unit of work on PostgreSQL, in one READ COMMITTED transaction of one pooled connection.
 *
 * <p>Isolation comes from locks, not from the isolation level: a note is locked (a transaction-scoped advisory lock
 * on its key) before it is read, and stays locked until the commit, so the state a precondition is checked against
 * is the state the write replaces, on any instance. A unit's notes are locked in ascending key order; a note touched
 * without {@link #lock} is locked then, and a deadlock this may cause is resolved by the database and retried by the
 * store. Absent notes are locked too (a row lock could not), so two creates of one id run one after the other.
 */
final class PostgresTransaction implements WriteTransaction {

    /** Namespaces of the two-key advisory locks, so a note's key never collides with a token's. */
    static final int NOTE_LOCKS = 1;

    private final Connection c;
    private final String salt;
    private final Retention retention;
    /** The state of every locked note as this unit sees it (its own writes included). */
    private final Map<String, NoteState> states = new HashMap<>();
    private int ordinal;
    private long lastPosition = -1;
    private boolean rollbackOnly;
    private boolean open = true;

    PostgresTransaction(Connection c, String salt, Retention retention) {
        this.c = c;
        this.salt = salt;
        this.retention = retention;
    }

    boolean isRollbackOnly() {
        return rollbackOnly;
    }

    /** The feed position of this unit's last change, or -1 if it changed nothing. */
    long lastPosition() {
        return lastPosition;
    }

    void end() {
        open = false;
    }

    private void check() {
        if (!open) {
            throw new IllegalStateException("the write transaction has ended");
        }
    }

    /** A note's lock key; every instance computes the same (String.hashCode is specified by the language). */
    static int lockKey(String id) {
        return id.hashCode();
    }

    @Override
    public void lock(Collection<String> ids) {
        check();
        List<String> fresh = ids.stream().distinct().filter(id -> !states.containsKey(id)).toList();
        if (fresh.isEmpty()) {
            return;
        }
        Integer[] keys = fresh.stream().map(PostgresTransaction::lockKey).toArray(Integer[]::new);
        try (PreparedStatement p = c.prepareStatement(PostgresSql.LOCK_AND_READ)) {
            p.setArray(1, c.createArrayOf("text", fresh.toArray()));
            p.setArray(2, c.createArrayOf("int4", keys));
            for (String id : fresh) {
                states.put(id, new NoteState.Absent(id));
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    states.put(id, PostgresRows.state(id, rs, salt));
                }
            }
        } catch (SQLException e) {
            fresh.forEach(states::remove);
            throw new UnitFailure("locking and reading " + fresh + " failed", e);
        }
    }

    @Override
    public NoteState current(String id) {
        check();
        lock(List.of(id));
        return states.get(id);
    }

    @Override
    public Note put(String id, NoteContent content, String user) {
        check();
        StorableContent.require(content, user);
        NoteState state = current(id);
        long version = state.lastVersion() + 1;
        try (PreparedStatement p = c.prepareStatement(PostgresSql.PUT)) {
            p.setString(1, id);
            p.setLong(2, version);
            p.setString(3, content.title());
            p.setArray(4, PostgresRows.tagArray(c, content.tags()));
            p.setString(5, user);
            p.setBytes(6, PostgresRows.bodyBytes(content.body()));
            p.setInt(7, nextOrdinal());
            long seq;
            Instant at;
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                seq = rs.getLong(1);
                lastPosition = rs.getLong(2);
                at = PostgresRows.instant(rs, 3);
            }
            if (retention.keepLast().isPresent() && version > retention.keepLast().getAsInt()) {
                try (PreparedStatement prune = c.prepareStatement(PostgresSql.PRUNE)) {
                    prune.setString(1, id);
                    prune.setLong(2, version - retention.keepLast().getAsInt());
                    prune.executeUpdate();
                }
            }
            Note note = new Note(id, content.title(), content.body(), content.tags(), version,
                    SqliteRows.etag(version, seq, salt), at, user);
            states.put(id, new NoteState.Live(note));
            return note;
        } catch (SQLException e) {
            throw new UnitFailure("writing note " + id + " failed", e);
        }
    }

    @Override
    public void delete(String id, String user) {
        check();
        NoteState state = current(id);
        if (!(state instanceof NoteState.Live live)) {
            throw new IllegalStateException("note " + id + " is not live");
        }
        long version = live.note().version();
        try (PreparedStatement p = c.prepareStatement(PostgresSql.DELETE)) {
            p.setString(1, id);
            p.setLong(2, version);
            p.setString(3, user);
            p.setInt(4, nextOrdinal());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                lastPosition = rs.getLong(1);
                states.put(id, new NoteState.Deleted(id, version, user, PostgresRows.instant(rs, 2)));
            }
        } catch (SQLException e) {
            throw new UnitFailure("deleting note " + id + " failed", e);
        }
    }

    private int nextOrdinal() {
        if (ordinal == (1 << PostgresSql.POSITION_SHIFT) - 1) {
            throw new IllegalStateException("one transaction may make at most " + ordinal + " changes");
        }
        return ordinal++;
    }

    @Override
    public void rollbackOnly() {
        check();
        rollbackOnly = true;
    }

    @Override
    public Optional<TokenRecord> token(String user, String token) {
        check();
        try {
            try (PreparedStatement lock = c.prepareStatement(PostgresSql.LOCK_TOKEN)) {
                lock.setInt(1, (user + '\0' + token).hashCode());
                lock.execute();
            }
            // a statement of its own, so that it sees what the holder of the lock committed
            try (PreparedStatement p = c.prepareStatement(PostgresSql.FIND_TOKEN)) {
                p.setString(1, user);
                p.setString(2, token);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new TokenRecord(rs.getString(1), rs.getString(2), PostgresRows.instant(rs, 3)))
                            : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new UnitFailure("reading a transaction token failed", e);
        }
    }

    @Override
    public void recordToken(String user, String token, TokenRecord record) {
        check();
        try (PreparedStatement p = c.prepareStatement(PostgresSql.RECORD_TOKEN)) {
            p.setString(1, user);
            p.setString(2, token);
            p.setString(3, record.fingerprint());
            p.setString(4, record.outcome());
            p.setObject(5, PostgresRows.timestamp(record.createdAt()));
            p.executeUpdate();
        } catch (SQLException e) {
            throw new UnitFailure("recording a transaction token failed", e);
        }
    }

    @Override
    public int purgeTokens(Instant cutoff) {
        check();
        try (PreparedStatement p = c.prepareStatement(PostgresSql.PURGE_TOKENS)) {
            p.setObject(1, PostgresRows.timestamp(cutoff));
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new UnitFailure("purging transaction tokens failed", e);
        }
    }


    /**
     * A database error inside a unit: carried out of the unit's code (which knows no SQL) to the store, which decides
     * whether to run the unit again, report the database unreachable, or fail.
     */
    static final class UnitFailure extends RuntimeException {
        final SQLException sql;

        UnitFailure(String what, SQLException sql) {
            super(what + ": " + sql.getMessage(), sql);
            this.sql = sql;
        }
    }
}
