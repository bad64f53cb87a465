package concord.store;

import concord.model.Change;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The committed changes of a store (notes written, locks taken and ended) in feed order, kept for a while so that a reader that lost its connection can
 * resume where it stopped. Positions grow in the order in which changes become visible: a reader that has seen
 * every change up to position {@code p} and then reads {@link #after(long, int) after(p)} misses nothing, however
 * many instances write at once.
 */
public interface ChangeLog {

    /**
     * A position that every change committed from now on will exceed: where a new reader starts. Every change
     * at or before it is already readable.
     */
    long head();

    /**
     * Up to {@code limit} changes after {@code position}, oldest first; an empty list when there are none yet.
     * Empty if the changes after {@code position} can no longer all be given: the position is older than what
     * is kept, or it is not a position of this store (a reader must then read the notes afresh).
     */
    Optional<List<Change>> after(long position, int limit);

    /**
     * Calls {@code listener} whenever changes may have become readable, from any instance, on a thread of the
     * store; it must return quickly. Closing the returned handle stops the calls.
     */
    Subscription onChange(Runnable listener);

    /** Forgets the changes made before {@code cutoff}; a reader behind them gets an empty {@link #after}. */
    void forgetBefore(Instant cutoff);

    /** A registration made with {@link #onChange}. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
