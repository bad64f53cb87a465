package concord.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The formatter on hand-built results: no engine involved, so every expectation is git's rule applied by hand. */
class ConflictMarkerFormatterTest {

    private static final ConflictMarkerFormatter MERGE = new ConflictMarkerFormatter(MarkerStyle.MERGE, "mine", "base", "theirs");
    private static final ConflictMarkerFormatter DIFF3 = new ConflictMarkerFormatter(MarkerStyle.DIFF3, "mine", "base", "theirs");
    private static final ConflictMarkerFormatter ZDIFF3 = new ConflictMarkerFormatter(MarkerStyle.ZDIFF3, "mine", "base", "theirs");

    @Test
    void cleanResultIsTheConcatenationOfResultTexts() {
        MergeResult r = new Chunks().same("a\n").mine("b\n", "B\n").theirs("c\n", "C\n").bothSame("d\n", "D\n").build();
        assertEquals("a\nB\nC\nD\n", MERGE.format(r));
        assertEquals(new MarkerOutput("a\nB\nC\nD\n", 0), DIFF3.render(r));
    }

    @Test
    void mergeStyleShowsMineThenTheirsWithLabels() {
        MergeResult r = new Chunks().same("a\n").conflict("b\n", "B1\n", "B2\n").same("c\n").build();
        assertEquals("a\n<<<<<<< mine\nB1\n=======\nB2\n>>>>>>> theirs\nc\n", MERGE.format(r));
    }

    @Test
    void diff3StyleAddsTheBaseWithItsLabel() {
        MergeResult r = new Chunks().same("a\n").conflict("b\n", "B1\n", "B2\n").same("c\n").build();
        assertEquals("a\n<<<<<<< mine\nB1\n||||||| base\nb\n=======\nB2\n>>>>>>> theirs\nc\n", DIFF3.format(r));
    }

    @Test
    void nullLabelsLeaveBareMarkersAndEmptyLabelsKeepTheSpace() {
        MergeResult r = new Chunks().conflict("b\n", "B1\n", "B2\n").build();
        assertEquals("<<<<<<<\nB1\n|||||||\nb\n=======\nB2\n>>>>>>>\n",
                new ConflictMarkerFormatter(MarkerStyle.DIFF3, null, null, null).format(r));
        assertEquals("<<<<<<< \nB1\n||||||| \nb\n=======\nB2\n>>>>>>> \n",
                new ConflictMarkerFormatter(MarkerStyle.DIFF3, "", "", "").format(r));
    }

    @Test
    void markerSizeChangesEveryMarkerAndZeroMeansSeven() {
        MergeResult r = new Chunks().conflict("b\n", "B1\n", "B2\n").build();
        assertEquals("<<< mine\nB1\n||| base\nb\n===\nB2\n>>> theirs\n", DIFF3.withMarkerSize(3).format(r));
        assertEquals(DIFF3.format(r), DIFF3.withMarkerSize(0).format(r));
    }

    @Test
    void crlfFilesGetCrlfMarkers() {
        MergeResult r = new Chunks().same("a\r\n").conflict("b\r\n", "B1\r\n", "B2\r\n").same("c\r\n").build();
        assertEquals("a\r\n<<<<<<< mine\r\nB1\r\n||||||| base\r\nb\r\n=======\r\nB2\r\n>>>>>>> theirs\r\nc\r\n",
                DIFF3.format(r));
    }

    @Test
    void oneSideWithLfBeforeTheConflictMakesMarkersLf() {
        // the line before the conflict is CRLF in mine, LF in theirs: git needs all three to agree on CRLF
        MergeResult r = new Chunks()
                .chunk(ChunkKind.THEIRS, "a\r\n", "a\r\n", "a\n", "a\n")
                .conflict("b\r\n", "B1\r\n", "B2\n").build();
        assertEquals("a\n<<<<<<< mine\nB1\r\n=======\nB2\n>>>>>>> theirs\n", MERGE.format(r));
    }

    @Test
    void conflictAtTheStartLooksAtTheFirstLinesOfTheSides() {
        MergeResult r = new Chunks().conflict("b\r\n", "B1\r\n", "B2\r\n").same("c\r\n").build();
        assertEquals("<<<<<<< mine\r\nB1\r\n=======\r\nB2\r\n>>>>>>> theirs\r\nc\r\n", MERGE.format(r));
    }

    @Test
    void baseWithLfFirstLineVetoesCrlf() {
        MergeResult r = new Chunks().conflict("b\n", "B1\r\n", "B2\r\n").build();
        assertEquals("<<<<<<< mine\nB1\r\n=======\nB2\r\n>>>>>>> theirs\n", MERGE.format(r));
    }

    @Test
    void emptyBaseLeavesTheEndOfLineUndecidedWhichGitSettlesAsLf() {
        // checked with git 2.39: an empty base cannot tell, and "undecided" falls back to LF
        MergeResult r = new Chunks().conflict("", "x\r\n", "y\r\n").build();
        assertEquals("<<<<<<< mine\nx\r\n||||||| base\n=======\ny\r\n>>>>>>> theirs\n", DIFF3.format(r));
    }

    @Test
    void missingFinalNewlineInsideAConflictIsAddedBeforeTheNextMarker() {
        MergeResult r = new Chunks().same("a\n").conflict("b", "B1", "B2").build();
        assertEquals("a\n<<<<<<< mine\nB1\n||||||| base\nb\n=======\nB2\n>>>>>>> theirs\n", DIFF3.format(r));
    }

    @Test
    void addedNewlineIsCrlfWhenTheMarkersAre() {
        MergeResult r = new Chunks().same("a\r\n").conflict("b", "B1", "B2").build();
        assertEquals("a\r\n<<<<<<< mine\r\nB1\r\n=======\r\nB2\r\n>>>>>>> theirs\r\n", MERGE.format(r));
    }

    @Test
    void lastLineWithoutNewlineBeforeTheConflictIsJudgedByTheLineBeforeIt() {
        // mine ends "a\r\nb" (no newline) right before a conflict where mine adds nothing
        MergeResult r = new Chunks()
                .same("a\r\n")
                .chunk(ChunkKind.THEIRS, "b", "b", "b\r\n", "b\r\n")
                .conflict("", "", "x\r\n").build();
        assertEquals("a\r\nb\r\n<<<<<<< mine\r\n=======\r\nx\r\n>>>>>>> theirs\r\n", MERGE.format(r));
    }

    @Test
    void emptySideShowsNothingBetweenItsMarkers() {
        MergeResult r = new Chunks().same("a\n").conflict("b\n", "", "B2\n").build();
        assertEquals("a\n<<<<<<< mine\n||||||| base\nb\n=======\nB2\n>>>>>>> theirs\n", DIFF3.format(r));
    }

    @Test
    void mergeStyleMovesLinesBothSidesShareOutOfTheConflict() {
        MergeResult r = new Chunks().conflict("b\n", "same\nB1\nend\n", "same\nB2\nend\n").build();
        MarkerOutput out = MERGE.render(r);
        assertEquals("same\n<<<<<<< mine\nB1\n=======\nB2\n>>>>>>> theirs\nend\n", out.text());
        assertEquals(1, out.conflicts());
    }

    @Test
    void mergeStyleDropsAConflictWhoseSidesAreEqual() {
        MergeResult r = new Chunks().same("a\n").conflict("b\n", "X\nY\n", "X\nY\n").same("c\n").build();
        assertEquals(new MarkerOutput("a\nX\nY\nc\n", 0), MERGE.render(r));
        // diff3 shows it, as git does, since it never compares the sides
        assertEquals(1, DIFF3.render(r).conflicts());
    }

    @Test
    void mergeStyleSplitsAConflictAtManySharedLines() {
        MergeResult r = new Chunks().conflict("b\n", "1\nk1\nk2\nk3\nk4\n2\n", "3\nk1\nk2\nk3\nk4\n4\n").build();
        MarkerOutput out = MERGE.render(r);
        assertEquals("<<<<<<< mine\n1\n=======\n3\n>>>>>>> theirs\nk1\nk2\nk3\nk4\n"
                + "<<<<<<< mine\n2\n=======\n4\n>>>>>>> theirs\n", out.text());
        assertEquals(2, out.conflicts());
    }

    @Test
    void mergeStyleJoinsConflictsAtMostThreeLinesApart() {
        MergeResult r = new Chunks().conflict("a\n", "A1\n", "A2\n").same("k1\nk2\nk3\n").conflict("b\n", "B1\n", "B2\n").build();
        MarkerOutput out = MERGE.render(r);
        assertEquals("<<<<<<< mine\nA1\nk1\nk2\nk3\nB1\n=======\nA2\nk1\nk2\nk3\nB2\n>>>>>>> theirs\n", out.text());
        assertEquals(1, out.conflicts());
        assertEquals(2, DIFF3.render(r).conflicts());
    }

    @Test
    void mergeStyleKeepsConflictsFourTextLinesApart() {
        MergeResult r = new Chunks().conflict("a\n", "A1\n", "A2\n").same("k1\nk2\nk3\nk4\n").conflict("b\n", "B1\n", "B2\n").build();
        assertEquals(2, MERGE.render(r).conflicts());
    }

    @Test
    void mergeStyleJoinsConflictsSeparatedOnlyByLinesWithoutLettersOrDigits() {
        MergeResult r = new Chunks().conflict("a\n", "A1\n", "A2\n").same("\n}\n\n--\n\n").conflict("b\n", "B1\n", "B2\n").build();
        MarkerOutput out = MERGE.render(r);
        assertEquals("<<<<<<< mine\nA1\n\n}\n\n--\n\nB1\n=======\nA2\n\n}\n\n--\n\nB2\n>>>>>>> theirs\n", out.text());
        assertEquals(1, out.conflicts());
    }

    @Test
    void aOneSidedChangeBetweenConflictsKeepsThemApart() {
        MergeResult r = new Chunks().conflict("a\n", "A1\n", "A2\n").mine("m\n", "M\n").conflict("b\n", "B1\n", "B2\n").build();
        assertEquals("<<<<<<< mine\nA1\n=======\nA2\n>>>>>>> theirs\nM\n<<<<<<< mine\nB1\n=======\nB2\n>>>>>>> theirs\n",
                MERGE.format(r));
    }

    @Test
    void identicalChangeBetweenConflictsCountsAsSharedLines() {
        MergeResult r = new Chunks().conflict("a\n", "A1\n", "A2\n").bothSame("s\n", "S\n").conflict("b\n", "B1\n", "B2\n").build();
        assertEquals(1, MERGE.render(r).conflicts());
    }

    @Test
    void zdiff3HoistsSharedLeadingAndTrailingLinesButKeepsTheWholeBase() {
        MergeResult r = new Chunks().same("a\n").conflict("b\nc\n", "s\nB1\nt\n", "s\nB2\nt\n").build();
        assertEquals("a\ns\n<<<<<<< mine\nB1\n||||||| base\nb\nc\n=======\nB2\n>>>>>>> theirs\nt\n", ZDIFF3.format(r));
        assertEquals("a\n<<<<<<< mine\ns\nB1\nt\n||||||| base\nb\nc\n=======\ns\nB2\nt\n>>>>>>> theirs\n", DIFF3.format(r));
    }

    @Test
    void zdiff3KeepsAConflictWhoseSidesAreEqual() {
        MergeResult r = new Chunks().conflict("b\n", "X\n", "X\n").build();
        assertEquals(new MarkerOutput("X\n<<<<<<< mine\n||||||| base\nb\n=======\n>>>>>>> theirs\n", 1), ZDIFF3.render(r));
    }

    @Test
    void resolvedChunksRenderAsTheirResultText() {
        MergeResult r = new Chunks().same("a\n")
                .chunk(ChunkKind.RESOLVED, "the cat sat\n", "the dog sat\n", "the cat lay\n", "the dog lay\n")
                .conflict("z\n", "Z1\n", "Z2\n").build();
        assertEquals("a\nthe dog lay\n<<<<<<< mine\nZ1\n=======\nZ2\n>>>>>>> theirs\n", MERGE.format(r));
    }

    @Test
    void everyConflictIsCounted() {
        Chunks c = new Chunks();
        for (int i = 0; i < 200; i++) {
            c.conflict("b" + i + "\n", "m" + i + "\n", "t" + i + "\n").same("k1\nk2\nk3\nk4\n");
        }
        assertEquals(200, DIFF3.render(c.build()).conflicts());
        assertEquals(200, MERGE.render(c.build()).conflicts());
    }

    @Test
    void aLongChainOfCloseConflictsBecomesOneHoldingEveryLine() {
        Chunks c = new Chunks();
        StringBuilder mine = new StringBuilder();
        StringBuilder theirs = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            c.conflict("b" + i + "\n", "m" + i + "\n", "t" + i + "\n").same("k\n");
            mine.append("m").append(i).append("\nk\n");
            theirs.append("t").append(i).append("\nk\n");
        }
        // the last "k" follows the last conflict and stays outside it
        String expected = "<<<<<<< mine\n" + mine.substring(0, mine.length() - 2) + "=======\n"
                + theirs.substring(0, theirs.length() - 2) + ">>>>>>> theirs\nk\n";
        assertEquals(new MarkerOutput(expected, 1), MERGE.render(c.build()));
    }

    @Test
    void favouringASideSettlesEveryConflictWithoutMarkers() {
        MergeResult r = new Chunks().same("a\n").conflict("b\n", "M", "T").build();
        assertEquals(new MarkerOutput("a\nM", 0), MERGE.withFavor(ConflictFavor.MINE).render(r));
        assertEquals(new MarkerOutput("a\nT", 0), MERGE.withFavor(ConflictFavor.THEIRS).render(r));
        // union gives mine's last line a newline so theirs starts its own line, as git does; theirs stays as is
        assertEquals(new MarkerOutput("a\nM\nT", 0), DIFF3.withFavor(ConflictFavor.UNION).render(r));
    }

    @Test
    void unionUsesCrlfForTheAddedNewlineInCrlfFiles() {
        MergeResult r = new Chunks().same("a\r\n").conflict("b\r\n", "M", "T\r\n").build();
        assertEquals("a\r\nM\r\nT\r\n", MERGE.withFavor(ConflictFavor.UNION).format(r));
    }

    /** Builds a result with consistent line ranges from the chunk texts. */
    static final class Chunks {
        private final List<MergeChunk> chunks = new ArrayList<>();
        private int b;
        private int m;
        private int t;

        Chunks same(String text) {
            return chunk(ChunkKind.UNCHANGED, text, text, text, text);
        }

        Chunks mine(String base, String mine) {
            return chunk(ChunkKind.MINE, base, mine, base, mine);
        }

        Chunks theirs(String base, String theirs) {
            return chunk(ChunkKind.THEIRS, base, base, theirs, theirs);
        }

        Chunks bothSame(String base, String both) {
            return chunk(ChunkKind.BOTH_SAME, base, both, both, both);
        }

        Chunks conflict(String base, String mine, String theirs) {
            return chunk(ChunkKind.CONFLICT, base, mine, theirs, null);
        }

        Chunks chunk(ChunkKind kind, String base, String mine, String theirs, String result) {
            int nb = MarkerLines.count(base);
            int nm = MarkerLines.count(mine);
            int nt = MarkerLines.count(theirs);
            chunks.add(new MergeChunk(kind, new LineRange(b, b + nb), new LineRange(m, m + nm), new LineRange(t, t + nt),
                    base, mine, theirs, result, List.of(), List.of()));
            b += nb;
            m += nm;
            t += nt;
            return this;
        }

        MergeResult build() {
            return new MergeResult(chunks);
        }
    }
}
