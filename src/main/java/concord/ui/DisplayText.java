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
}
