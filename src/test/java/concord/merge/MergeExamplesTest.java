package concord.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * One scenario each, in the compact style of JGit's MergeAlgorithmTest. {@link #lines(String)} turns
 * {@code "abc"} into the lines {@code a\nb\nc\n}; {@link #shape(MergeResult)} renders a line-level result the
 * same way, a conflict as {@code <mine|base=theirs>}.
 */
class MergeExamplesTest {

    private final HistogramMerger merger = new HistogramMerger();

    // ---- line level (no refinement), JGit's scenarios -------------------------------------------------------

    @Test
    void changesOnSeparateLinesMergeCleanly() {
        assertEquals("aZcYe", lineShape("abcde", "aZcde", "abcYe"));
    }

    @Test
    void onlyTheirChangeTakesTheirs() {
        assertEquals("aZcZefghij", lineShape("abcdefghij", "abcdefghij", "aZcZefghij"));
    }

    @Test
    void overlappingChangesConflictOverTheWholeRegionLikeGitDiff3() {
        assertEquals("a<bZ|bc=ZZ>defghij", lineShape("abcdefghij", "abZdefghij", "aZZdefghij"));
    }

    @Test
    void oneEditAgainstTwoIsOneConflict() {
        assertEquals("a<ZZZ|bcd=ZcZ>efghij", lineShape("abcdefghij", "aZZZefghij", "aZcZefghij"));
    }

    @Test
    void adjacentLineChangesConflictAtLineLevel() {
        assertEquals("a<Zc|bc=bY>d", lineShape("abcd", "aZcd", "abYd"));
    }

    @Test
    void conflictAtTheStartAndAtTheEnd() {
        assertEquals("<Z|a=Y>bc", lineShape("abc", "Zbc", "Ybc"));
        assertEquals("ab<Z|c=Y>", lineShape("abc", "abZ", "abY"));
    }

    @Test
    void insertionVersusModificationConflicts() {
        assertEquals("a<bZ|b=XY>", lineShape("ab", "abZ", "aXY"));
    }

    @Test
    void bothSameChangesAreTakenOnce() {
        MergeResult r = merger.merge(lines("abc"), lines("aBc"), lines("aBc"), MergeOptions.LINE_ONLY);
        assertEquals(List.of(ChunkKind.UNCHANGED, ChunkKind.BOTH_SAME, ChunkKind.UNCHANGED), kinds(r));
        assertEquals(lines("aBc"), r.cleanText());
    }

    @Test
    void bothDeletingTheSameLineIsBothSameWithEmptyTexts() {
        MergeResult r = merger.merge(lines("abc"), lines("ac"), lines("ac"), MergeOptions.SUGGEST);
        MergeChunk deleted = r.chunks().get(1);
        assertEquals(ChunkKind.BOTH_SAME, deleted.kind());
        assertEquals(new LineRange(1, 2), deleted.base());
        assertEquals(new LineRange(1, 1), deleted.mine());
        assertEquals("", deleted.resultText());
        assertEquals(lines("ac"), r.cleanText());
    }

    @Test
    void deletionVersusEditIsAConflict() {
        MergeResult r = merger.merge(lines("abc"), lines("ac"), "a\nB b\nc\n", MergeOptions.SUGGEST);
        assertEquals(1, r.conflictCount());
        MergeChunk c = r.chunks().get(1);
        assertEquals("b\n", c.baseText());
        assertEquals("", c.mineText());
        assertEquals("B b\n", c.theirsText());
        assertNull(c.resultText());
    }

    @Test
    void deletingEverythingAgainstAnUntouchedTextDeletes() {
        assertEquals("", merger.merge(lines("ab"), "", lines("ab"), MergeOptions.SUGGEST).cleanText());
        assertEquals("", merger.merge(lines("ab"), "", "", MergeOptions.SUGGEST).cleanText());
    }

    @Test
    void deletingEverythingAgainstAnEditConflicts() {
        assertEquals("<|a=ab>", lineShape("a", "", "ab"));
    }

    @Test
    void addingToAnEmptyBaseOnOneSideIsNoConflict() {
        assertEquals(lines("xy"), merger.merge("", "", lines("xy"), MergeOptions.SUGGEST).cleanText());
    }

    @Test
    void rangesLocateEachChunkInAllThreeInputs() {
        MergeResult r = merger.merge(lines("abcde"), lines("aXXbcde"), lines("abcd"), MergeOptions.LINE_ONLY);
        assertEquals(List.of(ChunkKind.UNCHANGED, ChunkKind.MINE, ChunkKind.UNCHANGED, ChunkKind.THEIRS), kinds(r));
        MergeChunk mine = r.chunks().get(1);
        assertEquals(new LineRange(1, 1), mine.base());
        assertEquals(new LineRange(1, 3), mine.mine());
        assertEquals(new LineRange(1, 1), mine.theirs());
        MergeChunk theirs = r.chunks().get(3);
        assertEquals(new LineRange(4, 5), theirs.base());
        assertEquals(new LineRange(6, 7), theirs.mine());
        assertEquals(new LineRange(4, 4), theirs.theirs());
    }

    @Test
    void theSameBlockInsertedOnBothSidesOfALargeFileMergesCleanly() {
        // Found on real READMEs (async 1.1.0/1.2.0/1.3.0, commander 13.0.0/13.1.0/14.0.0): on texts of 2,000+
        // lines the line diff used to prune lines only one side has, which let theirs' other edit move the
        // blank line the identical inserted block was matched around; diff3 then saw a conflict with an empty
        // theirs side. Git and JGit merge it cleanly.
        StringBuilder filler = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            filler.append("filler ").append(i).append('\n');
        }
        String base = "h\n" + filler + "\n\nx\nx\nu4\nx\n" + "t\n";
        String mine = "hm\n" + filler + "\nN0\nN1\ny\n}\n\n\nx\nx\nu4\nx\n" + "tm\n";
        String theirs = "hm\n" + filler + "\nN0\nN1\ny\n}\n\n\nx\nC\nu4\nx\n" + "tm\n";
        MergeResult r = merger.merge(base, mine, theirs, MergeOptions.LINE_ONLY);
        assertEquals(0, r.conflictCount());
        assertEquals(theirs, r.cleanText());
    }

    @Test
    void aLargeMergeWithBothDiffsRunningTogetherKeepsEveryEdit() {
        // 30,000 lines: above the size where the theirs diff runs on a second thread
        StringBuilder base = new StringBuilder();
        StringBuilder mine = new StringBuilder();
        StringBuilder theirs = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            String line = "line " + i + "\n";
            base.append(line);
            mine.append(i % 1000 == 7 ? "mine " + i + "\n" : line);
            theirs.append(i % 1000 == 507 ? "theirs " + i + "\n" : line);
            expected.append(i % 1000 == 7 ? "mine " + i + "\n" : i % 1000 == 507 ? "theirs " + i + "\n" : line);
        }
        MergeResult r = merger.merge(base.toString(), mine.toString(), theirs.toString(), MergeOptions.LINE_ONLY);
        assertEquals(0, r.conflictCount());
        assertEquals(expected.toString(), r.cleanText());
    }

    // ---- text fidelity -------------------------------------------------------------------------------------

    @Test
    void identicalInputsComeBackByteForByte() {
        String text = "one\r\ntwo\nthree\r\n\rfour";
        MergeResult r = merger.merge(text, text, text, MergeOptions.SUGGEST);
        assertSame(text, r.cleanText().equals(text) ? text : r.cleanText());
        assertEquals(text, r.cleanText());
        assertEquals(List.of(ChunkKind.UNCHANGED), kinds(r));
        assertEquals(new LineRange(0, 4), r.chunks().get(0).base());
    }

    @Test
    void crlfFilesKeepTheirEndings() {
        MergeResult r = merger.merge("a\r\nb\r\nc\r\n", "A\r\nb\r\nc\r\n", "a\r\nb\r\nC\r\n", MergeOptions.SUGGEST);
        assertEquals("A\r\nb\r\nC\r\n", r.cleanText());
    }

    @Test
    void crlfLinesChangedByEachSideSplitIntoTheirOwnChunks() {
        MergeResult r = merger.merge("a\r\nb\r\n", "A\r\nb\r\n", "a\r\nB\r\n", MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.MINE, ChunkKind.THEIRS), kinds(r));
        assertEquals("A\r\nB\r\n", r.cleanText());
    }

    @Test
    void changingOnlyTheLineEndingIsAChange() {
        MergeResult r = merger.merge(lines("abc"), "a\r\nb\nc\n", lines("abc"), MergeOptions.SUGGEST);
        assertEquals("a\r\nb\nc\n", r.cleanText());
    }

    @Test
    void convertingLineEndingsOnOneSideAndEditingAWordOnTheOtherResolve() {
        MergeResult r = merger.merge("one two\r\nthree four five\r\nsix\r\n",
                "one two\nthree four five\nsix\n", "one two\r\nthree 4 five\r\nsix\r\n", MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.RESOLVED), kinds(r));
        assertEquals("one two\nthree 4 five\nsix\n", r.cleanText());
    }

    @Test
    void missingFinalNewlineOnOneSideIsKept() {
        MergeResult r = merger.merge("a\nx\ny\nb\n", "a\nx\ny\nb", "A\nx\ny\nb\n", MergeOptions.SUGGEST);
        assertEquals("A\nx\ny\nb", r.cleanText());
    }

    @Test
    void removedFinalNewlineNextToAnEditOfTheLineBeforeMergesCleanly() {
        MergeResult r = merger.merge("a\nb\n", "a\nb", "A\nb\n", MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.THEIRS, ChunkKind.MINE), kinds(r));
        assertEquals("A\nb", r.cleanText());
    }

    @Test
    void missingFinalNewlineDiffersFromPresentOne() {
        assertEquals("a<b|b\n=c\n>", lineShape2("a\nb\n", "a\nb", "a\nc\n"));
    }

    // ---- refinement below the line, applied (--refine=suggest); SuggestionsTest has the default ------------

    @Test
    void differentWordsOnOneLineResolve() {
        String base = "The quick brown fox jumps over the dog.\n";
        String mine = "The slow brown fox jumps over the dog.\n";
        String theirs = "The quick brown fox jumps over the cat.\n";
        MergeResult r = merger.merge(base, mine, theirs, MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.RESOLVED), kinds(r));
        MergeChunk c = r.chunks().get(0);
        assertEquals("The slow brown fox jumps over the cat.\n", c.resultText());
        assertEquals(List.of("MINE:slow", "THEIRS:cat"), contributions(c));
        assertTrue(highlights(c).containsAll(List.of("MINE:slow", "THEIRS:cat", "BASE:quick", "BASE:dog")),
                highlights(c).toString());
    }

    @Test
    void sameWordChangedDifferentlyStaysAConflictWithHighlights() {
        MergeResult r = merger.merge("The quick brown fox.\n", "The slow brown fox.\n", "The fast brown fox.\n", MergeOptions.SUGGEST);
        MergeChunk c = r.chunks().get(0);
        assertEquals(ChunkKind.CONFLICT, c.kind());
        assertEquals(List.of("MINE:slow", "THEIRS:fast", "BASE:quick"), highlights(c));
        assertTrue(c.contributions().isEmpty());
    }

    @Test
    void insertionsAtTheSamePointStayAConflict() {
        MergeResult r = merger.merge("alpha beta\n", "alpha one beta\n", "alpha two beta\n", MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.CONFLICT), kinds(r));
    }

    @Test
    void adjacentTokenEditsStayAConflict() {
        MergeResult r = merger.merge("alpha beta gamma\n", "alpha BETA gamma\n", "alpha beta, gamma\n", MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.CONFLICT), kinds(r));
        assertEquals(List.of("MINE:BETA", "THEIRS:,", "BASE:beta"), highlights(r.chunks().get(0)));
    }

    @Test
    void editsSeparatedOnlyByASpaceStayAConflict() {
        MergeResult r = merger.merge("the quick brown fox\n", "the slow brown fox\n", "the quick red fox\n", MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.CONFLICT), kinds(r));
    }

    @Test
    void whitespaceOnlyChangeAndAWordChangeResolve() {
        MergeResult r = merger.merge("alpha  beta gamma delta\n", "alpha beta gamma delta\n",
                "alpha  beta gamma DELTA\n", MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.RESOLVED), kinds(r));
        assertEquals("alpha beta gamma DELTA\n", r.cleanText());
        assertEquals(List.of("MINE: ", "THEIRS:DELTA"), contributions(r.chunks().get(0)));
    }

    @Test
    void whitespaceChangeTouchingAWordChangeStaysAConflict() {
        MergeResult r = merger.merge("alpha beta  \n", "alpha beta\n", "alpha BETA  \n", MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.CONFLICT), kinds(r));
    }

    @Test
    void changesOnAdjacentLinesSplitIntoMineAndTheirs() {
        MergeResult r = merger.merge("first line\nsecond line\n", "first LINE\nsecond line\n",
                "first line\nsecond LINE\n", MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.MINE, ChunkKind.THEIRS), kinds(r));
        assertEquals(new LineRange(0, 1), r.chunks().get(0).base());
        assertEquals(new LineRange(1, 2), r.chunks().get(1).theirs());
        assertEquals("first LINE\nsecond LINE\n", r.cleanText());
    }

    @Test
    void deletedLineNextToTheOtherSidesEditSplitsCleanly() {
        MergeResult r = merger.merge(lines("abcd"), lines("acd"), lines("abCd"), MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.UNCHANGED, ChunkKind.MINE, ChunkKind.THEIRS, ChunkKind.UNCHANGED), kinds(r));
        MergeChunk deleted = r.chunks().get(1);
        assertEquals(new LineRange(1, 2), deleted.base());
        assertEquals(new LineRange(1, 1), deleted.mine());
        assertEquals(new LineRange(1, 2), deleted.theirs());
        assertEquals(lines("aCd"), r.cleanText());
    }

    @Test
    void theSameLineBroughtByBothSidesIntoOneRegionIsNotSplit() {
        // mine rewrites line b, theirs rewrites c into the same words: splitting would say them twice
        MergeResult r = merger.merge(lines("abcd"), "a\nnew text\nc\nd\n", "a\nb\nnew text\nd\n", MergeOptions.SUGGEST);
        assertEquals(1, r.conflictCount());
    }

    @Test
    void insertedLineRightBeforeTheOtherSidesEditStaysAConflict() {
        // is X before or after the rewritten line? The order would be a guess.
        MergeResult r = merger.merge("a\nb\n", "a\nX\nb\n", "a\nB\n", MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.UNCHANGED, ChunkKind.CONFLICT), kinds(r));
    }

    @Test
    void resolvedContributionsPointIntoTheResult() {
        MergeResult r = merger.merge("first line, second line\n", "first LINE, second line\n",
                "first line, second LINE\n", MergeOptions.SUGGEST);
        MergeChunk c = r.chunks().get(0);
        assertEquals(ChunkKind.RESOLVED, c.kind());
        assertEquals("first LINE, second LINE\n", c.resultText());
        assertEquals(List.of(new Contribution(Side.MINE, new TextSpan(6, 10)),
                new Contribution(Side.THEIRS, new TextSpan(19, 23))), c.contributions());
    }

    @Test
    void sameWordsInsertedByBothSidesInDifferentPlacesStayAConflict() {
        MergeResult r = merger.merge("a big dog and a cat\n", "a very big dog and a cat\n",
                "a big dog and a very cat\n", MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.CONFLICT), kinds(r));
    }

    @Test
    void sameChangeBothSidesPlusOneMoreResolvesWithBothContributions() {
        MergeResult r = merger.merge("one two three four\n", "one 2 three four.\n", "one 2 three four\n", MergeOptions.SUGGEST);
        // theirs is contained in mine: line level calls it a conflict, tokens show mine made one more edit
        MergeChunk c = r.chunks().get(0);
        assertEquals(ChunkKind.RESOLVED, c.kind());
        assertEquals("one 2 three four.\n", c.resultText());
        assertEquals(List.of("MINE:2", "THEIRS:2", "MINE:."), contributions(c));
    }

    @Test
    void aRunOfWordsAddedByBothSidesInDifferentPlacesStaysAConflict() {
        // each side replaced a different word, but both brought the same phrase: resolving would say it twice
        MergeResult r = merger.merge("Alpha beta gamma delta epsilon.\n",
                "Alpha BETA fixed the crash gamma delta epsilon.\n",
                "Alpha beta gamma delta EPSILON fixed the crash.\n", MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.CONFLICT), kinds(r));
    }

    @Test
    void aLineAddedNextToTheOtherSidesWordEditStaysAConflict() {
        // the added line touches the edited one: was it written for the old wording or the new? A guess.
        MergeResult r = merger.merge("one two three\n", "one two three\nfour five\n", "one TWO three\n", MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.CONFLICT), kinds(r));
        assertEquals(List.of("MINE:four five\n", "THEIRS:TWO", "BASE:two"), highlights(r.chunks().get(0)));
    }

    @Test
    void aDeletionIsAnEmptyContributionWhereTheTextWas() {
        MergeResult r = merger.merge("keep this word, and that.\n", "keep this, and that.\n",
                "keep this word, and those.\n", MergeOptions.SUGGEST);
        MergeChunk c = r.chunks().get(0);
        assertEquals("keep this, and those.\n", c.resultText());
        assertEquals(List.of(new Contribution(Side.MINE, new TextSpan(9, 9)),
                new Contribution(Side.THEIRS, new TextSpan(15, 20))), c.contributions());
    }

    @Test
    void lineOnlyOptionLeavesConflictsUnrefined() {
        MergeResult r = merger.merge("a\nb\n", "A\nb\n", "a\nB\n", MergeOptions.LINE_ONLY);
        assertEquals(List.of(ChunkKind.CONFLICT), kinds(r));
        assertTrue(r.chunks().get(0).highlights().isEmpty());
    }

    @Test
    void refinementTouchesOnlyConflictsAndKeepsTheirRanges() {
        String base = lines("abc") + "x y z\n" + lines("def");
        String mine = lines("aBc") + "X y z\n" + lines("def");
        String theirs = lines("abc") + "x y Z\n" + lines("deF");
        MergeResult line = merger.merge(base, mine, theirs, MergeOptions.LINE_ONLY);
        MergeResult refined = merger.merge(base, mine, theirs, MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.UNCHANGED, ChunkKind.MINE, ChunkKind.UNCHANGED, ChunkKind.CONFLICT,
                ChunkKind.UNCHANGED, ChunkKind.THEIRS), kinds(line));
        assertEquals(List.of(ChunkKind.UNCHANGED, ChunkKind.MINE, ChunkKind.UNCHANGED, ChunkKind.RESOLVED,
                ChunkKind.UNCHANGED, ChunkKind.THEIRS), kinds(refined));
        assertEquals(line.chunks().get(3).base(), refined.chunks().get(3).base());
        assertEquals(line.chunks().get(3).mine(), refined.chunks().get(3).mine());
        assertEquals(lines("aBc") + "X y Z\n" + lines("deF"), refined.cleanText());
    }

    @Test
    void blocksBothSidesAddOnEitherSideOfOneBlankLineAreOneConflictThatIsNeitherSplitNorRefined() {
        String base = "intro\n\n## Related\n";
        String mine = "intro\n  ### IDE plugins\n  + VSCode\n\n## Related\n";
        String theirs = "intro\n\n### IDE plugin\n\nVSCode\n\n## Related\n";
        MergeResult r = merger.merge(base, mine, theirs, MergeOptions.SUGGEST);
        assertEquals(List.of(ChunkKind.UNCHANGED, ChunkKind.CONFLICT, ChunkKind.UNCHANGED), kinds(r));
        MergeChunk held = r.chunks().get(1);
        assertEquals("\n", held.baseText());
        assertEquals("  ### IDE plugins\n  + VSCode\n\n", held.mineText());
        assertEquals("\n### IDE plugin\n\nVSCode\n\n", held.theirsText());
        assertEquals(List.of(), held.highlights());
        // at line level it stays git's answer: two separate insertions, both kept
        assertEquals("intro\n  ### IDE plugins\n  + VSCode\n\n### IDE plugin\n\nVSCode\n\n## Related\n",
                merger.merge(base, mine, theirs, MergeOptions.LINE_ONLY).cleanText());
    }

    /**
     * The shape the hold used to catch and must not: a changelog where one side opens a new release section and
     * the other adds an entry to the list above it, one blank line apart. Different words, both wanted; git merges
     * it, and so do we (real merges of jekyll's History.markdown are this shape).
     */
    @Test
    void differentBlocksOnEitherSideOfOneBlankLineMergeCleanlyAsInGit() {
        String base = "## HEAD\n\n  * Fix the build (#101)\n\n## 1.4.2 / 2014-01-06\n";
        String mine = "## HEAD\n\n  * Fix the build (#101)\n  * Link the training materials (#102)\n\n"
                + "## 1.4.2 / 2014-01-06\n";
        String theirs = "## HEAD\n\n  * Fix the build (#101)\n\n## 1.4.3 / 2014-01-13\n\n### Bug Fixes\n"
                + "  * Patch a security hole (#103)\n\n## 1.4.2 / 2014-01-06\n";
        String merged = "## HEAD\n\n  * Fix the build (#101)\n  * Link the training materials (#102)\n\n"
                + "## 1.4.3 / 2014-01-13\n\n### Bug Fixes\n  * Patch a security hole (#103)\n\n## 1.4.2 / 2014-01-06\n";
        assertEquals(merged, merger.merge(base, mine, theirs, MergeOptions.SUGGEST).cleanText());
        assertEquals(merged, merger.merge(base, mine, theirs, MergeOptions.LINE_ONLY).cleanText());
    }

    @Test
    void insertionsSeparatedByALineWithTextStillMergeCleanly() {
        MergeResult r = merger.merge(lines("abc"), lines("aXbc"), lines("abYc"), MergeOptions.SUGGEST);
        assertEquals(lines("aXbYc"), r.cleanText());
    }

    // ---- Unicode --------------------------------------------------------------------------------------------

    @Test
    void emojiSequencesAreNeverSplit() {
        // per code point these would merge into a family nobody wrote; as clusters it is one token both changed
        String base = "we are \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 here\n";
        String mine = "we are \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC66 here\n";
        String theirs = "we are \uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67 here\n";
        MergeResult r = merger.merge(base, mine, theirs, MergeOptions.SUGGEST);
        MergeChunk c = r.chunks().get(0);
        assertEquals(ChunkKind.CONFLICT, c.kind());
        assertEquals(List.of("MINE:\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC66",
                "THEIRS:\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
                "BASE:\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"), highlights(c));
    }

    @Test
    void skinToneChangeHighlightsTheWholeEmoji() {
        String base = "ok \uD83D\uDC4D\uD83C\uDFFD from me\n";
        String mine = "ok \uD83D\uDC4D\uD83C\uDFFF from me\n";
        String theirs = "ok \uD83D\uDC4D\uD83C\uDFFD from you\n";
        MergeChunk c = merger.merge(base, mine, theirs, MergeOptions.SUGGEST).chunks().get(0);
        assertEquals(ChunkKind.RESOLVED, c.kind());
        assertEquals("ok \uD83D\uDC4D\uD83C\uDFFF from you\n", c.resultText());
        assertEquals(List.of("MINE:\uD83D\uDC4D\uD83C\uDFFF", "THEIRS:you"), contributions(c));
    }

    @Test
    void combiningMarksStayWithTheirLetter() {
        // mine changes the letter, theirs the accent: one grapheme changed by both is a conflict
        String base = "caf\u0065\u0301 noir\n";
        String mine = "caf\u0061\u0301 noir\n";
        String theirs = "caf\u0065\u0300 noir\n";
        MergeChunk c = merger.merge(base, mine, theirs, MergeOptions.SUGGEST).chunks().get(0);
        assertEquals(ChunkKind.CONFLICT, c.kind());
        assertEquals(List.of("MINE:caf\u0061\u0301", "THEIRS:caf\u0065\u0300", "BASE:caf\u0065\u0301"),
                highlights(c));
    }

    @Test
    void flagsAreWholeTokens() {
        String base = "\uD83C\uDDE9\uD83C\uDDEA\uD83C\uDDEB\uD83C\uDDF7 done\n"; // DE FR
        String mine = "\uD83C\uDDE9\uD83C\uDDEA\uD83C\uDDEE\uD83C\uDDF9 done\n"; // DE IT
        String theirs = "\uD83C\uDDE9\uD83C\uDDEA\uD83C\uDDEB\uD83C\uDDF7 done!\n";
        MergeChunk c = merger.merge(base, mine, theirs, MergeOptions.SUGGEST).chunks().get(0);
        assertEquals(List.of("MINE:\uD83C\uDDEE\uD83C\uDDF9", "THEIRS:!", "BASE:\uD83C\uDDEB\uD83C\uDDF7"),
                highlights(c));
        assertEquals(ChunkKind.RESOLVED, c.kind());
    }

    @Test
    void refinementIsSkippedForHugeRegionsWhichStayConflicts() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < Refiner.MAX_CHARS / 10; i++) {
            big.append("word").append(i).append(' ');
        }
        String base = big + "end\n";
        MergeResult r = merger.merge(base, "start " + base, base.replace("end", "END"), MergeOptions.SUGGEST);
        MergeChunk c = r.chunks().get(0);
        assertEquals(ChunkKind.CONFLICT, c.kind());
        assertTrue(c.highlights().isEmpty());
    }

    @Test
    void refinementStopsOnceAMergeHasSpentItsBudget() {
        StringBuilder base = new StringBuilder();
        StringBuilder mine = new StringBuilder();
        StringBuilder theirs = new StringBuilder();
        int paragraphs = 2 * Refiner.MERGE_BUDGET_CHARS / 30_000;
        for (int p = 0; p < paragraphs; p++) {
            StringBuilder words = new StringBuilder();
            for (int i = 0; words.length() < 9_900; i++) {
                words.append(" w").append(i);
            }
            base.append("separator ").append(p).append('\n').append("start").append(words).append('\n');
            mine.append("separator ").append(p).append('\n').append("mine").append(words).append('\n');
            theirs.append("separator ").append(p).append('\n').append("theirs").append(words).append('\n');
        }
        List<MergeChunk> conflicts = merger.merge(base.toString(), mine.toString(), theirs.toString(), MergeOptions.SUGGEST).chunks()
                .stream().filter(MergeChunk::isConflict).toList();
        assertEquals(paragraphs, conflicts.size());
        assertEquals(List.of("MINE:mine", "THEIRS:theirs", "BASE:start"), highlights(conflicts.get(0)));
        assertTrue(conflicts.get(paragraphs - 1).highlights().isEmpty());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** {@code "abc"} → {@code "a\nb\nc\n"}. */
    static String lines(String chars) {
        StringBuilder sb = new StringBuilder();
        for (char ch : chars.toCharArray()) {
            sb.append(ch).append('\n');
        }
        return sb.toString();
    }

    private String lineShape(String base, String mine, String theirs) {
        return shape(merger.merge(lines(base), lines(mine), lines(theirs), MergeOptions.LINE_ONLY), true);
    }

    private String lineShape2(String base, String mine, String theirs) {
        return shape(merger.merge(base, mine, theirs, MergeOptions.LINE_ONLY), false);
    }

    private static String shape(MergeResult r, boolean stripNewlines) {
        StringBuilder sb = new StringBuilder();
        for (MergeChunk c : r.chunks()) {
            if (c.isConflict()) {
                sb.append('<').append(squash(c.mineText(), stripNewlines)).append('|')
                        .append(squash(c.baseText(), stripNewlines)).append('=')
                        .append(squash(c.theirsText(), stripNewlines)).append('>');
            } else {
                sb.append(squash(c.resultText(), stripNewlines));
            }
        }
        return stripNewlines ? sb.toString() : sb.toString().replace("a\n", "a");
    }

    private static String squash(String text, boolean stripNewlines) {
        return stripNewlines ? text.replace("\n", "") : text;
    }

    private static List<ChunkKind> kinds(MergeResult r) {
        List<ChunkKind> out = new ArrayList<>();
        r.chunks().forEach(c -> out.add(c.kind()));
        return out;
    }

    private static List<String> contributions(MergeChunk c) {
        List<String> out = new ArrayList<>();
        for (Contribution k : c.contributions()) {
            out.add(k.side() + ":" + c.resultText().substring(k.inResult().start(), k.inResult().end()));
        }
        return out;
    }

    private static List<String> highlights(MergeChunk c) {
        List<String> out = new ArrayList<>();
        for (Highlight h : c.highlights()) {
            out.add(h.side() + ":" + c.text(h.side()).substring(h.span().start(), h.span().end()));
        }
        return out;
    }
}
