package concord.ui.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import concord.merge.HistogramMerger;
import concord.merge.MergeResult;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The Result pane's segments follow every edit: their concatenation is always exactly the typed text. */
class ResultDocumentTest {

    private static final MergeResult MERGE = new HistogramMerger().merge(
            "one\ntwo\nthree\nfour\nfive\n",
            "one\n2\nthree\nfour\nfive\nsix\n",
            "zero\none\ntwo!\nthree\n4\nfive\n");

    @Property(tries = 300)
    void segmentsAlwaysConcatenateToTheEditedText(@ForAll @IntRange(min = 0, max = 40) int a,
                                                  @ForAll @IntRange(min = 0, max = 40) int b,
                                                  @ForAll @StringLength(max = 6) String inserted,
                                                  @ForAll @IntRange(min = 0, max = 40) int c,
                                                  @ForAll @IntRange(min = 0, max = 40) int d) {
        ResultDocument doc = new ResultDocument(MERGE);
        StringBuilder reference = new StringBuilder(doc.text());
        for (int[] edit : new int[][] {{a, b}, {c, d}}) {
            int pos = Math.min(edit[0], reference.length());
            int len = Math.min(edit[1] % 7, reference.length() - pos);
            doc.applyEdit(pos, len, inserted);
            reference.replace(pos, pos + len, inserted);
            assertEquals(reference.toString(), doc.text());
            assertEquals(reference.length(), doc.starts()[doc.size()]);
        }
    }

    @Test
    void typingIntoAnEmptyConflictGoesIntoTheConflict() {
        MergeResult r = new HistogramMerger().merge("a\nb\n", "a\nmine\nb\n", "a\ntheirs\nb\n");
        ResultDocument doc = new ResultDocument(r);
        int conflict = -1;
        for (int i = 0; i < doc.size(); i++) {
            if (doc.isOpenConflict(i)) {
                conflict = i;
            }
        }
        assertEquals("", doc.text(conflict), "both inserted at the same place: nothing of base to show");
        doc.applyEdit(2, 0, "ours\n");
        assertEquals("ours\n", doc.text(conflict));
        assertEquals(Resolution.EDITED, doc.resolution(conflict));
        assertEquals("a\nours\nb\n", doc.text());
    }

    @Test
    void typingAtTheEndOfAnUnfinishedLineContinuesThatLine() {
        MergeResult r = new HistogramMerger().merge("a\nb\nc", "a\nB\nc", "a\nb\nc");
        ResultDocument doc = new ResultDocument(r);
        int last = doc.size() - 1;
        doc.applyEdit(doc.length(), 0, "!");
        assertEquals("a\nB\nc!", doc.text());
        assertEquals(Resolution.EDITED, doc.resolution(last));
    }
}
