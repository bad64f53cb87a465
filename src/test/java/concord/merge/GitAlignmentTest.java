package concord.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where the histogram alignment conflicts and a Myers alignment (git merge-file's algorithm) does not. */
class GitAlignmentTest {

    private final HistogramMerger merger = new HistogramMerger();

    /**
     * Both sides delete one of two blank lines; theirs also adds one at the top. The histogram diffs delete
     * different blank lines (so the deletions touch theirs' insertion: a conflict); Myers' diffs delete the same
     * one, which both sides then did alike.
     */
    @Test
    void aConflictOnlyTheHistogramAlignmentSeesIsMergedTheMyersWay() {
        String base = "b\n\n\n";
        String mine = "b\n\n";
        String theirs = "\nb\n\n";
        assertTrue(!merger.merge(base, mine, theirs, MergeOptions.LINE_ONLY).isClean());
        MergeResult myers = merger.merge(base, mine, theirs, MergeOptions.LINE_ONLY.withLineDiff(LineDiff.MYERS));
        assertEquals("\nb\n\n", myers.cleanText());
        assertEquals(myers, merger.merge(base, mine, theirs));
        assertEquals(myers, merger.merge(base, mine, theirs, MergeOptions.SUGGEST));
    }

    @Test
    void withoutRefinementTheLineDiffChosenIsTheOneUsed() {
        String base = "b\n\n\n";
        String mine = "b\n\n";
        String theirs = "\nb\n\n";
        assertEquals(1, merger.merge(base, mine, theirs, MergeOptions.LINE_ONLY).conflictCount());
    }

    @Test
    void aMergeTooLargeForTheMyersBudgetKeepsTheHistogramResult() {
        // the three lines above at the top, then 3,000 lines mine rewrites: (6,000 lines) x (6,000 edited) > budget
        String keep = "keep one\nkeep two\nkeep three\nkeep four\n";
        StringBuilder b = new StringBuilder("b\n\n\n" + keep);
        StringBuilder m = new StringBuilder("b\n\n" + keep);
        StringBuilder t = new StringBuilder("\nb\n\n" + keep);
        for (int i = 0; i < 3_000; i++) {
            b.append("line ").append(i).append('\n');
            m.append("mine ").append(i).append('\n');
            t.append("line ").append(i).append('\n');
        }
        MergeOptions myers = MergeOptions.LINE_ONLY.withLineDiff(LineDiff.MYERS);
        assertTrue(merger.merge(b.toString(), m.toString(), t.toString(), myers).isClean());
        MergeResult line = merger.merge(b.toString(), m.toString(), t.toString(), MergeOptions.LINE_ONLY);
        assertEquals(1, line.conflictCount());
        assertEquals(1, merger.merge(b.toString(), m.toString(), t.toString()).conflictCount());
    }
}
