package concord.ui.merge;

/** How a segment's current text came about. */
public enum Resolution {
    /** The engine's result, untouched (unchanged text, one-sided change, identical change, or sub-line merge). */
    AUTO,
    /** A conflict nobody decided yet; the segment shows the base text as a placeholder. */
    UNRESOLVED,
    /**
     * A conflict the engine proposes a resolution for: the segment shows the proposal, and it counts as an open
     * conflict (for the counter and for saving) until it is accepted or decided otherwise.
     */
    SUGGESTED,
    /** The engine's proposal, accepted by the user. */
    ACCEPTED,
    MINE, THEIRS, BOTH_MINE_FIRST, BOTH_THEIRS_FIRST, BASE,
    /** Typed by hand. */
    EDITED;

    /** Whether a person still has to decide: an undecided conflict, or one whose suggestion is not accepted yet. */
    public boolean isOpen() {
        return this == UNRESOLVED || this == SUGGESTED;
    }
}
