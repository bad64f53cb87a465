package concord.client;

import concord.model.NoteContent;
import concord.model.NoteSummary;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * What the ETag cache saves when a window polls {@code GET /notes}: latency and bytes of a full 200 answer
 * versus a 304, against the real server with N notes. Not a JUnit test; run with
 * {@code mvn -B -q test-compile exec:java -Dexec.mainClass=concord.client.ListPollingBenchmark [-Dexec.args=N]}.
 */
public final class ListPollingBenchmark {

    public static void main(String[] args) throws Exception {
        int notes = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rounds = 400;
        Path dir = Files.createTempDirectory("concord-bench");
        try (ConcordServer server = ConcordServer.create(ServerConfig.loopback(dir)).start()) {
            HttpNotesClient writer = HttpNotesClient.create(server.baseUri(), "bench", null);
            for (int i = 0; i < notes; i++) {
                writer.create(new NoteContent("Note " + i, "body of note " + i + "\n".repeat(20), List.of("tag" + (i % 7))));
            }
            AtomicLong bytes = new AtomicLong();
            java.util.concurrent.atomic.AtomicReference<String> encoding = new java.util.concurrent.atomic.AtomicReference<>();
            OkHttpClient counting = HttpNotesClient.defaultHttpClient().newBuilder()
                    .addNetworkInterceptor(chain -> {
                        Response r = chain.proceed(chain.request());
                        bytes.addAndGet(Math.max(0, r.body().contentLength()));
                        if (r.code() == 200) {
                            encoding.set(r.header("Content-Encoding", "identity"));
                        }
                        return r;
                    }).build();

            HttpNotesClient polling = new HttpNotesClient(server.baseUri(), "reader", null, counting, RetryPolicy.NONE);
            long[] full = new long[rounds];
            long fullBytes = 0;
            for (int i = 0; i < rounds; i++) {
                polling.forgetCachedAnswers(); // every list is a full 200
                bytes.set(0);
                long t0 = System.nanoTime();
                require(polling.list());
                full[i] = System.nanoTime() - t0;
                fullBytes = bytes.get();
            }
            ApiResult<List<NoteSummary>> listed = polling.list();
            require(listed);
            int listedCount = ((ApiResult.Ok<List<NoteSummary>>) listed).value().size();
            long[] cached = new long[rounds];
            bytes.set(0);
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                require(polling.list());
                cached[i] = System.nanoTime() - t0;
            }
            long cachedBytes = bytes.get() / rounds;
            System.out.printf("GET /notes with %d notes (%d listed), %d rounds each (loopback, first quarter = warm-up):%n", notes, listedCount, rounds);
            System.out.printf("  200 full list : p50 %.2f ms  p99 %.2f ms  body on the wire %d bytes (%s)%n", p(full, 50), p(full, 99), fullBytes, encoding.get());
            System.out.printf("  304 from cache: p50 %.2f ms  p99 %.2f ms  body on the wire %d bytes%n", p(cached, 50), p(cached, 99), cachedBytes);
            writer.releaseIdleConnections();
            polling.releaseIdleConnections();
        }
    }

    private static void require(ApiResult<?> r) {
        if (!r.isOk()) {
            throw new IllegalStateException(r.toString());
        }
    }

    private static double p(long[] nanos, int pct) {
        // the first quarter of the rounds (in time order) is warm-up
        long[] warm = Arrays.copyOfRange(nanos, nanos.length / 4, nanos.length);
        Arrays.sort(warm);
        return warm[Math.min(warm.length - 1, (int) Math.ceil(pct / 100.0 * warm.length) - 1)] / 1e6;
    }
}
