package concord.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.client.HttpNotesClient;
import concord.client.NotesFeed;
import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.TestDatabase;
import concord.engines.TestPostgres;
import concord.model.Note;
import concord.model.NoteChange;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL stopped under three running instances and started again: meanwhile every request gets a quick 503
 * problem with Retry-After (never a 500, never a hang), /health stays up and /ready says no; afterwards the same
 * instances serve again, and their change feeds carry on, without restarting anything.
 */
class DatabaseRestartTest {

    /** A request must be answered within this even while the database is gone (the pool waits 3 s at most). */
    static final Duration PROMPT = Duration.ofSeconds(15);

    @RegisterExtension
    static final Databases databases = new Databases();

    @Test
    void aDatabaseRestartGives503sAndTheInstancesRecoverByThemselves() throws Exception {
        TestDatabase db = databases.fresh(Engine.POSTGRESQL);
        TestPostgres postgres = databases.postgres();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        List<NoteChange> fed = new CopyOnWriteArrayList<>();
        try (Cluster cluster = new Cluster(db, 3)) {
            Note before = cluster.http(0).createWithId("survivor", "t", "before", "alice").note();
            NotesFeed feed = new NotesFeed(cluster.uri(2), "reader", null, OptionalLong.empty(), e -> {
                if (e instanceof NotesFeed.Event.Changed c) {
                    fed.add(c.change());
                }
            }, new NotesFeed.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), HttpNotesClient.defaultHttpClient(),
                    scheduler).start();
            await().atMost(Duration.ofSeconds(20)).until(feed::isLive);

            postgres.stop();
            try {
                for (int i = 0; i < 3; i++) {
                    Http http = cluster.http(i);
                    assertUnavailable(() -> http.get("/notes/survivor"));
                    assertUnavailable(() -> http.update("survivor", before.etag().header(), "t", "during", "bob"));
                    assertUnavailable(() -> http.get("/notes"));
                    assertEquals(200, http.get("/health").status(), "the process is up");
                    Http.Res ready = http.get("/ready");
                    assertEquals(503, ready.status(), ready::toString);
                    assertTrue(ready.header("Retry-After").isPresent());
                }
            } finally {
                postgres.restart();
            }

            for (int i = 0; i < 3; i++) {
                Http http = cluster.http(i);
                await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/ready").status() == 200);
                assertEquals(before, http.get("/notes/survivor").note(), "nothing of the failed writes is visible");
            }
            Note after = cluster.http(1).update("survivor", before.etag().header(), "t", "after", "bob").note();
            assertEquals(2, after.version());
            await().atMost(Duration.ofSeconds(60)).until(() -> fed.stream().anyMatch(c -> c.etag() != null
                    && c.etag().equals(after.etag())));
            feed.close();
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static void assertUnavailable(java.util.function.Supplier<Http.Res> request) {
        long t0 = System.nanoTime();
        Http.Res r = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertEquals(503, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/problem+json"), r::toString);
        assertTrue(r.header("Retry-After").isPresent(), r::toString);
        assertEquals("/problems/database-unavailable", r.json().get("type").asText(), r::toString);
        assertTrue(took.compareTo(PROMPT) < 0, "answered after " + took);
    }
}
