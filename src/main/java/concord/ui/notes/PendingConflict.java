package concord.ui.notes;

import concord.model.Note;

/**
 * A save (or reload) that found the server ahead of the editor's base, left for the user to resolve.
 * The editor keeps the user's text and its old base while this is shown.
 *
 * @param theirs    the server's current version, or {@code null} when the note was deleted on the server
 * @param deletedBy who deleted it, when the server said ({@code null} otherwise)
 */
public record PendingConflict(Note theirs, String deletedBy) {

    public PendingConflict(Note theirs) {
        this(theirs, null);
    }

    public boolean deletedOnServer() {
        return theirs == null;
    }
}
