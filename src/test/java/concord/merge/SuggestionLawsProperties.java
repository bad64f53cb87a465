package concord.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The laws of suggestions, on the random texts and edits of {@link MergeLawsProperties}: what the default
 * ({@link Refinement#CERTAIN}) proposes is exactly what {@link Refinement#SUGGEST} applies, and nothing of it is
 * applied until accepted.
 */
class SuggestionLawsProperties {

    private final HistogramMerger merger = new HistogramMerger();
    private final MergeLawsProperties generators = new MergeLawsProperties();

    @Provide
    Arbitrary<MergeLawsProperties.Scenario> scenarios() {
        return generators.scenarios();
    }

    @Provide
    Arbitrary<MergeLawsProperties.Scenario> nearScenarios() {
        return generators.nearScenarios();
    }

    @Property(tries = 300)
    void acceptingEverySuggestionGivesExactlyWhatSuggestModeApplies(@ForAll("nearScenarios") MergeLawsProperties.Scenario s) {
        MergeResult certain = merger.merge(s.base(), s.mine(), s.theirs(), MergeOptions.DEFAULT);
        MergeResult suggest = merger.merge(s.base(), s.mine(), s.theirs(), MergeOptions.SUGGEST);
        Statistics.label("suggested").collect(certain.suggestionCount() > 0);
        Statistics.label("suggested").coverage(check -> check.check(true).percentage(p -> p >= 5));
        assertEquals(suggest, certain.withSuggestionsAccepted());
        assertEquals(suggest.conflictCount(), certain.conflictCount() - certain.suggestionCount());
    }

    @Property(tries = 300)
    void acceptingEverySuggestionGivesWhatSuggestModeAppliesOnLongerTexts(@ForAll("scenarios") MergeLawsProperties.Scenario s) {
        MergeResult certain = merger.merge(s.base(), s.mine(), s.theirs(), MergeOptions.DEFAULT);
        assertEquals(merger.merge(s.base(), s.mine(), s.theirs(), MergeOptions.SUGGEST), certain.withSuggestionsAccepted());
    }

    @Property(tries = 300)
    void acceptingSuggestionsOneAtATimeEndsWhereAcceptingAllDoes(@ForAll("nearScenarios") MergeLawsProperties.Scenario s) {
        MergeResult r = merger.merge(s.base(), s.mine(), s.theirs(), MergeOptions.DEFAULT);
        MergeResult all = r.withSuggestionsAccepted();
        // from the last chunk backwards, so the indices of those not yet accepted do not move
        for (int i = r.chunks().size() - 1; i >= 0; i--) {
            if (r.chunks().get(i).hasSuggestion()) {
                r = r.withSuggestionAccepted(i);
            }
        }
        assertEquals(all, r);
    }

    @Property(tries = 300)
    void swappingMineAndTheirsSwapsTheSuggestionsSides(@ForAll("nearScenarios") MergeLawsProperties.Scenario s) {
        MergeResult r = merger.merge(s.base(), s.mine(), s.theirs(), MergeOptions.DEFAULT);
        MergeResult w = merger.merge(s.base(), s.theirs(), s.mine(), MergeOptions.DEFAULT);
        Statistics.label("suggested").collect(r.suggestionCount() > 0);
        Statistics.label("suggested").coverage(check -> check.check(true).percentage(p -> p >= 5));
        MergeLawsProperties.assertSwapped(r.chunks(), w.chunks());
    }

    /** The default applies nothing below the line: no chunk outside a suggestion is RESOLVED. */
    @Property(tries = 300)
    void theDefaultAppliesNoWordMerge(@ForAll("nearScenarios") MergeLawsProperties.Scenario s) {
        MergeResult r = merger.merge(s.base(), s.mine(), s.theirs(), MergeOptions.DEFAULT);
        for (MergeChunk c : r.chunks()) {
            assertNotEquals(ChunkKind.RESOLVED, c.kind(), c::toString);
        }
    }

    /**
     * Never a conflict where git's own alignment has none: when the histogram line merge is clean the default is
     * that merge, and when only the Myers line merge is clean the default is that one; except for a pair of
     * insertions the hold joins, a conflict over blank base lines that carries neither suggestion nor highlights.
     */
    /**
     * Few distinct lines, many of them blank or fences, and blocks inserted and deleted: the shapes where two
     * equally good diffs place a block a line apart, so the histogram and Myers alignments differ.
     */
    @Provide
    Arbitrary<MergeLawsProperties.Scenario> slidingScenarios() {
        Arbitrary<String> line = Arbitraries.of("\n", "\n", "\n", "```\n", "a\n", "b\n", "## H\n", "text\n");
        Arbitrary<List<String>> text = line.list().ofMinSize(3).ofMaxSize(14);
        Arbitrary<List<int[]>> ops = Combinators.combine(Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 40), Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(0, 7))
                .as((k, at, n, w) -> new int[] {k, at, n, w}).list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(text, ops, ops).as((t, m, y) -> new MergeLawsProperties.Scenario(
                String.join("", t), String.join("", edit(t, m)), String.join("", edit(t, y))));
    }

    private static final List<String> VOCABULARY = List.of("\n", "```\n", "a\n", "b\n", "## H\n", "text\n",
            "new\n", "x\n");

    private static List<String> edit(List<String> text, List<int[]> ops) {
        List<String> out = new ArrayList<>(text);
        for (int[] op : ops) {
            int n = out.size();
            switch (op[0]) {
                case 0 -> {
                    for (int i = 0; i < op[2]; i++) {
                        out.add(op[1] % (n + 1), VOCABULARY.get((op[3] + i) % VOCABULARY.size()));
                    }
                }
                case 1 -> {
                    for (int i = 0; i < op[2] && !out.isEmpty(); i++) {
                        out.remove(op[1] % out.size());
                    }
                }
                default -> {
                    if (n > 0) {
                        out.set(op[1] % n, VOCABULARY.get(op[3] % VOCABULARY.size()));
                    }
                }
            }
        }
        return out;
    }

    @Property(tries = 2000)
    void theDefaultConflictsOnlyWhereTheMyersLineMergeDoesToo(@ForAll("slidingScenarios") MergeLawsProperties.Scenario s) {
        MergeResult myers = merger.merge(s.base(), s.mine(), s.theirs(), MergeOptions.LINE_ONLY.withLineDiff(LineDiff.MYERS));
        MergeResult histogram = merger.merge(s.base(), s.mine(), s.theirs(), MergeOptions.LINE_ONLY);
        Statistics.label("alignments differ").collect(myers.isClean() && !histogram.isClean());
        Statistics.label("alignments differ").coverage(check -> check.check(true).percentage(p -> p >= 0.2));
        // the histogram merge when it is clean, otherwise git's alignment when that is
        MergeResult expected = histogram.isClean() ? histogram : myers.isClean() ? myers : null;
        if (expected == null) {
            return;
        }
        MergeResult r = merger.merge(s.base(), s.mine(), s.theirs(), MergeOptions.DEFAULT);
        if (r.isClean()) {
            assertEquals(expected.cleanText(), r.cleanText());
            return;
        }
        for (MergeChunk c : r.chunks()) {
            if (c.isConflict()) {
                assertNull(c.suggestion());
                assertEquals(List.of(), c.highlights());
                assertTrue(c.baseText().isBlank(), c::toString);
            }
        }
    }

    @Property(tries = 500)
    void swappingMineAndTheirsSwapsTheSidesWhereAlignmentsDiffer(@ForAll("slidingScenarios") MergeLawsProperties.Scenario s) {
        for (MergeOptions o : MergeLawsProperties.BOTH) {
            MergeLawsProperties.assertSwapped(merger.merge(s.base(), s.mine(), s.theirs(), o).chunks(),
                    merger.merge(s.base(), s.theirs(), s.mine(), o).chunks());
        }
    }

    @Property(tries = 300)
    void withoutRefinementNothingIsSuggested(@ForAll("nearScenarios") MergeLawsProperties.Scenario s) {
        MergeResult r = merger.merge(s.base(), s.mine(), s.theirs(), MergeOptions.LINE_ONLY);
        r.chunks().forEach(c -> assertNull(c.suggestion()));
        assertEquals(0, r.suggestionCount());
    }
}
