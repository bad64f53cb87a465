package concord.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.Arbitrary;
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

    @Property(tries = 300)
    void withoutRefinementNothingIsSuggested(@ForAll("nearScenarios") MergeLawsProperties.Scenario s) {
        MergeResult r = merger.merge(s.base(), s.mine(), s.theirs(), MergeOptions.LINE_ONLY);
        r.chunks().forEach(c -> assertNull(c.suggestion()));
        assertEquals(0, r.suggestionCount());
    }
}
