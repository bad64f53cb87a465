package concord.ui.merge;

/** How a segment's current text came about. */
public enum Resolution {
    /** The engine's result, untouched (unchanged text, one-sided change, identical change, or sub-line merge). */
    AUTO,
    /** A conflict nobody decided yet; the segment shows the base text as a placeholder. */
    UNRESOLVED,
    MINE, THEIRS, BOTH_MINE_FIRST, BOTH_THEIRS_FIRST, BASE,
    /** Typed by hand. */
    EDITED
}
