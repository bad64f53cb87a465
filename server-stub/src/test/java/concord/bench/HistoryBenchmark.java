package concord.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * History at scale: a note with many large versions, its {@code /versions} listing, and what that listing costs a
 * reader of another, small note.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=concord.bench.HistoryBenchmark \
 *     [-Dbench.versions=10000] [-Dbench.bodyKb=100] [-Dbench.clients=8] [-Dbench.seconds=10] \
 *     [-Dbench.serverJar=/path/to/other/concord.jar]
 * </pre>
 * The server runs in a JVM of its own on a fresh database, built through the API (one PUT per version), so the
 * same command measures any build. A listing follows {@code Link: <…>; rel="next"} where the server pages.
 * Reported: the time of a whole listing (every page) and of its first page, the bytes the server process read
 * for one listing, and the latency of {@code GET} of a small note alone and while {@code bench.clients} clients
 * list the history in a loop.
 */
public final class HistoryBenchmark {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private HistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int versions = Integer.getInteger("bench.versions", 10_000);
        int bodyKb = Integer.getInteger("bench.bodyKb", 100);
        int clients = Integer.getInteger("bench.clients", 8);
        int seconds = Integer.getInteger("bench.seconds", 10);
        Path data = Files.createTempDirectory("history-bench");
        try (ChildServer server = ChildServer.start(data, List.of("-Xmx1g"))) {
            URI base = server.baseUri;
            long t0 = System.nanoTime();
            build(base, versions, bodyKb);
            System.out.printf(Locale.ROOT, "built %d versions of a %d KB note in %.1f s%n", versions, bodyKb,
                    (System.nanoTime() - t0) / 1e9);

            for (int i = 0; i < 3; i++) {
                listAll(base); // warm-up: JIT and the page cache
            }
            long[] whole = new long[10];
            long[] first = new long[10];
            long readBefore = server.bytesRead();
            int pages = 0;
            int entries = 0;
            for (int i = 0; i < whole.length; i++) {
                long s = System.nanoTime();
                int[] pe = listAll(base);
                whole[i] = System.nanoTime() - s;
                pages = pe[0];
                entries = pe[1];
            }
            double mbPerListing = (server.bytesRead() - readBefore) / 1e6 / whole.length;
            for (int i = 0; i < first.length; i++) {
                long s = System.nanoTime();
                get(base.resolve("/notes/big/versions"));
                first[i] = System.nanoTime() - s;
            }
            long[] alone = smallGets(base, 300);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong listings = new AtomicLong();
            List<Thread> listers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            listAll(base);
                            listings.incrementAndGet();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                t.start();
                listers.add(t);
            }
            long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            List<Long> loaded = new ArrayList<>();
            while (System.nanoTime() < until) {
                long s = System.nanoTime();
                get(base.resolve("/notes/small"));
                loaded.add(System.nanoTime() - s);
            }
            stop.set(true);
            for (Thread t : listers) {
                t.join();
            }
            long[] underLoad = loaded.stream().mapToLong(Long::longValue).toArray();

            System.out.printf(Locale.ROOT, "GET /notes/big/versions, all %d pages (%d entries): median %.1f ms, "
                    + "server read %.1f MB per listing%n", pages, entries, ms(median(whole)), mbPerListing);
            System.out.printf(Locale.ROOT, "GET /notes/big/versions, first page only: median %.1f ms%n", ms(median(first)));
            System.out.printf(Locale.ROOT, "GET /notes/small alone: median %.2f ms, p99 %.2f ms%n",
                    ms(median(alone)), ms(percentile(alone, 0.99)));
            System.out.printf(Locale.ROOT, "GET /notes/small while %d clients list the history: median %.2f ms, "
                    + "p99 %.2f ms (%d listings in %d s)%n", clients, ms(median(underLoad)),
                    ms(percentile(underLoad, 0.99)), listings.get(), seconds);
        }
    }

    private static void build(URI base, int versions, int bodyKb) throws Exception {
        String body = "x".repeat(bodyKb * 1024 - 20);
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/notes/small"))
                .header("If-None-Match", "*"), "{\"title\":\"small\",\"body\":\"small note\"}");
        check(r, 201);
        String etag = null;
        for (int v = 1; v <= versions; v++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/notes/big"));
            b = etag == null ? b.header("If-None-Match", "*") : b.header("If-Match", etag);
            r = send(b, "{\"title\":\"big\",\"body\":\"" + v + body + "\"}");
            check(r, v == 1 ? 201 : 200);
            etag = r.headers().firstValue("ETag").orElseThrow();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder b, String json) throws Exception {
        return HTTP.send(b.header("Content-Type", "application/json").header("X-Concord-User", "bench")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Follows rel="next" to the end; returns {pages, entries}. */
    private static int[] listAll(URI base) throws Exception {
        URI next = base.resolve("/notes/big/versions");
        int pages = 0;
        int entries = 0;
        while (next != null) {
            HttpResponse<String> r = get(next);
            pages++;
            entries += countEntries(r.body());
            URI current = next;
            next = r.headers().firstValue("Link").map(l -> {
                Matcher m = NEXT.matcher(l);
                return m.find() ? current.resolve(m.group(1)) : null;
            }).orElse(null);
        }
        return new int[] {pages, entries};
    }

    private static int countEntries(String json) {
        int n = 0;
        for (int i = json.indexOf("\"version\""); i >= 0; i = json.indexOf("\"version\"", i + 1)) {
            n++;
        }
        return n;
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        check(r, 200);
        return r;
    }

    private static long[] smallGets(URI base, int n) throws Exception {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            get(base.resolve("/notes/small"));
            out[i] = System.nanoTime() - s;
        }
        return out;
    }

    private static void check(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.uri() + ": " + r.statusCode() + " " + r.body());
        }
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static long median(long[] xs) {
        return percentile(xs, 0.5);
    }

    static long percentile(long[] xs, double p) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(p * s.length))];
    }
}
