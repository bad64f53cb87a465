package concord.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.TestDatabase;
import concord.engines.TestPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100 subscribers that wait for changes cost an instance no measurable CPU: the server process's CPU time (the
 * operating system's count for the whole JVM) over one keep-alive period, with and without them, in steady state.
 * A design that polled per subscriber, or woke a thread per stream, would show here; what remains is one comment
 * per subscriber per period.
 */
class FeedIdleCpuTest {

    static final int SUBSCRIBERS = 100;
    /** One keep-alive period: a window this long holds exactly one round of comments once they have started. */
    static final Duration INTERVAL = Duration.ofSeconds(15);

    @RegisterExtension
    static final Databases databases = new Databases();

    @TempDir
    Path dir;

    @Test
    void aHundredIdleSubscribersCostTheServerProcessNoMeasurableCpu() throws Exception {
        TestDatabase db = databases.fresh(Engine.POSTGRESQL);
        ServerProcess server = ServerProcess.start(db.serverArgs(), Map.of("CONCORD_DB_PASSWORD", TestPostgres.PASSWORD),
                dir.resolve("server.log"));
        List<CompletableFuture<HttpResponse<Stream<String>>>> streams = new ArrayList<>();
        try {
            Http http = new Http(server.baseUri);
            // warm up the paths an idle interval could otherwise be charged for: a write, a stream opened and read
            for (int i = 0; i < 50; i++) {
                http.createWithId("warm-" + i, "t", "b", "alice");
            }
            try (SseReader one = SseReader.open(server.baseUri)) {
                one.nextEvent(30);
            }
            Duration quiet = cpuOver(server, INTERVAL);

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CountDownLatch ready = new CountDownLatch(SUBSCRIBERS);
            AtomicInteger lines = new AtomicInteger();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                streams.add(client.sendAsync(HttpRequest.newBuilder(server.baseUri.resolve("/events"))
                        .header("Accept", "text/event-stream").header("X-Concord-User", "idle" + i).build(),
                        HttpResponse.BodyHandlers.ofLines()).thenApply(r -> {
                            Thread t = new Thread(() -> r.body().forEach(line -> {
                                lines.incrementAndGet();
                                if (line.equals("event: ready")) {
                                    ready.countDown();
                                }
                            }));
                            t.setDaemon(true);
                            t.start();
                            return r;
                        }));
            }
            assertTrue(ready.await(60, TimeUnit.SECONDS), "not every subscriber got its stream");
            // steady state, not the first round of comments (which also pays for compiling its code path)
            int connected = lines.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.get() >= connected + SUBSCRIBERS);
            int before = lines.get();
            Duration idle = cpuOver(server, INTERVAL);
            System.out.printf("feed idle CPU: server process %d ms over %d s without subscribers, %d ms with %d idle"
                    + " subscribers (%d lines sent meanwhile)%n", quiet.toMillis(), INTERVAL.toSeconds(),
                    idle.toMillis(), SUBSCRIBERS, lines.get() - before);
            // 'no measurable' with a margin for the JVM's own housekeeping, which moves by tens of ms per interval
            assertTrue(idle.minus(quiet).toMillis() < 150, "100 idle subscribers cost " + idle.minus(quiet).toMillis()
                    + " ms of CPU over " + INTERVAL.toSeconds() + " s");
            assertEquals(200, http.get("/notes/warm-0").status());
        } finally {
            streams.forEach(f -> f.cancel(true));
            server.kill();
        }
    }

    /** The process's CPU time (user + system, all threads) used while this thread waits out {@code interval}. */
    private static Duration cpuOver(ServerProcess server, Duration interval) throws InterruptedException {
        Duration start = cpu(server);
        Thread.sleep(interval.toMillis()); // a measuring interval, not a wait for anything to happen
        return cpu(server).minus(start);
    }

    private static Duration cpu(ServerProcess server) {
        return server.process.info().totalCpuDuration().orElseThrow(() ->
                new AssertionError("this platform does not report a process's CPU time"));
    }
}
