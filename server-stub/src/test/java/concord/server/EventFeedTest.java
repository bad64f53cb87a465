package concord.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import concord.client.HttpNotesClient;
import concord.client.NotesFeed;
import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.OnBothEngines;
import concord.engines.TestDatabase;
import concord.model.Note;
import concord.model.NoteChange;
import concord.store.NoteStore;
import concord.store.StoreFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

/** The change feed (GET /events) of one server, on both engines: the wire format, replay, resync, bounds. */
@OnBothEngines
class EventFeedTest {

    @RegisterExtension
    static final Databases databases = new Databases();

    @Parameter
    Engine engine;

    private NoteStore store;
    private ConcordServer server;
    private Http http;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    private void start(ServerLimits limits) {
        TestDatabase db = databases.fresh(engine);
        store = db.open();
        server = ConcordServer.create(db.serverConfig().withLimits(limits), store).start();
        http = new Http(server.baseUri());
    }

    @BeforeEach
    void startDefault() {
        start(ServerLimits.DEFAULT);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        scheduler.shutdownNow();
        server.close();
    }

    private SseReader open(String... headers) throws Exception {
        SseReader r = SseReader.open(server.baseUri(), headers);
        toClose.add(r);
        return r;
    }

    /** A NotesFeed that records what it is told. */
    private record Recorded(NotesFeed feed, List<NotesFeed.Event> events) {
        List<NoteChange> changes() {
            return events.stream().filter(e -> e instanceof NotesFeed.Event.Changed)
                    .map(e -> ((NotesFeed.Event.Changed) e).change()).toList();
        }
    }

    private Recorded follow(OptionalLong resumeAfter) {
        List<NotesFeed.Event> events = new CopyOnWriteArrayList<>();
        NotesFeed feed = new NotesFeed(server.baseUri(), "reader", null, resumeAfter, events::add,
                new NotesFeed.Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), HttpNotesClient.defaultHttpClient(),
                scheduler).start();
        toClose.add(feed);
        await().atMost(Duration.ofSeconds(20)).until(feed::isLive);
        return new Recorded(feed, events);
    }

    @Test
    void aNewStreamStartsWithReadyCarryingThePositionToResumeFrom() throws Exception {
        SseReader r = open();
        assertTrue(r.response().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        SseReader.Frame ready = r.nextEvent(20);
        assertEquals("ready", ready.event());
        assertEquals(ready.id(), Http.JSON.readTree(ready.data()).get("position").asText());
    }

    @Test
    void aWriteArrivesAsANoteEventWithItsPositionETagAndAuthorButNoBody() throws Exception {
        SseReader r = open();
        long start = Long.parseLong(r.nextEvent(20).id());
        Note n = http.createWithId("fed", "Fed", "secret body", "alice").note();
        SseReader.Frame f = r.nextEvent(20);
        assertEquals("note", f.event());
        assertTrue(Long.parseLong(f.id()) > start);
        JsonNode data = Http.JSON.readTree(f.data());
        assertEquals("fed", data.get("id").asText());
        assertEquals(1, data.get("version").asLong());
        assertEquals(n.etag().header(), data.get("etag").asText());
        assertEquals("alice", data.get("updatedBy").asText());
        assertEquals(n.updatedAt(), Instant.parse(data.get("updatedAt").asText()));
        assertFalse(data.get("deleted").asBoolean());
        assertFalse(f.data().contains("secret"), "the feed carries no bodies");

        http.delete("fed", n.etag().header(), "bob");
        JsonNode deleted = Http.JSON.readTree(r.nextEvent(20).data());
        assertTrue(deleted.get("deleted").asBoolean());
        assertTrue(deleted.get("etag").isNull());
        assertEquals(1, deleted.get("version").asLong());
        assertEquals("bob", deleted.get("updatedBy").asText());
    }

    @Test
    void everyChangeOfATransactionArrivesAndOnlyOnceItIsCommitted() throws Exception {
        SseReader r = open();
        r.nextEvent(20);
        String tx = "{\"items\":[" + String.join(",",
                item("t1"), item("t2"), item("t3")) + "]}";
        Http.Res res = http.send("POST", "/transactions", tx, "Content-Type", "application/json",
                "X-Concord-User", "alice");
        assertEquals(200, res.status(), res::toString);
        List<SseReader.Frame> three = r.events(3, 20);
        // when the first event of the transaction is out, every note of it is readable
        assertEquals(Set.of("t1", "t2", "t3"), ids(three));
        for (String id : List.of("t1", "t2", "t3")) {
            assertEquals(200, http.get("/notes/" + id).status());
        }
    }

    private static String item(String id) {
        return "{\"op\":\"put\",\"id\":\"" + id + "\",\"ifNoneMatch\":\"*\",\"note\":{\"title\":\"T\",\"body\":\"b\"}}";
    }

    private static Set<String> ids(List<SseReader.Frame> frames) throws Exception {
        Set<String> ids = new HashSet<>();
        for (SseReader.Frame f : frames) {
            ids.add(Http.JSON.readTree(f.data()).get("id").asText());
        }
        return ids;
    }

    @Test
    void aReconnectWithLastEventIdGetsExactlyWhatWasMissed() throws Exception {
        Recorded first = follow(OptionalLong.empty());
        http.createWithId("before", "t", "b", "alice");
        await().atMost(Duration.ofSeconds(20)).until(() -> first.changes().size() == 1);
        long seen = first.feed().lastEventId().orElseThrow();
        first.feed().close();
        for (int i = 0; i < 5; i++) {
            http.createWithId("missed-" + i, "t", "b", "alice");
        }
        Recorded second = follow(OptionalLong.of(seen));
        await().atMost(Duration.ofSeconds(20)).until(() -> second.changes().size() == 5);
        assertEquals(List.of("missed-0", "missed-1", "missed-2", "missed-3", "missed-4"),
                second.changes().stream().map(NoteChange::id).toList());
        http.createWithId("after", "t", "b", "alice");
        await().atMost(Duration.ofSeconds(20)).until(() -> second.changes().size() == 6);
        assertEquals("after", second.changes().get(5).id());
    }

    @Test
    void aPositionTooOldToReplayGetsResyncAndTheStreamGoesOnLive() throws Exception {
        SseReader first = open();
        String old = first.nextEvent(20).id();
        http.createWithId("forgotten", "t", "b", "alice");
        store.changes().forgetBefore(Instant.now().plus(Duration.ofMinutes(1)));
        SseReader r = open("Last-Event-ID", old);
        SseReader.Frame resync = r.nextEvent(20);
        assertEquals("resync", resync.event());
        http.createWithId("later", "t", "b", "alice");
        SseReader.Frame next = r.nextEvent(20);
        assertEquals("note", next.event());
        assertEquals("later", Http.JSON.readTree(next.data()).get("id").asText());
        assertTrue(Long.parseLong(next.id()) > Long.parseLong(resync.id()));
    }

    @Test
    void aLastEventIdThisServerNeverGaveOutGetsResync() throws Exception {
        for (String bogus : List.of("garbage", "-5", "99999999999999999", "12abc")) {
            SseReader r = open("Last-Event-ID", bogus);
            assertEquals("resync", r.nextEvent(20).event(), bogus);
        }
    }

    @Test
    void aRequestThatDoesNotAcceptAnEventStreamGets406Problem() {
        Http.Res r = http.get("/events", "Accept", "application/json");
        assertEquals(406, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/problem+json"));
    }

    @Test
    void anIdleStreamGetsACommentEveryKeepAliveInterval() throws Exception {
        server.close();
        start(ServerLimits.DEFAULT.withFeed(1024, Duration.ofMillis(200)));
        SseReader r = open();
        r.nextEvent(20);
        SseReader.Frame f = r.next(20);
        assertNull(f.event());
        assertEquals("keep-alive", f.comment());
    }

    @Test
    void aSubscriberThatFallsBehindIsDroppedAndResumingMissesNothing() throws Exception {
        server.close();
        start(ServerLimits.DEFAULT.withFeed(4, Duration.ofSeconds(15)));
        // a client that asks for the stream and then reads nothing: its socket buffers fill, then its queue
        java.net.Socket stuck = new java.net.Socket();
        stuck.setReceiveBufferSize(4096);
        stuck.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
        toClose.add(stuck);
        stuck.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + "X-Concord-User: stuck\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        await().atMost(Duration.ofSeconds(20)).until(() -> server.feedSubscribers() == 1);
        Recorded reader = follow(OptionalLong.empty());
        StoreFixtures.fill(store, 1000, "h", 1);
        await().atMost(Duration.ofSeconds(90)).until(() -> reader.changes().size() >= 1001);
        List<NoteChange> got = reader.changes();
        assertEquals(1001, got.size(), "every change exactly once");
        assertEquals(1001, got.stream().map(NoteChange::id).distinct().count());
        for (int i = 1; i < got.size(); i++) {
            assertTrue(got.get(i).position() > got.get(i - 1).position(), "in order");
        }
        assertTrue(reader.events().stream().anyMatch(e -> e instanceof NotesFeed.Event.Offline),
                "bursts of hundreds against a buffer of 4 must have dropped the reader at least once");
        await().atMost(Duration.ofSeconds(30)).until(() -> server.feedSubscribers() == 1);
    }
}
