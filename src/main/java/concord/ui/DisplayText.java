package concord.ui;

/**
 * How people and notes are named on screen, in one place, so the list, the banners, the notices and the merge
 * dialog all say the same. A name or a title that is empty or only spaces counts as missing.
 */
public final class DisplayText {

    /** Shown for the author of a version when the server names nobody. */
    public static final String SOMEONE = "Someone";
    /** Shown for a note whose title is empty. */
    public static final String UNTITLED = "Untitled";

    private DisplayText() {
    }

    /** Who saved a version, as shown: their name, or {@value #SOMEONE}. */
    public static String author(String updatedBy) {
        return updatedBy == null || updatedBy.isBlank() ? SOMEONE : updatedBy;
    }

    /** "1 note", "3 notes". */
    public static String notes(int n) {
        return n + (n == 1 ? " note" : " notes");
    }

    /** A note's title as shown: without the spaces around it, or {@value #UNTITLED}. */
    public static String title(String title) {
        return title == null || title.isBlank() ? UNTITLED : title.strip();
    }

    private static final java.time.format.DateTimeFormatter CLOCK =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm", java.util.Locale.ROOT);

    /** "Locked by Alice until 10:32": someone's lock on a note, in the viewer's time zone. */
    public static String lockedBy(concord.model.NoteLock lock, java.time.ZoneId zone) {
        return "L" + lockedByInSentence(lock, zone).substring(1);
    }

    /** "locked by Alice until 10:32", for the middle of a sentence. */
    public static String lockedByInSentence(concord.model.NoteLock lock, java.time.ZoneId zone) {
        return "locked by " + author(lock.holder()) + " until " + CLOCK.format(lock.expiresAt().atZone(zone));
    }

    /** "Alice is editing", "Bob is viewing": someone's presence in a note (a departure has no text). */
    public static String presence(concord.model.Presence p) {
        return switch (p.state()) {
            case EDITING -> author(p.user()) + " is editing";
            case VIEWING -> author(p.user()) + " is viewing";
            case LEFT -> "";
        };
    }

    // ---- a merge saved without asking (the notes window's notice)

    /** The notice's buttons: open the dialog on the merge, or put the text from before it back. */
    public static final String REVIEW_MERGE = "Rev_iew"; // Alt+R is the drafts banner's Restore, Alt+V the View menu
    public static final String UNDO_MERGE = "_Undo merge";
    public static final String MERGE_UNDONE = "Your text from before the merge is back; the merge stays in the note’s history.";
    public static final String MERGE_NOT_UNDONE = "The merge was not undone. ";
    public static final String MERGE_CHANGED_SINCE = "The note has changed since the merge, so Review and Undo no longer apply; "
            + "its earlier versions are in the note’s history.";

    /** "Merged with Alice’s changes." ({@code author} as {@link #author} shows it) */
    public static String mergedQuietly(String author) {
        return "Merged with " + changesOf(author) + " and saved.";
    }

    /** The same when the user typed on while the merge was being saved: what they typed is kept, not yet saved. */
    public static String mergedQuietlyWhileTyping(String author) {
        return "Merged with " + changesOf(author) + " and saved; what you typed meanwhile is not saved yet (Ctrl+S merges it too).";
    }

    private static String changesOf(String author) {
        return SOMEONE.equals(author) ? "someone else’s changes" : author + "’s changes";
    }
}
