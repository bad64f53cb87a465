package concord.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What refinement finds is proposed, not applied, by default: the chunk stays a conflict carrying the suggestion,
 * and accepting it gives what {@link Refinement#SUGGEST} applies.
 */
class SuggestionsTest {

    private final HistogramMerger merger = new HistogramMerger();

    @Test
    void differentWordsOfOneLineAreAConflictWithTheWordMergeAsItsSuggestion() {
        MergeResult r = merger.merge("the quick brown fox\n", "the slow brown fox\n", "the quick brown cat\n");
        assertEquals(1, r.conflictCount());
        assertEquals(1, r.suggestionCount());
        MergeChunk c = r.chunks().get(0);
        assertEquals(ChunkKind.CONFLICT, c.kind());
        assertNull(c.resultText());
        assertEquals(Suggestion.Basis.SEPARATE_WORDS, c.suggestion().basis());
        assertEquals("the slow brown cat\n", c.suggestion().text());
        assertEquals(List.of(new Contribution(Side.MINE, new TextSpan(4, 8)),
                new Contribution(Side.THEIRS, new TextSpan(15, 18))), c.suggestion().contributions());
        // the conflict shows the words each side changed, as any refined conflict does
        assertTrue(c.highlights().contains(new Highlight(Side.MINE, new TextSpan(4, 8))));
        assertEquals("the slow brown cat\n", r.withSuggestionsAccepted().cleanText());
    }

    @Test
    void changesOnTouchingLinesAreAConflictWhoseSuggestionIsTheLineSplit() {
        MergeResult r = merger.merge("first line\nsecond line\n", "first LINE\nsecond line\n",
                "first line\nsecond LINE\n");
        assertEquals(List.of(ChunkKind.CONFLICT), r.chunks().stream().map(MergeChunk::kind).toList());
        Suggestion s = r.chunks().get(0).suggestion();
        assertEquals(Suggestion.Basis.SEPARATE_LINES, s.basis());
        assertEquals(List.of(ChunkKind.MINE, ChunkKind.THEIRS), s.chunks().stream().map(MergeChunk::kind).toList());
        assertEquals("first LINE\nsecond LINE\n", s.text());
        assertEquals(List.of(new Contribution(Side.MINE, new TextSpan(0, 11)),
                new Contribution(Side.THEIRS, new TextSpan(11, 23))), s.contributions());
    }

    @Test
    void acceptingEverySuggestionGivesWhatSuggestAppliesChunkForChunk() {
        String base = "a\nb\nc\nthe quick brown fox\nd\n";
        String mine = "A\nb\nc\nthe slow brown fox\nd\n";
        String theirs = "a\nb\nC\nthe quick brown cat\nD\n";
        MergeResult certain = merger.merge(base, mine, theirs);
        MergeResult suggest = merger.merge(base, mine, theirs, MergeOptions.SUGGEST);
        assertTrue(certain.conflictCount() > 0);
        assertTrue(suggest.isClean());
        assertEquals(suggest, certain.withSuggestionsAccepted());
        assertEquals("A\nb\nC\nthe slow brown cat\nD\n", suggest.cleanText());
    }

    @Test
    void acceptingOneSuggestionReplacesOnlyThatConflict() {
        String base = "one two three four\n\nkeep\n\nfive six seven eight\n";
        String mine = "one 2 three four\n\nkeep\n\nfive 6 seven eight\n";
        String theirs = "one two three 4\n\nkeep\n\nfive six seven 8\n";
        MergeResult r = merger.merge(base, mine, theirs);
        assertEquals(2, r.suggestionCount());
        int second = r.chunks().size() - 1;
        MergeResult one = r.withSuggestionAccepted(second);
        assertEquals(1, one.conflictCount());
        assertEquals(ChunkKind.RESOLVED, one.chunks().get(one.chunks().size() - 1).kind());
        assertEquals("five 6 seven 8\n", one.chunks().get(one.chunks().size() - 1).resultText());
        assertSame(r.chunks().get(0), one.chunks().get(0));
    }

    @Test
    void onlyASuggestedConflictCanBeAccepted() {
        MergeResult r = merger.merge("a\n", "b\n", "c\n");
        assertEquals(0, r.suggestionCount());
        assertThrows(IllegalArgumentException.class, () -> r.withSuggestionAccepted(0));
        assertSame(r, r.withSuggestionsAccepted());
    }

    @Test
    void aConflictTheWordMergeCannotResolveHasNoSuggestionButKeepsItsHighlights() {
        MergeResult r = merger.merge("The quick brown fox.\n", "The slow brown fox.\n", "The fast brown fox.\n");
        MergeChunk c = r.chunks().get(0);
        assertEquals(ChunkKind.CONFLICT, c.kind());
        assertNull(c.suggestion());
        assertTrue(!c.highlights().isEmpty());
    }

    @Test
    void withoutRefinementThereAreNeitherSuggestionsNorHighlights() {
        MergeResult r = merger.merge("the quick brown fox\n", "the slow brown fox\n", "the quick brown cat\n",
                MergeOptions.LINE_ONLY);
        assertNull(r.chunks().get(0).suggestion());
        assertEquals(List.of(), r.chunks().get(0).highlights());
    }

    @Test
    void aSuggestionMustCoverItsConflictExactly() {
        MergeChunk part = new MergeChunk(ChunkKind.MINE, new LineRange(0, 1), new LineRange(0, 1),
                new LineRange(0, 1), "a\n", "b\n", "a\n", "b\n", List.of(), List.of());
        Suggestion s = new Suggestion(Suggestion.Basis.SEPARATE_LINES, List.of(part));
        assertThrows(IllegalArgumentException.class, () -> new MergeChunk(ChunkKind.CONFLICT, new LineRange(0, 2),
                new LineRange(0, 2), new LineRange(0, 2), "a\nx\n", "b\nx\n", "a\ny\n", null, List.of(), List.of(), s));
        assertThrows(IllegalArgumentException.class, () -> new MergeChunk(ChunkKind.MINE, new LineRange(0, 1),
                new LineRange(0, 1), new LineRange(0, 1), "a\n", "b\n", "a\n", "b\n", List.of(), List.of(), s));
        MergeChunk conflict = new MergeChunk(ChunkKind.CONFLICT, new LineRange(0, 1), new LineRange(0, 1),
                new LineRange(0, 1), "a\n", "b\n", "c\n", null, List.of(), List.of());
        assertThrows(IllegalArgumentException.class,
                () -> new Suggestion(Suggestion.Basis.SEPARATE_LINES, List.of(conflict)));
    }
}
