package concord.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's resident memory while many clients send large bodies at once.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=concord.bench.BodyMemoryBenchmark \
 *     [-Dbench.clients=32] [-Dbench.seconds=20] [-Dbench.bodyKb=1023] [-Dbench.serverHeap=128m]
 *     [-Dbench.slowKbPerSecond=256]
 *     [-Dbench.serverJar=/path/to/other/concord.jar]
 * </pre>
 * The server runs in a JVM of its own, by default with the JVM's default heap (a quarter of the machine's memory),
 * which is what lets memory grow when nothing else bounds it; {@code bench.serverHeap} gives it a small one
 * instead, to see whether it still serves (a server whose bodies are unbounded runs out of memory there).
 * {@code bench.slowKbPerSecond} makes every client send at that pace, so that many bodies are in flight at once. Each client sends {@code PUT /notes/n} with a stale
 * {@code If-Match} and a body of {@code bench.bodyKb} KB in a loop: the server must read and parse every body and
 * then answers 412, so the database does not grow. Reported: the server's peak RSS (VmHWM) and the answers by status.
 */
public final class BodyMemoryBenchmark {

    private BodyMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 32);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int bodyKb = Integer.getInteger("bench.bodyKb", 1023);
        int slowKbPerSecond = Integer.getInteger("bench.slowKbPerSecond", 0);
        Path data = Files.createTempDirectory("memory-bench");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String heap = System.getProperty("bench.serverHeap");
        try (ChildServer server = ChildServer.start(data, heap == null ? List.of() : List.of("-Xmx" + heap))) {
            URI base = server.baseUri;
            http.send(HttpRequest.newBuilder(base.resolve("/notes/n")).header("Content-Type", "application/json")
                    .header("X-Concord-User", "bench").header("If-None-Match", "*")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"n\",\"body\":\"b\"}")).build(),
                    HttpResponse.BodyHandlers.discarding());
            long idle = server.rss();
            byte[] body = ("{\"title\":\"t\",\"body\":\"" + "y".repeat(bodyKb * 1024 - 30) + "\"}").getBytes();
            AtomicBoolean stop = new AtomicBoolean();
            Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve("/notes/n"))
                                    .header("Content-Type", "application/json").header("X-Concord-User", "bench")
                                    .header("If-Match", "\"stale\"").timeout(Duration.ofSeconds(60))
                                    .PUT(slowKbPerSecond == 0 ? HttpRequest.BodyPublishers.ofByteArray(body)
                                            : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers
                                                    .ofInputStream(() -> new Throttled(body, slowKbPerSecond)), body.length))
                                    .build(),
                                    HttpResponse.BodyHandlers.discarding());
                            statuses.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
                        } catch (Exception e) {
                            statuses.computeIfAbsent(-1, k -> new LongAdder()).increment();
                            if (stop.get()) {
                                return;
                            }
                        }
                    }
                });
                t.start();
                threads.add(t);
            }
            long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            long maxSampled = 0;
            while (System.nanoTime() < until) {
                maxSampled = Math.max(maxSampled, server.rss());
                Thread.sleep(100); // sampling interval of the measurement, not synchronisation
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            Map<Integer, Long> byStatus = new TreeMap<>();
            statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
            boolean alive = server.process.isAlive();
            System.out.printf(Locale.ROOT, "%d clients x %d KB bodies for %d s, heap %s: server RSS idle %.0f MB, "
                    + "peak %.0f MB (VmHWM), answers %s (-1: no answer), server %s%n", clients, bodyKb, seconds,
                    heap == null ? "default" : heap, idle / 1e6, Math.max(maxSampled, alive ? server.peakRss() : 0) / 1e6,
                    byStatus, alive ? "alive" : "died");
        }
    }

    /** A body that arrives at a given pace, as from a slow client (16 KB at a time). */
    private static final class Throttled extends java.io.InputStream {
        private final byte[] body;
        private final long nanosPerChunk;
        private int pos;

        Throttled(byte[] body, int kbPerSecond) {
            this.body = body;
            this.nanosPerChunk = 16_000_000_000L / kbPerSecond;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= body.length) {
                return -1;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(nanosPerChunk); // the client's pace
            int n = Math.min(Math.min(len, 16 * 1024), body.length - pos);
            System.arraycopy(body, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
