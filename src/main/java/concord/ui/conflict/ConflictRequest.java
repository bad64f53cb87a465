package concord.ui.conflict;

import concord.model.Note;
import concord.model.NoteContent;
import javafx.stage.Window;

/**
 * A save that answered 412 (or found the note deleted).
 *
 * @param base   the version the editor loaded (the merge base)
 * @param mine   the user's unsaved content
 * @param theirs the server's current version, or {@code null} when the note was deleted on the server
 * @param owner  the window to attach a dialog to
 */
public record ConflictRequest(Note base, NoteContent mine, Note theirs, Window owner) {

    public boolean deletedOnServer() {
        return theirs == null;
    }
}
