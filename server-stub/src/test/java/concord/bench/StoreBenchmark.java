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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * The store alone, without HTTP: N threads each doing find → put(If-Match) on their own note, as the server does
 * for one read-modify-write round. Reports CPU microseconds per successful put, so the store's share of
 * {@link ServerBenchmark}'s figure can be told apart from HTTP's.
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
        try (SqliteNoteStore store = SqliteNoteStore.open(data)) {
            for (int round = 0; round < 2; round++) { // the first round warms the JIT up
                String[] ids = new String[clients];
                for (int i = 0; i < clients; i++) {
                    ids[i] = store.create(new NoteContent("n" + i, "0", List.of()), "bench").id();
                }
                LongAdder puts = new LongAdder();
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                CountDownLatch done = new CountDownLatch(clients);
                SqliteNoteStore.WriteStats before = store.writeStats();
                long cpu0 = cpu();
                for (int c = 0; c < clients; c++) {
                    String id = ids[c];
                    Thread t = new Thread(() -> {
                        try {
                            while (System.nanoTime() < end) {
                                Note n = ((NoteState.Live) store.find(id)).note();
                                NoteContent next = new NoteContent(n.title(), Long.toString(Long.parseLong(n.body()) + 1), n.tags());
                                WriteOutcome o = store.put(id, new Precondition.IfMatch(List.of(n.etag())), next, "u");
                                if (o instanceof WriteOutcome.Written) {
                                    puts.increment();
                                }
                            }
                        } finally {
                            done.countDown();
                        }
                    });
                    t.start();
                }
                done.await();
                long cpu = cpu() - cpu0;
                SqliteNoteStore.WriteStats after = store.writeStats();
                System.out.printf(Locale.ROOT, "%s: %d clients, %.0f puts/s, %.1f us CPU per put, %.2f writes per fsync%n",
                        round == 0 ? "warm-up" : "measured", clients, puts.sum() / (double) seconds,
                        cpu / 1000.0 / puts.sum(),
                        (after.units() - before.units()) / (double) Math.max(1, after.commits() - before.commits()));
            }
        }
        System.exit(0);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
