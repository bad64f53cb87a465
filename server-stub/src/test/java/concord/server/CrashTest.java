package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.TestDatabase;
import concord.engines.TestPostgres;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server as a separate process: kill -9 under contended load loses no acknowledged write and shows nothing
 * that was not sent, on SQLite and on PostgreSQL (there the database lives on and the server process dies: an
 * answer sent before the commit would show); SIGTERM closes SQLite cleanly.
 */
class CrashTest {

    static final int WRITERS = 6;
    /** Fewer notes than writers: three writers race on each note with If-Match and re-read after a 412. */
    static final int NOTES = 2;
    static final int ACKS_BEFORE_KILL = 300;

    @RegisterExtension
    static final Databases databases = new Databases();

    @TempDir
    Path dir;

    record Ack(String id, long version, String body) {
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Engine.class)
    void killMinus9UnderContendedWritesLosesNoAcknowledgedWriteAndKeepsNothingThatWasNotSent(Engine engine)
            throws Exception {
        TestDatabase db = databases.fresh(engine);
        Map<String, String> env = engine == Engine.POSTGRESQL
                ? Map.of("CONCORD_DB_PASSWORD", TestPostgres.PASSWORD) : Map.of();
        Path log = dir.resolve("server.log");
        ServerProcess server = ServerProcess.start(db.serverArgs(), env, log);
        Queue<Ack> acks = new ConcurrentLinkedQueue<>();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Http setup = new Http(server.baseUri);
        for (int i = 0; i < NOTES; i++) {
            Note n = setup.createWithId(noteId(i), "crash", "0", "setup").note();
            acks.add(new Ack(n.id(), n.version(), n.body()));
            sent.add(n.body());
        }
        CountDownLatch enough = new CountDownLatch(ACKS_BEFORE_KILL);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                Http http = new Http(server.baseUri);
                String id = noteId(writer % NOTES);
                try {
                    Note n = http.get("/notes/" + id).note();
                    for (int i = 1; !stop.get(); i++) {
                        String body = n.body() + "\nw" + writer + "-" + i;
                        sent.add(body); // before sending: what the server may hold though it never answered
                        Http.Res u = http.update(id, n.etag().header(), "crash", body, "writer-" + writer);
                        if (u.status() == 200) {
                            n = u.note();
                            acks.add(new Ack(id, n.version(), n.body()));
                            enough.countDown();
                        } else if (u.status() == 412) {
                            conflicts.incrementAndGet();
                            n = http.get("/notes/" + id).note();
                        } else {
                            throw new AssertionError("writer " + writer + ": " + u);
                        }
                    }
                } catch (UncheckedIOException expected) {
                    // the server died under us: the request in flight was never acknowledged
                }
                return null;
            }));
        }
        try {
            assertTrue(enough.await(120, TimeUnit.SECONDS), "the writers did not get going; see " + log);
        } finally {
            server.kill(); // kill -9 while the writers are mid-request
            stop.set(true);
            pool.shutdown();
        }
        for (Future<?> f : writers) {
            f.get(60, TimeUnit.SECONDS); // a writer's AssertionError surfaces here
        }
        List<Ack> acknowledged = new ArrayList<>(acks);
        assertTrue(acknowledged.size() >= ACKS_BEFORE_KILL);
        assertTrue(conflicts.get() > 0, "the writers raced on shared notes (412s seen)");
        Map<String, Ack> byVersion = new HashMap<>();
        for (Ack a : acknowledged) {
            Ack twice = byVersion.put(a.id() + "@" + a.version(), a);
            assertNull(twice, () -> "one version acknowledged to two writers (a lost update): " + twice + " and " + a);
        }

        ServerProcess restarted = ServerProcess.start(db.serverArgs(), env, log);
        Http http = new Http(restarted.baseUri);
        Map<String, Long> newest = new HashMap<>();
        for (Ack a : acknowledged) {
            Http.Res r = http.get("/notes/" + a.id() + "/versions/" + a.version());
            assertEquals(200, r.status(), () -> "acknowledged write lost: " + a + " → " + r);
            assertEquals(a.body(), r.note().body());
            newest.merge(a.id(), a.version(), Math::max);
        }
        for (int i = 0; i < NOTES; i++) {
            String id = noteId(i);
            long current = http.get("/notes/" + id).note().version();
            assertTrue(current >= newest.get(id), id + " went back from the acknowledged version " + newest.get(id));
            for (long v = newest.get(id) + 1; v <= current; v++) {
                String body = http.get("/notes/" + id + "/versions/" + v).note().body();
                assertTrue(sent.contains(body), id + " version " + v + " holds a text nobody sent: " + body);
            }
        }
        restarted.terminate();
        if (engine == Engine.SQLITE) {
            assertEquals("ok", SqliteNoteStore.integrityCheck(db.dir()));
        }
        System.out.printf("crash test on %s: %d acknowledged writes (%d 412s on shared notes), all present after"
                + " kill -9%n", engine, acknowledged.size(), conflicts.get());
    }

    private static String noteId(int i) {
        return "crash-" + i;
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
