package concord.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import concord.client.HttpNotesClient;
import concord.client.NotesFeed;
import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.TestDatabase;
import concord.model.Note;
import concord.model.NoteChange;
import concord.store.NoteStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every guarantee across three instances on one PostgreSQL database: what one instance promises, any other honours.
 */
class ClusterTest {

    @RegisterExtension
    static final Databases databases = new Databases();
    static TestDatabase db;
    static Cluster cluster;
    static final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void start() {
        db = databases.fresh(Engine.POSTGRESQL);
        cluster = new Cluster(db, 3);
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
        cluster.close();
    }

    @Test
    void readModifyWriteRoundsThroughDifferentInstancesLoseNoAcknowledgedLine() throws Exception {
        LostUpdateTest.runAgainst(cluster.uris());
    }

    @Test
    void aWriteOnOneInstanceIsA412ForAStaleTagOnAnotherAnd428WithoutOne() {
        Note n = cluster.http(0).createWithId("stale-elsewhere", "t", "v1", "alice").note();
        Note v2 = cluster.http(1).update(n.id(), n.etag().header(), "t", "v2", "bob").note();
        Http.Res stale = cluster.http(2).update(n.id(), n.etag().header(), "t", "v3", "carol");
        assertEquals(412, stale.status(), stale::toString);
        assertEquals(v2.etag().header(), stale.etag());
        assertEquals(v2, Http.JSON.convertValue(stale.json().get("current"), Note.class));
        Http.Res bare = cluster.http(2).send("PUT", "/notes/" + n.id(), Http.noteJson("t", "v3"),
                "Content-Type", "application/json", "X-Concord-User", "carol");
        assertEquals(428, bare.status(), bare::toString);
        assertEquals(v2, cluster.http(0).get("/notes/" + n.id()).note());
    }

    @Test
    void noTwoInstancesEverIssueTheSameETagAlsoAcrossDeleteAndRecreate() throws Exception {
        Set<String> tags = ConcurrentHashMap.newKeySet();
        List<String> duplicates = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> work = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int w = 0; w < 6; w++) {
            Http http = cluster.http(w % 3);
            String id = "churn-" + (w % 2); // three writers, on three instances, on each id
            work.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 40; i++) {
                    Http.Res r = http.createWithId(id, "t", "b", "w");
                    if (r.status() == 201) {
                        record(tags, duplicates, r.etag());
                        Http.Res u = http.update(id, r.etag(), "t", "b2", "w");
                        if (u.status() == 200) {
                            record(tags, duplicates, u.etag());
                            http.delete(id, u.etag(), "w");
                        }
                    } else {
                        assertEquals(412, r.status(), r::toString);
                    }
                    record(tags, duplicates, http.create("t", "b", "w").etag());
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : work) {
            f.get(3, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertTrue(duplicates.isEmpty(), "issued twice: " + duplicates);
        assertTrue(tags.size() >= 6 * 40, "tags issued: " + tags.size());
    }

    private static void record(Set<String> tags, List<String> duplicates, String etag) {
        if (!tags.add(etag)) {
            duplicates.add(etag);
        }
    }

    @Test
    void theListTagChangesWhenAnotherInstanceWrites() {
        cluster.http(0).createWithId("listed", "t", "b", "alice");
        Http.Res list = cluster.http(0).get("/notes");
        String tag = list.etag();
        assertEquals(304, cluster.http(2).get("/notes", "If-None-Match", tag).status(), "same list, same tag everywhere");
        Note n = cluster.http(1).get("/notes/listed").note();
        cluster.http(1).update("listed", n.etag().header(), "t", "changed", "bob");
        for (int i = 0; i < 3; i++) {
            Http.Res after = cluster.http(i).get("/notes", "If-None-Match", tag);
            assertEquals(200, after.status(), "instance " + i + " hid another instance's write behind a 304");
            assertNotEquals(tag, after.etag());
        }
    }

    @Test
    void aTransactionRetriedOnAnotherInstanceReturnsTheFirstOutcomeAndAppliesNothing() {
        String tx = "{\"clientRequestToken\":\"retry-elsewhere\",\"items\":["
                + "{\"op\":\"put\",\"id\":\"rt1\",\"ifNoneMatch\":\"*\",\"note\":{\"title\":\"a\",\"body\":\"1\"}},"
                + "{\"op\":\"put\",\"id\":\"rt2\",\"ifNoneMatch\":\"*\",\"note\":{\"title\":\"b\",\"body\":\"2\"}}]}";
        Http.Res first = post(0, tx, "alice");
        assertEquals(200, first.status(), first::toString);
        for (int i = 1; i < 3; i++) {
            Http.Res again = post(i, tx, "alice");
            assertEquals(200, again.status(), again::toString);
            assertEquals(first.json(), again.json());
        }
        assertEquals(1, cluster.http(2).get("/notes/rt1/versions").json().size());
        Http.Res mismatch = post(1, tx.replace("\"1\"", "\"other\""), "alice");
        assertEquals(409, mismatch.status());
        assertEquals("/problems/idempotent-parameter-mismatch", mismatch.json().get("type").asText());
        Http.Res bob = post(2, tx, "bob");
        assertEquals(409, bob.status(), "bob's token is bob's own: his request runs, and its creates fail");
        assertEquals("/problems/transaction-canceled", bob.json().get("type").asText());
    }

    @Test
    void theSameTokenSentToThreeInstancesAtOnceIsAppliedOnceAndAnsweredAlikeEverywhere() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = "racing-" + round;
            String tx = "{\"clientRequestToken\":\"race-" + round + "\",\"items\":[{\"op\":\"put\",\"id\":\"" + id
                    + "\",\"ifNoneMatch\":\"*\",\"note\":{\"title\":\"t\",\"body\":\"b\"}}]}";
            ExecutorService pool = Executors.newFixedThreadPool(3);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Http.Res>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int instance = i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return post(instance, tx, "alice");
                }));
            }
            go.countDown();
            Set<JsonNode> bodies = new HashSet<>();
            for (Future<Http.Res> f : answers) {
                Http.Res r = f.get(1, TimeUnit.MINUTES);
                assertEquals(200, r.status(), r::toString);
                bodies.add(r.json());
            }
            pool.shutdown();
            assertEquals(1, bodies.size(), "one outcome, replayed to the others: " + bodies);
            assertEquals(1, cluster.http(0).get("/notes/" + id + "/versions").json().size());
        }
    }

    private static Http.Res post(int instance, String body, String user) {
        return cluster.http(instance).send("POST", "/transactions", body, "Content-Type", "application/json",
                "X-Concord-User", user);
    }

    @Test
    void aWriteThroughOneInstanceReachesAFeedReaderOnAnotherPromptly() throws Exception {
        List<NoteChange> seen = new CopyOnWriteArrayList<>();
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        NotesFeed feed = new NotesFeed(cluster.uri(1), "reader", null, OptionalLong.empty(), e -> {
            if (e instanceof NotesFeed.Event.Changed c && c.change().id().startsWith("lat-")) {
                arrived.put(c.change().etag().opaque(), System.nanoTime());
                seen.add(c.change());
            }
        }, NotesFeed.Backoff.DEFAULT, HttpNotesClient.defaultHttpClient(), scheduler).start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(feed::isLive);
            int writes = 200;
            Http writer = cluster.http(0);
            long[] sentAt = new long[writes];
            String[] etags = new String[writes];
            for (int i = 0; i < writes; i++) {
                sentAt[i] = System.nanoTime();
                Note n = writer.createWithId("lat-" + i, "t", "b", "alice").note();
                etags[i] = n.etag().opaque();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == writes);
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                millis.add((arrived.get(etags[i]) - sentAt[i]) / 1e6);
            }
            for (int i = 1; i < writes; i++) {
                assertTrue(seen.get(i).position() > seen.get(i - 1).position(), "in order");
                assertEquals("lat-" + i, seen.get(i).id());
            }
            Collections.sort(millis);
            System.out.printf("feed across instances (write via A, SSE on B), %d writes: p50 %.1f ms, p99 %.1f ms,"
                    + " max %.1f ms (from sending the PUT to the event's arrival)%n", writes,
                    millis.get(writes / 2), millis.get(writes * 99 / 100), millis.get(writes - 1));
        } finally {
            feed.close();
        }
    }

    @Test
    void aReaderThatReconnectsToAnotherInstanceWithItsLastEventIdMissesNothing() throws Exception {
        List<NoteChange> before = new CopyOnWriteArrayList<>();
        NotesFeed first = new NotesFeed(cluster.uri(0), "reader", null, OptionalLong.empty(), e -> {
            if (e instanceof NotesFeed.Event.Changed c && c.change().id().startsWith("hop-")) {
                before.add(c.change());
            }
        }, NotesFeed.Backoff.DEFAULT, HttpNotesClient.defaultHttpClient(), scheduler).start();
        await().atMost(Duration.ofSeconds(20)).until(first::isLive);
        cluster.http(1).createWithId("hop-0", "t", "b", "alice");
        await().atMost(Duration.ofSeconds(20)).until(() -> before.size() == 1);
        long resume = first.lastEventId().orElseThrow();
        first.close();
        // written on all three instances, concurrently, while nobody listens
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Http http = cluster.http(i);
            int instance = i;
            writes.add(pool.submit(() -> {
                for (int k = 0; k < 10; k++) {
                    http.createWithId("hop-" + instance + "-" + k, "t", "b", "w");
                }
                return null;
            }));
        }
        for (Future<?> f : writes) {
            f.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        List<NoteChange> after = new CopyOnWriteArrayList<>();
        NotesFeed second = new NotesFeed(cluster.uri(2), "reader", null, OptionalLong.of(resume), e -> {
            if (e instanceof NotesFeed.Event.Changed c && c.change().id().startsWith("hop-")) {
                after.add(c.change());
            }
        }, NotesFeed.Backoff.DEFAULT, HttpNotesClient.defaultHttpClient(), scheduler).start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> after.size() >= 30);
            Set<String> ids = new HashSet<>();
            after.forEach(c -> assertTrue(ids.add(c.id()), "twice: " + c));
            assertEquals(30, after.size());
            for (int i = 1; i < after.size(); i++) {
                assertTrue(after.get(i).position() > after.get(i - 1).position());
            }
        } finally {
            second.close();
        }
    }

    @Test
    void instancesStartingAtOnceOnAnEmptyDatabaseMigrateItExactlyOnce() throws Exception {
        TestDatabase fresh = databases.fresh(Engine.POSTGRESQL);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<NoteStore>> opening = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            opening.add(pool.submit(() -> {
                go.await();
                return fresh.open();
            }));
        }
        go.countDown();
        List<NoteStore> stores = new ArrayList<>();
        for (Future<NoteStore> f : opening) {
            stores.add(f.get(2, TimeUnit.MINUTES));
        }
        pool.shutdown();
        // every migration Flyway finds is in the history once, in order: none applied twice, none left out
        List<String> applied = new ArrayList<>();
        try (Connection c = fresh.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            List<String> migrations = Arrays.stream(fresh.flyway().load().info().all())
                    .map(m -> m.getVersion().getVersion()).toList();
            while (rs.next()) {
                applied.add(rs.getString(1));
            }
            assertTrue(migrations.contains("1"), migrations::toString);
            assertEquals(applied.size(), new HashSet<>(applied).size(), "applied twice: " + applied);
            assertEquals(migrations, applied);
        } finally {
            stores.forEach(NoteStore::close);
        }
    }
}
