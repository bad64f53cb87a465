package concord.merge;

import java.util.Objects;

/**
 * @param refinement how far below git's line-level merge the engine goes (see {@link Refinement})
 * @param lineDiff   the line diff the merge is built on
 */
public record MergeOptions(Refinement refinement, LineDiff lineDiff) {

    /** Certain resolutions applied, the rest proposed as suggestions on conflict chunks; histogram line diff. */
    public static final MergeOptions DEFAULT = new MergeOptions(Refinement.CERTAIN, LineDiff.HISTOGRAM);
    /** Every suggestion applied: the engine's refinement taken as it proposes. */
    public static final MergeOptions SUGGEST = new MergeOptions(Refinement.SUGGEST, LineDiff.HISTOGRAM);
    /** git's line-level merge only. */
    public static final MergeOptions LINE_ONLY = new MergeOptions(Refinement.OFF, LineDiff.HISTOGRAM);

    public MergeOptions {
        Objects.requireNonNull(refinement, "refinement");
        Objects.requireNonNull(lineDiff, "lineDiff");
    }

    /** Whether conflicts are refined below the line at all (to suggestions or resolutions). */
    public boolean refines() {
        return refinement != Refinement.OFF;
    }

    public MergeOptions withLineDiff(LineDiff diff) {
        return new MergeOptions(refinement, diff);
    }
}
