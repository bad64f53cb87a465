package concord.store;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Lines up a batch deterministically: keeps the store's single writer busy with a unit that waits, so the
 * writes submitted meanwhile queue up and are taken as one batch (one transaction) on {@link #release()}.
 */
final class HeldWriter implements AutoCloseable {

    private final SqliteNoteStore store;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Future<?> held;

    HeldWriter(SqliteNoteStore store) throws InterruptedException {
        this.store = store;
        held = pool.submit(() -> store.write(tx -> {
            running.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the held writer was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        if (!running.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the writer never took the holding unit");
        }
    }

    /** Runs {@code call} on its own thread (it blocks until its write commits). */
    <T> Future<T> submit(Callable<T> call) {
        return pool.submit(call);
    }

    /** Waits until exactly {@code n} units wait for the writer (to fix their order in the batch). */
    void awaitQueued(int n) {
        await().atMost(Duration.ofSeconds(60)).until(() -> store.pendingWrites() == n);
    }

    /** Waits until exactly {@code n} units wait for the writer, then lets it go on: they form one batch. */
    void releaseWhenQueued(int n) throws Exception {
        awaitQueued(n);
        release();
    }

    void release() throws Exception {
        release.countDown();
        held.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        release.countDown();
        pool.shutdownNow();
    }
}
