package concord.ui.notes;

/** Whether the window hears of others' changes as they happen (the server's change feed) or has to ask. */
public enum FeedState {
    /** This window has no feed (it refreshes on a timer, if at all). */
    NONE(""),
    /** The feed is open: others' saves show at once. */
    LIVE("Live"),
    /** The feed broke; it reconnects by itself, and the window refreshes on a timer meanwhile. */
    RETRYING("Offline — retrying");

    private final String label;

    FeedState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
