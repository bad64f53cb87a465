package concord.ui.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.client.ApiResult;
import concord.merge.ChunkKind;
import concord.model.ETag;
import concord.model.Note;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merge dialog's sentences, without a window. */
class MergeDialogTextTest {

    private final MergeDialogText now = new MergeDialogText(false);
    private final MergeDialogText withSaveAll = new MergeDialogText(true);

    private static Note theirs(String by, String title) {
        return new Note("n", title, "body\n", List.of(), 7, new ETag("v7"), Instant.EPOCH, by);
    }

    @Test
    void theCounterSaysHowManyConflictsAreLeftOfHowMany() {
        assertEquals("2 of 5 conflicts left", now.counter(5, 2, 9));
        assertEquals("1 of 1 conflict left", now.counter(1, 1, 1));
        assertEquals("All 5 conflicts resolved", now.counter(5, 0, 9));
        assertEquals("The conflict is resolved", now.counter(1, 0, 4));
    }

    @Test
    void withoutConflictsTheCounterSaysHowManyChangesMergedOnTheirOwn() {
        assertEquals("No conflicts — 3 changes merged automatically", now.counter(0, 0, 3));
        assertEquals("No conflicts — 1 change merged automatically", now.counter(0, 0, 1));
    }

    @Test
    void theSelectedChangeIsDescribedByKindDecisionAndLine() {
        assertEquals("Conflict: both changed these lines (undecided), line 12",
                now.chunkDescription(ChunkKind.CONFLICT, Resolution.UNRESOLVED, 12));
        assertEquals("Changed by them (applied), line 3", now.chunkDescription(ChunkKind.THEIRS, Resolution.AUTO, 3));
        assertEquals("Unchanged text, line 1", now.chunkDescription(ChunkKind.UNCHANGED, Resolution.AUTO, 1));
        assertEquals("Conflict: both changed these lines → both, yours first, line 4",
                now.chunkDescription(ChunkKind.CONFLICT, Resolution.BOTH_MINE_FIRST, 4));
    }

    @Test
    void theTitlesStateSaysHowTheMergedTitleCameAbout() {
        assertEquals("conflict", now.titleState(Resolution.UNRESOLVED, ChunkKind.CONFLICT));
        assertEquals("theirs", now.titleState(Resolution.AUTO, ChunkKind.THEIRS));
        assertEquals("", now.titleState(Resolution.AUTO, ChunkKind.UNCHANGED));
        assertEquals("edited", now.titleState(Resolution.EDITED, ChunkKind.CONFLICT));
        assertEquals("decided", now.titleState(Resolution.THEIRS, ChunkKind.CONFLICT));
    }

    @Test
    void theHeadlineNamesWhoSavedWhichVersionOfWhichNote() {
        assertEquals("Alice saved version 7 of “Plan” while you were editing.", now.headline(theirs("Alice", "Plan")));
        assertEquals("Someone saved version 7 of “Untitled” while you were editing.", now.headline(theirs(null, " ")));
    }

    @Test
    void confirmationsNameTheOtherAuthorOrSayTheOther() {
        assertTrue(now.keepMineConfirmation(theirs("alice", "Plan")).startsWith("Save your version over alice’s changes?"));
        assertTrue(now.keepMineConfirmation(theirs("alice", "Plan")).contains("\n\nalice’s version (version 7) is not lost"),
                "a name keeps its own spelling at the start of a sentence");
        assertTrue(now.keepMineConfirmation(theirs("", "Plan")).contains("\n\nThe other version (version 7)"));
        assertTrue(now.takeTheirsConfirmation(theirs("Bob", "Plan")).contains("(as version 8), then makes Bob’s text current again (version 9)"));
    }

    @Test
    void withSaveAllTheDialogSaysNothingIsWrittenYet() {
        assertEquals("_Save merged", now.saveLabel());
        assertEquals("U_se merged", withSaveAll.saveLabel(), "the same mnemonic letter");
        assertNull(now.roundNotice());
        assertTrue(withSaveAll.roundNotice().startsWith("Save all: nothing is written"));
        assertTrue(withSaveAll.keepMineConfirmation(theirs("Bob", "Plan")).contains("Nothing is saved yet"));
        assertEquals("Use my version", withSaveAll.keepMineConfirmButton());
        assertEquals("Save my version", now.keepMineConfirmButton());
        assertTrue(withSaveAll.takeTheirsConfirmation(theirs("Bob", "Plan")).contains("Nothing is written for this note"));
        assertTrue(withSaveAll.deletedNotice().endsWith("Nothing is written until every note of Save all is resolved."));
        assertTrue(now.deletedNotice().endsWith("Re-create the note with it, or discard it."));
    }

    @Test
    void aFailedWriteSaysWhyAndThatTheMergeIsStillThere() {
        assertEquals("The server cannot be reached (refused). Nothing was saved; your merge is still here. Try again.",
                now.failure(new ApiResult.Unreachable<>("refused")));
        assertEquals("The server rejected the note (400): too long", now.failure(new ApiResult.Invalid<>(400, "too long")));
    }

    @Test
    void theDeletedNoteHeadlineNamesWhoDeletedItWhenTheServerSaid() {
        MergeDialogText text = new MergeDialogText(false);
        assertEquals("Alice deleted this note while you were editing it.", text.deletedHeadline("Alice"));
        assertEquals("This note was deleted on the server while you were editing it.", text.deletedHeadline(null));
    }
}
