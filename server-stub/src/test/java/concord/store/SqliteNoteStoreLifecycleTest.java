package concord.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.DeletedNote;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteSummary;
import concord.model.SearchQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's edges: after close, interrupts, a unit's transaction used too late, ids, ETags, the listing tag. */
class SqliteNoteStoreLifecycleTest {

    private static final Duration HANG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static NoteContent content(String body) {
        return new NoteContent("t", body, List.of());
    }

    @Test
    void afterCloseReadsAndWritesFailWithAClearErrorInsteadOfHangingAndASecondCloseIsHarmless() {
        SqliteNoteStore store = SqliteNoteStore.open(dir);
        Note n = store.create(content("x"), "u");
        store.close();
        store.close();

        assertTimeoutPreemptively(HANG, () -> {
            StoreException read = assertThrows(StoreException.class, () -> store.find(n.id()));
            assertTrue(read.getMessage().contains("closed"), read.getMessage());
            StoreException write = assertThrows(StoreException.class, () -> store.create(content("y"), "u"));
            assertTrue(write.getMessage().contains("closed"), write.getMessage());
        });
        try (SqliteNoteStore again = SqliteNoteStore.open(dir)) {
            assertEquals(new NoteState.Live(n), again.find(n.id()));
            assertEquals(List.of(n.summary()), again.list().notes(), "nothing was written after the close");
        }
    }

    @Test
    void closeFinishesEveryQueuedWriteBeforeItClosesTheFile() throws Exception {
        SqliteNoteStore store = SqliteNoteStore.open(dir);
        List<Future<Note>> writes = new ArrayList<>();
        CompletableFuture<Void> closed;
        try (HeldWriter held = new HeldWriter(store)) {
            for (int i = 0; i < 5; i++) {
                String body = "queued " + i;
                writes.add(held.submit(() -> store.create(content(body), "u")));
            }
            held.awaitQueued(5);
            closed = CompletableFuture.runAsync(store::close);
            held.awaitQueued(6); // the close's end-of-queue mark waits behind the five writes
            held.release();
            closed.get(60, TimeUnit.SECONDS);
            List<Note> written = new ArrayList<>();
            for (Future<Note> f : writes) {
                written.add(f.get(60, TimeUnit.SECONDS));
            }
            try (SqliteNoteStore again = SqliteNoteStore.open(dir)) {
                for (Note n : written) {
                    assertEquals(new NoteState.Live(n), again.find(n.id()));
                }
            }
        }
    }

    @Test
    void anInterruptedCallerGetsAStoreExceptionAndKeepsItsInterruptFlag() {
        try (SqliteNoteStore store = SqliteNoteStore.open(dir)) {
            Thread.currentThread().interrupt();
            try {
                StoreException e = assertThrows(StoreException.class, () -> store.find("x"));
                assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is not swallowed");
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void closeCalledWithTheInterruptFlagSetStillClosesAndKeepsTheFlag() {
        SqliteNoteStore store = SqliteNoteStore.open(dir);
        Note n = store.create(content("x"), "u");
        Thread.currentThread().interrupt();
        try {
            store.close(); // on this thread: the flag is this thread's
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is not swallowed");
        }
        try (SqliteNoteStore again = SqliteNoteStore.open(dir)) {
            assertEquals(new NoteState.Live(n), again.find(n.id()));
        }
    }

    @Test
    void aUnitsTransactionRefusesEveryCallOnceTheUnitHasReturned() {
        try (SqliteNoteStore store = SqliteNoteStore.open(dir)) {
            AtomicReference<WriteTransaction> leaked = new AtomicReference<>();
            Note n = store.write(tx -> {
                leaked.set(tx);
                return tx.put("kept", content("x"), "u");
            });
            WriteTransaction tx = leaked.get();
            List<Runnable> calls = List.of(() -> tx.current("kept"), () -> tx.put("kept", content("y"), "u"),
                    () -> tx.delete("kept", "u"), tx::newId, tx::rollbackOnly,
                    () -> ((SqliteWriter.Tx) tx).connection());
            for (Runnable call : calls) {
                IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
                assertTrue(e.getMessage().contains("ended"), e.getMessage());
            }
            assertEquals(new NoteState.Live(n), store.find("kept"));
        }
    }

    @Test
    void aStaleIfMatchIsAnsweredFromAReadWithoutQueueingForTheWriter() {
        try (SqliteNoteStore store = SqliteNoteStore.open(dir)) {
            Note v1 = store.create(content("1"), "u");
            Note v2 = ((WriteOutcome.Written) store.put(v1.id(), new Precondition.IfMatch(List.of(v1.etag())),
                    content("2"), "u")).note();
            SqliteNoteStore.WriteStats before = store.writeStats();

            WriteOutcome stale = store.put(v1.id(), new Precondition.IfMatch(List.of(v1.etag())), content("3"), "u");
            WriteOutcome staleDelete = store.delete(v1.id(), new Precondition.IfMatch(List.of(v1.etag())), "u");

            assertEquals(new WriteOutcome.PreconditionFailed(Optional.of(v2)), stale);
            assertEquals(new WriteOutcome.PreconditionFailed(Optional.of(v2)), staleDelete);
            assertEquals(before, store.writeStats(), "no unit of work, no commit: the writer never saw them");
        }
    }

    @Test
    void twoDatabasesNeverIssueTheSameEtagForTheSameFirstWrite() {
        Note a;
        Note b;
        try (SqliteNoteStore one = SqliteNoteStore.open(dir.resolve("one"))) {
            a = one.write(tx -> tx.put("same", content("same"), "u"));
        }
        try (SqliteNoteStore two = SqliteNoteStore.open(dir.resolve("two"))) {
            b = two.write(tx -> tx.put("same", content("same"), "u"));
        }
        assertEquals(a.version(), b.version());
        assertNotEquals(a.etag(), b.etag(), "a database re-created from scratch must not re-issue old ETags");
    }

    @Test
    void newIdsAreTwelveLowerCaseLettersOrDigitsAndNeverRepeat() {
        try (SqliteNoteStore store = SqliteNoteStore.open(dir)) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                String id = store.create(content("n" + i), "u").id();
                assertTrue(id.matches("[a-z0-9]{12}"), id);
                assertTrue(ids.add(id), id);
            }
        }
    }

    @Test
    void aTagContainingTheStoresSeparatorAnywhereIsRefusedAndNothingIsWritten() {
        try (SqliteNoteStore store = SqliteNoteStore.open(dir)) {
            for (String tag : List.of("\u001Fat-start", "in\u001Fside", "at-end\u001F")) {
                assertThrows(IllegalArgumentException.class,
                        () -> store.write(tx -> tx.put("t", new NoteContent("t", "b", List.of(tag)), "u")), tag);
            }
            assertThrows(IllegalArgumentException.class, () -> store.write(tx -> tx.put("t", content("b"), "")));
            assertInstanceOf(NoteState.Absent.class, store.find("t"));
        }
    }

    @Test
    void everyWriteIncludingADeleteChangesTheListingTag() {
        try (SqliteNoteStore store = SqliteNoteStore.open(dir)) {
            Set<String> tags = new HashSet<>();
            Note a = store.create(content("a"), "u");
            assertTrue(tags.add(store.list().tag()));
            Note b = store.create(content("b"), "u");
            assertTrue(tags.add(store.list().tag()));
            store.delete(a.id(), new Precondition.IfMatch(List.of(a.etag())), "u");
            assertTrue(tags.add(store.list().tag()), "a delete must change the listing's tag");
            assertEquals(List.of(b.id()), store.list().notes().stream().map(NoteSummary::id).toList());
            Note again = store.write(tx -> tx.put(a.id(), content("a again"), "u"));
            assertTrue(tags.add(store.list().tag()));
            assertEquals(List.of(again.id(), b.id()), store.list().notes().stream().map(NoteSummary::id).toList(),
                    "newest change first");
            assertTrue(!again.etag().equals(a.etag()) && again.version() == 2);
        }
    }

    @Test
    void theIntegrityCheckOfASoundDatabaseSaysOk() {
        try (SqliteNoteStore store = SqliteNoteStore.open(dir)) {
            store.create(content("x"), "u");
        }
        assertEquals("ok", SqliteNoteStore.integrityCheck(dir));
    }

    /**
     * The single-note operations NoteStore gives every engine by default (the SQLite engine overrides put and
     * delete with a faster path): the same outcomes, through a store that only delegates the basics.
     */
    @Test
    void theDefaultPutAndDeleteOfTheStoreInterfaceGiveTheEnginesOutcomes() {
        try (SqliteNoteStore sqlite = SqliteNoteStore.open(dir)) {
            NoteStore plain = new NoteStore() {
                @Override
                public Listing list(long before, int limit) {
                    return sqlite.list(before, limit);
                }

                @Override
                public NoteState find(String id) {
                    return sqlite.find(id);
                }

                @Override
                public Found findWithLock(String id) {
                    return sqlite.findWithLock(id);
                }

                @Override
                public boolean anyLeaseDue() {
                    return sqlite.anyLeaseDue();
                }

                @Override
                public PresenceBoard presence() {
                    return sqlite.presence();
                }

                @Override
                public Optional<Page<NoteSummary>> versions(String id, long after, int limit) {
                    return sqlite.versions(id, after, limit);
                }

                @Override
                public Optional<Page<NoteSummary>> versionsNewestFirst(String id, long before, int limit) {
                    return sqlite.versionsNewestFirst(id, before, limit);
                }

                @Override
                public Page<SearchMatch> search(SearchQuery query, long before, int limit) {
                    return sqlite.search(query, before, limit);
                }

                @Override
                public Page<DeletedNote> deleted(long before, int limit) {
                    return sqlite.deleted(before, limit);
                }

                @Override
                public Optional<Note> version(String id, long version) {
                    return sqlite.version(id, version);
                }

                @Override
                public <T> T write(UnitOfWork<T> work) {
                    return sqlite.write(work);
                }

                @Override
                public ChangeLog changes() {
                    return sqlite.changes();
                }

                @Override
                public void ping() {
                    sqlite.ping();
                }

                @Override
                public void close() {
                }
            };
            WriteOutcome.Written created = assertInstanceOf(WriteOutcome.Written.class,
                    plain.put("n", new Precondition.IfNoneMatchAny(), content("1"), "u"));
            assertTrue(created.created());
            assertEquals(new WriteOutcome.PreconditionFailed(Optional.of(created.note())),
                    plain.put("n", new Precondition.IfNoneMatchAny(), content("again"), "u"));
            WriteOutcome.Written replaced = assertInstanceOf(WriteOutcome.Written.class,
                    plain.put("n", new Precondition.IfMatch(List.of(created.note().etag())), content("2"), "u"));
            assertTrue(!replaced.created() && replaced.note().version() == 2 && replaced.note().body().equals("2"));
            assertEquals(new WriteOutcome.PreconditionFailed(Optional.of(replaced.note())),
                    plain.delete("n", new Precondition.IfMatch(List.of(created.note().etag())), "u"));
            assertEquals(new WriteOutcome.Deleted("n"),
                    plain.delete("n", new Precondition.IfMatch(List.of(replaced.note().etag())), "u"));
            assertEquals(new WriteOutcome.PreconditionFailed(Optional.empty()),
                    plain.delete("n", new Precondition.IfMatchAny(), "u"));
            assertEquals(new WriteOutcome.PreconditionFailed(Optional.empty()),
                    plain.put("n", new Precondition.IfMatchAny(), content("3"), "u"));
            NoteState.Deleted gone = assertInstanceOf(NoteState.Deleted.class, plain.find("n"));
            assertEquals(2, gone.lastVersion());
            assertEquals("u", gone.deletedBy(), "the tombstone names who deleted the note");
            assertTrue(gone.deletedAt() != null, "and when");
        }
    }
}
