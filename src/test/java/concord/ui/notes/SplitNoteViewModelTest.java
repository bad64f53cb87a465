package concord.ui.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.Note;
import concord.model.NoteContent;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionOp;
import concord.ui.conflict.ConflictHandler;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Split note without a stage: the selection leaves the original and becomes a new note, both or neither. */
class SplitNoteViewModelTest {

    private static final Executor DIRECT = Runnable::run;
    private static final String BODY = "Plan\n## Later\nbuy a boat\n";

    private final InMemoryNotesApi server = new InMemoryNotesApi();
    private final InMemoryDraftStore drafts = new InMemoryDraftStore();

    private NotesViewModel window(String user) {
        NotesViewModel vm = new NotesViewModel(new WindowServices(server.as(user), drafts, DIRECT, DIRECT, DIRECT,
                ConflictHandler.KEEP_PENDING, DraftScheduler.immediate(), Clock.systemUTC(), server.transactionsAs(user)));
        vm.start();
        return vm;
    }

    @Test
    void splitUpdatesTheOriginalUnderIfMatchAndCreatesTheSelectionAsANewNoteInOneTransaction() {
        Note original = server.put("Concord", "plan", new NoteContent("Plan", BODY, List.of("work")));
        NotesViewModel alice = window("Alice");
        alice.open("plan");
        int start = BODY.indexOf("## Later");

        alice.splitNote(start, BODY.length());

        assertEquals(1, server.transactions.size());
        List<TransactionItem> items = server.transactions.get(0).items();
        assertEquals(TransactionItem.update("plan", original.etag(), new NoteContent("Plan", "Plan\n", List.of("work"))), items.get(0));
        assertEquals(TransactionOp.PUT, items.get(1).op());
        assertTrue(items.get(1).ifNoneMatch(), "the new note is created, never overwrites");
        Note created = server.current(items.get(1).id());
        assertEquals(new NoteContent("## Later", "## Later\nbuy a boat\n", List.of("work")), created.content());
        assertEquals("Plan\n", server.current("plan").body());
        assertEquals("Plan\n", alice.editor().bodyProperty().get());
        assertFalse(alice.editor().isDirty());
        assertEquals(server.current("plan").etag(), alice.editor().base().etag());
        assertTrue(alice.visibleItems().stream().anyMatch(i -> i.key().equals(created.id())), "the new note is listed");
    }

    @Test
    void splitAfterBobChangedTheNoteSplitsNothingAndSaysWhy() {
        server.put("Concord", "plan", new NoteContent("Plan", BODY, List.of()));
        NotesViewModel alice = window("Alice");
        alice.open("plan");
        Note bobs = server.put("Bob", "plan", new NoteContent("Plan", BODY + "Bob\n", List.of()));

        alice.splitNote(BODY.indexOf("## Later"), BODY.length());

        assertEquals(bobs, server.current("plan"), "the original is untouched");
        assertEquals(1, server.transactions.size());
        assertEquals(null, server.current(server.transactions.get(0).items().get(1).id()), "no new note either");
        assertTrue(alice.noticeProperty().get().message().startsWith("Nothing was split.\n• Bob changed “Plan” since you loaded it"),
                alice.noticeProperty().get().message());
        assertEquals(BODY + "Bob\n", alice.editor().bodyProperty().get(), "with nothing unsaved, the editor follows Bob's version");
        assertEquals(bobs, alice.editor().base());
    }

    @Test
    void textTypedWhileTheSplitWasUnderWayStaysInTheEditorOnTheNewBase() {
        server.put("Concord", "plan", new NoteContent("Plan", BODY, List.of()));
        java.util.List<Runnable> io = new java.util.ArrayList<>();
        NotesViewModel alice = new NotesViewModel(new WindowServices(server.as("Alice"), drafts, io::add, DIRECT, DIRECT,
                ConflictHandler.KEEP_PENDING, DraftScheduler.immediate(), Clock.systemUTC(), server.transactionsAs("Alice")));
        alice.start();
        alice.open("plan");
        while (!io.isEmpty()) {
            io.remove(0).run();
        }
        alice.splitNote(BODY.indexOf("## Later"), BODY.length());
        alice.editor().bodyProperty().set(BODY + "typed meanwhile\n");
        while (!io.isEmpty()) {
            io.remove(0).run();
        }

        assertEquals("Plan\n", server.current("plan").body());
        assertEquals(BODY + "typed meanwhile\n", alice.editor().bodyProperty().get(), "the typed text is never replaced");
        assertEquals(server.current("plan").etag(), alice.editor().base().etag());
        assertEquals(BODY + "typed meanwhile\n", drafts.load("plan").orElseThrow().mine().body(), "and kept as a draft");
    }

    @Test
    void anEmptySelectionOrAnUnsavedNoteSendsNothing() {
        server.put("Concord", "plan", new NoteContent("Plan", BODY, List.of()));
        NotesViewModel alice = window("Alice");
        alice.open("plan");
        alice.splitNote(3, 3);
        alice.newNote();
        alice.editor().bodyProperty().set("new text\n");
        alice.splitNote(0, 4);

        assertTrue(server.transactions.isEmpty());
        assertTrue(alice.noticeProperty().get().message().startsWith("Save this new note first"));
    }
}
