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
 *     [-Dbench.clients=32] [-Dbench.seconds=20] [-Dbench.bodyKb=1023] [-Dbench.serverJar=/path/to/other/concord.jar]
 * </pre>
 * The server runs in a JVM of its own with the JVM's default heap (a quarter of the machine's memory), which is
 * what lets memory grow when nothing else bounds it. Each client sends {@code PUT /notes/n} with a stale
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
        Path data = Files.createTempDirectory("memory-bench");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (ChildServer server = ChildServer.start(data, List.of())) {
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
                                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            statuses.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
                        } catch (Exception e) {
                            statuses.computeIfAbsent(-1, k -> new LongAdder()).increment();
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
            System.out.printf(Locale.ROOT, "%d clients x %d KB bodies for %d s: server RSS idle %.0f MB, "
                    + "peak %.0f MB (VmHWM), answers %s%n", clients, bodyKb, seconds, idle / 1e6,
                    Math.max(maxSampled, server.peakRss()) / 1e6, byStatus);
        }
    }
}
