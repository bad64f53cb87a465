package concord.merge;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntConsumer;

/**
 * Two halves of one large merge step at once, the second on a short-lived thread of its own.
 *
 * <p>Not the common fork-join pool: the engine is called from the app's I/O executor, from tests and from the
 * command line, and a task queued behind someone else's work in a shared pool (or a caller that is itself a pool
 * worker, joining) would make a merge wait on strangers. A thread costs tens of microseconds, which is why only
 * steps over {@link #MIN_WORK} are split. The halves must write disjoint state; the result is the same as running
 * them one after the other, which is what happens on a single core (and what tests compare against).
 */
final class Parallel {

    /** Below about this many characters (or lines, for line steps) of work, a second thread costs more than it saves. */
    static final long MIN_WORK = 200_000;

    /** Splits steps of {@link #MIN_WORK} or more when the machine has a second core. */
    static final Parallel DEFAULT = new Parallel(MIN_WORK);
    /** Runs everything on the caller's thread. */
    static final Parallel NEVER = new Parallel(Long.MAX_VALUE);

    private final long minWork;

    /** @param minWork the smallest step that is split; 0 splits every step (for tests) */
    Parallel(long minWork) {
        this.minWork = minWork;
    }

    /** Whether a step of {@code work} units is worth splitting on this machine. */
    boolean worthIt(long work) {
        return work >= minWork && (minWork == 0 || Runtime.getRuntime().availableProcessors() > 1);
    }

    /** Runs {@code part.accept(0)} here and {@code part.accept(1)} on a second thread, and returns when both are done. */
    static void halves(IntConsumer part) {
        CompletableFuture<Void> second = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                part.accept(1);
                second.complete(null);
            } catch (Throwable e) {
                second.completeExceptionally(e);
            }
        }, "concord-merge-worker");
        worker.setDaemon(true);
        worker.start();
        part.accept(0);
        try {
            second.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** {@link #halves} when {@code work} is worth it, otherwise both halves here, in order. */
    void halves(long work, IntConsumer part) {
        if (worthIt(work)) {
            halves(part);
        } else {
            part.accept(0);
            part.accept(1);
        }
    }
}
