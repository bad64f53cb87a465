package concord.server.tx;

import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.OnBothEngines;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import concord.engines.TestDatabase;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import static concord.server.tx.TxClient.check;
import static concord.server.tx.TxClient.create;
import static concord.server.tx.TxClient.delete;
import static concord.server.tx.TxClient.request;
import static concord.server.tx.TxClient.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import concord.model.Note;
import concord.server.ConcordServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Every rule of {@code POST /transactions}, against the real server on loopback, on both store engines. */
@OnBothEngines
class PostTransactionsTest {

    @RegisterExtension
    static final Databases databases = new Databases();
    static MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    static ConcordServer server;
    static TxClient alice;
    static TxClient bob;

    @Parameter
    Engine engine;

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        TestDatabase db = databases.fresh(engine);
        server = ConcordServer.create(db.serverConfig(), db.open(), clock).start();
        alice = new TxClient(server.baseUri(), "alice");
        bob = new TxClient(server.baseUri(), "bob");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    /** Ids unique to the running test, so tests sharing the server never touch each other's notes. */
    private static String id(TestInfo test, Object suffix) {
        String name = test.getTestMethod().orElseThrow().getName();
        return name.substring(0, Math.min(40, name.length())) + "-" + suffix;
    }

    private static List<Note> notes(TestInfo test, int n) {
        List<Note> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(alice.create(id(test, i), "Note " + i, "body " + i + "\n", List.of()));
        }
        return out;
    }

    private static void assertProblem(TxClient.Res r, int status, String type) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/problem+json"), r::toString);
        assertEquals(type, r.json().get("type").asText(), r::toString);
        assertFalse(r.json().get("detail").asText().isBlank());
    }

    private static void assertUnchanged(List<Note> before) {
        for (Note n : before) {
            assertEquals(n, alice.note(n.id()), "note " + n.id() + " must be unchanged");
            assertEquals(n.version(), alice.versionCount(n.id()), "no new version of " + n.id());
        }
    }

    @Test
    void oneHundredItemsCommitTogetherWithTheNewETagOfEachInItemOrder(TestInfo test) {
        List<Note> before = notes(test, 100);
        List<ObjectNode> items = before.stream().map(n -> update(n, "changed " + n.id())).toList();
        TxClient.Res r = alice.transact(request(null, items));
        assertEquals(200, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/json"), r::toString);
        JsonNode results = r.json().get("items");
        assertEquals(100, results.size());
        for (int i = 0; i < 100; i++) {
            Note now = alice.note(before.get(i).id());
            assertEquals(before.get(i).id(), results.get(i).get("id").asText());
            assertEquals(now.etag().header(), results.get(i).get("etag").asText());
            assertEquals(2, results.get(i).get("version").asLong());
            assertEquals(2, now.version());
            assertEquals("changed " + now.id(), now.body());
            assertEquals("alice", now.updatedBy());
            assertNotEquals(before.get(i).etag(), now.etag());
            assertEquals(2, alice.versionCount(now.id()), "every written note gets a new version in its history");
        }
    }

    @Test
    void oneHundredAndOneItemsAreRejectedWith400AndNothingRuns(TestInfo test) {
        List<ObjectNode> items = IntStream.range(0, 101).mapToObj(i -> create(id(test, i), "t", "b")).toList();
        TxClient.Res r = alice.transact(request(null, items));
        assertProblem(r, 400, "/problems/validation");
        assertEquals("a transaction has at most 100 items; this one has 101", r.json().get("detail").asText());
        assertNull(alice.note(id(test, 0)));
        assertNull(alice.note(id(test, 100)));
    }

    @Test
    void twoItemsOnTheSameNoteAreRejectedNamingTheIdAndNothingRuns(TestInfo test) {
        List<Note> before = notes(test, 2);
        Note a = before.get(0);
        TxClient.Res r = alice.transact(request(null, update(before.get(1), "x"), update(a, "one"), delete(a.id(), a.etag().header())));
        assertProblem(r, 400, "/problems/validation");
        assertEquals(a.id(), r.json().get("id").asText());
        assertTrue(r.json().get("detail").asText().contains("items[1] and items[2] are both on note '" + a.id() + "'"), r::toString);
        assertUnchanged(before);
    }

    @Test
    void oneStaleItemCancelsAllWithItsReasonAtItsIndexAndNothingChanges(TestInfo test) {
        List<Note> before = notes(test, 5);
        Note stale = before.get(3);
        Note bobs = bob.putNote(stale.id(), stale.etag().header(), stale.title(), "Bob was here\n", List.of()).note();
        List<Note> now = new ArrayList<>(before);
        now.set(3, bobs);

        List<ObjectNode> items = before.stream().map(n -> update(n, "mine")).toList();
        TxClient.Res r = alice.transact(request(null, items));

        assertProblem(r, 409, "/problems/transaction-canceled");
        JsonNode reasons = r.json().get("cancellationReasons");
        assertEquals(5, reasons.size());
        for (int i : new int[] {0, 1, 2, 4}) {
            assertEquals("{\"code\":\"None\"}", reasons.get(i).toString());
        }
        JsonNode reason = reasons.get(3);
        assertEquals("ConditionalCheckFailed", reason.get("code").asText());
        assertEquals(bobs.etag().header(), reason.get("currentEtag").asText());
        assertEquals(bobs, TxClient.JSON.convertValue(reason.get("current"), Note.class));
        assertTrue(r.json().get("detail").asText().contains("items[3]"), r::toString);
        assertUnchanged(now);
    }

    @Test
    void everyFailingItemGetsItsOwnReasonNotOnlyTheFirst(TestInfo test) {
        List<Note> before = notes(test, 3);
        Note deleted = alice.create(id(test, "gone"), "Gone", "", List.of());
        assertEquals(204, alice.send("DELETE", "/notes/" + deleted.id(), null, "If-Match", deleted.etag().header()).status());
        TxClient.Res r = alice.transact(request(null,
                update(before.get(0), "x"),
                update(before.get(1).id(), "\"not-the-etag\"", "t", "b", List.of()),
                delete(id(test, "never"), "*"),
                check(deleted.id(), deleted.etag().header()),
                update(before.get(2), "y")));
        assertProblem(r, 409, "/problems/transaction-canceled");
        JsonNode reasons = r.json().get("cancellationReasons");
        assertEquals(List.of("None", "ConditionalCheckFailed", "NotFound", "NotFound", "None"),
                IntStream.range(0, 5).mapToObj(i -> reasons.get(i).get("code").asText()).toList());
        assertFalse(reasons.get(2).has("current"));
        assertTrue(reasons.get(3).get("message").asText().contains("was deleted"), reasons::toString);
        assertUnchanged(before);
    }

    @Test
    void putWithIfNoneMatchOnAnExistingNoteIsConditionalCheckFailedWithTheCurrentNote(TestInfo test) {
        Note existing = notes(test, 1).get(0);
        String fresh = id(test, "fresh");
        TxClient.Res r = alice.transact(request(null, create(fresh, "new", "n"), create(existing.id(), "again", "a")));
        assertProblem(r, 409, "/problems/transaction-canceled");
        JsonNode reasons = r.json().get("cancellationReasons");
        assertEquals("None", reasons.get(0).get("code").asText());
        assertEquals("ConditionalCheckFailed", reasons.get(1).get("code").asText());
        assertEquals(existing, TxClient.JSON.convertValue(reasons.get(1).get("current"), Note.class));
        assertNull(alice.note(fresh), "the other item of a canceled transaction was not applied");
        assertUnchanged(List.of(existing));
    }

    @Test
    void createsUpdatesDeletesAndChecksCommitTogether(TestInfo test) {
        List<Note> before = notes(test, 3);
        Note kept = before.get(0);
        Note changed = before.get(1);
        Note removed = before.get(2);
        String added = id(test, "new");
        TxClient.Res r = alice.transact(request(null,
                check(kept.id(), kept.etag().header()),
                update(changed, "new text"),
                delete(removed.id(), removed.etag().header()),
                create(added, "Split off", "the selection\n")));
        assertEquals(200, r.status(), r::toString);
        JsonNode items = r.json().get("items");
        assertEquals(kept.etag().header(), items.get(0).get("etag").asText(), "a check reports the current ETag");
        assertEquals(kept, alice.note(kept.id()));
        assertEquals(1, alice.versionCount(kept.id()), "a check writes nothing");
        assertEquals(alice.note(changed.id()).etag().header(), items.get(1).get("etag").asText());
        assertFalse(items.get(2).has("etag"), "a deleted note has no ETag");
        assertEquals(410, alice.get("/notes/" + removed.id()).status());
        Note split = alice.note(added);
        assertEquals(split.etag().header(), items.get(3).get("etag").asText());
        assertEquals("the selection\n", split.body());
    }

    @Test
    void aNoteDeletedByATransactionIsRecreatedWithAnETagItNeverHadBefore(TestInfo test) {
        Note n = notes(test, 1).get(0);
        assertEquals(200, alice.transact(request(null, delete(n.id(), n.etag().header()))).status());
        TxClient.Res again = alice.transact(request(null, create(n.id(), "Back", "b")));
        assertEquals(200, again.status(), again::toString);
        String etag = again.json().get("items").get(0).get("etag").asText();
        assertNotEquals(n.etag().header(), etag);
        TxClient.Res stale = alice.transact(request(null, update(n, "ABA")));
        assertProblem(stale, 409, "/problems/transaction-canceled");
        assertEquals("Back", alice.note(n.id()).title());
    }

    @Test
    void ifMatchStarUpdatesAnExistingNoteButIsNotFoundForAMissingOne(TestInfo test) {
        Note n = notes(test, 1).get(0);
        TxClient.Res ok = alice.transact(request(null, update(n.id(), "*", "T", "star", List.of())));
        assertEquals(200, ok.status(), ok::toString);
        assertEquals("star", alice.note(n.id()).body());
        TxClient.Res missing = alice.transact(request(null, update(id(test, "none"), "*", "T", "x", List.of())));
        assertProblem(missing, 409, "/problems/transaction-canceled");
        assertEquals("NotFound", missing.json().get("cancellationReasons").get(0).get("code").asText());
    }

    @Test
    void aReplayWithTheSameTokenReturnsTheFirstResultAndWritesNothing(TestInfo test) {
        List<Note> before = notes(test, 2);
        ObjectNode request = request("replay-" + test.getTestMethod().orElseThrow().getName().hashCode(),
                update(before.get(0), "once"), update(before.get(1), "once"));
        TxClient.Res first = alice.transact(request);
        assertEquals(200, first.status(), first::toString);
        TxClient.Res second = alice.transact(request);
        assertEquals(200, second.status(), second::toString);
        assertEquals(first.json(), second.json());
        for (Note n : before) {
            assertEquals(2, alice.versionCount(n.id()), "the replay wrote no new version of " + n.id());
            assertEquals(2, alice.note(n.id()).version());
        }
    }

    @Test
    void aReplayAfterRespellingTheSameRequestStillReplays(TestInfo test) {
        Note n = notes(test, 1).get(0);
        String token = "respell-" + n.id().hashCode();
        String compact = "{\"clientRequestToken\":\"" + token + "\",\"items\":[{\"op\":\"update\",\"id\":\"" + n.id()
                + "\",\"ifMatch\":" + TxClient.JSON.valueToTree(n.etag().header()) + ",\"note\":{\"title\":\"T\",\"body\":\"b\",\"tags\":[]}}]}";
        String reordered = "{ \"items\" : [ { \"note\" : { \"body\" : \"b\", \"title\" : \"T\" }, \"ifMatch\" : "
                + TxClient.JSON.valueToTree(n.etag().header()) + ", \"id\" : \"" + n.id() + "\", \"op\" : \"update\" } ],"
                + " \"clientRequestToken\" : \"" + token + "\" }";
        TxClient.Res first = alice.transact(compact);
        assertEquals(200, first.status(), first::toString);
        TxClient.Res second = alice.transact(reordered);
        assertEquals(first.json(), second.json(), second::toString);
        assertEquals(2, alice.versionCount(n.id()));
    }

    @Test
    void aReplayOfACanceledTransactionReturnsTheSameCancellationEvenOnceItCouldSucceed(TestInfo test) {
        Note n = notes(test, 1).get(0);
        ObjectNode request = request("canceled-" + n.id().hashCode(), create(n.id(), "dup", "d"));
        TxClient.Res first = alice.transact(request);
        assertProblem(first, 409, "/problems/transaction-canceled");
        assertEquals(204, alice.send("DELETE", "/notes/" + n.id(), null, "If-Match", n.etag().header()).status());
        TxClient.Res second = alice.transact(request);
        assertEquals(409, second.status(), second::toString);
        assertEquals(first.json(), second.json());
        assertNull(alice.note(n.id()), "the replay did not create the note");
    }

    @Test
    void theSameTokenWithAnotherBodyIsAnIdempotentParameterMismatchAndNothingRuns(TestInfo test) {
        List<Note> before = notes(test, 2);
        String token = "mismatch-" + before.get(0).id().hashCode();
        assertEquals(200, alice.transact(request(token, update(before.get(0), "first"))).status());
        Note afterFirst = alice.note(before.get(0).id());
        TxClient.Res r = alice.transact(request(token, update(before.get(1), "second")));
        assertProblem(r, 409, "/problems/idempotent-parameter-mismatch");
        assertEquals(token, r.json().get("clientRequestToken").asText());
        assertUnchanged(List.of(afterFirst, before.get(1)));
    }

    @Test
    void aTokenBelongsToItsUserSoAnotherUsersIdenticalRequestRunsAsItsOwnAndGetsNoReplay(TestInfo test) {
        Note n = notes(test, 1).get(0);
        ObjectNode request = request("users-" + n.id().hashCode(), update(n, "alice's"));
        assertEquals(200, alice.transact(request).status());
        // bob's request is his own: evaluated afresh, its If-Match is stale now, so it is canceled (not alice's
        // outcome replayed to him, and not refused as a mismatch of alice's token)
        TxClient.Res bobs = bob.transact(request);
        assertProblem(bobs, 409, "/problems/transaction-canceled");
        assertEquals("alice", alice.note(n.id()).updatedBy());
    }

    @Test
    void anotherUsersIdenticalTokenDoesNotCollide(TestInfo test) {
        List<Note> two = notes(test, 2);
        String token = "shared-" + two.get(0).id().hashCode();
        assertEquals(200, alice.transact(request(token, update(two.get(0), "alice's"))).status());
        TxClient.Res bobs = bob.transact(request(token, update(two.get(1), "bob's")));
        assertEquals(200, bobs.status(), bobs::toString);
        assertEquals("bob", alice.note(two.get(1).id()).updatedBy());
        // and each user's replay is still their own
        assertEquals(200, bob.transact(request(token, update(two.get(1), "bob's"))).status());
        assertEquals("bob's", alice.note(two.get(1).id()).body());
    }

    @Test
    void aTokenExpiresAfterTenMinutesAndIsThenTreatedAsNew(TestInfo test) {
        List<Note> before = notes(test, 2);
        String token = "expiry-" + before.get(0).id().hashCode();
        ObjectNode request = request(token, update(before.get(0), "first"));
        TxClient.Res first = alice.transact(request);
        assertEquals(200, first.status());

        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertEquals(first.json(), alice.transact(request).json(), "still replayed just before ten minutes");
        assertProblem(alice.transact(request(token, update(before.get(1), "other"))), 409, "/problems/idempotent-parameter-mismatch");

        clock.advance(Duration.ofSeconds(1));
        TxClient.Res rerun = alice.transact(request);
        assertProblem(rerun, 409, "/problems/transaction-canceled");
        assertEquals("ConditionalCheckFailed", rerun.json().get("cancellationReasons").get(0).get("code").asText(),
                "after expiry the request ran anew against the note's current ETag");
        TxClient.Res otherBody = alice.transact(request(token, update(before.get(1), "other")));
        assertEquals(409, otherBody.status(), otherBody::toString);
        assertEquals("/problems/idempotent-parameter-mismatch", otherBody.json().get("type").asText(),
                "the re-run recorded the token again, with its new outcome");
    }

    @Test
    void aTokenIsStillRecognisedAfterTheServerRestartsOnTheSameData() {
        TestDatabase db = databases.fresh(engine);
        ObjectNode request = request("restart-1", create("r1", "one", "1"), create("r2", "two", "2"));
        TxClient.Res first;
        try (ConcordServer s = ConcordServer.create(db.serverConfig()).start()) {
            first = new TxClient(s.baseUri(), "alice").transact(request);
            assertEquals(200, first.status(), first::toString);
        }
        try (ConcordServer s = ConcordServer.create(db.serverConfig()).start()) {
            TxClient c = new TxClient(s.baseUri(), "alice");
            TxClient.Res again = c.transact(request);
            assertEquals(200, again.status(), again::toString);
            assertEquals(first.json(), again.json());
            assertEquals(1, c.versionCount("r1"));
            assertEquals(1, c.versionCount("r2"));
        }
    }

    @Test
    void aBodyOverFourMebibytesIs413ButFourNearlyFullNotesFit(TestInfo test) {
        String big = "x".repeat(1_000_000);
        List<ObjectNode> five = IntStream.range(0, 5).mapToObj(i -> create(id(test, i), "big", big)).toList();
        assertProblem(alice.transact(request(null, five)), 413, "/problems/too-large");
        assertNull(alice.note(id(test, 0)));
        TxClient.Res four = alice.transact(request(null, five.subList(0, 4)));
        assertEquals(200, four.status(), four::toString);
        assertEquals(big, alice.note(id(test, 3)).body());
    }

    @Test
    void malformedBodiesGetPreciseProblemsAndChangeNothing(TestInfo test) {
        Note n = notes(test, 1).get(0);
        String etag = TxClient.JSON.valueToTree(n.etag().header()).toString();
        String[][] cases = {
                {"", "the request body is empty"},
                {"null", "JSON null"},
                {"[]", "must be a JSON object"},
                {"{\"items\": {}}", "'items' must be an array"},
                {"{\"items\": [1]}", "'items[0]' must be an object"},
                {"{\"items\": [], \"extra\": 1}", "unknown field 'extra'"},
                {"{\"items\": [{\"op\": \"update\", \"id\": \"" + n.id() + "\", \"ifMatch\": " + etag + ", \"when\": 1}]}", "unknown field 'items[0].when'"},
                {"{\"items\": [{\"op\": \"update\", \"id\": 7}]}", "'items[0].id' must be a string"},
                {"{\"items\": [{\"op\": \"update\", \"id\": \"" + n.id() + "\", \"ifMatch\": " + etag + ", \"note\": {\"title\": \"t\", \"body\": \"b\", \"tags\": \"x\"}}]}", "'items[0].note.tags' must be an array"},
                {"{\"items\": [{\"op\": \"update\", \"id\": \"" + n.id() + "\", \"ifMatch\": " + etag + ", \"note\": {\"body\": \"b\"}}]}", "note.title is required"},
                {"{\"items\": [{\"op\": \"update\", \"id\": \"" + n.id() + "\", \"note\": {\"title\": \"t\", \"body\": \"b\"}}]}", "needs ifMatch"},
                {"{\"items\": [{\"op\": \"update\"", "malformed JSON"},
                {"{\"items\": [], \"items\": []}", "malformed JSON"},
        };
        for (String[] c : cases) {
            TxClient.Res r = alice.transact(c[0]);
            assertProblem(r, 400, "/problems/validation");
            assertTrue(r.json().get("detail").asText().contains(c[1]), () -> c[0] + " -> " + r);
        }
        assertUnchanged(List.of(n));
    }

    @Test
    void aTransactionNeedsJsonAUserAndPost() {
        TxClient.Res form = alice.send("POST", "/transactions", "{}", "Content-Type", "text/plain");
        assertProblem(form, 415, "/problems/unsupported-media-type");
        TxClient.Res get = alice.get("/transactions");
        assertEquals(405, get.status(), get::toString);
        assertEquals("POST, OPTIONS", get.raw().headers().firstValue("Allow").orElse(""));
    }
}
