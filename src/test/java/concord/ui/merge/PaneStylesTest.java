package concord.ui.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.merge.ChunkKind;
import concord.merge.HistogramMerger;
import concord.merge.MergeOptions;
import concord.ui.merge.PaneStyles.ParagraphStyle;
import concord.ui.merge.PaneStyles.WordSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which lines and words of a pane get which style class, without a window. */
class PaneStylesTest {

    private static final String BASE = "Shopping\nmilk\nbread\neggs\n";
    private final HistogramMerger merger = new HistogramMerger();

    private ResultDocument merge(String base, String mine, String theirs) {
        return new ResultDocument(merger.merge(base, mine, theirs));
    }

    /** The merge with its word-level suggestions accepted: the engine's default leaves them as conflicts. */
    private ResultDocument mergeAccepted(String base, String mine, String theirs) {
        return new ResultDocument(merger.merge(base, mine, theirs, MergeOptions.SUGGEST));
    }

    private static PaneStyles styles(ResultDocument d) {
        return new PaneStyles(d, new LineMap(d));
    }

    private static int first(ResultDocument d, ChunkKind kind) {
        for (int i = 0; i < d.size(); i++) {
            if (d.chunk(i).kind() == kind) {
                return i;
            }
        }
        throw new AssertionError("no " + kind);
    }

    private static String covered(String text, List<WordSpan> spans, String styleClass) {
        StringBuilder sb = new StringBuilder();
        for (WordSpan w : spans) {
            if (w.styleClass().equals(styleClass)) {
                sb.append(text, w.start(), w.end()).append('|');
            }
        }
        return sb.toString();
    }

    @Test
    void aConflictsLinesAreMarkedInEveryPaneAndTheCurrentChunkIsMarkedToo() {
        ResultDocument d = merge(BASE, BASE.replace("bread", "white bread"), BASE.replace("bread", "rye bread"));
        int conflict = first(d, ChunkKind.CONFLICT);

        assertEquals(List.of(new ParagraphStyle(2, List.of("chunk-conflict"))), styles(d).paragraphs(Pane.MINE, -1));
        assertEquals(List.of(new ParagraphStyle(2, List.of("chunk-conflict", "chunk-current"))),
                styles(d).paragraphs(Pane.THEIRS, conflict));
        assertEquals(List.of(new ParagraphStyle(2, List.of("chunk-conflict"))), styles(d).paragraphs(Pane.RESULT, -1),
                "an open conflict in the result");
    }

    @Test
    void theResultShowsHowEachConflictWasDecided() {
        ResultDocument d = merge(BASE, BASE.replace("bread", "white bread"), BASE.replace("bread", "rye bread"));
        int conflict = first(d, ChunkKind.CONFLICT);

        d.set(conflict, "rye bread\n", Resolution.THEIRS);
        assertEquals(List.of(new ParagraphStyle(2, List.of("chunk-chosen"))), styles(d).paragraphs(Pane.RESULT, -1));
        d.set(conflict, "brown bread\n", Resolution.EDITED);
        assertEquals(List.of(new ParagraphStyle(2, List.of("chunk-edited"))), styles(d).paragraphs(Pane.RESULT, -1));
        assertEquals(List.of(new ParagraphStyle(2, List.of("chunk-conflict"))), styles(d).paragraphs(Pane.MINE, -1),
                "a side keeps saying what the change was");
    }

    @Test
    void aChangeWithNoLinesOnASideIsARuleBetweenItsNeighbours() {
        String base = "a\nb\nc\n";
        ResultDocument middle = merge(base, "a\nc\n", base);
        assertEquals(List.of(new ParagraphStyle(1, List.of("chunk-mine-gap", "gap-before"))),
                styles(middle).paragraphs(Pane.MINE, -1), "above the line that followed it");
        assertEquals(List.of(new ParagraphStyle(1, List.of("chunk-mine"))), styles(middle).paragraphs(Pane.THEIRS, -1));

        ResultDocument end = merge(base, "a\nb\n", base);
        assertEquals(List.of(new ParagraphStyle(1, List.of("chunk-mine-gap", "gap-after"))),
                styles(end).paragraphs(Pane.MINE, -1), "below the last line");
    }

    @Test
    void theSidesMarkTheExactWordsThatDiffer() {
        String mine = BASE.replace("bread", "white bread");
        String theirs = BASE.replace("bread", "rye bread");
        ResultDocument d = merge(BASE, mine, theirs);

        List<WordSpan> words = styles(d).words(Pane.THEIRS, 0, theirs.length());
        assertTrue(covered(theirs, words, "word-conflict").contains("rye"), words.toString());
        assertTrue(covered(mine, styles(d).words(Pane.MINE, 0, mine.length()), "word-conflict").contains("white"));
    }

    @Test
    void theResultMarksWhoWroteWhichWordOfAnAutomaticMerge() {
        String base = "The meeting is on Monday at the office.\n";
        ResultDocument d = mergeAccepted(base, "The meeting is on Monday at the cafe.\n", "The meeting is on Tuesday at the office.\n");
        String result = d.text();
        assertEquals("The meeting is on Tuesday at the cafe.\n", result);

        List<WordSpan> words = styles(d).words(Pane.RESULT, 0, result.length());

        assertEquals("Tuesday|", covered(result, words, "word-theirs"));
        assertEquals("cafe|", covered(result, words, "word-mine"));
        d.set(first(d, ChunkKind.RESOLVED), result, Resolution.EDITED);
        assertEquals(List.of(), styles(d).words(Pane.RESULT, 0, result.length()), "no authors for a hand edit");
    }

    @Test
    void aSuggestionIsStyledAsAProposalApartFromADecisionWithItsAuthorsUnderlined() {
        String base = "The meeting is on Monday at the office.\n";
        ResultDocument d = merge(base, "The meeting is on Monday at the cafe.\n", "The meeting is on Tuesday at the office.\n");
        int c = first(d, ChunkKind.CONFLICT);
        String result = d.text();
        assertEquals("The meeting is on Tuesday at the cafe.\n", result, "pre-filled with the suggestion");

        assertEquals(List.of(new ParagraphStyle(0, List.of("chunk-suggested"))), styles(d).paragraphs(Pane.RESULT, -1));
        assertEquals(List.of(new ParagraphStyle(0, List.of("chunk-conflict"))), styles(d).paragraphs(Pane.MINE, -1),
                "a side still shows a conflict");
        List<WordSpan> words = styles(d).words(Pane.RESULT, 0, result.length());
        assertEquals("Tuesday|", covered(result, words, "word-theirs-suggested"));
        assertEquals("cafe|", covered(result, words, "word-mine-suggested"));

        d.set(c, result, Resolution.ACCEPTED);
        assertEquals(List.of(new ParagraphStyle(0, List.of("chunk-chosen"))), styles(d).paragraphs(Pane.RESULT, -1),
                "accepted, it looks decided");
        assertEquals("cafe|", covered(result, styles(d).words(Pane.RESULT, 0, result.length()), "word-mine-suggested"));
    }

    @Test
    void gutterArrowsMarkTheFirstLineOfEveryChangeBothSidesMadeOnEachSide() {
        String base = "a\nb\nc\nd\ne\nf\n";
        // b: a conflict (mine two lines); d: only theirs; f: mine deleted it, theirs changed it
        ResultDocument d = merge(base, "a\nB1\nB1'\nc\nd\ne\n", "a\nB2\nc\nD\ne\nF\n");
        int[] mine = styles(d).gutterArrows(Pane.MINE);
        int[] theirs = styles(d).gutterArrows(Pane.THEIRS);
        int b = d.chunk(1).isConflict() ? 1 : -99;

        assertEquals(6, mine.length, "one entry per line of mine");
        assertEquals(b, mine[1], "the conflict's first line");
        assertEquals(-1, mine[2], "only its first line");
        assertEquals(-1, mine[4], "no arrow where only theirs changed");
        int f = d.size() - 1;
        assertTrue(d.chunk(f).isConflict(), "f is a conflict: deleted by mine, changed by theirs");
        assertEquals(f, mine[5], "a change with no lines of mine: the arrow goes where its gap is drawn (after e)");
        assertEquals(b, theirs[1]);
        assertEquals(-1, theirs[3], "theirs' own change to d is already in the result");
        assertEquals(f, theirs[5]);
    }

    @Test
    void wordsAreCutToTheAskedRangeSortedAndApart() {
        String base = "The meeting is on Monday at the office.\n";
        ResultDocument d = mergeAccepted(base, "The meeting is on Monday at the cafe.\n", "The meeting is on Tuesday at the office.\n");
        int tuesday = d.text().indexOf("Tuesday");

        List<WordSpan> words = styles(d).words(Pane.RESULT, tuesday + 3, d.text().length());

        assertEquals(tuesday + 3, words.get(0).start(), "cut at the start of the range");
        for (int i = 1; i < words.size(); i++) {
            assertTrue(words.get(i - 1).end() <= words.get(i).start(), words.toString());
        }
    }

    @Test
    void withoutARoundThereAreNoStyles() {
        assertEquals(List.of(), PaneStyles.NONE.paragraphs(Pane.RESULT, 0));
        assertEquals(List.of(), PaneStyles.NONE.words(Pane.MINE, 0, 100));
    }
}
