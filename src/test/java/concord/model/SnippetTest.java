package concord.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SnippetTest {

    @Test
    void aShortBodyIsShownWholeOnOneLineWithTheMatchMarked() {
        Snippet s = Snippet.of("Buy milk\n\n  and bread", SearchQuery.parse("MILK"));
        assertEquals("Buy milk and bread", s.text());
        assertEquals(List.of(new MatchRange(4, 8)), s.highlights());
    }

    @Test
    void aLongBodyIsCutAroundTheFirstMatchAtSpacesWithEllipses() {
        String body = "alpha beta gamma ".repeat(30) + "the needle here " + "delta epsilon ".repeat(30);
        Snippet s = Snippet.of(body, SearchQuery.parse("needle"));
        assertTrue(s.text().startsWith("…") && s.text().endsWith("…"), s.text());
        assertTrue(s.text().contains("the needle here"), s.text());
        assertTrue(s.text().length() <= Snippet.WIDTH + 2 * 16 + 2, s.text());
        assertFalse(s.text().substring(1).startsWith(" "), "cut at a space, not shown: " + s.text());
        MatchRange m = s.highlights().get(0);
        assertEquals("needle", s.text().substring(m.start(), m.end()));
    }

    @Test
    void aNoteFoundByItsTitleShowsTheStartOfItsBodyUnmarked() {
        Snippet s = Snippet.of("nothing to see", SearchQuery.parse("title-only"));
        assertEquals("nothing to see", s.text());
        assertEquals(List.of(), s.highlights());
    }

    @Test
    void anEmptyBodyGivesAnEmptySnippet() {
        assertEquals(new Snippet("", List.of()), Snippet.of("", SearchQuery.parse("x")));
    }

    @Property
    void everyHighlightOfASnippetIsATermIgnoringCase(@ForAll @StringLength(max = 400) String before,
                                                       @ForAll @AlphaChars @StringLength(min = 2, max = 8) String word,
                                                       @ForAll @StringLength(max = 400) String after) {
        SearchQuery q = SearchQuery.parse(word);
        Snippet s = Snippet.of(before + " " + word.toUpperCase(Locale.ROOT) + " " + after, q);
        assertFalse(s.highlights().isEmpty(), s::toString);
        for (MatchRange r : s.highlights()) {
            assertTrue(s.text().substring(r.start(), r.end()).toLowerCase(Locale.ROOT)
                    .contains(word.toLowerCase(Locale.ROOT)), s::toString);
        }
        assertFalse(s.text().contains("\n"), "one line");
    }
}
