package concord.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.client.ApiResult;
import concord.client.HttpLiveClient;
import concord.client.HttpLiveClient.LockOutcome;
import concord.client.HttpNotesClient;
import concord.client.NotesFeed;
import concord.engines.Databases;
import concord.engines.Engine;
import concord.model.LockChange;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.Presence;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The app's side of locks and presence (concord.client) against a real server. */
class LiveClientTest {

    @RegisterExtension
    static final Databases databases = new Databases();
    static ConcordServer server;
    static HttpLiveClient alice;
    static HttpLiveClient bob;
    static HttpNotesClient aliceNotes;
    static final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void start() {
        server = ConcordServer.create(databases.fresh(Engine.SQLITE).serverConfig()).start();
        alice = new HttpLiveClient(server.baseUri(), "alice", null, HttpNotesClient.defaultHttpClient());
        bob = new HttpLiveClient(server.baseUri(), "bob", null, HttpNotesClient.defaultHttpClient());
        aliceNotes = HttpNotesClient.create(server.baseUri(), "alice", null);
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
        aliceNotes.releaseIdleConnections();
        server.close();
    }

    private static Note note(String id) {
        ApiResult<Note> r = aliceNotes.createWithId(id, new NoteContent("Plan", "v1\n", List.of()));
        return (Note) assertInstanceOf(ApiResult.Ok.class, r, r::toString).value();
    }

    @Test
    void aLockIsTakenRenewedAndReleasedAndOthersAreToldWhoHoldsIt() {
        Note n = note("client-lock");
        LockOutcome.Granted taken = assertInstanceOf(LockOutcome.Granted.class, alice.lock(n.id(), Duration.ofMinutes(1)));
        assertEquals("alice", taken.holder());
        assertTrue(!taken.toString().contains(taken.token()), "the token stays out of logs");
        LockOutcome.HeldByOther refused = assertInstanceOf(LockOutcome.HeldByOther.class,
                bob.lock(n.id(), Duration.ofMinutes(1)));
        assertEquals(taken.lock(), refused.lock());
        assertEquals(taken.lock(), bob.currentLock(n.id()).orElseThrow());
        LockOutcome.Granted renewed = assertInstanceOf(LockOutcome.Granted.class,
                alice.renew(n.id(), taken.token(), Duration.ofMinutes(10)));
        assertEquals(taken.token(), renewed.token());
        assertTrue(renewed.expiresAt().isAfter(taken.expiresAt()));
        assertInstanceOf(LockOutcome.HeldByOther.class, bob.release(n.id(), "not-the-token"));
        assertInstanceOf(LockOutcome.Released.class, alice.release(n.id(), taken.token()));
        assertInstanceOf(LockOutcome.NotHeld.class, alice.renew(n.id(), taken.token(), Duration.ofMinutes(1)));
        assertTrue(bob.currentLock(n.id()).isEmpty());
        assertInstanceOf(LockOutcome.Gone.class, alice.lock("no-such-note", Duration.ofSeconds(5)));
    }

    @Test
    void theNotesClientReadsALockedNoteAlsoFromItsCachedETag() {
        Note n = note("client-read");
        assertEquals(n, assertInstanceOf(ApiResult.Ok.class, aliceNotes.get(n.id())).value());
        assertInstanceOf(LockOutcome.Granted.class, bob.lock(n.id(), Duration.ofMinutes(1)));
        ApiResult<Note> locked = aliceNotes.get(n.id()); // sends If-None-Match: the server answers 200 with "lock"
        assertEquals(n, assertInstanceOf(ApiResult.Ok.class, locked, locked::toString).value());
        ApiResult<Note> write = aliceNotes.update(n.id(), n.etag(), new NoteContent("Plan", "alice's\n", List.of()));
        ApiResult.Invalid<Note> refused = assertInstanceOf(ApiResult.Invalid.class, write, write::toString);
        assertEquals(423, refused.status());
        assertTrue(refused.detail().contains("locked by bob"), refused::toString);
    }

    @Test
    void presenceIsAnnouncedListedAndLeft() {
        Note n = note("client-presence");
        assertTrue(alice.announce(n.id(), Presence.State.EDITING));
        assertTrue(bob.announce(n.id(), Presence.State.VIEWING));
        List<Presence> present = bob.present(n.id());
        assertEquals(List.of("alice", "bob"), present.stream().map(Presence::user).toList());
        assertEquals(Presence.State.EDITING, present.get(0).state());
        assertTrue(alice.leave(n.id()));
        assertEquals(List.of("bob"), alice.present(n.id()).stream().map(Presence::user).toList());
        assertTrue(!alice.announce("no-such-note", Presence.State.VIEWING), "a missing note is refused");
    }

    @Test
    void theFeedReaderHandsOverLockAndPresenceEvents() {
        Note n = note("client-feed");
        List<NotesFeed.Event> events = new CopyOnWriteArrayList<>();
        try (NotesFeed feed = new NotesFeed(server.baseUri(), "reader", null, OptionalLong.empty(), events::add,
                NotesFeed.Backoff.DEFAULT, HttpNotesClient.defaultHttpClient(), scheduler).start()) {
            await().atMost(Duration.ofSeconds(20)).until(feed::isLive);
            LockOutcome.Granted taken = assertInstanceOf(LockOutcome.Granted.class, alice.lock(n.id(), Duration.ofMinutes(1)));
            alice.announce(n.id(), Presence.State.EDITING);
            await().atMost(Duration.ofSeconds(20)).until(() -> events.stream()
                    .anyMatch(e -> e instanceof NotesFeed.Event.PresenceChanged p && p.presence().noteId().equals(n.id())));
            LockChange change = events.stream().filter(e -> e instanceof NotesFeed.Event.LockChanged)
                    .map(e -> ((NotesFeed.Event.LockChanged) e).change()).filter(c -> c.id().equals(n.id()))
                    .findFirst().orElseThrow();
            assertEquals(LockChange.Action.TAKEN, change.action());
            assertEquals(taken.lock(), change.lock().orElseThrow());
            Presence p = events.stream().filter(e -> e instanceof NotesFeed.Event.PresenceChanged)
                    .map(e -> ((NotesFeed.Event.PresenceChanged) e).presence()).filter(x -> x.noteId().equals(n.id()))
                    .findFirst().orElseThrow();
            assertEquals("alice", p.user());
            assertEquals(Presence.State.EDITING, p.state());
            assertTrue(feed.lastEventId().orElseThrow() >= change.position(), "a lock's position is one to resume from");
        }
    }
}
