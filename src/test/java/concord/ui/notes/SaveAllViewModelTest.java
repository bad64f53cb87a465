package concord.ui.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.Note;
import concord.model.NoteContent;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionOp;
import concord.ui.conflict.ConflictHandler;
import concord.ui.conflict.ConflictOutcome;
import concord.ui.conflict.ConflictRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Save all without a stage: one transaction; on cancellation each conflict is resolved in turn, then all again. */
class SaveAllViewModelTest {

    private static final Executor DIRECT = Runnable::run;

    private final InMemoryNotesApi server = new InMemoryNotesApi();
    private final InMemoryDraftStore drafts = new InMemoryDraftStore();
    private final List<ConflictRequest> conflictsSeen = new ArrayList<>();
    /**
     * What the fake merge dialog answers; by default it merges by appending theirs, and like the real one it
     * saves only when not asked to resolve only.
     */
    private Function<ConflictRequest, ConflictOutcome> dialog = request -> {
        NoteContent merged = new NoteContent(request.mine().title(), request.theirs().body() + request.mine().body(), request.mine().tags());
        return request.writer().deferred() ? new ConflictOutcome.Merged(merged, request.theirs())
                : new ConflictOutcome.Resolved(server.put("Alice", request.theirs().id(), merged));
    };
    private final ConflictHandler recording = (request, done) -> {
        conflictsSeen.add(request);
        done.accept(dialog.apply(request));
    };

    private NotesViewModel window(String user) {
        NotesViewModel vm = new NotesViewModel(new WindowServices(server.as(user), drafts, DIRECT, DIRECT, DIRECT,
                recording, DraftScheduler.immediate(), Clock.systemUTC(), server.transactionsAs(user)));
        vm.start();
        return vm;
    }

    private Note seed(String id, String title, String body) {
        return server.put("Concord", id, new NoteContent(title, body, List.of()));
    }

    /** Alice edits a and b (b stays open), and starts a new note n that is never saved: three unsaved notes. */
    private NotesViewModel aliceWithThreeUnsavedNotes(Note a, Note b) {
        NotesViewModel alice = window("Alice");
        alice.newNote();
        alice.editor().titleProperty().set("Ideas");
        alice.editor().bodyProperty().set("fly\n");
        alice.open(a.id());
        alice.editor().bodyProperty().set(a.body() + "eggs\n");
        alice.open(b.id());
        alice.editor().bodyProperty().set("Errand: " + b.body());
        assertEquals(3, drafts.all().size());
        return alice;
    }

    private String newNoteKey() {
        return drafts.all().stream().filter(d -> d.base() == null).findFirst().orElseThrow().key();
    }

    @Test
    void saveAllWritesEveryUnsavedNoteInOneTransactionAndRemovesTheDraftsAfterTheCommit() {
        Note a = seed("a", "Groceries", "milk\n");
        Note b = seed("b", "Errands", "post office\n");
        NotesViewModel alice = aliceWithThreeUnsavedNotes(a, b);
        String n = newNoteKey();

        alice.saveAll();

        assertEquals(1, server.transactions.size());
        List<TransactionItem> items = server.transactions.get(0).items();
        assertEquals(3, items.size());
        assertTrue(items.contains(TransactionItem.update("a", a.etag(), new NoteContent("Groceries", "milk\neggs\n", List.of()))));
        assertTrue(items.contains(TransactionItem.update("b", b.etag(), new NoteContent("Errands", "Errand: post office\n", List.of()))));
        assertTrue(items.contains(TransactionItem.create(n, new NoteContent("Ideas", "fly\n", List.of()))));
        assertEquals("milk\neggs\n", server.current("a").body());
        assertEquals("Errand: post office\n", server.current("b").body());
        assertEquals("fly\n", server.current(n).body());
        assertTrue(drafts.all().isEmpty(), "every draft removed after the commit");
        assertFalse(alice.editor().isDirty(), "the open note took its saved version as base");
        assertEquals(server.current("b").etag(), alice.editor().base().etag());
        assertEquals("Saved 3 notes together.", alice.noticeProperty().get().message());
    }

    @Test
    void aConflictedNoteCancelsEverythingGoesThroughTheMergeDialogAndTheRetryCommitsAll() {
        Note a = seed("a", "Groceries", "milk\n");
        Note b = seed("b", "Errands", "post office\n");
        NotesViewModel alice = aliceWithThreeUnsavedNotes(a, b);
        String n = newNoteKey();
        Note bobs = server.put("Bob", "a", new NoteContent("Groceries", "bread\n", List.of()));
        List<String> noticesSeen = new ArrayList<>();
        alice.noticeProperty().addListener((o, old, notice) -> {
            if (notice != null) {
                noticesSeen.add(notice.message());
            }
        });

        alice.saveAll();

        assertEquals(2, server.transactions.size(), "the canceled one, then the retry");
        assertTrue(noticesSeen.get(0).startsWith("Nothing was saved.\n• Bob changed “Groceries” since you loaded it"), noticesSeen.get(0));
        assertEquals(1, conflictsSeen.size(), "only the conflicted note goes to the merge dialog");
        ConflictRequest asked = conflictsSeen.get(0);
        assertEquals(a, asked.base());
        assertEquals(bobs, asked.theirs());
        assertEquals("milk\neggs\n", asked.mine().body());
        assertEquals("bread\nmilk\neggs\n", server.current("a").body(), "the merge");
        assertEquals("Errand: post office\n", server.current("b").body());
        assertEquals("fly\n", server.current(n).body());
        assertNotEquals(server.transactions.get(0).clientRequestToken(), server.transactions.get(1).clientRequestToken());
        assertEquals(List.of(TransactionOp.UPDATE, TransactionOp.UPDATE, TransactionOp.PUT),
                server.transactions.get(1).items().stream()
                        .sorted(java.util.Comparator.comparing(i -> i.id().equals(n) ? "z" : i.id()))
                        .map(TransactionItem::op).toList(), "the retry has the same shape");
        assertTrue(drafts.all().isEmpty());
        assertEquals("Saved 3 notes together.", alice.noticeProperty().get().message());
    }

    @Test
    void cancellingTheMergeDialogSavesNothingAndKeepsEveryDraft() {
        Note a = seed("a", "Groceries", "milk\n");
        Note b = seed("b", "Errands", "post office\n");
        NotesViewModel alice = aliceWithThreeUnsavedNotes(a, b);
        server.put("Bob", "b", new NoteContent("Errands", "bank\n", List.of()));
        dialog = request -> new ConflictOutcome.Cancelled();

        alice.saveAll();

        assertEquals(1, server.transactions.size(), "no retry");
        assertEquals("milk\n", server.current("a").body(), "all or nothing: a was not saved either");
        assertEquals("bank\n", server.current("b").body());
        assertEquals(3, drafts.all().size(), "every draft kept");
        assertTrue(alice.noticeProperty().get().message().startsWith("Save all stopped: “Errands” still conflicts"));
        assertTrue(alice.noticeProperty().get().retry().isPresent());
        assertFalse(alice.savingAllProperty().get());
    }

    @Test
    void whenTheServerIsUnreachableTheRetrySendsTheSameTokenAndTheDraftsStay() {
        Note a = seed("a", "Groceries", "milk\n");
        NotesViewModel alice = window("Alice");
        alice.open("a");
        alice.editor().bodyProperty().set("milk\neggs\n");
        server.setReachable(false);

        alice.saveAll();

        assertEquals(1, drafts.all().size());
        Notice failed = alice.noticeProperty().get();
        assertEquals(Notice.Kind.ERROR, failed.kind());
        server.setReachable(true);
        failed.retry().orElseThrow().run();

        assertEquals("milk\neggs\n", server.current("a").body());
        assertEquals(server.transactions.get(0).clientRequestToken(), server.transactions.get(1).clientRequestToken());
        assertTrue(drafts.all().isEmpty());
        assertNotNull(alice.editor().base());
    }

    @Test
    void saveAllWithNothingUnsavedSendsNothing() {
        seed("a", "Groceries", "milk\n");
        NotesViewModel alice = window("Alice");
        alice.open("a");

        alice.saveAll();

        assertTrue(server.transactions.isEmpty());
        assertEquals("Every note is saved.", alice.noticeProperty().get().message());
    }
}
