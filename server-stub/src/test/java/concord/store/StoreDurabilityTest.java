package concord.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings and the batching that "acknowledged means on disk" rests on. kill -9 keeps the OS page cache, so
 * the crash tests cannot tell synchronous=FULL from OFF; these tests look at the settings themselves.
 */
class StoreDurabilityTest {

    @TempDir
    Path dir;

    private static NoteContent content(String body) {
        return new NoteContent("t", body, List.of());
    }

    @Test
    void theWriterCommitsInWalModeWithSynchronousFull() {
        try (SqliteNoteStore store = SqliteNoteStore.open(dir)) {
            List<String> settings = store.write(tx -> {
                try (Statement s = ((SqliteWriter.Tx) tx).connection().createStatement()) {
                    return List.of(single(s, "PRAGMA journal_mode"), single(s, "PRAGMA synchronous"));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(List.of("wal", "2"), settings, "journal_mode and synchronous (2 = FULL) of the writing connection");
        }
    }

    @Test
    void aConnectionThatWouldAcknowledgeBeforeTheDiskIsRefused() throws SQLException {
        for (String synchronous : List.of("OFF", "NORMAL")) {
            try (Connection c = connection("wal-" + synchronous, "WAL", synchronous)) {
                SQLException e = assertThrows(SQLException.class, () -> SqliteWriteConnection.requireDurableSettings(c), synchronous);
                assertTrue(e.getMessage().contains("refusing to start") && e.getMessage().contains("synchronous="
                        + (synchronous.equals("OFF") ? 0 : 1)), e.getMessage());
            }
        }
        try (Connection c = connection("rollback-journal", "DELETE", "FULL")) {
            SQLException e = assertThrows(SQLException.class, () -> SqliteWriteConnection.requireDurableSettings(c));
            assertTrue(e.getMessage().contains("journal_mode=delete"), e.getMessage());
        }
        for (String synchronous : List.of("FULL", "EXTRA")) {
            try (Connection c = connection("wal-ok-" + synchronous, "WAL", synchronous)) {
                assertDoesNotThrow(() -> SqliteWriteConnection.requireDurableSettings(c), synchronous);
            }
        }
    }

    @Test
    void unitsWaitingWhileACommitRunsAreCommittedTogetherInOneTransaction() throws Exception {
        int waiting = 24;
        try (SqliteNoteStore store = SqliteNoteStore.open(dir)) {
            SqliteNoteStore.WriteStats before = store.writeStats();
            List<Future<Note>> writes = new ArrayList<>();
            try (HeldWriter held = new HeldWriter(store)) {
                for (int i = 0; i < waiting; i++) {
                    String body = "unit " + i;
                    writes.add(held.submit(() -> store.create(content(body), "u")));
                }
                held.releaseWhenQueued(waiting);
                for (int i = 0; i < waiting; i++) {
                    Note n = writes.get(i).get(60, TimeUnit.SECONDS);
                    assertEquals(new NoteState.Live(n), store.find(n.id()));
                }
            }
            SqliteNoteStore.WriteStats after = store.writeStats();
            assertEquals(waiting + 1, after.units() - before.units(), "the holding unit and the waiting ones");
            assertEquals(2, after.commits() - before.commits(),
                    "one commit for the holding unit, then one (one fsync) for all " + waiting + " waiting units");
        }
    }

    @Test
    void unitsThatFailOrRollBackInsideAGroupCommitLeaveTheirBatchNeighboursCommitted() throws Exception {
        try (SqliteNoteStore store = SqliteNoteStore.open(dir)) {
            SqliteNoteStore.WriteStats before = store.writeStats();
            Future<Note> first;
            Future<Object> failing;
            Future<String> rolledBack;
            Future<Note> last;
            try (HeldWriter held = new HeldWriter(store)) {
                first = held.submit(() -> store.write(tx -> tx.put("first", content("1"), "u")));
                held.awaitQueued(1);
                failing = held.submit(() -> store.write(tx -> {
                    tx.put("failing", content("2"), "u");
                    throw new IllegalStateException("fails after writing");
                }));
                held.awaitQueued(2);
                rolledBack = held.submit(() -> store.write(tx -> {
                    tx.put("rolled-back", content("3"), "u");
                    tx.rollbackOnly();
                    return "cancelled";
                }));
                held.awaitQueued(3);
                last = held.submit(() -> store.write(tx -> tx.put("last", content("4"), "u")));
                held.releaseWhenQueued(4);
                Note f = first.get(60, TimeUnit.SECONDS);
                java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> failing.get(60, TimeUnit.SECONDS));
                assertInstanceOf(IllegalStateException.class, e.getCause());
                assertEquals("cancelled", rolledBack.get(60, TimeUnit.SECONDS));
                Note l = last.get(60, TimeUnit.SECONDS);
                assertEquals(new NoteState.Live(f), store.find("first"));
                assertEquals(new NoteState.Live(l), store.find("last"));
                assertInstanceOf(NoteState.Absent.class, store.find("failing"));
                assertInstanceOf(NoteState.Absent.class, store.find("rolled-back"));
            }
            SqliteNoteStore.WriteStats after = store.writeStats();
            assertEquals(2, after.commits() - before.commits(), "the holding unit's commit, then one for the four");
            assertEquals(5, after.units() - before.units());
        }
    }

    private Connection connection(String name, String journal, String synchronous) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(name + ".db"));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=" + journal);
            s.execute("PRAGMA synchronous=" + synchronous);
        }
        return c;
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
