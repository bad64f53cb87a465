package concord.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.Note;
import concord.model.NoteContent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite engine's own parts: atomicity inside a group commit, its single writer, its schema (the rest: NoteStoreContractTest). */
class SqliteNoteStoreTest {

    @TempDir
    Path dir;

    private static NoteContent content(String body) {
        return new NoteContent("t", body, List.of());
    }

    @Test
    void ofManyConcurrentUnitsTheHalfThatFailsLeavesNoTraceAndTheOtherHalfCommits() throws Exception {
        try (SqliteNoteStore store = SqliteNoteStore.open(dir)) {
            int n = 64;
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        store.write(tx -> {
                            tx.put("n" + k, content("v" + k), "u");
                            if (k % 2 == 1) {
                                throw new IllegalStateException("unit " + k + " fails after writing");
                            }
                            return null;
                        });
                        return true;
                    } catch (IllegalStateException expected) {
                        return false;
                    }
                }));
            }
            go.countDown();
            for (int i = 0; i < n; i++) {
                boolean ok = results.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(i % 2 == 0, ok);
                NoteState state = store.find("n" + i);
                assertEquals(i % 2 == 0, state instanceof NoteState.Live, "n" + i);
            }
            pool.shutdown();
            // every unit was counted once, failed or not (the batching itself: StoreDurabilityTest)
            assertEquals(n, store.writeStats().units());
        }
    }

    @Test
    void writingFromInsideAUnitIsRefusedInsteadOfDeadlocking() {
        try (SqliteNoteStore store = SqliteNoteStore.open(dir)) {
            assertThrows(IllegalStateException.class, () -> store.write(tx -> store.create(content("x"), "u")));
        }
    }

    @Test
    void theSchemaVersionIsRecordedAndANewerDatabaseIsRefused() throws Exception {
        SqliteNoteStore.open(dir).close();
        String url = "jdbc:sqlite:" + dir.resolve(SqliteNoteStore.FILE_NAME);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
                assertTrue(rs.next());
                assertEquals(SqliteNoteStore.SCHEMA_VERSION, rs.getInt(1));
            }
            s.execute("UPDATE schema_version SET version = 99");
        }
        StoreException e = assertThrows(StoreException.class, () -> SqliteNoteStore.open(dir));
        assertTrue(e.getMessage().contains("99"), e.getMessage());
    }
}
