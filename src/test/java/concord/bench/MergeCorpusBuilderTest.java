package concord.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The split-edit corpus is only worth its figures if dealing out the real changes is exact. */
class MergeCorpusBuilderTest {

    private static List<MergeCorpusBuilder.Unit> units(String v1, String v2) {
        return MergeCorpusBuilder.units(MergeCorpusBuilder.lines(v1), MergeCorpusBuilder.lines(v2));
    }

    private static String apply(String v1, List<MergeCorpusBuilder.Unit> chosen) {
        return MergeCorpusBuilder.apply(MergeCorpusBuilder.lines(v1), chosen);
    }

    @Test
    void twoSeparateHunksGoOneToEachSide() {
        String v1 = "a\nb\nc\nd\ne\n";
        String v2 = "A\nb\nc\nd\nE\n";
        List<MergeCorpusBuilder.Unit> u = units(v1, v2);

        assertEquals(2, u.size());
        assertEquals("A\nb\nc\nd\ne\n", apply(v1, List.of(u.get(0))));
        assertEquals("a\nb\nc\nd\nE\n", apply(v1, List.of(u.get(1))));
    }

    @Test
    void aLineEditedInTwoPlacesGivesEachPlaceItsOwnChange() {
        String v1 = "intro\nthe quick brown fox jumps over the lazy dog\noutro\n";
        String v2 = "intro\nthe slow brown fox jumps over the happy dog\noutro\n";
        List<MergeCorpusBuilder.Unit> u = units(v1, v2);

        assertEquals(2, u.size());
        assertTrue(u.get(0).insideLine() && u.get(1).insideLine());
        assertEquals("intro\nthe slow brown fox jumps over the lazy dog\noutro\n", apply(v1, List.of(u.get(0))));
        assertEquals("intro\nthe quick brown fox jumps over the happy dog\noutro\n", apply(v1, List.of(u.get(1))));
    }

    @Test
    void aRewrittenLineStaysOneChange() {
        List<MergeCorpusBuilder.Unit> u = units("x\nalpha beta gamma\ny\n", "x\nsomething else entirely here\ny\n");

        assertEquals(1, u.size());
        assertTrue(!u.get(0).insideLine());
    }

    @Test
    void everyChangeTogetherRecomposesTheSecondVersionByteForByte() {
        String v1 = "# Title\r\n\r\nfirst line\nsecond one here\nthird\nfourth line of text\nlast without newline";
        String v2 = "# New title\r\n\r\ninserted\nfirst line\nsecond two here\nfourth line of prose\nlast without newline!";
        List<MergeCorpusBuilder.Unit> u = units(v1, v2);

        assertTrue(u.size() >= 3);
        assertEquals(v2, apply(v1, u));
        assertEquals(v1, apply(v1, List.of()));
    }

    @Test
    void insertionsAtTheEndAndTheStartAreChangesOfTheirOwn() {
        String v1 = "b\nc\n";
        String v2 = "a\nb\nc\nd\n";
        List<MergeCorpusBuilder.Unit> u = units(v1, v2);

        assertEquals(2, u.size());
        assertEquals("a\nb\nc\n", apply(v1, List.of(u.get(0))));
        assertEquals("b\nc\nd\n", apply(v1, List.of(u.get(1))));
    }

    @Test
    void tokensKeepCodePointsWholeAndNewlinesApart() {
        assertEquals(List.of("a", "\uD83D\uDE00", "b", " ", "c", "\n"), MergeCorpusBuilder.tokens("a\uD83D\uDE00b c\n"));
    }
}
