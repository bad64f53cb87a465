package concord.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import concord.model.Note;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import concord.store.SqliteNoteStore;
import concord.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Conditional read-modify-write throughput of the notes server.
 *
 * <p>Each client loops: {@code GET /notes/{id}} → increment the counter in the body → {@code PUT} with
 * {@code If-Match}; a 412 counts as a conflict and the client simply reads again. At the end every note's counter
 * must equal the number of successful PUTs on it (no lost update), or the run fails. Any other answer or I/O error
 * fails the run too (exit 1): no figure is printed as if the work had been done.
 *
 * <p>Latency covers every measured round: the table shows the rounds that ended in a 200 and those that ended in
 * a 412 apart, and all of them together. Rates divide by the measured time (from the first measured round's start
 * to the last one's end), CPU is the whole process's (every thread: server, clients, JIT, GC).
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=concord.bench.ServerBenchmark \
 *     [-Dbench.seconds=10] [-Dbench.warmup=3] [-Dbench.jitWarmup=20] [-Dbench.scenarios=1,2,3,4]
 *     [-Dbench.url=http://127.0.0.1:PORT] [-Dbench.data=DIR]
 * </pre>
 * Without {@code bench.url} it starts a server in this JVM on a fresh database (in {@code bench.data} or a temp
 * directory). Only 127.0.0.1 / localhost targets are accepted.
 */
public final class ServerBenchmark {

    private static final MediaType JSON = MediaType.get("application/json");

    /** The scenario the team-server benchmark compares with pgbench. */
    static final Scenario EIGHT_BY_EIGHT = new Scenario("8 clients x 8 own notes", 8, 8);

    record Scenario(String name, int clients, int notes) {
    }

    record Result(Scenario scenario, long updates, long conflicts, long errors, double seconds,
                  long[] roundNanos, long[] conflictRoundNanos, long[] allRoundNanos, long[] putNanos,
                  double cpuMicrosPerUpdate) {
        double perSecond() {
            return updates / seconds;
        }

        double conflictRate() {
            long attempts = updates + conflicts;
            return attempts == 0 ? 0 : (double) conflicts / attempts;
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 10);
        int warmup = Integer.getInteger("bench.warmup", 3);
        String url = System.getProperty("bench.url");
        List<Scenario> all = List.of(
                new Scenario("1 client, own note", 1, 1),
                new Scenario("8 clients x 8 own notes", 8, 8),
                new Scenario("8 clients on 1 hot note", 8, 1),
                new Scenario("32 clients on 4 hot notes", 32, 4));
        String only = System.getProperty("bench.scenarios", "1,2,3,4");
        List<Scenario> scenarios = Arrays.stream(only.split(","))
                .map(s -> all.get(Integer.parseInt(s.strip()) - 1)).toList();

        ConcordServer server = null;
        SqliteNoteStore store = null;
        URI base;
        if (url == null) {
            String dataProp = System.getProperty("bench.data");
            Path data = dataProp != null ? Path.of(dataProp) : Files.createTempDirectory("concord-bench");
            store = SqliteNoteStore.open(data);
            server = ConcordServer.create(ServerConfig.loopback(data), store).start();
            base = server.baseUri();
            System.out.println("in-process server on " + base + ", database in " + data
                    + " (WAL, synchronous=FULL)");
        } else {
            base = URI.create(url);
            if (!List.of("127.0.0.1", "localhost").contains(base.getHost())) {
                throw new IllegalArgumentException("the benchmark only targets 127.0.0.1/localhost, not " + url);
            }
        }
        System.out.printf(Locale.ROOT, "%d cores, %d s per scenario after %d s warm-up%n",
                Runtime.getRuntime().availableProcessors(), seconds, warmup);
        boolean failed = false;
        try {
            int jitWarmup = Integer.getInteger("bench.jitWarmup", 20);
            if (jitWarmup > 0) {
                // the JIT needs many thousands of requests before Jetty, Jackson and OkHttp run compiled code;
                // on a busy 2-core machine that takes tens of seconds, and would otherwise pollute scenario 1
                System.out.printf(Locale.ROOT, "JIT warm-up: %d s of 8 clients x 8 notes, not measured%n", jitWarmup);
                failed |= run(base, all.get(1), jitWarmup, 0).errors() != 0;
            }
            List<Result> results = new ArrayList<>();
            for (Scenario s : scenarios) {
                SqliteNoteStore.WriteStats before = store == null ? null : store.writeStats();
                Result r = run(base, s, warmup, seconds);
                if (store != null) {
                    SqliteNoteStore.WriteStats after = store.writeStats();
                    long commits = after.commits() - before.commits();
                    System.out.printf(Locale.ROOT, "%-28s group commit: %d commits for %d writes (%.2f per fsync)%n",
                            "", commits, after.units() - before.units(),
                            commits == 0 ? 0.0 : (after.units() - before.units()) / (double) commits);
                }
                results.add(r);
                failed |= r.errors() != 0;
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "%-28s %10s %8s %17s %17s %17s %17s %10s%n",
                    "scenario", "updates/s", "412 %", "p50/p99 200 round", "p50/p99 412 round",
                    "p50/p99 all rounds", "p50/p99 PUT", "CPU/upd");
            for (Result r : results) {
                System.out.printf(Locale.ROOT, "%-28s %10.0f %7.1f%% %17s %17s %17s %17s %8.0fus%n",
                        r.scenario().name(), r.perSecond(), 100 * r.conflictRate(),
                        p50p99(r.roundNanos()), p50p99(r.conflictRoundNanos()), p50p99(r.allRoundNanos()),
                        p50p99(r.putNanos()), r.cpuMicrosPerUpdate());
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
        if (failed) {
            System.out.println("FAILED: errors or lost updates (see above); the figures above do not count");
            System.exit(1);
        }
        System.exit(0);
    }

    private static String p50p99(long[] sorted) {
        return sorted.length == 0 ? "-" : String.format(Locale.ROOT, "%.2f/%.2fms", pct(sorted, 50), pct(sorted, 99));
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static Result run(URI base, Scenario s, int warmupSeconds, int seconds) throws Exception {
        return run(List.of(base), s, warmupSeconds, seconds);
    }

    /**
     * One scenario against one or several instances of the server: client {@code c} talks to instance
     * {@code c % n} (as a load balancer spreading connections would). {@code errors() < 0} means a lost update.
     */
    static Result run(List<URI> instances, Scenario s, int warmupSeconds, int seconds) throws Exception {
        URI base = instances.get(0);
        ObjectMapper mapper = Json.newMapper();
        OkHttpClient http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(s.clients() + 4, 1, TimeUnit.MINUTES))
                .dispatcher(dispatcher(s.clients()))
                .callTimeout(Duration.ofSeconds(30))
                .retryOnConnectionFailure(false)
                .build();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < s.notes(); i++) {
            ids.add(create(http, mapper, base, "bench " + s.name() + " #" + i));
        }
        Client[] clients = new Client[s.clients()];
        CountDownLatch done = new CountDownLatch(s.clients());
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        for (int c = 0; c < clients.length; c++) {
            clients[c] = new Client(http, mapper, instances.get(c % instances.size()), ids.get(c % ids.size()),
                    "client" + c, measureFrom, end, done);
            Thread t = new Thread(clients[c], "bench-" + c);
            t.setDaemon(true);
            t.start();
        }
        long cpuStart = -1;
        long wait = measureFrom - System.nanoTime();
        if (wait > 0) {
            // not a synchronisation: the clients run on their own clock; this only samples CPU time at the mark
            done.await(wait, TimeUnit.NANOSECONDS);
        }
        cpuStart = processCpuNanos();
        long untilEnd = end - System.nanoTime();
        if (untilEnd > 0) {
            done.await(untilEnd, TimeUnit.NANOSECONDS); // the same kind of sampling mark, at the window's end
        }
        long cpuUsed = processCpuNanos() - cpuStart;
        done.await();
        long updates = 0;
        long conflicts = 0;
        long errors = 0;
        long[] perNote = new long[ids.size()];
        List<long[]> rounds = new ArrayList<>();
        List<long[]> conflictRounds = new ArrayList<>();
        List<long[]> puts = new ArrayList<>();
        long firstStart = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;
        for (int c = 0; c < clients.length; c++) {
            Client cl = clients[c];
            updates += cl.measuredUpdates;
            conflicts += cl.measuredConflicts;
            errors += cl.errors;
            perNote[c % ids.size()] += cl.allUpdates;
            rounds.add(cl.okRounds.toArray());
            conflictRounds.add(cl.conflictRounds.toArray());
            puts.add(cl.puts.toArray());
            firstStart = Math.min(firstStart, cl.firstMeasuredStart);
            lastEnd = Math.max(lastEnd, cl.lastMeasuredEnd);
            if (cl.firstError != null) {
                System.out.printf("client %d: %d errors, the first: %s%n", c, cl.errors, cl.firstError);
            }
        }
        double measuredSeconds = lastEnd > firstStart ? (lastEnd - firstStart) / 1e9 : Double.NaN;
        // every successful PUT incremented the counter it had read: the final counter must equal their number
        boolean consistent = true;
        for (int i = 0; i < ids.size(); i++) {
            long counter = counter(read(http, mapper, base, ids.get(i)).body());
            if (counter != perNote[i]) {
                System.out.printf("note %s: counter %d but %d successful PUTs%n", ids.get(i), counter, perNote[i]);
                consistent = false;
            }
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        List<long[]> all = new ArrayList<>(rounds);
        all.addAll(conflictRounds);
        Result r = new Result(s, updates, conflicts, consistent ? errors : -1, measuredSeconds,
                merge(rounds), merge(conflictRounds), merge(all), merge(puts),
                updates == 0 ? Double.NaN : cpuUsed / 1000.0 / updates);
        System.out.printf(Locale.ROOT, "%-28s %8.0f updates/s over %.2f s measured, 412 rate %.1f%%, errors %d,"
                        + " counters %s, %.0f us CPU per update (whole process: server + clients, all threads)%n",
                s.name(), r.perSecond(), measuredSeconds, 100 * r.conflictRate(), errors,
                consistent ? "exact" : "WRONG", r.cpuMicrosPerUpdate());
        return r;
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static long[] merge(List<long[]> parts) {
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    private static Dispatcher dispatcher(int clients) {
        Dispatcher d = new Dispatcher();
        d.setMaxRequests(clients + 4);
        d.setMaxRequestsPerHost(clients + 4);
        return d;
    }

    private static String create(OkHttpClient http, ObjectMapper mapper, URI base, String title) throws IOException {
        Request req = new Request.Builder().url(base + "/notes")
                .header("X-Concord-User", "bench")
                .post(RequestBody.create("{\"title\":\"" + title + "\",\"body\":\"0\"}", JSON)).build();
        try (Response res = http.newCall(req).execute()) {
            if (res.code() != 201) {
                throw new IOException("create failed: " + res.code() + " " + res.body().string());
            }
            return mapper.readValue(res.body().bytes(), Note.class).id();
        }
    }

    private static Note read(OkHttpClient http, ObjectMapper mapper, URI base, String id) throws IOException {
        Request req = new Request.Builder().url(base + "/notes/" + id).header("X-Concord-User", "bench").build();
        try (Response res = http.newCall(req).execute()) {
            if (res.code() != 200) {
                throw new IOException("GET " + id + " failed: " + res.code());
            }
            return mapper.readValue(res.body().bytes(), Note.class);
        }
    }

    private static long counter(String body) {
        return Long.parseLong(body.strip());
    }

    /** One keep-alive client doing GET → PUT If-Match until the end time. */
    private static final class Client implements Runnable {
        final OkHttpClient http;
        final ObjectMapper mapper;
        final URI base;
        final String id;
        final String user;
        final long measureFrom;
        final long end;
        final CountDownLatch done;
        long allUpdates;
        long measuredUpdates;
        long measuredConflicts;
        long errors;
        String firstError;
        final Samples okRounds = new Samples();
        final Samples conflictRounds = new Samples();
        final Samples puts = new Samples();
        long firstMeasuredStart = Long.MAX_VALUE;
        long lastMeasuredEnd = Long.MIN_VALUE;

        Client(OkHttpClient http, ObjectMapper mapper, URI base, String id, String user, long measureFrom, long end,
               CountDownLatch done) {
            this.http = http;
            this.mapper = mapper;
            this.base = base;
            this.id = id;
            this.user = user;
            this.measureFrom = measureFrom;
            this.end = end;
            this.done = done;
        }

        @Override
        public void run() {
            try {
                String url = base + "/notes/" + id;
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        return;
                    }
                    try {
                        Note note = read(http, mapper, base, id);
                        String body = "{\"title\":\"" + note.title() + "\",\"body\":\"" + (counter(note.body()) + 1) + "\"}";
                        Request put = new Request.Builder().url(url)
                                .header("X-Concord-User", user)
                                .header("If-Match", note.etag().header())
                                .put(RequestBody.create(body, JSON)).build();
                        long t1 = System.nanoTime();
                        int code;
                        try (Response res = http.newCall(put).execute()) {
                            code = res.code();
                            res.body().bytes();
                        }
                        long t2 = System.nanoTime();
                        boolean measured = t0 >= measureFrom && t2 <= end;
                        if (code == 200) {
                            allUpdates++;
                        } else if (code != 412) {
                            error("PUT answered " + code);
                            continue;
                        }
                        if (measured) {
                            firstMeasuredStart = Math.min(firstMeasuredStart, t0);
                            lastMeasuredEnd = t2;
                            puts.add(t2 - t1);
                            if (code == 200) {
                                measuredUpdates++;
                                okRounds.add(t2 - t0);
                            } else {
                                measuredConflicts++;
                                conflictRounds.add(t2 - t0);
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        error(e.toString());
                    }
                }
            } finally {
                done.countDown();
            }
        }

        private void error(String what) {
            errors++;
            if (firstError == null) {
                firstError = what;
            }
        }
    }

    /** A growing array of nanosecond samples. */
    private static final class Samples {
        private long[] values = new long[1 << 12];
        private int n;

        void add(long v) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, n);
        }
    }
}
