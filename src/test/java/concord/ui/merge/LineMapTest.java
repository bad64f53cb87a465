package concord.ui.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import concord.merge.HistogramMerger;
import org.junit.jupiter.api.Test;

/** The panes' line alignment, without a window: chunk by chunk, from the engine's ranges and the result's text. */
class LineMapTest {

    /** Theirs rewrote b into four lines, mine added a last line: chunks a | b→t1..t4 | c d | +mine tail. */
    private final ResultDocument document = new ResultDocument(new HistogramMerger().merge(
            "a\nb\nc\nd\n", "a\nb\nc\nd\nmine tail\n", "a\nt1\nt2\nt3\nt4\nc\nd\n"));
    private final LineMap lines = new LineMap(document);

    @Test
    void eachPaneCountsItsOwnLinesPerChunk() {
        assertArrayEquals(new int[] {0, 1, 2, 4, 5}, lines.lineStarts(Pane.MINE));
        assertArrayEquals(new int[] {0, 1, 2, 4, 4}, lines.lineStarts(Pane.BASE));
        assertArrayEquals(new int[] {0, 1, 5, 7, 7}, lines.lineStarts(Pane.THEIRS));
        assertArrayEquals(new int[] {0, 1, 5, 7, 8}, lines.lineStarts(Pane.RESULT));
        assertEquals(5, lines.firstLine(Pane.THEIRS, 2));
    }

    @Test
    void aLineMapsToTheSameChunkInAnotherPaneNotToTheSameLineNumber() {
        // line "c" is line 2 in mine and line 5 in theirs
        assertEquals(5, lines.mapLine(Pane.MINE, 2, Pane.THEIRS));
        assertEquals(2, lines.mapLine(Pane.THEIRS, 5, Pane.MINE));
        assertEquals(5, lines.mapLine(Pane.MINE, 2, Pane.RESULT));
    }

    @Test
    void insideAChangeALineMapsToTheSameRelativePlaceOfItsPartner() {
        assertEquals(1, lines.mapLine(Pane.THEIRS, 3, Pane.MINE), "4 lines in theirs face 1 in mine");
        assertEquals(1, lines.mapLine(Pane.MINE, 1, Pane.THEIRS), "the first line faces the first line");
        assertEquals(3, lines.mapLine(Pane.THEIRS, 3, Pane.RESULT), "the result took theirs: one for one");
    }

    @Test
    void linesPastTheLastChunkContinueOneForOne() {
        assertEquals(102, lines.mapLine(Pane.MINE, 100, Pane.THEIRS));
    }

    @Test
    void aLineBelongsToTheChunkWhoseLinesHoldItAndPastTheEndToTheLastChunk() {
        assertEquals(0, lines.chunkAtLine(Pane.THEIRS, 0));
        assertEquals(1, lines.chunkAtLine(Pane.THEIRS, 3));
        assertEquals(2, lines.chunkAtLine(Pane.THEIRS, 6));
        assertEquals(3, lines.chunkAtLine(Pane.MINE, 4));
        assertEquals(3, lines.chunkAtLine(Pane.MINE, 99));
    }

    @Test
    void theResultsLinesFollowItsTextOnceToldItChanged() {
        int end = document.start(1) + document.text(1).length();
        document.applyEdit(end - 1, 0, "\nand one more");

        lines.resultChanged();

        assertArrayEquals(new int[] {0, 1, 6, 8, 9}, lines.lineStarts(Pane.RESULT));
        assertArrayEquals(new int[] {0, 1, 5, 7, 7}, lines.lineStarts(Pane.THEIRS), "the sides do not move");
    }

    @Test
    void withoutChunksEveryLineMapsToItselfAndBelongsToNoChunk() {
        assertEquals(7, LineMap.NONE.mapLine(Pane.MINE, 7, Pane.THEIRS));
        assertEquals(-1, LineMap.NONE.chunkAtLine(Pane.RESULT, 0));
    }

    @Test
    void aLastLineWithoutALineBreakCountsAsALine() {
        assertEquals(0, LineMap.lineCount(""));
        assertEquals(1, LineMap.lineCount("a\n"));
        assertEquals(2, LineMap.lineCount("a\nb"));
        assertEquals(2, LineMap.lineCount("a\n\n"));
    }
}
