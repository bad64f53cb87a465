package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.Note;
import concord.store.SqliteNoteStore;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as a separate process: kill -9 under load loses no acknowledged write; SIGTERM closes cleanly. */
class CrashTest {

    static final int WRITERS = 6;
    static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    record Ack(String id, long version, String body) {
    }

    @Test
    void killMinus9UnderWriteLoadLosesNoAcknowledgedWriteAndTheDatabaseOpensClean() throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        ServerProcess server = ServerProcess.start(data, log);
        Queue<Ack> acks = new ConcurrentLinkedQueue<>();
        CountDownLatch enough = new CountDownLatch(ACKS_BEFORE_KILL);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String id = "crash-" + w;
            Thread t = new Thread(() -> {
                Http http = new Http(server.baseUri);
                try {
                    Http.Res r = http.createWithId(id, "crash", "0", "writer");
                    Note n = r.note();
                    acks.add(new Ack(id, n.version(), n.body()));
                    enough.countDown();
                    for (int i = 1; !stop.get(); i++) {
                        Http.Res u = http.update(id, n.etag().header(), "crash", n.body() + "\n" + i, "writer");
                        if (u.status() != 200) {
                            throw new AssertionError(u.toString());
                        }
                        n = u.note();
                        acks.add(new Ack(id, n.version(), n.body()));
                        enough.countDown();
                    }
                } catch (UncheckedIOException expected) {
                    // the server died under us: this request was never acknowledged
                }
            }, "writer-" + w);
            t.start();
            writers.add(t);
        }
        assertTrue(enough.await(120, TimeUnit.SECONDS), "the writers did not get going; see " + log);
        server.kill(); // kill -9 while the writers are mid-request
        stop.set(true);
        for (Thread t : writers) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(t.isAlive());
        }
        List<Ack> acknowledged = new ArrayList<>(acks);
        assertTrue(acknowledged.size() >= ACKS_BEFORE_KILL);

        ServerProcess restarted = ServerProcess.start(data, log);
        Http http = new Http(restarted.baseUri);
        Map<String, Long> newest = new HashMap<>();
        for (Ack a : acknowledged) {
            Http.Res r = http.get("/notes/" + a.id() + "/versions/" + a.version());
            assertEquals(200, r.status(), () -> "acknowledged write lost: " + a + " → " + r);
            assertEquals(a.body(), r.note().body());
            newest.merge(a.id(), a.version(), Math::max);
        }
        for (Map.Entry<String, Long> e : newest.entrySet()) {
            assertTrue(http.get("/notes/" + e.getKey()).note().version() >= e.getValue());
        }
        restarted.terminate();
        assertEquals("ok", SqliteNoteStore.integrityCheck(data));
        System.out.printf("crash test: %d acknowledged writes, all present after kill -9%n", acknowledged.size());
    }

    @Test
    void sigtermFinishesAndClosesTheDatabaseCleanly() throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        ServerProcess server = ServerProcess.start(data, log);
        assertTrue(ServerProcess.LISTENING.matcher(server.firstLine).matches(), server.firstLine);
        Note n = new Http(server.baseUri).createWithId("kept", "Kept", "body", "alice").note();

        int exit = server.terminate();

        assertTrue(exit == 0 || exit == 143, "exit code " + exit);
        // a clean close checkpoints the WAL and removes it
        Path wal = data.resolve(SqliteNoteStore.FILE_NAME + "-wal");
        assertTrue(!Files.exists(wal) || Files.size(wal) == 0, "the WAL was left behind: the database was not closed");
        assertFalse(Files.readString(log).contains("Exception"), Files.readString(log));
        assertEquals("ok", SqliteNoteStore.integrityCheck(data));
        try (ConcordServer again = ConcordServer.create(ServerConfig.loopback(data)).start()) {
            assertEquals(n, new Http(again.baseUri()).get("/notes/kept").note());
        }
    }
}
