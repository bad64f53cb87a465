package concord.ui.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** Delete selected and Add/Remove tag, without a stage: one transaction each, against the fake server's rules. */
class MultiNoteActionsTest {

    private static final Executor DIRECT = Runnable::run;

    private final InMemoryNotesApi server = new InMemoryNotesApi();
    private final InMemoryDraftStore drafts = new InMemoryDraftStore();

    private NotesViewModel window(String user) {
        NotesViewModel vm = new NotesViewModel(new WindowServices(server.as(user), drafts, DIRECT, DIRECT, DIRECT,
                ConflictHandler.KEEP_PENDING, DraftScheduler.immediate(), Clock.systemUTC(), server.transactionsAs(user)));
        vm.start();
        return vm;
    }

    private Note seed(String id, String title, String... tags) {
        return server.put("Concord", id, new NoteContent(title, title + " body\n", List.of(tags)));
    }

    private static String notice(NotesViewModel vm) {
        Notice n = vm.noticeProperty().get();
        return n == null ? null : n.message();
    }

    @Test
    void deleteSelectedDeletesEveryNoteInOneTransactionWithItsKnownEtag() {
        Note a = seed("a", "Groceries");
        Note b = seed("b", "Errands");
        seed("c", "Keep");
        NotesViewModel alice = window("Alice");
        alice.selectedKeys().setAll("a", "b");

        alice.deleteSelected();

        assertEquals(1, server.transactions.size(), "one transaction");
        List<TransactionItem> sent = server.transactions.get(0).items();
        assertEquals(List.of(TransactionItem.delete("a", a.etag()), TransactionItem.delete("b", b.etag())), sent);
        assertNull(server.current("a"));
        assertNull(server.current("b"));
        assertNotNull(server.current("c"));
        assertEquals(List.of("c"), alice.visibleItems().stream().map(NoteListItem::key).toList());
        assertEquals("Deleted 2 notes.", notice(alice));
    }

    @Test
    void deleteSelectedWithOneNoteChangedByBobDeletesNothingAndSaysWhoChangedWhich() {
        seed("a", "Groceries");
        seed("b", "Errands");
        NotesViewModel alice = window("Alice");
        alice.selectedKeys().setAll("a", "b");
        server.put("Bob", "a", new NoteContent("Groceries", "milk\neggs\n", List.of()));

        alice.deleteSelected();

        assertNotNull(server.current("a"), "nothing deleted");
        assertNotNull(server.current("b"), "nothing deleted");
        assertEquals("Nothing was deleted.\n• Bob changed “Groceries” since you loaded it", notice(alice));
        assertEquals(Notice.Kind.WARNING, alice.noticeProperty().get().kind());
    }

    @Test
    void deleteSelectedWithANoteAlreadyDeletedSaysSoAndKeepsTheOthers() {
        seed("a", "Groceries");
        seed("b", "Errands");
        NotesViewModel alice = window("Alice");
        alice.selectedKeys().setAll("a", "b");
        server.as("Bob").delete("b", server.current("b").etag());

        alice.deleteSelected();

        assertNotNull(server.current("a"));
        assertEquals("Nothing was deleted.\n• “Errands” was deleted on the server", notice(alice));
    }

    @Test
    void deleteSelectedRemovesTheOpenNoteFromTheEditorAndItsDraft() {
        seed("a", "Groceries");
        NotesViewModel alice = window("Alice");
        alice.open("a");
        alice.editor().bodyProperty().set("changed\n");
        assertTrue(drafts.load("a").isPresent());
        alice.selectedKeys().setAll("a");

        alice.deleteSelected();

        assertNull(server.current("a"));
        assertNull(alice.editor().key());
        assertTrue(drafts.all().isEmpty(), "the draft went with the note");
    }

    @Test
    void deleteSelectedWithNothingSelectedSendsNothingAndSaysHowToSelect() {
        seed("a", "Groceries");
        NotesViewModel alice = window("Alice");

        alice.deleteSelected();

        assertTrue(server.transactions.isEmpty());
        assertTrue(notice(alice).startsWith("Select notes first"), notice(alice));
    }

    @Test
    void addTagLoadsEachNoteAndUpdatesOnlyThoseWithoutTheTagInOneTransaction() {
        Note a = seed("a", "Groceries", "home");
        seed("b", "Errands", "today");
        NotesViewModel alice = window("Alice");
        alice.selectedKeys().setAll("a", "b");
        // Bob changed a after Alice's list was loaded: tagging loads the current version, so this is no conflict.
        Note bobs = server.put("Bob", "a", new NoteContent("Groceries", "milk\n", List.of("home")));

        alice.addTag(" today ");

        assertEquals(1, server.transactions.size());
        List<TransactionItem> sent = server.transactions.get(0).items();
        assertEquals(List.of(TransactionItem.update("a", bobs.etag(), new NoteContent("Groceries", "milk\n", List.of("home", "today")))), sent);
        assertEquals(List.of("home", "today"), server.current("a").tags());
        assertEquals("milk\n", server.current("a").body(), "Bob's text kept");
        assertEquals(List.of("today"), server.current("b").tags());
        assertEquals("Added “today” to 1 note.", notice(alice));
        assertFalse(a.etag().equals(server.current("a").etag()));
    }

    @Test
    void removeTagUpdatesEverySelectedNoteThatHasIt() {
        seed("a", "Groceries", "today", "home");
        seed("b", "Errands", "today");
        seed("c", "Other", "today");
        NotesViewModel alice = window("Alice");
        alice.selectedKeys().setAll("a", "b");

        alice.removeTag("today");

        assertEquals(List.of("home"), server.current("a").tags());
        assertEquals(List.of(), server.current("b").tags());
        assertEquals(List.of("today"), server.current("c").tags(), "not selected");
        assertEquals(List.of(TransactionOp.UPDATE, TransactionOp.UPDATE),
                server.transactions.get(0).items().stream().map(TransactionItem::op).toList());
    }

    @Test
    void aTagChangeCanceledByAConcurrentEditShowsWhyAndRetryReloadsAndCommitsTheWholeSet() {
        seed("a", "Groceries");
        seed("b", "Errands");
        NotesViewModel alice = window("Alice");
        alice.selectedKeys().setAll("a", "b");
        // Bob saves b between Alice's load and her transaction.
        server.beforeNextTransaction(() -> server.put("Bob", "b", new NoteContent("Errands", "post office\n", List.of())));

        alice.addTag("today");

        assertEquals(List.of(), server.current("a").tags(), "nothing changed");
        assertEquals(List.of(), server.current("b").tags(), "nothing changed");
        Notice n = alice.noticeProperty().get();
        assertEquals("No tag was changed.\n• Bob changed “Errands” since you loaded it", n.message());
        assertTrue(n.retry().isPresent());

        n.retry().get().run();

        assertEquals(List.of("today"), server.current("a").tags());
        assertEquals(List.of("today"), server.current("b").tags());
        assertEquals("post office\n", server.current("b").body(), "Bob's edit kept");
        assertEquals(2, server.transactions.size());
        assertFalse(server.transactions.get(0).clientRequestToken().equals(server.transactions.get(1).clientRequestToken()),
                "a changed request gets a new token");
    }

    @Test
    void aTagWithACommaIsRefusedWithoutWriting() {
        seed("a", "Groceries");
        NotesViewModel alice = window("Alice");
        alice.selectedKeys().setAll("a");

        alice.addTag("a,b");

        assertTrue(server.transactions.isEmpty());
        assertEquals(Notice.Kind.ERROR, alice.noticeProperty().get().kind());
    }
}
