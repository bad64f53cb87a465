package concord.merge;

/**
 * How far the engine goes below git's line-level merge.
 *
 * <p>Measured on 840 real merges with the resolutions people committed (see {@code docs/} and the merge-corpus
 * score), every sub-line rule the engine has (separate changes on touching lines, separate word edits in the same
 * lines) produced a merge that differs from what people committed about as often as one that matches: people
 * often keep one side's version, or rewrite while merging. So those rules only <em>propose</em> by default.
 */
public enum Refinement {
    /** git's line-level merge, nothing more: no suggestions, no highlights. */
    OFF,
    /**
     * What is certain is applied; what refinement finds beyond that is carried on the conflict chunk as a
     * {@link Suggestion} and the chunk stays a {@link ChunkKind#CONFLICT} until someone accepts it. Certain: git's
     * line-level merge, and where JGit's histogram alignment leaves a conflict that a Myers alignment of the same
     * texts (git merge-file's own) does not, the Myers merge.
     */
    CERTAIN,
    /**
     * Every suggestion is applied, as if accepted: exactly {@link MergeResult#withSuggestionsAccepted()} of the
     * {@link #CERTAIN} result.
     */
    SUGGEST
}
