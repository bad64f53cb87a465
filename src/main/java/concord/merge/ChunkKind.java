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
    /** Both changed the same lines, and the sub-line refinement proved the edits independent: resolved automatically. */
    RESOLVED,
    /** Both changed it differently; a person must decide. */
    CONFLICT
}
