package concord.server;

import concord.store.NoteLeases;
import concord.store.PresenceBoard;
import concord.store.StoreException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices what runs out by itself: leases nobody renewed (removed and logged as expired, so the feed reports it) and
 * presence nobody renewed (the users left). Every instance sweeps; the store makes sure each expiry is recorded once.
 * A sweep with nothing to do is one cheap read.
 */
final class Sweeper implements AutoCloseable {

    /** How late an expiry may be noticed at most. */
    static final Duration EVERY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    private final NoteLeases leases;
    private final PresenceBoard presence;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "concord-sweeper");
        t.setDaemon(true);
        return t;
    });
    private boolean troubled; // owned by the timer thread

    Sweeper(NoteLeases leases, PresenceBoard presence) {
        this.leases = leases;
        this.presence = presence;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::sweep, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            leases.sweep();
            presence.sweep();
            if (troubled) {
                LOG.info("expired locks and presence are noticed again");
                troubled = false;
            }
        } catch (StoreException e) {
            // the database is away: the next sweep catches up
            if (!troubled) {
                LOG.warn("could not sweep expired locks and presence: {}", e.getMessage());
                troubled = true;
            }
        } catch (RuntimeException e) {
            LOG.error("sweeping expired locks and presence failed", e);
        }
    }

    /** Stops sweeping; waits for a sweep under way, so that the store can be closed after. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
