package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import concord.engines.Databases;
import concord.engines.Engine;
import concord.model.Note;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Locks and presence across two instances on one PostgreSQL database: what one instance grants, records or is told,
 * the other honours, lists and reports — and what runs out is reported once by each, whichever instance swept it.
 */
class LiveClusterTest {

    @RegisterExtension
    static final Databases databases = new Databases();
    static Cluster cluster;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void start() {
        // presence runs out after 1 s here, so that its expiry is seen in the test's time
        cluster = new Cluster(databases.fresh(Engine.POSTGRESQL), 2,
                ServerLimits.DEFAULT.withPresenceTtl(Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @AfterEach
    void closeFeeds() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        toClose.clear();
    }

    private SseReader feed(int instance) throws Exception {
        SseReader r = SseReader.open(cluster.uri(instance));
        toClose.add(r);
        assertEquals("ready", r.nextEvent(20).event());
        return r;
    }

    private static Note note(String id) {
        Http.Res r = cluster.http(0).createWithId(id, "Plan", "v1\n", "alice");
        assertEquals(201, r.status(), r::toString);
        return r.note();
    }

    /** The next event that is not presence (presence of other tests' notes may still be running out). */
    private static SseReader.Frame nextLockOrNote(SseReader r) throws Exception {
        while (true) {
            SseReader.Frame f = r.nextEvent(20);
            if (!"presence".equals(f.event())) {
                return f;
            }
        }
    }

    private static String action(SseReader.Frame f) throws Exception {
        assertEquals("lock", f.event(), f::toString);
        return Http.JSON.readTree(f.data()).get("action").asText();
    }

    @Test
    void aLockTakenOnOneInstanceStopsWritesOnTheOtherWhereItsTokenWorks() {
        Note n = note("cluster-lock");
        Http.Res taken = LockApiTest.lock(cluster.http(0), n.id(), "alice", 120);
        String token = LockApiTest.token(taken);
        LockApiTest.assertLocked(cluster.http(1).update(n.id(), n.etag().header(), "Plan", "bob's\n", "bob"), "alice");
        LockApiTest.assertLocked(LockApiTest.lock(cluster.http(1), n.id(), "bob", 60), "alice");
        JsonNode shown = cluster.http(1).get("/notes/" + n.id()).json().get("lock");
        assertEquals(taken.json().get("expiresAt").asText(), shown.get("expiresAt").asText());
        Http.Res written = LockApiTest.update(cluster.http(1), n, "v2\n", "alice", token);
        assertEquals(200, written.status(), written::toString);
        assertEquals(204, LockApiTest.release(cluster.http(1), n.id(), "alice", token).status());
        assertEquals(200, cluster.http(0).update(n.id(), written.etag(), "Plan", "bob's\n", "bob").status());
    }

    @Test
    void bothFeedsReportALockTakenOnOneInstanceAndItsExpiryExactlyOnce() throws Exception {
        Note n = note("cluster-expiry");
        SseReader zero = feed(0);
        SseReader one = feed(1);
        LockApiTest.token(LockApiTest.lock(cluster.http(0), n.id(), "alice", 1));
        for (SseReader r : List.of(zero, one)) {
            assertEquals("taken", action(nextLockOrNote(r)));
            assertEquals("expired", action(nextLockOrNote(r)), "both instances sweep; the expiry is logged once");
        }
        // had a second sweep logged the expiry again, it would come before this
        LockApiTest.token(LockApiTest.lock(cluster.http(1), n.id(), "bob", 60));
        for (SseReader r : List.of(zero, one)) {
            SseReader.Frame f = nextLockOrNote(r);
            assertEquals("taken", action(f));
            assertEquals("bob", Http.JSON.readTree(f.data()).get("holder").asText());
        }
    }

    @Test
    void ofEightWindowsOnTwoInstancesTakingTheLockAtOnceExactlyOneGetsIt() throws Exception {
        Note n = note("cluster-race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Res>> tries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Http http = cluster.http(i % 2);
            String user = "user" + i;
            tries.add(pool.submit(() -> {
                go.await();
                return LockApiTest.lock(http, n.id(), user, 60);
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Http.Res> f : tries) {
            statuses.add(f.get(60, TimeUnit.SECONDS).status());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
        assertEquals(7, statuses.stream().filter(s -> s == 423).count(), statuses::toString);
    }

    @Test
    void presenceAnnouncedOnOneInstanceIsListedAndFedByTheOtherAndRunsOutOnce() throws Exception {
        Note n = note("cluster-presence");
        SseReader zero = feed(0);
        SseReader one = feed(1);
        PresenceApiTest.settle(cluster.http(0), "cluster-presence-m", zero, one);
        assertEquals(204, PresenceApiTest.announce(cluster.http(0), n.id(), "alice", "editing").status());
        JsonNode listed = cluster.http(1).get("/notes/" + n.id() + "/presence").json();
        assertEquals(1, listed.size(), listed::toString);
        assertEquals("alice", listed.get(0).get("user").asText());
        for (SseReader r : List.of(zero, one)) {
            assertEquals(List.of("editing", "left"), presenceStates(r, n.id(), 2),
                    "told once of the arrival and once of the time-out, whichever instance swept it");
        }
        assertEquals("[]", cluster.http(1).get("/notes/" + n.id() + "/presence").body());
        PresenceApiTest.announce(cluster.http(1), n.id(), "bob", "viewing");
        for (SseReader r : List.of(zero, one)) {
            assertEquals(List.of("viewing"), presenceStates(r, n.id(), 1), "no second 'left' came before");
        }
    }

    /** The states of the next {@code n} presence events of note {@code id}. */
    private static List<String> presenceStates(SseReader r, String id, int n) throws Exception {
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            SseReader.Frame f = r.nextEvent(20);
            if (!"presence".equals(f.event())) {
                continue; // another test's lock may run out meanwhile
            }
            assertNull(f.id());
            JsonNode d = Http.JSON.readTree(f.data());
            if (d.get("id").asText().equals(id)) {
                out.add(d.get("state").asText());
            }
        }
        return out;
    }
}
