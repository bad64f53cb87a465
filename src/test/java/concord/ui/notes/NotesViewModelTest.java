package concord.ui.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.client.NotesApi;
import concord.model.Note;
import concord.model.NoteContent;
import concord.ui.conflict.ConflictHandler;
import concord.ui.conflict.ConflictOutcome;
import concord.ui.conflict.ConflictRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The window's view models without a stage: I/O and FX hand-off run on the test thread. */
class NotesViewModelTest {

    private static final Executor DIRECT = Runnable::run;

    private final InMemoryNotesApi server = new InMemoryNotesApi();
    private final InMemoryDraftStore aliceDrafts = new InMemoryDraftStore();
    private final InMemoryDraftStore bobDrafts = new InMemoryDraftStore();
    private final List<ConflictRequest> conflictsSeen = new ArrayList<>();
    private final ConflictHandler recordingKeepPending = (request, done) -> {
        conflictsSeen.add(request);
        ConflictHandler.KEEP_PENDING.handle(request, done);
    };

    private NotesViewModel window(String user, InMemoryDraftStore drafts, ConflictHandler conflicts, DraftScheduler scheduler) {
        NotesApi api = server.as(user);
        NotesViewModel vm = new NotesViewModel(new WindowServices(api, drafts, DIRECT, DIRECT, DIRECT, conflicts,
                scheduler, Clock.systemUTC()));
        vm.start();
        return vm;
    }

    private NotesViewModel window(String user, InMemoryDraftStore drafts) {
        return window(user, drafts, recordingKeepPending, DraftScheduler.immediate());
    }

    private Note seed(String id, String body) {
        return server.put("Concord", id, new NoteContent("Plan", body, List.of("work")));
    }

    @Test
    void saveSendsTheBaseEtagAndAdoptsTheNewVersionAndRemovesTheDraft() {
        Note seeded = seed("plan", "one\ntwo\n");
        NotesViewModel alice = window("Alice", aliceDrafts);
        alice.open("plan");
        alice.editor().bodyProperty().set("one\ntwo\nthree\n");
        assertEquals(seeded, aliceDrafts.load("plan").orElseThrow().base());

        alice.editor().save();

        Note saved = server.current("plan");
        assertEquals("one\ntwo\nthree\n", saved.body());
        assertEquals("Alice", saved.updatedBy());
        assertEquals(saved, alice.editor().base());
        assertFalse(alice.editor().isDirty());
        assertTrue(aliceDrafts.all().isEmpty(), "no draft left");
        assertEquals(saved.etag().shortForm(), alice.shortEtagProperty().get());
    }

    @Test
    void aStaleSaveKeepsTheUsersTextAndShowsAPendingConflictWithTheirVersion() {
        seed("plan", "one\ntwo\n");
        NotesViewModel alice = window("Alice", aliceDrafts);
        NotesViewModel bob = window("Bob", bobDrafts);
        alice.open("plan");
        bob.open("plan");
        alice.editor().bodyProperty().set("ONE\ntwo\n");
        bob.editor().bodyProperty().set("one\ntwo\nBob's line\n");
        alice.editor().save();

        bob.editor().save();

        assertEquals("one\ntwo\nBob's line\n", bob.editor().bodyProperty().get());
        assertEquals("ONE\ntwo\n", bob.editor().conflictProperty().get().theirs().body());
        assertEquals(1, conflictsSeen.size());
        ConflictRequest r = conflictsSeen.get(0);
        assertEquals("one\ntwo\n", r.base().body());
        assertEquals("one\ntwo\nBob's line\n", r.mine().body());
        assertEquals("Alice", r.theirs().updatedBy());
        assertEquals("ONE\ntwo\n", server.current("plan").body());
        assertEquals("one\ntwo\nBob's line\n", bobDrafts.load("plan").orElseThrow().mine().body());
    }

    @Test
    void savingMineAnywayAfterMergingByHandSendsTheirEtagAndKeepsBothEdits() {
        seed("plan", "one\ntwo\n");
        NotesViewModel alice = window("Alice", aliceDrafts);
        NotesViewModel bob = window("Bob", bobDrafts);
        alice.open("plan");
        bob.open("plan");
        alice.editor().bodyProperty().set("ONE\ntwo\n");
        bob.editor().bodyProperty().set("one\ntwo\nBob's line\n");
        alice.editor().save();
        bob.editor().save();

        bob.editor().bodyProperty().set("ONE\ntwo\nBob's line\n");
        bob.editor().saveMineAnyway();

        assertEquals("ONE\ntwo\nBob's line\n", server.current("plan").body());
        assertNull(bob.editor().conflictProperty().get());
        assertFalse(bob.editor().isDirty());
        assertTrue(bobDrafts.all().isEmpty(), "no draft left");
    }

    @Test
    void aResolvedConflictBecomesTheNewBaseAndText() {
        seed("plan", "one\n");
        ConflictHandler mergeByConcatenation = (request, done) -> {
            Note merged = server.as("Bob").update("plan", request.theirs().etag(),
                    request.mine().withBody(request.theirs().body() + request.mine().body())) instanceof
                    concord.client.ApiResult.Ok<Note> ok ? ok.value() : null;
            done.accept(new ConflictOutcome.Resolved(merged));
        };
        NotesViewModel alice = window("Alice", aliceDrafts);
        NotesViewModel bob = window("Bob", bobDrafts, mergeByConcatenation, DraftScheduler.immediate());
        alice.open("plan");
        bob.open("plan");
        alice.editor().bodyProperty().set("alice\n");
        bob.editor().bodyProperty().set("bob\n");
        alice.editor().save();

        bob.editor().save();

        assertEquals("alice\nbob\n", server.current("plan").body());
        assertEquals("alice\nbob\n", bob.editor().bodyProperty().get());
        assertEquals(server.current("plan"), bob.editor().base());
        assertNull(bob.editor().conflictProperty().get());
        assertTrue(bobDrafts.all().isEmpty(), "no draft left");
    }

    @Test
    void aNoteDeletedOnTheServerCanBeRecreatedWithTheUsersText() {
        Note seeded = seed("plan", "one\n");
        NotesViewModel bob = window("Bob", bobDrafts);
        bob.open("plan");
        bob.editor().bodyProperty().set("mine\n");
        server.as("Alice").delete("plan", seeded.etag());

        bob.editor().save();
        assertTrue(bob.editor().conflictProperty().get().deletedOnServer());
        assertEquals(1, conflictsSeen.size());
        assertTrue(conflictsSeen.get(0).deletedOnServer());
        bob.editor().recreate();

        assertEquals("mine\n", server.current("plan").body());
        assertNull(bob.editor().conflictProperty().get());
        assertTrue(bobDrafts.all().isEmpty(), "no draft left");
    }

    @Test
    void discardingEditsToADeletedNoteClosesItAndDropsTheDraft() {
        Note seeded = seed("plan", "one\n");
        NotesViewModel bob = window("Bob", bobDrafts);
        bob.open("plan");
        bob.editor().bodyProperty().set("mine\n");
        server.as("Alice").delete("plan", seeded.etag());
        bob.editor().save();

        bob.editor().discard();

        assertNull(bob.editor().key());
        assertTrue(bobDrafts.all().isEmpty(), "no draft left");
        assertTrue(bob.visibleItems().isEmpty());
    }

    @Test
    void anUnreachableServerKeepsTheDraftAndRetrySavesOnceItIsBack() {
        seed("plan", "one\n");
        NotesViewModel alice = window("Alice", aliceDrafts);
        alice.open("plan");
        alice.editor().bodyProperty().set("offline edit\n");
        server.setReachable(false);

        alice.editor().save();

        assertEquals(ConnectionState.OFFLINE, alice.connectionProperty().get());
        Notice notice = alice.noticeProperty().get();
        assertEquals(Notice.Kind.ERROR, notice.kind());
        assertTrue(notice.message().contains("unreachable") && notice.message().contains("kept as a draft"), notice.message());
        assertEquals("offline edit\n", aliceDrafts.load("plan").orElseThrow().mine().body());
        assertEquals("offline edit\n", alice.editor().bodyProperty().get());

        server.setReachable(true);
        notice.retry().orElseThrow().run();

        assertEquals("offline edit\n", server.current("plan").body());
        assertEquals(ConnectionState.ONLINE, alice.connectionProperty().get());
        assertTrue(aliceDrafts.all().isEmpty(), "no draft left");
    }

    @Test
    void aRestoredDraftKeepsItsOriginalBaseSoALaterSaveStillDetectsTheConflict() {
        seed("plan", "one\n");
        NotesViewModel first = window("Bob", bobDrafts);
        first.open("plan");
        first.editor().bodyProperty().set("bob's unsaved edit\n");
        first.closing();
        server.as("Alice").update("plan", server.current("plan").etag(), new NoteContent("Plan", "alice\n", List.of()));

        NotesViewModel restarted = window("Bob", bobDrafts);
        assertEquals(1, restarted.draftsOfferedProperty().get());
        assertEquals(1, restarted.visibleItems().size());
        assertTrue(restarted.visibleItems().get(0).hasDraft());
        restarted.restoreDrafts();
        assertEquals("bob's unsaved edit\n", restarted.editor().bodyProperty().get());
        assertEquals(1, restarted.editor().base().version());

        restarted.editor().save();

        assertEquals("alice\n", restarted.editor().conflictProperty().get().theirs().body());
        assertEquals("bob's unsaved edit\n", restarted.editor().bodyProperty().get());
        assertEquals(1, bobDrafts.all().size());
    }

    @Test
    void typingWritesTheDraftOnlyWhenThePauseEnds() {
        seed("plan", "one\n");
        List<Runnable> scheduled = new ArrayList<>();
        DraftScheduler manual = new DraftScheduler() {
            @Override
            public void schedule(Runnable task) {
                scheduled.clear();
                scheduled.add(task);
            }

            @Override
            public void cancel() {
                scheduled.clear();
            }
        };
        NotesViewModel alice = window("Alice", aliceDrafts, recordingKeepPending, manual);
        alice.open("plan");
        alice.editor().bodyProperty().set("o");
        alice.editor().bodyProperty().set("on");
        assertTrue(aliceDrafts.all().isEmpty(), "no draft left");

        scheduled.get(0).run();

        assertEquals("on", aliceDrafts.load("plan").orElseThrow().mine().body());
    }

    @Test
    void deletingANoteSomeoneChangedSinceItWasLoadedAsksFirst() {
        seed("plan", "one\n");
        NotesViewModel alice = window("Alice", aliceDrafts);
        alice.open("plan");
        server.as("Bob").update("plan", server.current("plan").etag(), new NoteContent("Plan", "bob\n", List.of()));

        alice.editor().deleteNote().start();

        assertNotNull(server.current("plan"));
        assertEquals("Bob", alice.editor().deleteNote().needsConfirmationProperty().get().updatedBy());
        alice.editor().deleteNote().confirm();
        assertNull(server.current("plan"));
        assertNull(alice.editor().key());
    }

    @Test
    void aNewNoteIsCreatedUnderItsClientIdAndItsDraftIsRemoved() {
        NotesViewModel alice = window("Alice", aliceDrafts);
        alice.newNote();
        alice.editor().titleProperty().set("Groceries");
        alice.editor().tagsProperty().set("home, shopping, home");
        alice.editor().bodyProperty().set("milk\n");
        String key = alice.editor().key();
        assertEquals(1, alice.visibleItems().size());
        assertTrue(alice.visibleItems().get(0).localOnly());

        alice.editor().save();

        Note created = server.current(key);
        assertEquals("Groceries", created.title());
        assertEquals(List.of("home", "shopping"), created.tags());
        assertTrue(aliceDrafts.all().isEmpty(), "no draft left");
        assertEquals(1, alice.visibleItems().size());
        assertEquals("Alice", alice.visibleItems().get(0).updatedBy());
    }

    @Test
    void reloadWithUnsavedChangesShowsTheNewerVersionInsteadOfReplacingTheText() {
        seed("plan", "one\n");
        NotesViewModel bob = window("Bob", bobDrafts);
        bob.open("plan");
        bob.editor().bodyProperty().set("mine\n");
        server.as("Alice").update("plan", server.current("plan").etag(), new NoteContent("Plan", "alice\n", List.of()));

        bob.reload();

        assertEquals("mine\n", bob.editor().bodyProperty().get());
        assertEquals("Alice", bob.editor().conflictProperty().get().theirs().updatedBy());
    }

    @Test
    void aCleanNoteFollowsRemoteChangesOnTheBackgroundRefresh() {
        seed("plan", "one\n");
        NotesViewModel bob = window("Bob", bobDrafts);
        bob.open("plan");
        server.as("Alice").update("plan", server.current("plan").etag(), new NoteContent("Plan", "alice\n", List.of()));

        bob.backgroundRefresh();

        assertEquals("alice\n", bob.editor().bodyProperty().get());
        assertEquals(server.current("plan"), bob.editor().base());
    }

    @Test
    void theWindowTitleNamesTheUserAndTheOpenNote() {
        seed("plan", "one\n");
        NotesViewModel alice = window("Alice", aliceDrafts);
        assertEquals("Concord — Alice", alice.windowTitleProperty().get());
        alice.open("plan");
        assertEquals("Concord — Alice — Plan", alice.windowTitleProperty().get());
    }

    @Test
    void theListIsNewestFirstAndTheFilterMatchesTitleTagsAndAuthor() {
        server.put("Alice", "a", new NoteContent("Alpha", "", List.of("work")));
        server.put("Bob", "b", new NoteContent("Beta", "", List.of("home")));
        NotesViewModel alice = window("Alice", aliceDrafts);
        assertEquals(List.of("b", "a"), keys(alice));

        alice.filterProperty().set("WORK");
        assertEquals(List.of("a"), keys(alice));
        alice.filterProperty().set("bob");
        assertEquals(List.of("b"), keys(alice));
    }

    private static List<String> keys(NotesViewModel vm) {
        return vm.visibleItems().stream().map(NoteListItem::key).toList();
    }

    @Test
    void aSaveThatFailsAfterTheUserMovedToAnotherNoteIsReportedAndItsDraftKept() {
        seed("plan", "one\n");
        server.put("Concord", "other", new NoteContent("Other", "x\n", List.of()));
        List<Runnable> pendingIo = new ArrayList<>();
        NotesViewModel bob = bobWithHeldIo(pendingIo);
        bob.open("plan");
        runAll(pendingIo);
        bob.editor().bodyProperty().set("bob\n");
        server.as("Alice").update("plan", server.current("plan").etag(), new NoteContent("Plan", "alice\n", List.of()));

        bob.editor().save();
        bob.open("other");
        runAll(pendingIo);

        assertEquals("Other", bob.editor().titleProperty().get());
        Notice notice = bob.noticeProperty().get();
        assertEquals(Notice.Kind.WARNING, notice.kind());
        assertTrue(notice.message().contains("“Plan” was not saved"), notice.message());
        assertEquals("bob\n", bobDrafts.load("plan").orElseThrow().mine().body());
        bob.open("plan");
        assertEquals("bob\n", bob.editor().bodyProperty().get(), "reopened from its draft");
    }

    @Test
    void aClickedNoteIsTheEditorsAtOnceAndTakesNoEditsUntilItsTextArrives() {
        seed("plan", "one\n");
        server.put("Concord", "other", new NoteContent("Other", "x\n", List.of()));
        List<Runnable> pendingIo = new ArrayList<>();
        NotesViewModel bob = bobWithHeldIo(pendingIo);
        bob.open("plan");
        runAll(pendingIo);
        bob.editor().bodyProperty().set("one\nbob\n");

        bob.select(List.of("other"), "other");

        assertEquals("other", bob.editor().key(), "the editor is on the note clicked before the server answered");
        assertTrue(bob.editor().isOpening());
        assertEquals("Other", bob.editor().titleProperty().get(), "named by the list's title meanwhile");
        assertEquals("Concord — Bob — Other", bob.windowTitleProperty().get());
        assertFalse(bob.editor().isDirty());
        assertNull(bob.editor().base());
        assertEquals("one\nbob\n", bobDrafts.load("plan").orElseThrow().mine().body(), "what was typed before is in its draft");
        bob.editor().save();
        bob.editor().deleteNote().start();
        assertTrue(pendingIo.size() == 1, "only the load is under way: nothing is saved or deleted while the note loads");

        runAll(pendingIo);

        assertFalse(bob.editor().isOpening());
        assertEquals("x\n", bob.editor().bodyProperty().get());
        assertEquals(server.current("other"), bob.editor().base());
    }

    @Test
    void aNoteThatCannotBeLoadedStaysNamedInTheEditorAndReloadTriesAgain() {
        seed("plan", "one\n");
        NotesViewModel alice = window("Alice", aliceDrafts);
        server.setReachable(false);

        alice.open("plan");

        assertEquals("plan", alice.editor().key());
        assertTrue(alice.editor().isOpening());
        assertTrue(alice.noticeProperty().get().message().startsWith("Could not open “Plan”."), alice.noticeProperty().get().message());
        server.setReachable(true);
        alice.reload();
        assertFalse(alice.editor().isOpening());
        assertEquals("one\n", alice.editor().bodyProperty().get());
    }

    @Test
    void selectingSeveralNotesOpensTheOneTheUserActedOnAndANoteOpenedOtherwiseBecomesTheSelection() {
        seed("a", "a\n");
        seed("b", "b\n");
        NotesViewModel alice = window("Alice", aliceDrafts);
        alice.select(List.of("a", "b"), "b");
        assertEquals("b", alice.editor().key());
        assertEquals(List.of("a", "b"), List.copyOf(alice.selectedKeys()));

        alice.newNote();
        assertEquals(List.of(alice.editor().key()), List.copyOf(alice.selectedKeys()));
        alice.open("a");
        assertEquals(List.of("a"), List.copyOf(alice.selectedKeys()));
        assertThrows(IllegalArgumentException.class, () -> alice.select(List.of("a"), "b"));
    }

    @Test
    void savingWithNothingChangedWritesNothing() {
        Note seeded = seed("plan", "one\n");
        NotesViewModel alice = window("Alice", aliceDrafts);
        alice.open("plan");

        alice.editor().save();

        assertEquals(seeded, server.current("plan"), "no version that nobody wrote");
    }

    @Test
    void whileTheListIsHeldASaveChangesItsRowInPlaceAndTheOrderCatchesUpWhenReleased() {
        server.put("Concord", "a", new NoteContent("Alpha", "", List.of()));
        server.put("Concord", "b", new NoteContent("Beta", "", List.of()));
        NotesViewModel alice = window("Alice", aliceDrafts);
        assertEquals(List.of("b", "a"), keys(alice));
        alice.holdOrderProperty().set(true);
        alice.open("a");
        alice.editor().bodyProperty().set("changed\n");

        alice.editor().save();
        server.put("Bob", "c", new NoteContent("Gamma", "", List.of()));
        alice.refresh();

        assertEquals(List.of("b", "a", "c"), keys(alice), "the saved row stays; a new note comes in at the end");
        assertEquals("Alice", alice.visibleItems().get(1).updatedBy(), "the row itself is up to date");
        alice.holdOrderProperty().set(false);
        assertEquals(List.of("c", "a", "b"), keys(alice), "newest first again");
    }

    @Test
    void anEmptyTitleIsSavedAsTypedAndShownAsUntitledWherever() {
        NotesViewModel alice = window("Alice", aliceDrafts);
        alice.newNote();
        alice.editor().bodyProperty().set("a note without a title\n");
        String key = alice.editor().key();

        alice.editor().save();

        assertEquals("", server.current(key).title(), "stored exactly as typed: nothing added to the user's text");
        assertEquals("Saved “Untitled”.", alice.noticeProperty().get().message());
        assertEquals("Untitled", alice.visibleItems().get(0).displayTitle());
        assertEquals("Concord — Alice — Untitled", alice.windowTitleProperty().get());
    }

    /** Bob's window whose calls wait in {@code pendingIo} until the test runs them; its list is loaded. */
    private NotesViewModel bobWithHeldIo(List<Runnable> pendingIo) {
        NotesViewModel bob = new NotesViewModel(new WindowServices(server.as("Bob"), bobDrafts, pendingIo::add, DIRECT, DIRECT,
                recordingKeepPending, DraftScheduler.immediate(), Clock.systemUTC()));
        bob.start();
        runAll(pendingIo);
        return bob;
    }

    private static void runAll(List<Runnable> queue) {
        while (!queue.isEmpty()) {
            queue.remove(0).run();
        }
    }
}
