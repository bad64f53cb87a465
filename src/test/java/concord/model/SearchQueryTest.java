package concord.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

    @Test
    void wordsAreSplitOnWhitespaceAndQuotedPhrasesKeepTheirSpaces() {
        assertEquals(List.of("milk", "two eggs", "bread"), SearchQuery.parse("  milk \"two eggs\"\tbread ").terms());
    }

    @Test
    void anUnclosedQuoteRunsToTheEndAndAnEmptyPhraseIsDropped() {
        assertEquals(List.of("open phrase"), SearchQuery.parse("\"open phrase").terms());
        assertEquals(List.of("a"), SearchQuery.parse("a \"\"").terms());
    }

    @Test
    void aRepeatedWordCountsOnceInTheOrderFirstTyped() {
        assertEquals(List.of("b", "a"), SearchQuery.parse("b a b").terms());
    }

    @Test
    void everyKindOfBadQueryIsRefusedWithASentenceThatSaysWhy() {
        assertTrue(message("   ").contains("no word"));
        assertTrue(message("x".repeat(201)).contains("201 characters"));
        assertTrue(message("a\u0007b").contains("U+0007"));
        assertTrue(message("a\uD800b").contains("unpaired surrogate"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            many.append("w").append(i).append(' ');
        }
        assertTrue(message(many.toString()).contains("17 words"));
    }

    private static String message(String q) {
        return assertThrows(IllegalArgumentException.class, () -> SearchQuery.parse(q)).getMessage();
    }

    @Test
    void matchesIgnoreCaseAreSortedAndMergedWhereTheyOverlap() {
        SearchQuery q = SearchQuery.parse("ALIC lice bob");
        assertEquals(List.of(new MatchRange(0, 5), new MatchRange(10, 13)), q.matchesIn("Alice and Bob"));
        assertTrue(q.allFoundIn(List.of("Alice", "bobby")));
        assertFalse(q.allFoundIn(List.of("Alice")));
    }

    @Test
    void aMatchNeverStartsInsideASurrogatePair() {
        // U+1F600 is \uD83D\uDE00; the term "\uDE00" alone is refused, so test a term that follows the pair
        SearchQuery q = SearchQuery.parse("x");
        assertEquals(List.of(new MatchRange(2, 3)), q.matchesIn("\uD83D\uDE00x"));
    }

    @Property
    void everyMatchRangeCoversATermIgnoringCase(@ForAll @StringLength(max = 60) String text,
                                                @ForAll @StringLength(min = 1, max = 4) String word) {
        StringBuilder kept = new StringBuilder();
        word.codePoints().filter(cp -> !Character.isISOControl(cp) && !Character.isWhitespace(cp)
                        && !Character.isSpaceChar(cp) && cp != '"' && Character.getType(cp) != Character.SURROGATE)
                .forEach(kept::appendCodePoint);
        String clean = kept.toString();
        if (clean.isEmpty()) {
            return;
        }
        SearchQuery q = SearchQuery.parse(clean);
        String haystack = text + clean.toUpperCase(java.util.Locale.ROOT) + text;
        int previousEnd = -1;
        for (MatchRange r : q.matchesIn(haystack)) {
            assertTrue(r.start() > previousEnd, "sorted and merged");
            assertTrue(r.end() <= haystack.length());
            assertTrue(haystack.regionMatches(true, r.start(), clean, 0, clean.length()), "starts with the term");
            previousEnd = r.end();
        }
        assertEquals(q.allFoundIn(List.of(haystack)), !q.matchesIn(haystack).isEmpty());
    }
}
