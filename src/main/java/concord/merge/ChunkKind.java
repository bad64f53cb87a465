package concord.merge;

/** What happened to one region of the texts. */
public enum ChunkKind {
    /** Nobody changed it. */
    UNCHANGED,
    /** Only mine changed it; the result takes mine. */
    MINE,
    /** Only theirs changed it; the result takes theirs. */
    THEIRS,
    /** Both changed it identically; the result takes that text once. */
    BOTH_SAME,
    /**
     * Both changed the same lines and the sub-line refinement found the edits independent; only with
     * {@link Refinement#SUGGEST}, or inside a {@link Suggestion} (by default it is proposed, not applied).
     */
    RESOLVED,
    /** Both changed it differently; a person must decide. */
    CONFLICT
}
