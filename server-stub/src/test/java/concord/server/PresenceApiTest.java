package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

/**
 * Presence ({@code /notes/{id}/presence}) over loopback HTTP on both engines: who is viewing or editing a note, for
 * a short while unless renewed, told by the feed, and never part of a note's history.
 */
@OnBothEngines
class PresenceApiTest {

    @RegisterExtension
    static final Databases databases = new Databases();

    @Parameter
    Engine engine;

    private ConcordServer server;
    private Http http;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    private void start(ServerLimits limits) {
        TestDatabase db = databases.fresh(engine);
        server = ConcordServer.create(db.serverConfig().withLimits(limits)).start();
        http = new Http(server.baseUri());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static Http.Res announce(Http http, String id, String user, String state) {
        return http.send("PUT", "/notes/" + id + "/presence", "{\"state\":\"" + state + "\"}",
                "Content-Type", "application/json", "X-Concord-User", user);
    }

    static Http.Res leave(Http http, String id, String user) {
        return http.send("DELETE", "/notes/" + id + "/presence", null, "X-Concord-User", user);
    }

    private Note note(TestInfo test) {
        Http.Res r = http.createWithId("p" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff),
                "Plan", "v1\n", "alice");
        assertEquals(201, r.status(), r::toString);
        return r.note();
    }

    private SseReader feed(String... headers) throws Exception {
        SseReader r = SseReader.open(server.baseUri(), headers);
        toClose.add(r);
        return r;
    }

    /**
     * Waits until each stream has sent what it sends when it opens (ready, then everyone present then): a write's
     * event comes after that. A presence change made while a stream opens may otherwise come twice, once in that
     * snapshot and once as it happens; harmless for a client that applies them in order, but not what a test of the
     * exact sequence wants.
     */
    static void settle(Http http, String marker, SseReader... streams) throws Exception {
        assertEquals(201, http.createWithId(marker, "marker", "", "test").status());
        for (SseReader r : streams) {
            while (true) {
                SseReader.Frame f = r.nextEvent(20);
                if ("note".equals(f.event()) && Http.JSON.readTree(f.data()).get("id").asText().equals(marker)) {
                    break;
                }
            }
        }
    }

    private static JsonNode data(SseReader.Frame f) throws Exception {
        return Http.JSON.readTree(f.data());
    }

    @Test
    void theDefaultTimeToLiveIsThirtySeconds() {
        assertEquals(Duration.ofSeconds(30), ServerLimits.DEFAULT.presenceTtl());
    }

    @Test
    void announcingIs204AndGetListsUserStateAndSinceTheLongestThereFirst(TestInfo test) {
        start(ServerLimits.DEFAULT);
        Note n = note(test);
        assertEquals("[]", http.get("/notes/" + n.id() + "/presence").body());
        Instant before = Instant.now().minusSeconds(2);
        Http.Res r = announce(http, n.id(), "alice", "viewing");
        assertEquals(204, r.status(), r::toString);
        assertEquals("", r.body());
        assertEquals(204, announce(http, n.id(), "bob", "editing").status());
        Http.Res got = http.get("/notes/" + n.id() + "/presence");
        assertEquals(200, got.status());
        assertEquals("no-store", got.header("Cache-Control").orElse(""));
        JsonNode list = got.json();
        assertEquals(2, list.size(), list::toString);
        assertEquals("alice", list.get(0).get("user").asText());
        assertEquals("viewing", list.get(0).get("state").asText());
        assertEquals("bob", list.get(1).get("user").asText());
        assertEquals("editing", list.get(1).get("state").asText());
        Instant since = Instant.parse(list.get(0).get("since").asText());
        assertTrue(since.isAfter(before) && !since.isAfter(Instant.parse(list.get(1).get("since").asText())), list::toString);
        assertEquals(3, list.get(0).size(), "user, state, since: " + list);
    }

    @Test
    void switchingStateMovesSinceAndRenewingTheSameStateKeepsIt(TestInfo test) throws Exception {
        start(ServerLimits.DEFAULT);
        Note n = note(test);
        announce(http, n.id(), "alice", "viewing");
        String since = http.get("/notes/" + n.id() + "/presence").json().get(0).get("since").asText();
        assertEquals(204, announce(http, n.id(), "alice", "viewing").status());
        assertEquals(since, http.get("/notes/" + n.id() + "/presence").json().get(0).get("since").asText());
        assertEquals(204, announce(http, n.id(), "alice", "editing").status());
        JsonNode now = http.get("/notes/" + n.id() + "/presence").json();
        assertEquals(1, now.size(), "one entry per user and note: " + now);
        assertEquals("editing", now.get(0).get("state").asText());
        assertTrue(!Instant.parse(now.get(0).get("since").asText()).isBefore(Instant.parse(since)), now::toString);
    }

    @Test
    void theFeedTellsArrivalSwitchAndDepartureButNotARenewal(TestInfo test) throws Exception {
        start(ServerLimits.DEFAULT);
        Note n = note(test);
        SseReader feed = feed();
        assertEquals("ready", feed.nextEvent(20).event());
        settle(http, n.id() + "-m", feed);
        announce(http, n.id(), "alice", "viewing");
        announce(http, n.id(), "alice", "viewing"); // a renewal: no event
        announce(http, n.id(), "alice", "editing");
        assertEquals(204, leave(http, n.id(), "alice").status());
        List<String> states = new ArrayList<>();
        for (SseReader.Frame f : feed.events(3, 20)) {
            assertEquals("presence", f.event(), f::toString);
            assertNull(f.id(), "presence has no position: it is never replayed");
            JsonNode d = data(f);
            assertEquals(n.id(), d.get("id").asText());
            assertEquals("alice", d.get("user").asText());
            Instant.parse(d.get("since").asText());
            states.add(d.get("state").asText());
        }
        assertEquals(List.of("viewing", "editing", "left"), states);
        // the next event is a note's: nothing more of presence was sent
        http.update(n.id(), n.etag().header(), "Plan", "v2\n", "bob");
        assertEquals("note", feed.nextEvent(20).event());
    }

    @Test
    void leavingIsAlways204AndEmptiesTheList(TestInfo test) {
        start(ServerLimits.DEFAULT);
        Note n = note(test);
        announce(http, n.id(), "alice", "editing");
        assertEquals(204, leave(http, n.id(), "alice").status());
        assertEquals("[]", http.get("/notes/" + n.id() + "/presence").body());
        assertEquals(204, leave(http, n.id(), "alice").status(), "leaving twice is done already");
        assertEquals(204, leave(http, "never-existed", "alice").status());
    }

    @Test
    void presenceNobodyRenewsRunsOutAndTheFeedSaysTheUserLeft(TestInfo test) throws Exception {
        start(ServerLimits.DEFAULT.withPresenceTtl(Duration.ofSeconds(1)));
        Note n = note(test);
        SseReader feed = feed();
        feed.nextEvent(20);
        settle(http, n.id() + "-m", feed);
        announce(http, n.id(), "alice", "viewing");
        assertEquals("viewing", data(feed.nextEvent(20)).get("state").asText());
        SseReader.Frame left = feed.nextEvent(20); // no request in between: the sweep notices
        assertEquals("presence", left.event());
        assertEquals("left", data(left).get("state").asText(), left::toString);
        assertEquals("alice", data(left).get("user").asText());
        assertEquals("[]", http.get("/notes/" + n.id() + "/presence").body());
    }

    @Test
    void aBadStateIsA400AndAMissingNote404AndADeletedOne410(TestInfo test) {
        start(ServerLimits.DEFAULT);
        Note n = note(test);
        for (String bad : List.of("left", "typing", "VIEWING", "")) {
            Http.Res r = announce(http, n.id(), "alice", bad);
            assertEquals(400, r.status(), () -> bad + " -> " + r);
            assertTrue(r.contentType().startsWith("application/problem+json"), r::toString);
        }
        for (String body : List.of("{}", "{\"state\":1}", "{\"state\":\"viewing\",\"x\":1}", "[]", "not json")) {
            Http.Res r = http.send("PUT", "/notes/" + n.id() + "/presence", body, "Content-Type", "application/json",
                    "X-Concord-User", "alice");
            assertEquals(400, r.status(), () -> body + " -> " + r);
        }
        assertEquals("[]", http.get("/notes/" + n.id() + "/presence").body(), "nothing was announced");
        assertEquals(404, announce(http, "no-such-note", "alice", "viewing").status());
        assertEquals(404, http.get("/notes/no-such-note/presence").status());
        assertEquals(204, http.delete(n.id(), n.etag().header(), "alice").status());
        assertEquals(410, announce(http, n.id(), "alice", "viewing").status());
    }

    @Test
    void presenceIsNeverPartOfTheHistoryTheNoteOrTheReplayedLog(TestInfo test) throws Exception {
        start(ServerLimits.DEFAULT);
        Note n = note(test);
        SseReader first = feed();
        String start = first.nextEvent(20).id();
        String listTag = http.get("/notes").etag();
        announce(http, n.id(), "alice", "viewing");
        announce(http, n.id(), "bob", "editing");
        leave(http, n.id(), "alice");
        assertEquals(3, first.events(3, 20).size());
        assertEquals(n.etag().header(), http.get("/notes/" + n.id()).etag());
        assertEquals(1, http.get("/notes/" + n.id() + "/versions").json().size());
        assertEquals(listTag, http.get("/notes").etag(), "the listing did not change");

        SseReader replay = feed("Last-Event-ID", start);
        SseReader.Frame ready = replay.nextEvent(20);
        assertEquals("ready", ready.event(), "nothing to replay: presence is not in the log");
        assertEquals(start, ready.id());
        SseReader.Frame present = replay.nextEvent(20);
        assertEquals("presence", present.event(), "after ready: everyone present now");
        assertEquals("bob", data(present).get("user").asText());
        assertEquals("editing", data(present).get("state").asText());
    }
}
