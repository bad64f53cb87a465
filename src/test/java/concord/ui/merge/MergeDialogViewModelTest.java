package concord.ui.merge;

import static concord.ui.merge.ServerFixture.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.client.HttpNotesClient;
import concord.merge.ChunkKind;
import concord.merge.HistogramMerger;
import concord.merge.MergeOptions;
import concord.merge.ThreeWayMerger;
import concord.model.Note;
import concord.model.NoteContent;
import concord.ui.conflict.ConflictOutcome;
import concord.ui.conflict.WriteAtOnce;
import concord.ui.merge.MergeDialogViewModel.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every action of the dialog's view model, without a stage: I/O and the FX hand-off run on the calling thread,
 * against a real embedded server through the real HTTP client.
 */
class MergeDialogViewModelTest {

    private static final String BASE = "Shopping\nmilk\nbread\neggs\n\nNotes\nbuy early\n";

    @TempDir
    static Path dir;
    private static ServerFixture fx;
    private static HttpNotesClient bob;
    private final HistogramMerger merger = new HistogramMerger();
    private final List<ConflictOutcome> outcomes = new ArrayList<>();

    /** One server for the class (notes are independent by id); starting one per test costs seconds. */
    @BeforeAll
    static void start() {
        fx = new ServerFixture(dir);
        bob = fx.client("bob");
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private MergeDialogViewModel open(Note base, NoteContent mine, Note theirs) {
        return open(base, mine, theirs, merger);
    }

    private MergeDialogViewModel open(Note base, NoteContent mine, Note theirs, ThreeWayMerger engine) {
        MergeDialogViewModel vm = new MergeDialogViewModel(new WriteAtOnce(bob), Runnable::run, Runnable::run, engine);
        vm.setOnFinished(outcomes::add);
        vm.show(MergeInput.prepare(engine, base, mine, theirs));
        return vm;
    }

    private Note base(String body) {
        return fx.create("alice", "List", body, List.of("home"));
    }

    private static NoteContent content(Note n, String body) {
        return new NoteContent(n.title(), body, n.tags());
    }

    private int firstConflict(MergeDialogViewModel vm) {
        for (int i = 0; i < vm.chunks().chunkCount(); i++) {
            if (vm.chunks().chunkKind(i) == ChunkKind.CONFLICT) {
                return i;
            }
        }
        throw new AssertionError("no conflict");
    }

    @Test
    void editsOfDifferentParagraphsMergeWithoutConflictsAndSaveWithTheirETag() {
        Note base = base(BASE);
        Note theirs = fx.save("alice", base, content(base, BASE.replace("eggs\n", "eggs\napples\n")));
        MergeDialogViewModel vm = open(base, content(base, BASE.replace("buy early", "buy early, before 9")), theirs);

        assertEquals(0, vm.conflictsTotalProperty().get());
        assertTrue(vm.counterProperty().get().startsWith("No conflicts"), vm.counterProperty().get());
        assertTrue(vm.canSaveProperty().get());
        vm.saveMerged();

        Note saved = ((ConflictOutcome.Resolved) outcomes.get(0)).note();
        String expected = "Shopping\nmilk\nbread\neggs\napples\n\nNotes\nbuy early, before 9\n";
        assertEquals(expected, saved.body());
        assertEquals(expected, fx.current(base.id()).body());
        assertEquals(theirs.version() + 1, saved.version());
    }

    @Test
    void aConflictBlocksSaveAndUseMineUseTheirsAndBothWriteExactText() {
        Note base = base(BASE);
        Note theirs = fx.save("alice", base, content(base, BASE.replace("bread", "rye bread")));
        MergeDialogViewModel vm = open(base, content(base, BASE.replace("bread", "two baguettes")), theirs);
        int c = firstConflict(vm);

        assertEquals("1 of 1 conflict left", vm.counterProperty().get());
        assertFalse(vm.canSaveProperty().get());
        assertEquals(BASE, vm.chunks().resultText(), "an open conflict shows the base text as a placeholder");

        vm.chunks().useTheirs(c);
        assertEquals(BASE.replace("bread", "rye bread"), vm.chunks().resultText());
        assertTrue(vm.canSaveProperty().get());
        assertEquals("The conflict is resolved", vm.counterProperty().get());

        vm.chunks().useMine(c);
        assertEquals(BASE.replace("bread", "two baguettes"), vm.chunks().resultText());
        vm.chunks().useBoth(c, true);
        assertEquals(BASE.replace("bread\n", "two baguettes\nrye bread\n"), vm.chunks().resultText());
        vm.chunks().useBoth(c, false);
        assertEquals(BASE.replace("bread\n", "rye bread\ntwo baguettes\n"), vm.chunks().resultText());
        vm.chunks().useBase(c);
        assertEquals(BASE, vm.chunks().resultText());
        assertEquals(Resolution.BASE, vm.chunks().resolution(c));
        vm.chunks().reset(c);
        assertEquals(Resolution.UNRESOLVED, vm.chunks().resolution(c));
        assertFalse(vm.canSaveProperty().get());
    }

    @Test
    void typingInsideAConflictResolvesItAndKeepsEveryCharacter() {
        Note base = base(BASE);
        Note theirs = fx.save("alice", base, content(base, BASE.replace("bread", "rye bread")));
        MergeDialogViewModel vm = open(base, content(base, BASE.replace("bread", "baguette")), theirs);
        int c = firstConflict(vm);
        int[] range = vm.chunks().resultRange(c);

        vm.chunks().userEdited(range[0], "bread".length(), "sourdough");
        assertEquals(BASE.replace("bread", "sourdough"), vm.chunks().resultText());
        assertEquals(Resolution.EDITED, vm.chunks().resolution(c));
        assertEquals(0, vm.conflictsLeftProperty().get());
        assertTrue(vm.canSaveProperty().get());

        // a deletion across the boundary of two chunks shortens both, loses nothing else
        int[] r2 = vm.chunks().resultRange(c);
        vm.chunks().userEdited(r2[0] - 2, 4, "");
        assertEquals("Shopping\nmilurdough\neggs\n\nNotes\nbuy early\n", vm.chunks().resultText());
    }

    @Test
    void differentWordsOfOneLineStayAConflictByDefault() {
        String b = "The meeting is on Monday at the office.\n";
        Note base = base(b);
        Note theirs = fx.save("alice", base, content(base, "The meeting is on Tuesday at the office.\n"));
        MergeDialogViewModel vm = open(base, content(base, "The meeting is on Monday at the cafe.\n"), theirs);

        // the engine proposes the word merge without applying it; until this dialog offers it, it is a conflict
        assertEquals(1, vm.conflictsTotalProperty().get());
        assertEquals(b, vm.chunks().resultText());
        assertFalse(vm.canSaveProperty().get());
    }

    @Test
    void anAcceptedWordMergeOfOneLineIsMarkedAsMergedBelowTheLineAndCanBeReopened() {
        String b = "The meeting is on Monday at the office.\n";
        Note base = base(b);
        Note theirs = fx.save("alice", base, content(base, "The meeting is on Tuesday at the office.\n"));
        MergeDialogViewModel vm = open(base, content(base, "The meeting is on Monday at the cafe.\n"), theirs,
                (x, y, z, o) -> merger.merge(x, y, z, MergeOptions.SUGGEST));

        assertEquals(0, vm.conflictsTotalProperty().get());
        assertEquals("The meeting is on Tuesday at the cafe.\n", vm.chunks().resultText());
        int resolved = -1;
        for (int i = 0; i < vm.chunks().chunkCount(); i++) {
            if (vm.chunks().chunkKind(i) == ChunkKind.RESOLVED) {
                resolved = i;
            }
        }
        assertTrue(resolved >= 0, "the engine marks the line as resolved below the line");
        assertFalse(vm.styles().words(Pane.RESULT, 0, vm.chunks().resultText().length()).isEmpty(), "who wrote which word is shown");

        vm.chunks().reopen(resolved);
        assertEquals(1, vm.conflictsLeftProperty().get());
        assertFalse(vm.canSaveProperty().get());
        vm.chunks().reset(resolved);
        assertEquals("The meeting is on Tuesday at the cafe.\n", vm.chunks().resultText());
        assertTrue(vm.canSaveProperty().get());
    }

    @Test
    void nextAndPreviousConflictWrapAroundAndTheCounterCountsDown() {
        String b = "a\nb\nc\nd\ne\nf\ng\n";
        Note base = base(b);
        Note theirs = fx.save("alice", base, content(base, "a\nB1\nc\nd\nE1\nf\ng\n"));
        MergeDialogViewModel vm = open(base, content(base, "a\nB2\nc\nd\nE2\nf\ng\n"), theirs);

        assertEquals("2 of 2 conflicts left", vm.counterProperty().get());
        int first = vm.chunks().currentChunkProperty().get();
        assertEquals(ChunkKind.CONFLICT, vm.chunks().chunkKind(first));
        vm.chunks().next();
        int second = vm.chunks().currentChunkProperty().get();
        assertTrue(second > first);
        vm.chunks().next();
        assertEquals(first, vm.chunks().currentChunkProperty().get(), "F7 wraps around");
        vm.chunks().previous();
        assertEquals(second, vm.chunks().currentChunkProperty().get(), "Shift+F7 wraps around");

        vm.chunks().useMine();
        assertEquals("1 of 2 conflicts left", vm.counterProperty().get());
        vm.chunks().next();
        assertEquals(first, vm.chunks().currentChunkProperty().get(), "only open conflicts are stops");
        vm.chunks().useTheirs();
        assertEquals("All 2 conflicts resolved", vm.counterProperty().get());
        assertEquals("a\nB1\nc\nd\nE2\nf\ng\n", vm.chunks().resultText());
    }

    @Test
    void aTitleConflictCountsAndIsResolvedLikeABodyConflict() {
        Note base = base(BASE);
        Note theirs = fx.save("alice", base, new NoteContent("Groceries", BASE, base.tags()));
        MergeDialogViewModel vm = open(base, new NoteContent("Errands", BASE, base.tags()), theirs);

        assertTrue(vm.title().isOpenConflict());
        assertEquals("1 of 1 conflict left", vm.counterProperty().get());
        assertFalse(vm.canSaveProperty().get());
        vm.title().useTheirs();
        assertEquals("Groceries", vm.title().resultProperty().get());
        assertTrue(vm.canSaveProperty().get());
        vm.title().reset();
        vm.title().resultProperty().set("Errands and groceries");
        assertEquals(Resolution.EDITED, vm.title().resolutionProperty().get());
        vm.saveMerged();
        assertEquals("Errands and groceries", fx.current(base.id()).title());
    }

    @Test
    void anUndoneAutomaticMergeCountsAsAConflictUntilItIsResetAndSaysSoWhenDecided() {
        String b = "The meeting is on Monday at the office.\n";
        Note base = base(b);
        Note theirs = fx.save("alice", base, content(base, "The meeting is on Tuesday at the office.\n"));
        MergeDialogViewModel vm = open(base, content(base, "The meeting is on Monday at the cafe.\n"), theirs,
                (x, y, z, o) -> merger.merge(x, y, z, MergeOptions.SUGGEST));
        int resolved = vm.chunks().currentChunkProperty().get();
        assertEquals(ChunkKind.RESOLVED, vm.chunks().chunkKind(resolved));

        vm.chunks().reopen();
        assertEquals("1 of 1 conflict left", vm.counterProperty().get());
        assertEquals("Both changed different words: merge undone (undecided), line 1", vm.chunks().descriptionProperty().get());
        vm.chunks().useMine();
        assertEquals("The conflict is resolved", vm.counterProperty().get());
        assertTrue(vm.canSaveProperty().get());
        vm.chunks().reset();
        assertEquals("No conflicts — 1 change merged automatically", vm.counterProperty().get());
    }

    @Test
    void f7VisitsTheTitleConflictBeforeTheBodysAndWrapsAroundThroughIt() {
        String b = "a\nb\nc\n";
        Note base = base(b);
        Note theirs = fx.save("alice", base, new NoteContent("Theirs", "a\nB1\nc\n", base.tags()));
        MergeDialogViewModel vm = open(base, new NoteContent("Mine", "a\nB2\nc\n", base.tags()), theirs);
        ChunksViewModel chunks = vm.chunks();
        assertEquals("2 of 2 conflicts left", vm.counterProperty().get());
        assertTrue(chunks.titleSelectedProperty().get(), "the first open conflict, in reading order, is the title");

        chunks.next();
        assertFalse(chunks.titleSelectedProperty().get());
        int body = chunks.currentChunkProperty().get();
        assertEquals(ChunkKind.CONFLICT, chunks.chunkKind(body));
        chunks.next();
        assertTrue(chunks.titleSelectedProperty().get(), "F7 wraps around through the title");
        chunks.previous();
        assertEquals(body, chunks.currentChunkProperty().get());
        chunks.previous();
        assertTrue(chunks.titleSelectedProperty().get(), "Shift+F7 too");

        chunks.useTheirs();
        assertEquals("Theirs", vm.title().resultProperty().get(), "with the title selected, Use theirs decides the title");
        assertEquals("a\nb\nc\n", chunks.resultText(), "and not the body");
        chunks.next();
        assertEquals(body, chunks.currentChunkProperty().get());
        chunks.next();
        assertFalse(chunks.titleSelectedProperty().get(), "a decided title is no stop while a conflict is open");
    }

    @Test
    void tagsMergeAsASet() {
        Note base = fx.create("alice", "List", BASE, List.of("home", "weekly", "old"));
        Note theirs = fx.save("alice", base, new NoteContent("List", BASE, List.of("home", "weekly", "urgent")));
        MergeDialogViewModel vm = open(base, new NoteContent("List", BASE + "x\n", List.of("home", "old", "mine")), theirs);

        assertEquals(List.of("home", "mine", "urgent"), vm.mergedContent().tags());
        assertTrue(vm.tagsTextProperty().get().contains("+urgent (theirs)"), vm.tagsTextProperty().get());
    }

    @Test
    void aThirdWriterMakesSaveStartANewRoundWithTheMergedTextAsMine() {
        Note base = base(BASE);
        Note theirs = fx.save("alice", base, content(base, BASE.replace("milk", "oat milk")));
        MergeDialogViewModel vm = open(base, content(base, BASE.replace("buy early", "buy late")), theirs);
        String merged = vm.chunks().resultText();
        Note carol = fx.save("carol", theirs, content(theirs, theirs.body().replace("eggs", "free-range eggs")));

        vm.saveMerged();

        assertTrue(outcomes.isEmpty(), "the dialog stays open");
        assertEquals(2, vm.round());
        assertEquals(theirs.etag(), vm.input().base().etag(), "base := previous theirs");
        assertEquals(merged, vm.input().mine().body(), "mine := merged text");
        assertEquals(carol.etag(), vm.ifMatch(), "theirs := the newest");
        assertTrue(vm.noticeProperty().get().contains("carol saved again"), vm.noticeProperty().get());
        vm.saveMerged();
        assertEquals("Shopping\noat milk\nbread\nfree-range eggs\n\nNotes\nbuy late\n",
                ((ConflictOutcome.Resolved) outcomes.get(0)).note().body());
    }

    @Test
    void keepMineSavesMyVersionAndTheirsStaysInTheHistory() {
        Note base = base(BASE);
        Note theirs = fx.save("alice", base, content(base, BASE.replace("bread", "rye")));
        NoteContent mine = content(base, BASE.replace("bread", "wheat"));
        MergeDialogViewModel vm = open(base, mine, theirs);
        assertTrue(vm.keepMineConfirmation().contains("history"));

        vm.keepMine();

        assertEquals(mine.body(), ((ConflictOutcome.Resolved) outcomes.get(0)).note().body());
        assertEquals(mine.body(), fx.current(base.id()).body());
        assertEquals(theirs.body(), ok(bob.version(base.id(), theirs.version())).body());
    }

    @Test
    void takeTheirsKeepsTheirTextAndRecordsMineInTheHistory() {
        Note base = base(BASE);
        Note theirs = fx.save("alice", base, content(base, BASE.replace("bread", "rye")));
        NoteContent mine = content(base, BASE.replace("bread", "wheat"));
        MergeDialogViewModel vm = open(base, mine, theirs);
        assertTrue(vm.takeTheirsConfirmation().contains("version " + (theirs.version() + 1)));

        vm.takeTheirs();

        Note now = ((ConflictOutcome.Resolved) outcomes.get(0)).note();
        assertEquals(theirs.body(), now.body());
        assertEquals(theirs.version() + 2, now.version());
        assertEquals(now.etag(), fx.current(base.id()).etag());
        assertEquals(mine.body(), ok(bob.version(base.id(), theirs.version() + 1)).body());
    }

    @Test
    void cancelEndsWithCancelledAndWritesNothing() {
        Note base = base(BASE);
        Note theirs = fx.save("alice", base, content(base, BASE.replace("bread", "rye")));
        MergeDialogViewModel vm = open(base, content(base, BASE.replace("bread", "wheat")), theirs);

        vm.cancel();
        vm.cancel();

        assertEquals(List.of(new ConflictOutcome.Cancelled()), outcomes, "done is called exactly once");
        assertEquals(theirs.etag(), fx.current(base.id()).etag());
    }

    @Test
    void aDeletedNoteCanBeRecreatedWithMyText() {
        Note base = base(BASE);
        ok(fx.client("alice").delete(base.id(), base.etag()));
        NoteContent mine = content(base, BASE + "more\n");
        MergeDialogViewModel vm = open(base, mine, null);

        assertEquals(Mode.DELETED, vm.modeProperty().get());
        assertEquals(mine.body(), vm.paneText(Pane.MINE));
        vm.recreate();

        Note recreated = ((ConflictOutcome.Resolved) outcomes.get(0)).note();
        assertEquals(base.id(), recreated.id());
        assertEquals(mine.body(), fx.current(base.id()).body());
    }

    @Test
    void aDeletedNoteCanBeDiscarded() {
        Note base = base(BASE);
        ok(fx.client("alice").delete(base.id(), base.etag()));
        MergeDialogViewModel vm = open(base, content(base, "x\n"), null);

        vm.discard();

        assertEquals(List.of(new ConflictOutcome.Discarded()), outcomes);
    }

    @Test
    void aNoteDeletedWhileMergingTurnsSaveIntoTheDeletedVariant() {
        Note base = base(BASE);
        Note theirs = fx.save("alice", base, content(base, BASE.replace("milk", "oat milk")));
        MergeDialogViewModel vm = open(base, content(base, BASE.replace("eggs", "6 eggs")), theirs);
        String merged = vm.chunks().resultText();
        ok(fx.client("alice").delete(theirs.id(), theirs.etag()));

        vm.saveMerged();

        assertEquals(Mode.DELETED, vm.modeProperty().get());
        assertEquals(merged, vm.paneText(Pane.MINE), "the merged text is what can be re-created");
        assertTrue(outcomes.isEmpty());
    }

    @Test
    void anUnreachableServerLeavesTheMergeAsItIsWithAReadableError(@TempDir Path own) {
        ServerFixture gone = new ServerFixture(own);
        Note base = gone.create("alice", "List", BASE, List.of());
        Note theirs = gone.save("alice", base, content(base, BASE.replace("milk", "oat milk")));
        MergeDialogViewModel vm = new MergeDialogViewModel(new WriteAtOnce(gone.client("bob")), Runnable::run, Runnable::run, merger);
        vm.setOnFinished(outcomes::add);
        vm.show(MergeInput.prepare(merger, base, content(base, BASE.replace("eggs", "6 eggs")), theirs));
        String merged = vm.chunks().resultText();
        gone.close();

        vm.saveMerged();

        assertTrue(outcomes.isEmpty());
        assertTrue(vm.errorProperty().get().contains("cannot be reached"), vm.errorProperty().get());
        assertEquals(merged, vm.chunks().resultText());
        assertTrue(vm.canSaveProperty().get(), "the user can try again");
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void panesScrollTogetherByChunk() {
        String b = "a\nb\nc\nd\n";
        Note base = base(b);
        Note theirs = fx.save("alice", base, content(base, "a\nt1\nt2\nt3\nt4\nc\nd\n"));
        MergeDialogViewModel vm = open(base, content(base, "a\nb\nc\nd\nmine tail\n"), theirs);

        // line "c" is line 2 in mine and line 5 in theirs
        assertEquals(5, vm.lines().mapLine(Pane.MINE, 2, Pane.THEIRS));
        assertEquals(2, vm.lines().mapLine(Pane.THEIRS, 5, Pane.MINE));
        assertEquals(1, vm.lines().mapLine(Pane.THEIRS, 3, Pane.MINE), "inside a changed chunk: the partner chunk");
        assertEquals(5, vm.lines().mapLine(Pane.MINE, 2, Pane.RESULT));
    }

    @Test
    void stylesMarkChunksByKindAndTheExactWords() {
        Note base = base(BASE);
        Note theirs = fx.save("alice", base, content(base, BASE.replace("bread", "rye bread")));
        MergeDialogViewModel vm = open(base, content(base, BASE.replace("bread", "white bread")), theirs);

        assertTrue(vm.styles().paragraphs(Pane.RESULT, vm.chunks().currentChunkProperty().get()).stream().anyMatch(p -> p.classes().contains("chunk-conflict")));
        assertTrue(vm.styles().paragraphs(Pane.MINE, vm.chunks().currentChunkProperty().get()).stream().anyMatch(p -> p.paragraph() == 2 && p.classes().contains("chunk-conflict")));
        List<PaneStyles.WordSpan> words = vm.styles().words(Pane.THEIRS, 0, vm.paneText(Pane.THEIRS).length());
        assertFalse(words.isEmpty());
        String marked = vm.paneText(Pane.THEIRS).substring(words.get(0).start(), words.get(0).end());
        assertTrue(marked.contains("rye"), marked);
        assertNull(vm.input().body().chunks().get(firstConflict(vm)).resultText());
    }

    @Test
    void nothingIsSavedWhileAConflictIsOpen() {
        Note base = base(BASE);
        Note theirs = fx.save("alice", base, content(base, BASE.replace("bread", "rye")));
        MergeDialogViewModel vm = open(base, content(base, BASE.replace("bread", "wheat")), theirs);

        vm.saveMerged();

        assertTrue(outcomes.isEmpty());
        assertEquals(theirs.etag(), fx.current(base.id()).etag());
        assertInstanceOf(Mode.class, vm.modeProperty().get());
        assertEquals(Mode.MERGE, vm.modeProperty().get());
    }
}
