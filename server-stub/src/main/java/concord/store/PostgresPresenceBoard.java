package concord.store;

import concord.model.Presence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence on PostgreSQL: the {@code presence} table (UNLOGGED: nothing of it needs to survive a crash), read by every
 * instance, and one notification on the channel {@value #CHANNEL} for each change, sent by the statement that made it
 * and delivered at its commit to every instance's listening connection ({@link PostgresChangeLog}), this one's too.
 * So each instance's listeners hear of every change exactly once, wherever it was made; a departure by time-out is
 * made by whichever instance's sweep deletes the row, and deleting it is what tells everyone.
 *
 * <p>A notification is {@code note id, state, since (epoch milliseconds), user}, one per line; user names have no
 * line breaks, and the user comes last anyway. The database's clock decides when an entry runs out.
 */
final class PostgresPresenceBoard implements PresenceBoard {

    static final String CHANNEL = "concord_presence";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresPresenceBoard.class);

    private static final String PAYLOAD = "s.note_id || E'\\n' || s.state || E'\\n' ||"
            + " (extract(epoch FROM s.since) * 1000)::bigint::text || E'\\n' || s.user_name";
    /** Parameters: note id, user, state, time to live (ms). Notifies only if the state is new. */
    private static final String ANNOUNCE = "WITH a AS (SELECT ?::text AS note_id, ?::text AS user_name, ?::text AS state,"
            + " ?::bigint AS ttl, date_trunc('milliseconds', clock_timestamp()) AS now),"
            + " prev AS (SELECT p.state FROM presence p, a WHERE p.note_id = a.note_id AND p.user_name = a.user_name"
            + "   AND p.expires_at > a.now),"
            + " s AS (INSERT INTO presence AS p (note_id, user_name, state, since, expires_at)"
            + "   SELECT note_id, user_name, state, now, now + ttl * interval '1 millisecond' FROM a"
            + "   ON CONFLICT (note_id, user_name) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at,"
            + "   since = CASE WHEN p.state = excluded.state AND p.expires_at > excluded.since THEN p.since"
            + "   ELSE excluded.since END RETURNING p.note_id, p.user_name, p.state, p.since)"
            + " SELECT pg_notify('" + CHANNEL + "', " + PAYLOAD + ") FROM s"
            + " WHERE NOT EXISTS (SELECT 1 FROM prev WHERE prev.state = s.state)";
    /** Parameters: note id, user. */
    private static final String LEAVE = "WITH d AS (DELETE FROM presence WHERE note_id = ? AND user_name = ?"
            + " RETURNING note_id, user_name), s AS (SELECT note_id, user_name, 'left' AS state,"
            + " date_trunc('milliseconds', clock_timestamp()) AS since FROM d)"
            + " SELECT pg_notify('" + CHANNEL + "', " + PAYLOAD + ") FROM s";
    private static final String SWEEP = "WITH d AS (DELETE FROM presence WHERE expires_at <= clock_timestamp()"
            + " RETURNING note_id, user_name), s AS (SELECT note_id, user_name, 'left' AS state,"
            + " date_trunc('milliseconds', clock_timestamp()) AS since FROM d)"
            + " SELECT pg_notify('" + CHANNEL + "', " + PAYLOAD + ") FROM s";
    private static final String PRESENT = "SELECT note_id, user_name, state, since FROM presence"
            + " WHERE expires_at > clock_timestamp()";

    private final DataSource pool;
    private final List<Consumer<Presence>> listeners = new CopyOnWriteArrayList<>();

    PostgresPresenceBoard(DataSource pool) {
        this.pool = pool;
    }

    @FunctionalInterface
    private interface Statement {
        void bind(PreparedStatement p) throws SQLException;
    }

    private void run(String what, String sql, Statement bind) {
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            bind.bind(p);
            p.execute();
        } catch (SQLException e) {
            throw PostgresErrors.failure(what, e, false);
        }
    }

    @Override
    public void announce(String noteId, String user, Presence.State state, Duration ttl) {
        if (state == Presence.State.LEFT) {
            leave(noteId, user);
            return;
        }
        run("recording presence failed", ANNOUNCE, p -> {
            p.setString(1, noteId);
            p.setString(2, user);
            p.setString(3, state.wireName());
            p.setLong(4, ttl.toMillis());
        });
    }

    @Override
    public void leave(String noteId, String user) {
        run("recording a departure failed", LEAVE, p -> {
            p.setString(1, noteId);
            p.setString(2, user);
        });
    }

    @Override
    public List<Presence> in(String noteId) {
        return present(PRESENT + " AND note_id = ? ORDER BY since, user_name", noteId);
    }

    @Override
    public List<Presence> all() {
        return present(PRESENT + " ORDER BY since, user_name", null);
    }

    private List<Presence> present(String sql, String noteId) {
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            if (noteId != null) {
                p.setString(1, noteId);
            }
            List<Presence> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Presence.State state = Presence.State.fromWireName(rs.getString(3));
                    if (state != null) {
                        out.add(new Presence(rs.getString(1), rs.getString(2), state, PostgresRows.instant(rs, 4)));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw PostgresErrors.failure("reading presence failed", e, false);
        }
    }

    @Override
    public ChangeLog.Subscription onChange(Consumer<Presence> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void sweep() {
        run("forgetting presence that ran out failed", SWEEP, p -> { });
    }

    /** A notification on {@value #CHANNEL}, from any instance (on the listening thread). */
    void notified(String payload) {
        String[] parts = payload.split("\n", 4);
        Presence.State state = parts.length == 4 ? Presence.State.fromWireName(parts[1]) : null;
        if (state == null) {
            return; // not ours
        }
        Presence change;
        try {
            change = new Presence(parts[0], parts[3], state, Instant.ofEpochMilli(Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return;
        }
        for (Consumer<Presence> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("a presence listener failed", e);
            }
        }
    }
}
