package concord.bench;

import concord.model.Note;
import concord.model.NoteContent;
import concord.store.NoteState;
import concord.store.Precondition;
import concord.store.SqliteNoteStore;
import concord.store.WriteOutcome;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The store alone, without HTTP: N threads each doing find → put(If-Match) on their own note, as the server does
 * for one read-modify-write round. Reports CPU microseconds per successful put, so the store's share of
 * {@link ServerBenchmark}'s figure can be told apart from HTTP's.
 *
 * <p>No thread shares a note, so every put must be written: a refused put, an exception in any thread, or a final
 * counter that differs from its thread's puts fails the run (exit 1) instead of being left out of the figures.
 * Rates divide by the measured time (all threads start together; the clock stops when the last one is done);
 * CPU is the whole process's, every thread.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=concord.bench.StoreBenchmark [-Dbench.seconds=8] [-Dbench.clients=8]
 * </pre>
 */
public final class StoreBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 8);
        int clients = Integer.getInteger("bench.clients", 8);
        Path data = Files.createTempDirectory("concord-store-bench");
        boolean failed = false;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (SqliteNoteStore store = SqliteNoteStore.open(data)) {
            for (int round = 0; round < 2; round++) { // the first round warms the JIT up
                String[] ids = new String[clients];
                for (int i = 0; i < clients; i++) {
                    ids[i] = store.create(new NoteContent("n" + i, "0", List.of()), "bench").id();
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Long>> threads = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    String id = ids[c];
                    threads.add(pool.submit(() -> {
                        go.await();
                        long end = System.nanoTime() + seconds * 1_000_000_000L;
                        long puts = 0;
                        while (System.nanoTime() < end) {
                            Note n = ((NoteState.Live) store.find(id)).note();
                            NoteContent next = new NoteContent(n.title(), Long.toString(Long.parseLong(n.body()) + 1), n.tags());
                            WriteOutcome o = store.put(id, new Precondition.IfMatch(List.of(n.etag())), next, "u");
                            if (!(o instanceof WriteOutcome.Written)) {
                                throw new IllegalStateException("a put on a note no one else writes was refused: " + o);
                            }
                            puts++;
                        }
                        return puts;
                    }));
                }
                SqliteNoteStore.WriteStats before = store.writeStats();
                long cpu0 = cpu();
                long t0 = System.nanoTime();
                go.countDown();
                long[] puts = new long[clients];
                List<String> errors = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    try {
                        puts[c] = threads.get(c).get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        puts[c] = -1;
                        errors.add("thread " + c + ": " + e.getCause());
                    }
                }
                long wall = System.nanoTime() - t0;
                long cpu = cpu() - cpu0;
                SqliteNoteStore.WriteStats after = store.writeStats();
                long total = 0;
                for (int c = 0; c < clients; c++) {
                    long counter = Long.parseLong(((NoteState.Live) store.find(ids[c])).note().body());
                    if (puts[c] >= 0 && counter != puts[c]) {
                        errors.add("note " + ids[c] + ": counter " + counter + " after " + puts[c] + " puts");
                    }
                    total += Math.max(0, puts[c]);
                }
                errors.forEach(e -> System.out.println("ERROR " + e));
                failed |= !errors.isEmpty();
                System.out.printf(Locale.ROOT, "%s: %d clients, %.0f puts/s over %.2f s, %.1f us CPU per put (whole process),"
                                + " %.2f writes per fsync%s%n",
                        round == 0 ? "warm-up" : "measured", clients, total / (wall / 1e9), wall / 1e9,
                        cpu / 1000.0 / Math.max(1, total),
                        (after.units() - before.units()) / (double) Math.max(1, after.commits() - before.commits()),
                        errors.isEmpty() ? "" : " -- FAILED, these figures do not count");
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        System.exit(failed ? 1 : 0);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
