package concord.store;

import concord.model.Change;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL engine's change log: the {@code changes} table for reading and replay, LISTEN/NOTIFY to learn at
 * once that another instance committed. A notification carries only a position; what changed is always read from
 * the table, so a notification that is lost (an instance killed between its commit and its NOTIFY, a dropped
 * listening connection) delays a change but never loses it.
 *
 * <p>Positions are {@code (transaction id << 20) + n}; a reader only takes positions below the oldest transaction
 * still running, so it never passes a change that is yet to commit. When a notification names a position that is
 * not readable yet (an older transaction elsewhere is still running), the listening thread looks again shortly
 * until it is.
 *
 * <p>NOTIFY is sent after the commit, from a thread of its own, never inside the write's transaction: PostgreSQL
 * serialises the commits of notifying transactions on one lock, which would take away the group commit of
 * concurrent writers. Notifications of commits in quick succession are merged into one.
 */
final class PostgresChangeLog implements ChangeLog {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeLog.class);
    /** Without news, listeners are told anyway this often: a safety net for a notification that never came. */
    private static final int IDLE_WAIT_MS = 15_000;
    private static final int CATCH_UP_MAX_MS = 500;

    private final PostgresSettings settings;
    private final DataSource pool;
    private final String salt;
    /** Told of every notification on the presence channel ({@link PostgresPresenceBoard}). */
    private final java.util.function.Consumer<String> presence;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** The highest position known to be committed (from this instance or a notification). */
    private final AtomicLong wanted = new AtomicLong(-1);
    private final AtomicLong toNotify = new AtomicLong(-1);
    private final AtomicBoolean notifyScheduled = new AtomicBoolean();
    private final ExecutorService notifier;
    private final Thread listener;
    private volatile Connection listening;
    private volatile boolean closed;

    PostgresChangeLog(PostgresSettings settings, DataSource pool, String salt,
                      java.util.function.Consumer<String> presence) {
        this.settings = settings;
        this.pool = pool;
        this.salt = salt;
        this.presence = presence;
        this.notifier = Executors.newSingleThreadExecutor(r -> daemon(r, "concord-db-notify"));
        this.listener = daemon(this::listen, "concord-db-listen");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void start() {
        listener.start();
    }

    // ---------------------------------------------------------------- reading

    @Override
    public long head() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(PostgresSql.HEAD)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw PostgresErrors.failure("reading the change feed's position failed", e, false);
        }
    }

    @Override
    public Optional<List<Change>> after(long position, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one change: " + limit);
        }
        try (Connection c = pool.getConnection()) {
            List<Change> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(PostgresSql.CHANGES_AFTER)) {
                p.setLong(1, position);
                p.setInt(2, limit);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(PostgresRows.change(rs, salt));
                    }
                }
            }
            // after the changes: the horizon only grows, so if it is still at or below the position now, nothing
            // after the position had been forgotten when they were read
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(PostgresSql.HORIZON_AND_HEAD)) {
                rs.next();
                boolean forgotten = position < rs.getLong(1);
                boolean unknown = position > rs.getLong(2);
                return forgotten || unknown ? Optional.empty() : Optional.of(out);
            }
        } catch (SQLException e) {
            throw PostgresErrors.failure("reading the change feed failed", e, false);
        }
    }

    @Override
    public void forgetBefore(Instant cutoff) {
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(PostgresSql.FORGET_CHANGES)) {
            p.setObject(1, PostgresRows.timestamp(cutoff));
            p.executeUpdate();
        } catch (SQLException e) {
            throw PostgresErrors.failure("forgetting old changes failed", e, false);
        }
    }

    // ---------------------------------------------------------------- telling

    @Override
    public Subscription onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A unit of this instance committed changes up to {@code position}: tell local listeners and the others. */
    void committed(long position) {
        wanted.accumulateAndGet(position, Math::max);
        fire();
        toNotify.accumulateAndGet(position, Math::max);
        if (notifyScheduled.compareAndSet(false, true)) {
            try {
                notifier.execute(this::sendNotify);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                notifyScheduled.set(false);
            }
        }
    }

    private void sendNotify() {
        notifyScheduled.set(false);
        long position = toNotify.get();
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(PostgresSql.NOTIFY)) {
            p.setString(1, Long.toString(position));
            p.execute();
        } catch (SQLException e) {
            // the others learn of it from a later notification, or from their safety-net look
            LOG.debug("could not notify other instances of position {}: {}", position, e.getMessage());
        }
    }

    private void fire() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("a change listener failed", e);
            }
        }
    }

    // ---------------------------------------------------------------- listening

    private void listen() {
        long backoff = 250;
        while (!closed) {
            try (Connection c = connect()) {
                listening = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + PostgresSql.CHANNEL);
                    s.execute("LISTEN " + PostgresPresenceBoard.CHANNEL);
                }
                if (backoff > 250) {
                    LOG.info("listening for other instances' changes again");
                }
                backoff = 250;
                fire(); // whatever was committed while this connection was away
                listenOn(c);
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                if (backoff == 250) {
                    LOG.warn("lost the connection that listens for other instances' changes ({}); reconnecting",
                            e.getMessage());
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, 5_000);
            } finally {
                listening = null;
            }
        }
    }

    private void listenOn(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long told = wanted.get();
        int wait = IDLE_WAIT_MS;
        while (!closed) {
            PGNotification[] news = pg.getNotifications(wait);
            boolean any = news != null && news.length > 0;
            if (any) {
                for (PGNotification n : news) {
                    if (PostgresPresenceBoard.CHANNEL.equals(n.getName())) {
                        presence.accept(n.getParameter());
                        continue;
                    }
                    try {
                        wanted.accumulateAndGet(Long.parseLong(n.getParameter()), Math::max);
                    } catch (NumberFormatException notOurs) {
                        // someone else's NOTIFY on our channel: only a hint anyway
                    }
                }
            }
            long want = wanted.get();
            if (want > told && listeners.isEmpty()) {
                told = want; // nobody here follows the feed: nothing to look for
            } else if (want > told) {
                if (head(c) >= want) {
                    told = want;
                    fire();
                    wait = IDLE_WAIT_MS;
                } else {
                    // an older transaction elsewhere is still running; the change becomes readable when it ends
                    wait = wait == IDLE_WAIT_MS ? 5 : Math.min(wait * 2, CATCH_UP_MAX_MS);
                }
            } else if (!any) {
                fire();
            }
        }
    }

    private static long head(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(PostgresSql.HEAD)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A connection of its own, outside the pool: it stays in LISTEN for as long as it lives. */
    private Connection connect() throws SQLException {
        Properties props = new Properties();
        settings.password().ifPresent(p -> props.setProperty("password", p));
        props.setProperty("connectTimeout", Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", "concord-listen");
        return DriverManager.getConnection(settings.url(), props);
    }

    void close() {
        closed = true;
        Connection c = listening;
        if (c != null) {
            try {
                c.close(); // ends the wait in getNotifications
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        listener.interrupt();
        notifier.shutdown();
    }
}
