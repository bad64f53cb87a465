package concord.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.TestDatabase;
import concord.model.Note;
import concord.model.NoteContent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What only the PostgreSQL engine has to prove: a race the database resolves by aborting a transaction is run again
 * inside the store, never reported to the caller (with one writer, SQLite cannot have such a race); a precondition
 * is checked against the state read under the note's lock, so two writers holding one ETag cannot both win.
 */
class PostgresNoteStoreTest {

    @RegisterExtension
    static final Databases databases = new Databases();

    private static NoteContent content(String body) {
        return new NoteContent("t", body, List.of());
    }

    @Test
    void twoUnitsThatLockTwoNotesInOppositeOrderDeadlockAndTheLoserIsRunAgainNotFailed() throws Exception {
        try (NoteStore store = databases.fresh(Engine.POSTGRESQL).open()) {
            store.write(tx -> {
                tx.put("a", content("a0"), "setup");
                tx.put("b", content("b0"), "setup");
                return null;
            });
            // each unit takes its first note, waits until the other has taken its own, then asks for the other's:
            // a cycle only the database can break (a unit that names both notes with lock() never gets here)
            CyclicBarrier bothHoldOne = new CyclicBarrier(2);
            AtomicInteger runs = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<String>> results = List.of(
                    pool.submit(() -> crossing(store, "a", "b", bothHoldOne, runs)),
                    pool.submit(() -> crossing(store, "b", "a", bothHoldOne, runs)));
            for (Future<String> f : results) {
                assertEquals("done", f.get(2, TimeUnit.MINUTES));
            }
            pool.shutdown();
            assertEquals(3, runs.get(), "one unit was aborted by the deadlock detector and run once more");
            // both units appended to both notes: nothing lost, nothing applied twice
            assertEquals(3, store.find("a").lastVersion());
            assertEquals(3, store.find("b").lastVersion());
        }
    }

    private static String crossing(NoteStore store, String first, String second, CyclicBarrier barrier,
                                   AtomicInteger runs) {
        return store.write(tx -> {
            boolean firstRun = runs.incrementAndGet() <= 2;
            NoteState mine = tx.current(first);
            if (firstRun) {
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            NoteState theirs = tx.current(second);
            tx.put(first, content(mine.live().orElseThrow().body() + "+"), "u");
            tx.put(second, content(theirs.live().orElseThrow().body() + "+"), "u");
            return "done";
        });
    }

    /**
     * The deterministic form of the lost-update race on this engine (SQLite's: InTransactionPreconditionTest). The
     * test holds the note's advisory lock on a connection of its own, so both writers, holding the same ETag, are
     * inside their transactions waiting for it at once; then it lets go. Exactly one may win: the other must read,
     * under the lock, the note the first one committed (a read from a snapshot taken before the wait would see the
     * old note, and both would write).
     */
    @Test
    void twoPutsHoldingTheSameEtagWhileBothWaitForTheNotesLockExactlyOneWins() throws Exception {
        TestDatabase db = databases.fresh(Engine.POSTGRESQL);
        try (NoteStore store = db.open(); Connection holder = db.connect(); Connection observer = db.connect()) {
            Note v1 = store.create(content("base"), "setup");
            Precondition ifMatchV1 = new Precondition.IfMatch(List.of(v1.etag()));
            int key = PostgresTransaction.lockKey(v1.id());
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                lock.setInt(1, PostgresTransaction.NOTE_LOCKS);
                lock.setInt(2, key);
                lock.execute();
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<WriteOutcome>> writes = new ArrayList<>();
            for (String user : List.of("alice", "bob")) {
                writes.add(pool.submit(() -> store.put(v1.id(), ifMatchV1, content(user + "'s"), user)));
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> waitingFor(observer, key) == 2);
            holder.commit(); // lets go of the lock: the writers run one after the other

            List<WriteOutcome> outcomes = new ArrayList<>();
            for (Future<WriteOutcome> f : writes) {
                outcomes.add(f.get(1, TimeUnit.MINUTES));
            }
            pool.shutdown();
            List<WriteOutcome.Written> won = outcomes.stream().filter(WriteOutcome.Written.class::isInstance)
                    .map(WriteOutcome.Written.class::cast).toList();
            assertEquals(1, won.size(), () -> "exactly one of two writers holding one ETag wins: " + outcomes);
            Note winner = won.get(0).note();
            assertEquals(2, winner.version());
            WriteOutcome lost = outcomes.get(outcomes.get(0) == won.get(0) ? 1 : 0);
            assertEquals(new WriteOutcome.PreconditionFailed(Optional.of(winner)), lost,
                    "the loser sees the winner's write as the current note");
            assertEquals(new NoteState.Live(winner), store.find(v1.id()));
            assertEquals(2, store.versions(v1.id()).orElseThrow().size(), "the loser's text was never written");
        }
    }

    /** How many transactions wait for the note lock {@code key} in this database. */
    private static int waitingFor(Connection c, int key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM pg_locks l JOIN pg_database d"
                + " ON d.oid = l.database WHERE d.datname = current_database() AND l.locktype = 'advisory'"
                + " AND NOT l.granted AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 2")) {
            p.setLong(1, PostgresTransaction.NOTE_LOCKS);
            p.setLong(2, Integer.toUnsignedLong(key));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void aTagOrIdThatPostgresqlCannotHoldIsRefusedBeforeAnythingIsWritten() {
        try (NoteStore store = databases.fresh(Engine.POSTGRESQL).open()) {
            boolean refused = store.write(tx -> {
                try {
                    tx.put("x", new NoteContent("t\u0000", "b", List.of()), "u");
                    return false;
                } catch (IllegalArgumentException expected) {
                    return true;
                }
            });
            assertTrue(refused);
            assertEquals(new NoteState.Absent("x"), store.find("x"));
            // a body may hold U+0000: bodies are kept as their UTF-8 bytes
            store.write(tx -> tx.put("y", new NoteContent("t", "a\u0000b", List.of()), "u"));
            assertEquals("a\u0000b", store.find("y").live().orElseThrow().body());
        }
    }

    @Test
    void aDatabaseOfMigrationV1IsMigratedToV2AndItsOlderTombstonesNameNobody() throws Exception {
        TestDatabase db = databases.fresh(Engine.POSTGRESQL);
        db.flyway().target("1").load().migrate();
        db.execute("INSERT INTO notes (id, version, seq, deleted) VALUES ('old', 3, nextval('concord_seq'), true)");
        try (NoteStore store = db.open()) {
            assertEquals(new NoteState.Deleted("old", 3), store.find("old"), "deleted before anyone kept who did it");
            store.put("old", new Precondition.IfNoneMatchAny(), content("again"), "alice");
            Note again = store.find("old").live().orElseThrow();
            store.delete("old", new Precondition.IfMatch(List.of(again.etag())), "bob");
            assertEquals("bob", ((NoteState.Deleted) store.find("old")).deletedBy());
        }
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success AND version = '2'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "opening the store applied V2 (and whatever later migrations there are)");
        }
    }
}
