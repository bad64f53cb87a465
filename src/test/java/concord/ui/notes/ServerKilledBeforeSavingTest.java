package concord.ui.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.client.ApiResult;
import concord.client.FileDraftStore;
import concord.client.HttpNotesClient;
import concord.client.RetryPolicy;
import concord.model.Note;
import concord.model.NoteContent;
import concord.server.ServerProcess;
import concord.store.SqliteNoteStore;
import concord.ui.conflict.ConflictHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process is killed with kill -9 (not closed) while a user has typed but not saved: the window's view
 * model against the real server process, the real HTTP client and the real draft files, without a stage
 * ({@link DraftsSurviveTest} drives the same story through the UI with a server that is stopped gracefully).
 */
class ServerKilledBeforeSavingTest {

    private static final Executor DIRECT = Runnable::run;
    private static final String ORIGINAL = "first line\nsecond line\n";
    private static final RetryPolicy QUICK = new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(50));

    @TempDir
    Path dir;
    private ServerProcess server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.kill();
        }
    }

    private NotesViewModel window(ServerProcess on, String user) {
        HttpNotesClient client = new HttpNotesClient(on.baseUri, user, null, HttpNotesClient.defaultHttpClient(), QUICK);
        NotesViewModel vm = new NotesViewModel(new WindowServices(client, new FileDraftStore(dir.resolve("drafts-" + user)),
                DIRECT, DIRECT, DIRECT, ConflictHandler.KEEP_PENDING, DraftScheduler.immediate(), Clock.systemUTC()));
        vm.start();
        return vm;
    }

    @Test
    void killMinus9OfTheServerBeforeSavingLosesNoTypedCharacterAndTheRestartedAppSavesTheDraftAgainstItsBase()
            throws Exception {
        Path data = dir.resolve("data");
        server = ServerProcess.start(data, dir.resolve("server.log"));
        Note seeded = ((ApiResult.Ok<Note>) HttpNotesClient.create(server.baseUri, "Concord", null)
                .createWithId("plan", new NoteContent("Plan", ORIGINAL, List.of()))).value();
        NotesViewModel alice = window(server, "Alice");
        alice.open("plan");
        assertEquals(ORIGINAL, alice.editor().bodyProperty().get());
        String mine = ORIGINAL + "typed before the server dies\n";
        alice.editor().bodyProperty().set(mine);
        assertEquals(Optional.of(mine), new FileDraftStore(dir.resolve("drafts-Alice")).load("plan").map(d -> d.mine().body()),
                "the draft is on disk before any save");

        server.kill(); // kill -9: no shutdown hook, no close of the database
        alice.editor().save();

        assertEquals(ConnectionState.OFFLINE, alice.connectionProperty().get());
        assertEquals(mine, alice.editor().bodyProperty().get(), "the text is still in the editor");
        assertTrue(alice.editor().isDirty());
        assertEquals(seeded.etag(), new FileDraftStore(dir.resolve("drafts-Alice")).load("plan").orElseThrow().base().etag(),
                "the draft remembers what it was based on");

        // the server comes back on the same database; everything it acknowledged is there
        server = ServerProcess.start(data, dir.resolve("server.log"));
        HttpNotesClient check = HttpNotesClient.create(server.baseUri, "check", null);
        assertEquals(seeded, ((ApiResult.Ok<Note>) check.get("plan")).value());

        NotesViewModel restarted = window(server, "Alice");
        assertEquals(1, restarted.draftsOfferedProperty().get());
        restarted.restoreDrafts();
        assertEquals(mine, restarted.editor().bodyProperty().get());
        restarted.editor().save();

        Note saved = ((ApiResult.Ok<Note>) check.get("plan")).value();
        assertEquals(mine, saved.body(), "the draft's text reached the server once it was back");
        assertEquals(2, saved.version(), "saved once, against the version it was based on");
        assertTrue(new FileDraftStore(dir.resolve("drafts-Alice")).all().isEmpty(), "the saved draft is removed");
        server.terminate();
        server = null;
        assertEquals("ok", SqliteNoteStore.integrityCheck(data));
    }

    @Test
    void killMinus9OfTheServerWithAConcurrentSaveLeavesTheDraftToMergeAgainstTheOtherSave() throws Exception {
        Path data = dir.resolve("data");
        server = ServerProcess.start(data, dir.resolve("server.log"));
        HttpNotesClient.create(server.baseUri, "Concord", null).createWithId("plan", new NoteContent("Plan", ORIGINAL, List.of()));
        NotesViewModel alice = window(server, "Alice");
        alice.open("plan");
        Note loaded = alice.editor().base();
        String mine = ORIGINAL + "alice's line\n";
        alice.editor().bodyProperty().set(mine);
        server.kill();

        server = ServerProcess.start(data, dir.resolve("server.log"));
        HttpNotesClient bob = HttpNotesClient.create(server.baseUri, "Bob", null);
        assertInstanceOf(ApiResult.Ok.class, bob.update("plan", loaded.etag(), new NoteContent("Plan", "Bob's version\n", List.of())));

        NotesViewModel restarted = window(server, "Alice");
        restarted.restoreDrafts();
        restarted.editor().save();

        assertNotNull(restarted.editor().conflictProperty().get(), "the stale draft is a conflict, not an overwrite");
        assertEquals("Bob's version\n", ((ApiResult.Ok<Note>) bob.get("plan")).value().body(), "Bob's save was kept");
        assertEquals(mine, restarted.editor().bodyProperty().get());
        assertEquals(Optional.of(mine), new FileDraftStore(dir.resolve("drafts-Alice")).load("plan").map(d -> d.mine().body()));
    }
}
