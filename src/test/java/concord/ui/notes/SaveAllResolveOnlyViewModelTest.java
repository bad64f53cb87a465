package concord.ui.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.client.ApiResult;
import concord.client.Draft;
import concord.client.NotesApi;
import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteSummary;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionRequest;
import concord.ui.conflict.ConflictHandler;
import concord.ui.conflict.ConflictOutcome;
import concord.ui.conflict.ConflictRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Save all resolves its conflicts without writing: each conflicted note goes through the merge dialog in
 * resolve-only mode, the resolutions wait in memory and in the drafts, and only one new transaction writes
 * them all. Without a stage, against the in-memory server's rules.
 */
class SaveAllResolveOnlyViewModelTest {

    private static final Executor DIRECT = Runnable::run;

    private final InMemoryNotesApi server = new InMemoryNotesApi();
    private final InMemoryDraftStore drafts = new InMemoryDraftStore();
    /** Single-note writes (PUT, POST, DELETE) any window made: Save all must make none. */
    private final AtomicInteger singleWrites = new AtomicInteger();
    private final List<ConflictRequest> asked = new ArrayList<>();
    /** The fake merge dialog: by default "Use merged" with theirs' body followed by mine's. */
    private Function<ConflictRequest, ConflictOutcome> dialog = SaveAllResolveOnlyViewModelTest::useMerged;
    private final ConflictHandler handler = (request, done) -> {
        asked.add(request);
        done.accept(dialog.apply(request));
    };

    private static ConflictOutcome useMerged(ConflictRequest r) {
        assertTrue(r.writer().deferred(), "Save all asks the dialog to resolve only");
        return new ConflictOutcome.Merged(merge(r.theirs(), r.mine()), r.theirs());
    }

    private static NoteContent merge(Note theirs, NoteContent mine) {
        return new NoteContent(mine.title(), theirs.body() + mine.body(), mine.tags());
    }

    private NotesViewModel window(String user) {
        NotesViewModel vm = new NotesViewModel(new WindowServices(countingWrites(server.as(user)), drafts, DIRECT, DIRECT,
                DIRECT, handler, DraftScheduler.immediate(), Clock.systemUTC(), server.transactionsAs(user)));
        vm.start();
        return vm;
    }

    private Note seed(String id, String title, String body) {
        return server.put("Concord", id, new NoteContent(title, body, List.of()));
    }

    private Note bob(String id, String body) {
        Note now = server.current(id);
        return server.put("Bob", id, new NoteContent(now.title(), body, now.tags()));
    }

    /** Alice edits c, b, then a (a stays open in her editor). */
    private NotesViewModel aliceEditsAll(Note a, Note b, Note c) {
        NotesViewModel alice = window("Alice");
        for (Note n : List.of(c, b, a)) {
            alice.open(n.id());
            alice.editor().bodyProperty().set(n.body() + "alice\n");
        }
        assertEquals(3, drafts.all().size());
        return alice;
    }

    private Draft draft(String key) {
        return drafts.load(key).orElseThrow();
    }

    private TransactionRequest lastTransaction() {
        return server.transactions.get(server.transactions.size() - 1);
    }

    @Test
    void whenEveryConflictIsResolvedOneTransactionWritesAllNotesAndNothingIsWrittenBefore() {
        Note a = seed("a", "Groceries", "milk\n");
        Note b = seed("b", "Errands", "post office\n");
        Note c = seed("c", "Ideas", "fly\n");
        NotesViewModel alice = aliceEditsAll(a, b, c);
        Note bobsA = bob("a", "bread\n");
        Note bobsB = bob("b", "bank\n");
        NoteContent mergedA = new NoteContent("Groceries", "bread\nmilk\nalice\n", List.of());
        NoteContent mergedB = new NoteContent("Errands", "bank\npost office\nalice\n", List.of());
        List<String> checkedBetween = new ArrayList<>();
        dialog = request -> {
            if (request.base().id().equals("b")) {
                // The first note is resolved and its dialog closed: the server still has nothing of it.
                assertEquals(bobsA, server.current("a"), "a is not saved on its own");
                assertEquals(1, server.transactions.size(), "no transaction before every note is resolved");
                assertEquals(new Draft("a", bobsA, mergedA, draft("a").savedAt()), draft("a"),
                        "a's draft holds the merged text on the new base");
                assertEquals(mergedA.body(), alice.editor().bodyProperty().get(), "the open note shows the merge");
                assertEquals(bobsA, alice.editor().base());
                checkedBetween.add("b");
            }
            return useMerged(request);
        };

        alice.saveAll();

        assertEquals(List.of("b"), checkedBetween);
        assertEquals(List.of("a", "b"), asked.stream().map(r -> r.base().id()).toList(), "each conflicted note, in turn");
        assertEquals(0, singleWrites.get(), "no single-note write");
        assertEquals(2, server.transactions.size(), "the canceled one, then one retry");
        assertFalse(server.transactions.get(0).clientRequestToken().equals(lastTransaction().clientRequestToken()));
        assertEquals(List.of(
                TransactionItem.update("a", bobsA.etag(), mergedA),
                TransactionItem.update("b", bobsB.etag(), mergedB),
                TransactionItem.update("c", c.etag(), new NoteContent("Ideas", "fly\nalice\n", List.of()))),
                lastTransaction().items(), "every resolved note under If-Match of theirs, with the rest of the set");
        assertEquals(mergedA.body(), server.current("a").body());
        assertEquals(bobsA.version() + 1, server.current("a").version(), "exactly one write after Bob's");
        assertEquals(bobsB.version() + 1, server.current("b").version());
        assertEquals("fly\nalice\n", server.current("c").body());
        assertTrue(drafts.all().isEmpty(), "drafts removed after the commit");
        assertFalse(alice.editor().isDirty());
        assertEquals(server.current("a").etag(), alice.editor().base().etag());
        assertEquals("Saved 3 notes together.", alice.noticeProperty().get().message());
        assertFalse(alice.savingAllProperty().get());
    }

    @Test
    void cancellingTheSecondDialogWritesNothingAtAllAndKeepsTheFirstResolutionAsADraft() {
        Note a = seed("a", "Groceries", "milk\n");
        Note b = seed("b", "Errands", "post office\n");
        Note c = seed("c", "Ideas", "fly\n");
        NotesViewModel alice = aliceEditsAll(a, b, c);
        Note bobsA = bob("a", "bread\n");
        Note bobsB = bob("b", "bank\n");
        dialog = request -> request.base().id().equals("a") ? useMerged(request) : new ConflictOutcome.Cancelled();

        alice.saveAll();

        assertEquals(2, asked.size());
        assertEquals(1, server.transactions.size(), "only the first, canceled transaction; no retry");
        assertEquals(0, singleWrites.get(), "the resolved note was not saved by itself");
        assertEquals(bobsA, server.current("a"));
        assertEquals(bobsB, server.current("b"));
        assertEquals(c, server.current("c"), "the note without a conflict was not saved either");
        assertEquals(bobsA, draft("a").base(), "the resolution waits in the draft, on theirs");
        assertEquals("bread\nmilk\nalice\n", draft("a").mine().body());
        assertEquals(b, draft("b").base(), "the unresolved note's draft is untouched");
        assertEquals("post office\nalice\n", draft("b").mine().body());
        assertEquals("fly\nalice\n", draft("c").mine().body());
        String notice = alice.noticeProperty().get().message();
        assertTrue(notice.startsWith("Save all stopped: “Errands” still conflicts. Nothing was saved;"), notice);
        assertTrue(notice.contains("The note you resolved keeps its merged text as its draft"), notice);
        assertTrue(alice.noticeProperty().get().retry().isPresent());
        assertFalse(alice.savingAllProperty().get());
    }

    @Test
    void afterARestartAResolvedDraftSavesWithoutAnotherMerge() {
        Note a = seed("a", "Groceries", "milk\n");
        Note b = seed("b", "Errands", "post office\n");
        Note c = seed("c", "Ideas", "fly\n");
        aliceEditsAll(a, b, c);
        Note bobsA = bob("a", "bread\n");
        bob("b", "bank\n");
        dialog = request -> request.base().id().equals("a") ? useMerged(request) : new ConflictOutcome.Cancelled();
        window("Alice").saveAll();
        asked.clear();
        dialog = SaveAllResolveOnlyViewModelTest::useMerged;

        NotesViewModel restarted = window("Alice"); // the same drafts, as after a restart
        restarted.saveAll();

        assertEquals(List.of("b"), asked.stream().map(r -> r.base().id()).toList(), "a was resolved before");
        assertEquals(3, server.transactions.size());
        assertEquals(TransactionItem.update("a", bobsA.etag(), new NoteContent("Groceries", "bread\nmilk\nalice\n", List.of())),
                lastTransaction().items().get(0));
        assertEquals("bread\nmilk\nalice\n", server.current("a").body());
        assertEquals("bank\npost office\nalice\n", server.current("b").body());
        assertEquals(0, singleWrites.get());
        assertTrue(drafts.all().isEmpty());
    }

    @Test
    void aThirdWriterDuringTheRetryStartsAnotherRoundAgainstTheNewerVersion() {
        Note a = seed("a", "Groceries", "milk\n");
        Note c = seed("c", "Ideas", "fly\n");
        NotesViewModel alice = window("Alice");
        alice.open("c");
        alice.editor().bodyProperty().set("fly\nalice\n");
        alice.open("a");
        alice.editor().bodyProperty().set("milk\nalice\n");
        Note bobsA = bob("a", "bread\n");
        List<Note> carols = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        alice.noticeProperty().addListener((o, old, n) -> {
            if (n != null) {
                notices.add(n.message());
            }
        });
        dialog = request -> {
            if (asked.size() == 1) {
                // Carol saves a while Alice's retry is on its way.
                server.beforeNextTransaction(() -> {
                    Note now = server.current("a");
                    carols.add(server.put("Carol", "a", new NoteContent(now.title(), "rye\n" + now.body(), now.tags())));
                });
            }
            return useMerged(request);
        };

        alice.saveAll();

        assertEquals(3, server.transactions.size(), "canceled by Bob, canceled by Carol, committed");
        assertEquals(3, server.transactions.stream().map(TransactionRequest::clientRequestToken).distinct().count(),
                "each changed request has its own token");
        assertEquals(2, asked.size());
        NoteContent firstMerge = new NoteContent("Groceries", "bread\nmilk\nalice\n", List.of());
        ConflictRequest second = asked.get(1);
        assertEquals(bobsA, second.base(), "the second round merges from the version the first one merged against");
        assertEquals(firstMerge, second.mine(), "with the first merge as mine");
        assertEquals(carols.get(0), second.theirs());
        assertTrue(notices.stream().anyMatch(n -> n.startsWith("Nothing was saved.\n• Carol changed “Groceries” since you loaded it")),
                notices.toString());
        assertEquals(List.of(
                TransactionItem.update("a", carols.get(0).etag(), new NoteContent("Groceries", "rye\nbread\nbread\nmilk\nalice\n", List.of())),
                TransactionItem.update("c", c.etag(), new NoteContent("Ideas", "fly\nalice\n", List.of()))),
                lastTransaction().items());
        assertEquals(carols.get(0).version() + 1, server.current("a").version());
        assertEquals("fly\nalice\n", server.current("c").body());
        assertEquals(0, singleWrites.get());
        assertTrue(drafts.all().isEmpty());
        assertEquals("Saved 2 notes together.", alice.noticeProperty().get().message());
    }

    @Test
    void takingTheirsTakesTheNoteOutOfTheSetAndItsDraftGoesOnlyWithTheCommit() {
        Note a = seed("a", "Groceries", "milk\n");
        Note b = seed("b", "Errands", "post office\n");
        Note c = seed("c", "Ideas", "fly\n");
        NotesViewModel alice = aliceEditsAll(a, b, c);
        Note bobsA = bob("a", "bread\n");
        Note bobsB = bob("b", "bank\n");
        dialog = request -> {
            if (request.base().id().equals("a")) {
                return new ConflictOutcome.Resolved(request.theirs());
            }
            assertEquals(a, draft("a").base(), "a's draft stays as it was until the set is saved");
            return useMerged(request);
        };

        alice.saveAll();

        assertEquals(List.of("b", "c"), lastTransaction().items().stream().map(TransactionItem::id).toList());
        assertEquals(bobsA, server.current("a"), "theirs stays; nothing written for a");
        assertEquals(bobsB.version() + 1, server.current("b").version());
        assertTrue(drafts.all().isEmpty());
        assertEquals(bobsA, alice.editor().base(), "the open note shows their version");
        assertFalse(alice.editor().isDirty());
        assertEquals("Saved 2 notes together. 1 note kept their version.", alice.noticeProperty().get().message());
        assertEquals(0, singleWrites.get());
    }

    @Test
    void aNoteDeletedOnTheServerIsReCreatedInTheRetriedTransaction() {
        Note a = seed("a", "Groceries", "milk\n");
        Note c = seed("c", "Ideas", "fly\n");
        NotesViewModel alice = window("Alice");
        alice.open("a");
        alice.editor().bodyProperty().set("milk\nalice\n");
        alice.open("c");
        alice.editor().bodyProperty().set("fly\nalice\n");
        server.as("Bob").delete("a", a.etag());
        dialog = request -> {
            assertTrue(request.deletedOnServer());
            return new ConflictOutcome.Merged(request.mine(), null);
        };

        alice.saveAll();

        assertEquals(TransactionItem.create("a", new NoteContent("Groceries", "milk\nalice\n", List.of())),
                lastTransaction().items().get(0));
        assertEquals("milk\nalice\n", server.current("a").body());
        assertEquals(0, singleWrites.get());
        assertTrue(drafts.all().isEmpty());
    }

    @Test
    void aMergeThatEndsAsExactlyTheirVersionNeedsNoWrite() {
        Note a = seed("a", "Groceries", "milk\n");
        Note c = seed("c", "Ideas", "fly\n");
        NotesViewModel alice = window("Alice");
        alice.open("a");
        alice.editor().bodyProperty().set("milk\neggs\n");
        alice.open("c");
        alice.editor().bodyProperty().set("fly\nalice\n");
        Note bobsA = bob("a", "milk\neggs\n");
        dialog = request -> new ConflictOutcome.Merged(request.theirs().content(), request.theirs());

        alice.saveAll();

        assertEquals(List.of("c"), lastTransaction().items().stream().map(TransactionItem::id).toList());
        assertEquals(bobsA, server.current("a"));
        assertNull(drafts.load("a").orElse(null));
    }

    @Test
    void textTypedIntoTheOpenNoteWhileItsMergeWasDecidedStaysOnItsOldBaseAndIsNotOverwritten() {
        Note a = seed("a", "Groceries", "milk\n");
        Note c = seed("c", "Ideas", "fly\n");
        NotesViewModel alice = window("Alice");
        alice.open("c");
        alice.editor().bodyProperty().set("fly\nalice\n");
        alice.open("a");
        alice.editor().bodyProperty().set("milk\nalice\n");
        bob("a", "bread\n");
        dialog = request -> {
            alice.editor().bodyProperty().set("milk\nalice\nmore\n"); // typed before the dialog took the window
            return useMerged(request);
        };

        alice.saveAll();

        assertEquals("bread\nmilk\nalice\n", server.current("a").body(), "the decided merge is saved");
        assertEquals("milk\nalice\nmore\n", alice.editor().bodyProperty().get(), "the typed text is kept");
        assertEquals(a, alice.editor().base(), "on the base it grew from, so its next save merges instead of overwriting");
        assertEquals(new Draft("a", a, new NoteContent("Groceries", "milk\nalice\nmore\n", List.of()), draft("a").savedAt()), draft("a"));
    }

    /** Counts the single-note writes a window makes; everything else passes through. */
    private NotesApi countingWrites(NotesApi api) {
        return new NotesApi() {
            @Override
            public ApiResult<List<NoteSummary>> list() {
                return api.list();
            }

            @Override
            public ApiResult<Note> get(String id) {
                return api.get(id);
            }

            @Override
            public ApiResult<Note> create(NoteContent content) {
                singleWrites.incrementAndGet();
                return api.create(content);
            }

            @Override
            public ApiResult<Note> createWithId(String id, NoteContent content) {
                singleWrites.incrementAndGet();
                return api.createWithId(id, content);
            }

            @Override
            public ApiResult<Note> update(String id, ETag ifMatch, NoteContent content) {
                singleWrites.incrementAndGet();
                return api.update(id, ifMatch, content);
            }

            @Override
            public ApiResult<Void> delete(String id, ETag ifMatch) {
                singleWrites.incrementAndGet();
                return api.delete(id, ifMatch);
            }

            @Override
            public ApiResult<List<NoteSummary>> versions(String id) {
                return api.versions(id);
            }

            @Override
            public ApiResult<Note> version(String id, long version) {
                return api.version(id, version);
            }

            @Override
            public String user() {
                return api.user();
            }
        };
    }
}
