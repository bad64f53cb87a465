package concord.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import concord.wire.tx.TransactionJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Latency and throughput of {@code POST /transactions}. Any failed transaction, exception or wrong version fails
 * the run (exit 1); rates divide by the measured time (first measured transaction's start to the last one's end).
 *
 * <p>Each client owns its notes and loops: one transaction updating all of them under {@code If-Match} with the
 * ETags of its previous commit. No two clients share a note, so every transaction should commit; afterwards
 * every note's version must equal 1 + the commits of its client, or the run fails.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=concord.bench.TransactionBenchmark \
 *     [-Dbench.seconds=8] [-Dbench.warmup=2] [-Dbench.data=DIR]
 * </pre>
 * The server runs in this JVM on 127.0.0.1 on a fresh database (WAL, synchronous=FULL); nothing leaves loopback.
 */
public final class TransactionBenchmark {

    private static final ObjectMapper JSON = TransactionJson.newMapper();

    record Scenario(String name, int clients, int items) {
    }

    record Result(Scenario scenario, long commits, long failures, double seconds, long[] sortedNanos, boolean exact) {
        double perSecond() {
            return commits / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 8);
        int warmup = Integer.getInteger("bench.warmup", 2);
        String dataProp = System.getProperty("bench.data");
        Path data = dataProp != null ? Path.of(dataProp) : Files.createTempDirectory("concord-tx-bench");
        List<Scenario> scenarios = List.of(
                new Scenario("1 client, 10 items", 1, 10),
                new Scenario("1 client, 100 items", 1, 100),
                new Scenario("8 clients, 10 items", 8, 10),
                new Scenario("8 clients, 100 items", 8, 100));
        boolean exact = true;
        List<Result> results = new ArrayList<>();
        try (ConcordServer server = ConcordServer.create(ServerConfig.loopback(data)).start()) {
            System.out.println("in-process server on " + server.baseUri() + ", database in " + data
                    + " (WAL, synchronous=FULL)");
            System.out.printf(Locale.ROOT, "%d cores, %d s per scenario after %d s warm-up%n",
                    Runtime.getRuntime().availableProcessors(), seconds, warmup);
            for (int s = 0; s < scenarios.size(); s++) {
                Result r = run(server.baseUri(), s, scenarios.get(s), warmup, seconds);
                results.add(r);
                exact &= r.exact() && r.failures() == 0;
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-22s %8s %10s %10s %10s %9s%n",
                "scenario", "tx/s", "items/s", "p50", "p99", "failures");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-22s %8.0f %10.0f %8.2fms %8.2fms %9d%n", r.scenario().name(),
                    r.perSecond(), r.perSecond() * r.scenario().items(), pct(r.sortedNanos(), 50),
                    pct(r.sortedNanos(), 99), r.failures());
        }
        if (!exact) {
            System.out.println("WRONG: a transaction failed or a note's version does not match its commits");
            System.exit(1);
        }
        System.exit(0);
    }

    private static Result run(URI base, int index, Scenario s, int warmupSeconds, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Client[] clients = new Client[s.clients()];
        for (int c = 0; c < clients.length; c++) {
            clients[c] = new Client(http, base, "bench" + c);
            clients[c].createNotes("b" + index + "-" + c, s.items());
        }
        CountDownLatch done = new CountDownLatch(clients.length);
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        for (Client c : clients) {
            Thread t = new Thread(() -> {
                try {
                    c.loop(measureFrom, end);
                } catch (RuntimeException | Error e) {
                    c.failures++; // not lost with the thread: the run fails on it below
                    System.out.println(c.user + ": " + e);
                } finally {
                    done.countDown();
                }
            }, "bench-" + c.user);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        long commits = 0;
        long failures = 0;
        List<long[]> latencies = new ArrayList<>();
        boolean exact = true;
        Map<String, Long> versions = versions(http, base);
        long firstStart = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;
        for (Client c : clients) {
            commits += c.measuredCommits;
            failures += c.failures;
            firstStart = Math.min(firstStart, c.firstMeasuredStart);
            lastEnd = Math.max(lastEnd, c.lastMeasuredEnd);
            latencies.add(Arrays.copyOf(c.nanos, c.n));
            for (String id : c.etags.keySet()) {
                if (versions.get(id) != 1 + c.allCommits) {
                    System.out.printf("note %s: version %d but %d commits%n", id, versions.get(id), c.allCommits);
                    exact = false;
                }
            }
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double measured = lastEnd > firstStart ? (lastEnd - firstStart) / 1e9 : Double.NaN;
        Result r = new Result(s, commits, failures, measured, all, exact);
        System.out.printf(Locale.ROOT, "%-22s %7.0f tx/s over %.2f s measured, p50 %.2f ms, p99 %.2f ms, failures %d,"
                        + " versions %s%n",
                s.name(), r.perSecond(), measured, pct(all, 50), pct(all, 99), failures, exact ? "exact" : "WRONG");
        return r;
    }

    private static Map<String, Long> versions(HttpClient http, URI base) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(base.resolve("/notes")).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Long> out = new HashMap<>();
        for (JsonNode n : JSON.readTree(res.body())) {
            out.put(n.get("id").asText(), n.get("version").asLong());
        }
        return out;
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** One keep-alive client updating its own notes, each transaction based on the ETags of the last. */
    private static final class Client {
        final HttpClient http;
        final URI base;
        final String user;
        final Map<String, String> etags = new java.util.LinkedHashMap<>();
        long[] nanos = new long[1 << 12];
        int n;
        long measuredCommits;
        long allCommits;
        volatile long failures;
        long firstMeasuredStart = Long.MAX_VALUE;
        long lastMeasuredEnd = Long.MIN_VALUE;

        Client(HttpClient http, URI base, String user) {
            this.http = http;
            this.base = base;
            this.user = user;
        }

        void createNotes(String prefix, int count) throws IOException, InterruptedException {
            ObjectNode req = JSON.createObjectNode();
            ArrayNode items = req.putArray("items");
            for (int i = 0; i < count; i++) {
                ObjectNode item = items.addObject().put("op", "put").put("id", prefix + "-" + i).put("ifNoneMatch", "*");
                item.putObject("note").put("title", "bench " + i).put("body", "0");
            }
            JsonNode result = send(req);
            if (result == null) {
                throw new IOException("could not create the benchmark notes");
            }
            for (JsonNode item : result.get("items")) {
                etags.put(item.get("id").asText(), item.get("etag").asText());
            }
        }

        void loop(long measureFrom, long end) {
            for (long round = 1; ; round++) {
                long t0 = System.nanoTime();
                if (t0 >= end) {
                    return;
                }
                ObjectNode req = JSON.createObjectNode();
                ArrayNode items = req.putArray("items");
                for (Map.Entry<String, String> e : etags.entrySet()) {
                    ObjectNode item = items.addObject().put("op", "update").put("id", e.getKey()).put("ifMatch", e.getValue());
                    item.putObject("note").put("title", "bench").put("body", Long.toString(round));
                }
                JsonNode result;
                try {
                    result = send(req);
                } catch (IOException | InterruptedException e) {
                    result = null;
                }
                long t1 = System.nanoTime();
                if (result == null) {
                    failures++;
                    return; // the versions would no longer be predictable: stop this client
                }
                for (JsonNode item : result.get("items")) {
                    etags.put(item.get("id").asText(), item.get("etag").asText());
                }
                allCommits++;
                if (t0 >= measureFrom && t1 <= end) {
                    firstMeasuredStart = Math.min(firstMeasuredStart, t0);
                    lastMeasuredEnd = t1;
                    measuredCommits++;
                    if (n == nanos.length) {
                        nanos = Arrays.copyOf(nanos, n * 2);
                    }
                    nanos[n++] = t1 - t0;
                }
            }
        }

        /** The committed result, or null (printed) for anything else. */
        JsonNode send(ObjectNode req) throws IOException, InterruptedException {
            HttpRequest r = HttpRequest.newBuilder(base.resolve("/transactions"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("X-Concord-User", user)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(req))).build();
            HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                System.out.println(user + ": " + res.statusCode() + " " + res.body());
                return null;
            }
            return JSON.readTree(res.body());
        }
    }
}
