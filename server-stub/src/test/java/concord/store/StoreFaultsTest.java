package concord.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.Note;
import concord.model.NoteContent;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store under injected faults (a failing commit, a read connection that dies mid-request): after each, no
 * acknowledged write is lost, nothing unacknowledged is visible, and the store goes on without a restart.
 */
class StoreFaultsTest {

    @TempDir
    Path dir;

    /** Faults armed by the test: the next {@code n} commits or reads fail. */
    static final class Armed implements SqliteFaults {
        final AtomicInteger failCommits = new AtomicInteger();
        final AtomicInteger breakReads = new AtomicInteger();

        @Override
        public void beforeCommit(Connection writer) throws SQLException {
            if (failCommits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SQLException("injected: the commit's fsync failed (EIO)");
            }
        }

        @Override
        public void beforeRead(Connection reader) throws SQLException {
            if (breakReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reader.close(); // the connection dies under the request: the query below fails for real
            }
        }
    }

    private static NoteContent content(String body) {
        return new NoteContent("t", body, List.of());
    }

    @Test
    void aFailedCommitFailsItsWholeBatchLeavesNoTraceAndTheNextWritesCommit() throws Exception {
        Armed faults = new Armed();
        try (SqliteNoteStore store = SqliteNoteStore.open(dir, faults)) {
            Note kept = store.create(content("kept"), "u");
            faults.failCommits.set(1);
            int n = 16;
            ExecutorService pool = Executors.newFixedThreadPool(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Note>> writes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                writes.add(pool.submit(() -> {
                    go.await();
                    return store.write(tx -> tx.put("w" + k, content("v" + k), "u"));
                }));
            }
            go.countDown();
            int failed = 0;
            for (int i = 0; i < n; i++) {
                try {
                    Note acked = writes.get(i).get(60, TimeUnit.SECONDS);
                    assertEquals(acked, store.find("w" + i).live().orElseThrow(), "acknowledged write lost");
                } catch (java.util.concurrent.ExecutionException e) {
                    assertInstanceOf(StoreException.class, e.getCause());
                    assertInstanceOf(NoteState.Absent.class, store.find("w" + i), "an unacknowledged write is visible");
                    failed++;
                }
            }
            pool.shutdown();
            assertTrue(failed >= 1, "the injected failure hit no write");
            assertEquals(1, store.writeStats().failedBatches());
            assertWriteLockIsFree(dir);
            Note after = store.create(content("after"), "u");
            assertEquals(after, store.find(after.id()).live().orElseThrow());
            assertEquals(kept, store.find(kept.id()).live().orElseThrow());
        }
        assertEquals("ok", SqliteNoteStore.integrityCheck(dir));
    }

    @Test
    void aFailedCommitIsAnswered503OverHttpAndTheSameRequestSucceedsWhenSentAgain() throws Exception {
        Armed faults = new Armed();
        SqliteNoteStore store = SqliteNoteStore.open(dir, faults);
        try (ConcordServer server = ConcordServer.create(ServerConfig.loopback(dir), store).start()) {
            faults.failCommits.set(1);
            HttpResponse<String> first = put(server.baseUri(), "n1");
            assertEquals(503, first.statusCode(), first.body());
            assertTrue(first.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(first.headers().firstValue("Retry-After").isPresent(), "503 without Retry-After");
            assertEquals(404, get(server.baseUri(), "/notes/n1").statusCode(), "the failed write is visible");
            assertEquals(201, put(server.baseUri(), "n1").statusCode());
        }
    }

    @Test
    void aReadConnectionThatDiesMidRequestFailsThatReadOnlyAndIsReplaced() throws Exception {
        Armed faults = new Armed();
        SqliteNoteStore store = SqliteNoteStore.open(dir, faults);
        try (ConcordServer server = ConcordServer.create(ServerConfig.loopback(dir), store).start()) {
            assertEquals(201, put(server.baseUri(), "n1").statusCode());
            faults.breakReads.set(1);
            HttpResponse<String> broken = get(server.baseUri(), "/notes/n1");
            assertEquals(503, broken.statusCode(), broken.body());
            // every reader of the pool is used in turn: none of them stays broken
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> r = get(server.baseUri(), "/notes/n1");
                assertEquals(200, r.statusCode(), "read " + i + " after the failure: " + r.body());
            }
            assertEquals(200, get(server.baseUri(), "/notes").statusCode());
            assertEquals(201, put(server.baseUri(), "n2").statusCode());
        }
    }

    @Test
    void aStoreThatCannotReadSaysSoInsteadOfAnsweringWithStaleData() {
        Armed faults = new Armed();
        try (SqliteNoteStore store = SqliteNoteStore.open(dir, faults)) {
            store.create(content("x"), "u");
            faults.breakReads.set(1);
            assertThrows(StoreException.class, store::list);
            assertEquals(1, store.list().notes().size());
        }
    }

    static void assertWriteLockIsFree(Path dataDir) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteNoteStore.FILE_NAME));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=2000");
            s.execute("BEGIN IMMEDIATE");
            s.execute("ROLLBACK");
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpResponse<String> put(URI base, String id) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/notes/" + id))
                .header("Content-Type", "application/json").header("X-Concord-User", "alice")
                .header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"t\",\"body\":\"b\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
