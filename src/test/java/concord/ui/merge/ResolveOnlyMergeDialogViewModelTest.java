package concord.ui.merge;

import static concord.ui.merge.ServerFixture.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.merge.ChunkKind;
import concord.merge.HistogramMerger;
import concord.model.Note;
import concord.model.NoteContent;
import concord.ui.conflict.ConflictOutcome;
import concord.ui.conflict.WriteAtOnce;
import concord.ui.conflict.WriteWithSaveAll;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialog's resolve-only mode (Save all): every decision comes back as an outcome and nothing reaches the
 * server. Against a real embedded server, so "nothing written" is checked where it matters.
 */
class ResolveOnlyMergeDialogViewModelTest {

    private static final String BASE = "Shopping\nmilk\nbread\neggs\n";

    @TempDir
    static Path dir;
    private static ServerFixture fx;
    private final HistogramMerger merger = new HistogramMerger();
    private final List<ConflictOutcome> outcomes = new ArrayList<>();

    @BeforeAll
    static void start() {
        fx = new ServerFixture(dir);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private MergeDialogViewModel open(Note base, NoteContent mine, Note theirs) {
        MergeDialogViewModel vm = new MergeDialogViewModel(new WriteWithSaveAll(), Runnable::run, Runnable::run, merger);
        vm.setOnFinished(outcomes::add);
        vm.show(MergeInput.prepare(merger, base, mine, theirs));
        return vm;
    }

    private static NoteContent content(Note n, String body) {
        return new NoteContent(n.title(), body, n.tags());
    }

    /** Alice's base, Bob's newer version over it, and Alice's unsaved edit of another line. */
    private record Conflict(Note base, Note theirs, NoteContent mine) {
    }

    private Conflict cleanConflict() {
        Note base = fx.create("alice", "List", BASE, List.of("home"));
        Note theirs = fx.save("bob", base, content(base, BASE.replace("milk", "oat milk")));
        return new Conflict(base, theirs, content(base, BASE.replace("eggs", "6 eggs")));
    }

    @Test
    void useMergedHandsBackTheMergedTextAgainstTheirsAndWritesNothing() {
        Conflict c = cleanConflict();
        MergeDialogViewModel vm = open(c.base(), c.mine(), c.theirs());

        assertEquals("U_se merged", vm.saveLabelProperty().get(), "same mnemonic letter as Save merged");
        assertTrue(vm.noticeProperty().get().startsWith("Save all: nothing is written"), vm.noticeProperty().get());
        vm.saveMerged();

        ConflictOutcome.Merged merged = assertInstanceOf(ConflictOutcome.Merged.class, outcomes.get(0));
        assertEquals("Shopping\noat milk\nbread\n6 eggs\n", merged.content().body());
        assertEquals(c.theirs(), merged.theirs());
        assertEquals(c.theirs(), fx.current(c.base().id()), "nothing written");
        assertEquals(MergeDialogViewModel.Mode.FINISHED, vm.modeProperty().get());
    }

    @Test
    void keepMineHandsBackMineAgainstTheirsAndWritesNothing() {
        Conflict c = cleanConflict();
        MergeDialogViewModel vm = open(c.base(), c.mine(), c.theirs());

        assertTrue(vm.keepMineConfirmation().contains("Nothing is saved yet"), vm.keepMineConfirmation());
        assertEquals("Use my version", vm.keepMineConfirmButton());
        vm.keepMine();

        assertEquals(List.of(new ConflictOutcome.Merged(c.mine(), c.theirs())), outcomes);
        assertEquals(c.theirs(), fx.current(c.base().id()), "nothing written");
    }

    @Test
    void takeTheirsResolvesToTheirVersionWithoutWritingMineToTheHistory() {
        Conflict c = cleanConflict();
        MergeDialogViewModel vm = open(c.base(), c.mine(), c.theirs());

        assertTrue(vm.takeTheirsConfirmation().contains("Nothing is written for this note"), vm.takeTheirsConfirmation());
        vm.takeTheirs();

        assertEquals(List.of(new ConflictOutcome.Resolved(c.theirs())), outcomes);
        assertEquals(c.theirs(), fx.current(c.base().id()), "no history version of mine either");
        assertEquals(c.theirs().version(), ok(fx.client("reader").versions(c.base().id())).size());
    }

    @Test
    void aConflictStillBlocksUseMergedUntilDecided() {
        Note base = fx.create("alice", "List", BASE, List.of());
        Note theirs = fx.save("bob", base, content(base, BASE.replace("bread", "rye bread")));
        MergeDialogViewModel vm = open(base, content(base, BASE.replace("bread", "baguette")), theirs);
        int conflict = -1;
        for (int i = 0; i < vm.chunks().chunkCount(); i++) {
            if (vm.chunks().chunkKind(i) == ChunkKind.CONFLICT) {
                conflict = i;
            }
        }

        vm.saveMerged();
        assertTrue(outcomes.isEmpty(), "an open conflict cannot be used");
        vm.chunks().useBoth(conflict, true);
        vm.saveMerged();

        ConflictOutcome.Merged merged = assertInstanceOf(ConflictOutcome.Merged.class, outcomes.get(0));
        assertEquals("Shopping\nmilk\nbaguette\nrye bread\neggs\n", merged.content().body());
        assertEquals(theirs, fx.current(base.id()));
    }

    @Test
    void reCreatingADeletedNoteHandsBackACreateAndWritesNothing() {
        Note base = fx.create("alice", "List", BASE, List.of());
        ok(fx.client("bob").delete(base.id(), base.etag()));
        NoteContent mine = content(base, BASE + "more\n");
        MergeDialogViewModel vm = open(base, mine, null);

        vm.recreate();

        ConflictOutcome.Merged merged = assertInstanceOf(ConflictOutcome.Merged.class, outcomes.get(0));
        assertTrue(merged.recreate());
        assertNull(merged.theirs());
        assertEquals(mine, merged.content());
        assertFalse(ok(fx.client("reader").list()).stream().anyMatch(s -> s.id().equals(base.id())), "still deleted");
    }

    @Test
    void theNormalModeStillSavesAndSaysSave() {
        Conflict c = cleanConflict();
        MergeDialogViewModel vm = new MergeDialogViewModel(new WriteAtOnce(fx.client("alice")), Runnable::run, Runnable::run, merger);
        vm.setOnFinished(outcomes::add);
        vm.show(MergeInput.prepare(merger, c.base(), c.mine(), c.theirs()));

        assertEquals("_Save merged", vm.saveLabelProperty().get());
        vm.saveMerged();

        Note saved = assertInstanceOf(ConflictOutcome.Resolved.class, outcomes.get(0)).note();
        assertEquals(saved, fx.current(c.base().id()));
        assertEquals(c.theirs().version() + 1, saved.version());
    }
}
