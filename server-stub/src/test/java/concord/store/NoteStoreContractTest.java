package concord.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.OnBothEngines;
import concord.model.Note;
import concord.model.NoteChange;
import concord.model.NoteContent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

/** What every store engine promises, below HTTP: units of work, ETags, the change log. */
@OnBothEngines
class NoteStoreContractTest {

    @RegisterExtension
    static final Databases databases = new Databases();

    @Parameter
    Engine engine;
    private NoteStore store;

    @BeforeEach
    void open() {
        store = databases.fresh(engine).open();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static NoteContent content(String body) {
        return new NoteContent("t", body, List.of());
    }

    @Test
    void aUnitMarkedRollbackOnlyLeavesNoTraceOnAnyNote() {
        Note a = store.create(content("a"), "u");
        String result = store.write(tx -> {
            tx.put(a.id(), content("a2"), "u");
            tx.put("b", content("b"), "u");
            tx.rollbackOnly();
            return "cancelled";
        });
        assertEquals("cancelled", result);
        assertEquals(a, store.find(a.id()).live().orElseThrow());
        assertInstanceOf(NoteState.Absent.class, store.find("b"));
    }

    @Test
    void aUnitSeesItsOwnWritesAndCommitsThemTogether() {
        List<Note> written = store.write(tx -> {
            Note x = tx.put("x", content("1"), "u");
            Note y = tx.put("y", content("2"), "u");
            assertEquals(x, tx.current("x").live().orElseThrow());
            return List.of(x, y);
        });
        assertEquals(written.get(0), store.find("x").live().orElseThrow());
        assertEquals(written.get(1), store.find("y").live().orElseThrow());
    }

    @Test
    void aUnitThatThrowsLeavesNoTrace() {
        Note a = store.create(content("a"), "u");
        try {
            store.write(tx -> {
                tx.put(a.id(), content("changed"), "u");
                throw new IllegalStateException("fails after writing");
            });
        } catch (IllegalStateException expected) {
            // the point
        }
        assertEquals(a, store.find(a.id()).live().orElseThrow());
        assertEquals(1, store.versions(a.id()).orElseThrow().size());
    }

    @Test
    void aStaleIfMatchIsRefusedAndTheCurrentNoteReturned() {
        Note v1 = store.create(content("1"), "u");
        Note v2 = ((WriteOutcome.Written) store.put(v1.id(), new Precondition.IfMatch(List.of(v1.etag())),
                content("2"), "u")).note();
        WriteOutcome stale = store.put(v1.id(), new Precondition.IfMatch(List.of(v1.etag())), content("3"), "u");
        assertEquals(new WriteOutcome.PreconditionFailed(Optional.of(v2)), stale);
        assertEquals(v2, store.find(v1.id()).live().orElseThrow());
    }

    @Test
    void noETagIsIssuedTwiceForAnIdAcrossDeleteAndRecreate() {
        Set<String> seen = new HashSet<>();
        for (int round = 0; round < 5; round++) {
            Note n = ((WriteOutcome.Written) store.put("again", new Precondition.IfNoneMatchAny(), content("r" + round),
                    "u")).note();
            assertTrue(seen.add(n.etag().opaque()), "reused " + n.etag());
            Note n2 = ((WriteOutcome.Written) store.put("again", new Precondition.IfMatch(List.of(n.etag())),
                    content("r" + round + "b"), "u")).note();
            assertTrue(seen.add(n2.etag().opaque()), "reused " + n2.etag());
            assertInstanceOf(WriteOutcome.Deleted.class, store.delete("again", new Precondition.IfMatch(List.of(n2.etag())), "u"));
        }
    }

    @Test
    void aDeletedNoteSaysWhoDeletedItAndWhenAlsoWhenDeletedInAUnit() {
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Note a = store.create(content("a"), "alice");
        store.delete(a.id(), new Precondition.IfMatch(List.of(a.etag())), "bob");
        Note b = store.create(content("b"), "alice");
        NoteState inUnit = store.write(tx -> {
            tx.delete(b.id(), "carol");
            return tx.current(b.id());
        });
        Instant after = Instant.now();
        for (NoteState state : List.of(store.find(a.id()), store.find(b.id()), inUnit)) {
            NoteState.Deleted d = assertInstanceOf(NoteState.Deleted.class, state);
            assertEquals(1, d.lastVersion());
            assertTrue(d.deletedAt() != null && !d.deletedAt().isBefore(before) && !d.deletedAt().isAfter(after),
                    d + " was deleted between " + before + " and " + after);
        }
        assertEquals("bob", ((NoteState.Deleted) store.find(a.id())).deletedBy());
        assertEquals("carol", ((NoteState.Deleted) store.find(b.id())).deletedBy());
        assertEquals(store.find(b.id()), inUnit, "the unit saw the tombstone it wrote");
    }

    @Test
    void aNoteCreatedAgainAfterItsDeletionNamesOnlyItsLatestDeleter() {
        store.put("again", new Precondition.IfNoneMatchAny(), content("1"), "alice");
        Note first = store.find("again").live().orElseThrow();
        store.delete("again", new Precondition.IfMatch(List.of(first.etag())), "bob");
        Note second = ((WriteOutcome.Written) store.put("again", new Precondition.IfNoneMatchAny(), content("2"),
                "alice")).note();
        assertEquals(second, store.find("again").live().orElseThrow());
        store.delete("again", new Precondition.IfMatch(List.of(second.etag())), "carol");
        assertEquals("carol", ((NoteState.Deleted) store.find("again")).deletedBy());
    }

    @Test
    void everyCommittedWriteAppearsInTheChangeLogInOrderWithItsETag() {
        long start = store.changes().head();
        Note a = store.create(content("a"), "alice");
        Note a2 = ((WriteOutcome.Written) store.put(a.id(), new Precondition.IfMatch(List.of(a.etag())), content("a2"),
                "bob")).note();
        store.delete(a.id(), new Precondition.IfMatch(List.of(a2.etag())), "carol");
        store.write(tx -> {
            tx.put("p", content("p"), "dave");
            tx.put("q", content("q"), "dave");
            return null;
        });
        store.write(tx -> {
            tx.put("never", content("x"), "eve");
            tx.rollbackOnly();
            return null;
        });
        List<NoteChange> changes = store.changes().after(start, 100).orElseThrow();
        assertEquals(5, changes.size(), changes::toString);
        assertEquals(a.etag(), changes.get(0).etag());
        assertEquals("alice", changes.get(0).updatedBy());
        assertEquals(a2.etag(), changes.get(1).etag());
        assertEquals(2, changes.get(1).version());
        NoteChange deletion = changes.get(2);
        assertTrue(deletion.deleted());
        assertEquals(2, deletion.version());
        assertEquals("carol", deletion.updatedBy());
        assertEquals(List.of("p", "q"), List.of(changes.get(3).id(), changes.get(4).id()));
        for (int i = 1; i < changes.size(); i++) {
            assertTrue(changes.get(i).position() > changes.get(i - 1).position(), changes::toString);
        }
        assertTrue(store.changes().head() >= changes.get(4).position());
        assertEquals(List.of(), store.changes().after(changes.get(4).position(), 100).orElseThrow());
        assertEquals(changes.subList(2, 5), store.changes().after(changes.get(1).position(), 100).orElseThrow());
        assertEquals(changes.subList(0, 2), store.changes().after(start, 2).orElseThrow());
    }

    @Test
    void aPositionOlderThanWhatIsKeptOrNeverGivenOutCannotBeResumed() {
        long start = store.changes().head();
        store.create(content("old"), "u");
        store.changes().forgetBefore(Instant.now().plus(Duration.ofMinutes(1)));
        assertEquals(Optional.empty(), store.changes().after(start, 10), "forgotten changes cannot be replayed");
        Note kept = store.create(content("new"), "u");
        long head = store.changes().head();
        assertEquals(Optional.empty(), store.changes().after(head + (1L << 40), 10), "a position from elsewhere");
        List<NoteChange> after = store.changes().after(head - 1, 10).orElseThrow();
        assertTrue(after.isEmpty() || after.get(after.size() - 1).id().equals(kept.id()), after::toString);
    }

    @Test
    void listenersAreToldOfACommitAndNotAfterClosing() throws Exception {
        CountDownLatch told = new CountDownLatch(1);
        List<Long> heads = new ArrayList<>();
        ChangeLog.Subscription s = store.changes().onChange(() -> {
            synchronized (heads) {
                heads.add(store.changes().head());
            }
            told.countDown();
        });
        Note n = store.create(content("x"), "u");
        assertTrue(told.await(10, TimeUnit.SECONDS), "no listener call after a commit");
        s.close();
        List<NoteChange> all = store.changes().after(0, 1000).orElseGet(List::of);
        assertTrue(all.isEmpty() || all.stream().anyMatch(c -> c.id().equals(n.id())));
    }
}
