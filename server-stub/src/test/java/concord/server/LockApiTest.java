package concord.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.OnBothEngines;
import concord.engines.TestDatabase;
import concord.model.Note;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

/**
 * The opt-in lease lock of {@code /notes/{id}/lock}, rule by rule, over loopback HTTP on both engines: who may write
 * while it is held, renewing, releasing, running out, its place in GET, transactions and the feed, and a restart.
 */
@OnBothEngines
class LockApiTest {

    @RegisterExtension
    static final Databases databases = new Databases();

    @Parameter
    Engine engine;

    /** One server per engine for the class: every test works on notes of its own. */
    static ConcordServer server;
    static Http http;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        server = ConcordServer.create(databases.fresh(engine).serverConfig()).start();
        http = new Http(server.baseUri());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @AfterEach
    void closeFeeds() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** The next event about note {@code id} (other tests' leases may run out meanwhile). */
    static SseReader.Frame nextFor(SseReader r, String id) throws Exception {
        while (true) {
            SseReader.Frame f = r.nextEvent(20);
            if (f.data() != null && Http.JSON.readTree(f.data()).path("id").asText().equals(id)) {
                return f;
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    static Http.Res lock(Http http, String id, String user, String body, String token) {
        List<String> h = new ArrayList<>(List.of("Content-Type", "application/json", "X-Concord-User", user));
        if (token != null) {
            h.addAll(List.of("Concord-Lock", token));
        }
        return http.send("PUT", "/notes/" + id + "/lock", body, h.toArray(String[]::new));
    }

    static Http.Res lock(Http http, String id, String user, int seconds) {
        return lock(http, id, user, "{\"seconds\":" + seconds + "}", null);
    }

    static String token(Http.Res granted) {
        assertEquals(200, granted.status(), granted::toString);
        return granted.json().get("token").asText();
    }

    static Http.Res release(Http http, String id, String user, String token) {
        return http.send("DELETE", "/notes/" + id + "/lock", null, "X-Concord-User", user, "Concord-Lock", token);
    }

    static Http.Res update(Http http, Note n, String body, String user, String token) {
        return http.send("PUT", "/notes/" + n.id(), Http.noteJson(n.title(), body), "Content-Type", "application/json",
                "X-Concord-User", user, "If-Match", n.etag().header(), "Concord-Lock", token);
    }

    static void assertLocked(Http.Res r, String holder) {
        assertEquals(423, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/problem+json"), r::toString);
        JsonNode p = r.json();
        assertEquals("/problems/locked", p.get("type").asText(), r::toString);
        assertEquals(holder, p.get("holder").asText(), r::toString);
        Instant until = Instant.parse(p.get("expiresAt").asText());
        assertTrue(until.isAfter(Instant.now().minusSeconds(5)), r::toString);
        assertTrue(Long.parseLong(r.header("Retry-After").orElseThrow()) >= 1, r::toString);
    }

    private Note note(TestInfo test) {
        String id = "n" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff) + engine.name().charAt(0);
        Http.Res r = http.createWithId(id.toLowerCase(), "Plan", "v1\n", "alice");
        assertEquals(201, r.status(), r::toString);
        return r.note();
    }

    // ------------------------------------------------------------------ taking

    @Test
    void takingALockAnswersItsHolderItsEndAndATokenThatIsNeverCached(TestInfo test) {
        Note n = note(test);
        Instant before = Instant.now().minusSeconds(2);
        Http.Res r = lock(http, n.id(), "alice", 300);
        assertEquals(200, r.status(), r::toString);
        assertEquals("no-store", r.header("Cache-Control").orElse(""));
        JsonNode body = r.json();
        assertEquals("alice", body.get("holder").asText());
        Instant expiresAt = Instant.parse(body.get("expiresAt").asText());
        assertTrue(!expiresAt.isBefore(before.plusSeconds(300)) && expiresAt.isBefore(Instant.now().plusSeconds(302)),
                body::toString);
        assertTrue(body.get("token").asText().matches("[A-Za-z0-9_-]{32}"), body::toString);
        assertEquals(3, body.size(), "holder, expiresAt, token and nothing else: " + body);
    }

    @Test
    void aLeaseOutsideOneTo3600SecondsOrAMalformedBodyIsA400AndTakesNothing(TestInfo test) {
        Note n = note(test);
        for (String bad : List.of("{\"seconds\":0}", "{\"seconds\":3601}", "{\"seconds\":-5}", "{}",
                "{\"seconds\":\"60\"}", "{\"seconds\":1.5}", "{\"seconds\":60,\"holder\":\"x\"}", "", "null",
                "[60]", "{\"seconds\":99999999999}")) {
            Http.Res r = lock(http, n.id(), "alice", bad, null);
            assertEquals(400, r.status(), () -> bad + " -> " + r);
            assertTrue(r.contentType().startsWith("application/problem+json"), r::toString);
        }
        assertFalse(http.get("/notes/" + n.id()).json().has("lock"), "nothing was locked");
        assertEquals(200, lock(http, n.id(), "bob", 1).status(), "1 second is a lease");
        Http.Res longest = lock(http, "missing-" + n.id(), "bob", 3600);
        assertEquals(404, longest.status(), "3600 is a lease too; the note is missing: " + longest);
    }

    @Test
    void aLockOnAMissingNoteIs404AndOnADeletedOne410(TestInfo test) {
        Note n = note(test);
        assertEquals(404, lock(http, "no-such-note", "alice", 60).status());
        assertEquals(404, http.get("/notes/no-such-note/lock").status());
        assertEquals(204, http.delete(n.id(), n.etag().header(), "alice").status());
        assertEquals(410, lock(http, n.id(), "alice", 60).status());
    }

    @Test
    void whileAliceHoldsTheLockBobCannotTakeItAndIsToldByWhomAndUntilWhen(TestInfo test) {
        Note n = note(test);
        Http.Res taken = lock(http, n.id(), "alice", 120);
        token(taken);
        Http.Res refused = lock(http, n.id(), "bob", 60);
        assertLocked(refused, "alice");
        assertEquals(taken.json().get("expiresAt").asText(), refused.json().get("expiresAt").asText());
        assertLocked(lock(http, n.id(), "alice", 60), "alice"); // a lock is taken by a window, not a user
    }

    // ------------------------------------------------------------------ writing while locked

    @Test
    void everyWriteWithoutTheTokenIs423AndChangesNothing(TestInfo test) {
        Note n = note(test);
        token(lock(http, n.id(), "alice", 120));
        assertLocked(http.update(n.id(), n.etag().header(), "Plan", "bob's\n", "bob"), "alice");
        assertLocked(http.update(n.id(), "*", "Plan", "bob's\n", "bob"), "alice");
        assertLocked(http.delete(n.id(), n.etag().header(), "bob"), "alice");
        assertLocked(http.update(n.id(), n.etag().header(), "Plan", "alice's\n", "alice"), "alice");
        Http.Res wrong = update(http, n, "with a made-up token\n", "bob", "not-the-token");
        assertLocked(wrong, "alice");
        Http.Res now = http.get("/notes/" + n.id());
        assertEquals(n.etag().header(), now.etag());
        assertEquals("v1\n", now.json().get("body").asText());
        assertEquals(1, http.get("/notes/" + n.id() + "/versions").json().size());
    }

    @Test
    void theHolderWritesWithTheTokenAndStillNeedsIfMatch(TestInfo test) {
        Note n = note(test);
        String token = token(lock(http, n.id(), "alice", 120));
        Http.Res written = update(http, n, "v2\n", "alice", token);
        assertEquals(200, written.status(), written::toString);
        Http.Res stale = update(http, n, "v3 from a stale copy\n", "alice", token);
        assertEquals(412, stale.status(), "a lock never replaces the ETag check: " + stale);
        Http.Res bare = http.send("PUT", "/notes/" + n.id(), Http.noteJson("Plan", "v3\n"),
                "Content-Type", "application/json", "X-Concord-User", "alice", "Concord-Lock", token);
        assertEquals(428, bare.status(), bare::toString);
        assertEquals(written.etag(), http.get("/notes/" + n.id()).etag());
        assertTrue(http.get("/notes/" + n.id()).json().has("lock"), "a write does not end the lock");
    }

    @Test
    void aStaleWriteWithoutTheTokenIsStillA412BecauseItCouldNeverSucceed(TestInfo test) {
        Note n = note(test);
        String token = token(lock(http, n.id(), "alice", 120));
        Note v2 = update(http, n, "v2\n", "alice", token).note();
        Http.Res stale = http.update(n.id(), n.etag().header(), "Plan", "bob's\n", "bob");
        assertEquals(412, stale.status(), stale::toString);
        assertEquals(v2.etag().header(), stale.etag());
    }

    @Test
    void deletingTheNoteWithTheTokenEndsItsLock(TestInfo test) throws Exception {
        Note n = note(test);
        SseReader feed = SseReader.open(server.baseUri());
        toClose.add(feed);
        feed.nextEvent(20);
        String token = token(lock(http, n.id(), "alice", 120));
        Http.Res deleted = http.send("DELETE", "/notes/" + n.id(), null, "X-Concord-User", "alice",
                "If-Match", n.etag().header(), "Concord-Lock", token);
        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals("taken", Http.JSON.readTree(nextFor(feed, n.id()).data()).get("action").asText());
        List<SseReader.Frame> next = List.of(nextFor(feed, n.id()), nextFor(feed, n.id()));
        assertEquals(List.of("note", "lock"), next.stream().map(SseReader.Frame::event).toList());
        assertEquals("released", Http.JSON.readTree(next.get(1).data()).get("action").asText());
        Http.Res recreated = http.createWithId(n.id(), "Again", "new\n", "bob");
        assertEquals(201, recreated.status(), "the lock went with the note: " + recreated);
        assertFalse(http.get("/notes/" + n.id()).json().has("lock"));
    }

    // ------------------------------------------------------------------ renewing and releasing

    @Test
    void renewingWithTheTokenMovesTheEndAndKeepsTheToken(TestInfo test) {
        Note n = note(test);
        Http.Res first = lock(http, n.id(), "alice", 60);
        String token = token(first);
        Http.Res renewed = lock(http, n.id(), "alice", "{\"seconds\":600}", token);
        assertEquals(200, renewed.status(), renewed::toString);
        assertEquals(token, renewed.json().get("token").asText());
        assertTrue(Instant.parse(renewed.json().get("expiresAt").asText())
                .isAfter(Instant.parse(first.json().get("expiresAt").asText()).plusSeconds(500)), renewed::toString);
        Http.Res shorter = lock(http, n.id(), "alice", "{\"seconds\":30}", token);
        assertEquals(200, shorter.status(), "a renewal sets the end from now, also an earlier one");
        assertTrue(Instant.parse(shorter.json().get("expiresAt").asText()).isBefore(Instant.now().plusSeconds(40)));
        assertEquals("alice", http.get("/notes/" + n.id() + "/lock").json().get("holder").asText());
    }

    @Test
    void renewingWithATokenThatIsNotTheLockIs423OrWhenNothingIsHeld412(TestInfo test) {
        Note n = note(test);
        String token = token(lock(http, n.id(), "alice", 60));
        assertLocked(lock(http, n.id(), "bob", "{\"seconds\":60}", "someone-elses-token"), "alice");
        assertEquals(204, release(http, n.id(), "alice", token).status());
        Http.Res late = lock(http, n.id(), "alice", "{\"seconds\":60}", token);
        assertEquals(412, late.status(), late::toString);
        assertEquals("/problems/lock-not-held", late.json().get("type").asText());
        assertFalse(http.get("/notes/" + n.id()).json().has("lock"), "a failed renewal takes nothing");
    }

    @Test
    void releasingWithTheTokenIs204AndFreesTheNoteForEveryone(TestInfo test) {
        Note n = note(test);
        String token = token(lock(http, n.id(), "alice", 120));
        Http.Res released = release(http, n.id(), "alice", token);
        assertEquals(204, released.status(), released::toString);
        assertEquals("", released.body());
        assertEquals(200, http.update(n.id(), n.etag().header(), "Plan", "bob's\n", "bob").status());
        assertEquals(204, release(http, n.id(), "alice", token).status(), "releasing again is done already");
        assertEquals(404, http.get("/notes/" + n.id() + "/lock").status());
    }

    @Test
    void releasingNeedsTheTokenAndSomeoneElsesTokenIs423(TestInfo test) {
        Note n = note(test);
        token(lock(http, n.id(), "alice", 120));
        Http.Res without = http.send("DELETE", "/notes/" + n.id() + "/lock", null, "X-Concord-User", "bob");
        assertEquals(400, without.status(), without::toString);
        assertEquals("/problems/lock-token-required", without.json().get("type").asText());
        assertLocked(release(http, n.id(), "bob", "guessed-token"), "alice");
        Http.Res malformed = release(http, n.id(), "bob", "not a token!");
        assertEquals(400, malformed.status(), malformed::toString);
        assertEquals("alice", http.get("/notes/" + n.id() + "/lock").json().get("holder").asText());
    }

    // ------------------------------------------------------------------ running out

    @Test
    void anExpiredLockFreesItselfWithoutAnyoneReleasingIt(TestInfo test) throws Exception {
        Note n = note(test);
        SseReader feed = SseReader.open(server.baseUri());
        toClose.add(feed);
        feed.nextEvent(20);
        String token = token(lock(http, n.id(), "alice", 1));
        assertEquals("taken", Http.JSON.readTree(nextFor(feed, n.id()).data()).get("action").asText());
        // the sweep notices the end by itself: no request touches the note until the feed says so
        SseReader.Frame expired = nextFor(feed, n.id());
        assertEquals("lock", expired.event());
        JsonNode data = Http.JSON.readTree(expired.data());
        assertEquals("expired", data.get("action").asText(), expired::toString);
        assertEquals("alice", data.get("holder").asText());
        assertFalse(http.get("/notes/" + n.id()).json().has("lock"));
        assertEquals(200, http.update(n.id(), n.etag().header(), "Plan", "bob's\n", "bob").status());
        Http.Res late = update(http, http.get("/notes/" + n.id()).note(), "alice's\n", "alice", token);
        assertEquals(200, late.status(), "an old token is no lock, and no obstacle either: " + late);
    }

    @Test
    void aWriteRightAfterTheEndIsNotBlockedEvenBeforeTheSweep(TestInfo test) {
        Note n = note(test);
        Http.Res taken = lock(http, n.id(), "alice", 1);
        Instant end = Instant.parse(taken.json().get("expiresAt").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(end.plusMillis(50)));
        Http.Res w = http.update(n.id(), n.etag().header(), "Plan", "bob's\n", "bob");
        assertEquals(200, w.status(), w::toString);
    }

    // ------------------------------------------------------------------ reading

    @Test
    void getShowsTheLockWhileItIsHeldButNeverItsToken(TestInfo test) {
        Note n = note(test);
        Http.Res taken = lock(http, n.id(), "alice", 120);
        String token = token(taken);
        Http.Res got = http.get("/notes/" + n.id());
        assertEquals(200, got.status());
        assertEquals(n.etag().header(), got.etag(), "a lock is not a change of the note");
        JsonNode lock = got.json().get("lock");
        assertNotNull(lock, got::toString);
        assertEquals("alice", lock.get("holder").asText());
        assertEquals(taken.json().get("expiresAt").asText(), lock.get("expiresAt").asText());
        assertEquals(2, lock.size(), lock::toString);
        assertFalse(got.body().contains(token), "the token is the holder's alone");
        com.fasterxml.jackson.databind.node.ObjectNode fields = (com.fasterxml.jackson.databind.node.ObjectNode) got.json();
        fields.remove("lock");
        assertEquals(n, Http.JSON.convertValue(fields, Note.class), "the note's fields are as before");
        Http.Res conditional = http.get("/notes/" + n.id(), "If-None-Match", n.etag().header());
        assertEquals(200, conditional.status(), "no 304 while locked: the copy may predate the lock");
        Http.Res lockOnly = http.get("/notes/" + n.id() + "/lock");
        assertEquals(lock, lockOnly.json());
        assertFalse(lockOnly.body().contains(token));

        assertEquals(204, release(http, n.id(), "alice", token).status());
        Http.Res after = http.get("/notes/" + n.id());
        assertFalse(after.json().has("lock"), after::toString);
        assertEquals(304, http.get("/notes/" + n.id(), "If-None-Match", n.etag().header()).status());
    }

    // ------------------------------------------------------------------ transactions

    @Test
    void aTransactionItemOnALockedNoteIsCanceledLockedUnlessItCarriesTheToken(TestInfo test) {
        Note n = note(test);
        Note other = http.createWithId(n.id() + "-b", "Other", "o\n", "alice").note();
        String token = token(lock(http, n.id(), "alice", 120));
        String items = "[" + item(other, "o2\n", null) + "," + item(n, "v2\n", null) + "]";
        Http.Res canceled = transact(items, "bob");
        assertEquals(409, canceled.status(), canceled::toString);
        JsonNode reasons = canceled.json().get("cancellationReasons");
        assertEquals("None", reasons.get(0).get("code").asText());
        JsonNode locked = reasons.get(1);
        assertEquals("Locked", locked.get("code").asText(), reasons::toString);
        assertEquals("alice", locked.get("lock").get("holder").asText());
        assertNotNull(locked.get("lock").get("expiresAt"));
        assertTrue(locked.get("message").asText().contains("alice"), locked::toString);
        assertEquals(other.etag().header(), http.get("/notes/" + other.id()).etag(), "nothing was written");

        Http.Res wrong = transact("[" + item(n, "v2\n", "not-the-token") + "]", "bob");
        assertEquals("Locked", wrong.json().get("cancellationReasons").get(0).get("code").asText(), wrong::toString);

        Http.Res done = transact("[" + item(other, "o2\n", null) + "," + item(n, "v2\n", token) + "]", "alice");
        assertEquals(200, done.status(), done::toString);
        assertEquals("v2\n", http.get("/notes/" + n.id()).json().get("body").asText());
    }

    @Test
    void aMalformedLockTokenInATransactionIsA400(TestInfo test) {
        Note n = note(test);
        Http.Res r = transact("[" + item(n, "v2\n", "not a token") + "]", "alice");
        assertEquals(400, r.status(), r::toString);
        assertTrue(r.body().contains("lockToken"), r::toString);
    }

    private static String item(Note n, String body, String lockToken) {
        return "{\"op\":\"update\",\"id\":\"" + n.id() + "\",\"ifMatch\":" + Http.JSON.valueToTree(n.etag().header())
                + ",\"note\":{\"title\":\"" + n.title() + "\",\"body\":" + Http.JSON.valueToTree(body) + "}"
                + (lockToken == null ? "" : ",\"lockToken\":\"" + lockToken + "\"") + "}";
    }

    private Http.Res transact(String items, String user) {
        return http.send("POST", "/transactions", "{\"items\":" + items + "}", "Content-Type", "application/json",
                "X-Concord-User", user);
    }

    // ------------------------------------------------------------------ the feed

    @Test
    void theFeedReportsTakeRenewAndReleaseAsLockEventsInOrderAndReplaysThem(TestInfo test) throws Exception {
        Note n = note(test);
        SseReader feed = SseReader.open(server.baseUri());
        toClose.add(feed);
        String start = feed.nextEvent(20).id();
        String token = token(lock(http, n.id(), "alice", 60));
        Http.Res renewed = lock(http, n.id(), "alice", "{\"seconds\":90}", token);
        assertEquals(204, release(http, n.id(), "alice", token).status());
        List<SseReader.Frame> three = List.of(nextFor(feed, n.id()), nextFor(feed, n.id()), nextFor(feed, n.id()));
        List<String> actions = new ArrayList<>();
        long last = Long.parseLong(start);
        for (SseReader.Frame f : three) {
            assertEquals("lock", f.event(), f::toString);
            assertTrue(Long.parseLong(f.id()) > last, "positions grow");
            last = Long.parseLong(f.id());
            JsonNode d = Http.JSON.readTree(f.data());
            assertEquals(n.id(), d.get("id").asText());
            assertEquals("alice", d.get("holder").asText());
            assertFalse(f.data().contains(token), "the feed never carries a token");
            actions.add(d.get("action").asText());
        }
        assertEquals(List.of("taken", "renewed", "released"), actions);
        assertEquals(renewed.json().get("expiresAt").asText(),
                Http.JSON.readTree(three.get(1).data()).get("expiresAt").asText());

        SseReader replay = SseReader.open(server.baseUri(), "Last-Event-ID", start);
        toClose.add(replay);
        assertEquals(three, List.of(nextFor(replay, n.id()), nextFor(replay, n.id()), nextFor(replay, n.id())),
                "locks are replayed from the log like notes");
    }

    // ------------------------------------------------------------------ races and restarts

    @Test
    void ofEightWindowsTakingTheLockAtOnceExactlyOneGetsIt(TestInfo test) throws Exception {
        Note n = note(test);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Res>> tries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String user = "user" + i;
            tries.add(pool.submit(() -> {
                go.await();
                return lock(http, n.id(), user, 60);
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        String winner = null;
        for (Future<Http.Res> f : tries) {
            Http.Res r = f.get(60, TimeUnit.SECONDS);
            statuses.add(r.status());
            if (r.status() == 200) {
                winner = r.json().get("holder").asText();
            }
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
        assertEquals(7, statuses.stream().filter(s -> s == 423).count(), statuses::toString);
        assertEquals(winner, http.get("/notes/" + n.id() + "/lock").json().get("holder").asText());
    }

    @Test
    void aLockSurvivesARestartOfTheServerWithItsToken() {
        TestDatabase db = databases.fresh(engine);
        ConcordServer first = ConcordServer.create(db.serverConfig()).start();
        Http before = new Http(first.baseUri());
        Note n = before.createWithId("restarted", "Plan", "v1\n", "alice").note();
        Http.Res taken = lock(before, n.id(), "alice", 600);
        String token = token(taken);
        first.close();
        try (ConcordServer second = ConcordServer.create(db.serverConfig()).start()) {
            Http after = new Http(second.baseUri());
            JsonNode lock = after.get("/notes/" + n.id()).json().get("lock");
            assertNotNull(lock, "the lock is durable");
            assertEquals(taken.json().get("expiresAt").asText(), lock.get("expiresAt").asText());
            assertLocked(after.update(n.id(), n.etag().header(), "Plan", "bob's\n", "bob"), "alice");
            Http.Res written = update(after, n, "v2\n", "alice", token);
            assertEquals(200, written.status(), written::toString);
            assertNotEquals(n.etag().header(), written.etag());
        }
    }
}
