package concord.ui.conflict;

import concord.model.Note;
import concord.model.NoteContent;
import javafx.stage.Window;

/**
 * A save that answered 412 (or found the note deleted).
 *
 * @param base        the version the editor loaded (the merge base)
 * @param mine        the user's unsaved content
 * @param theirs      the server's current version, or {@code null} when the note was deleted on the server
 * @param owner       the window to attach a dialog to
 * @param resolveOnly the handler decides but writes nothing: the caller saves the decision itself, together with
 *                    other notes in one transaction (Save all). Its outcome is then {@link ConflictOutcome.Merged},
 *                    {@link ConflictOutcome.Resolved} (took theirs: nothing to write), {@link ConflictOutcome.Discarded}
 *                    or {@link ConflictOutcome.Cancelled}.
 */
public record ConflictRequest(Note base, NoteContent mine, Note theirs, Window owner, boolean resolveOnly) {

    /** The editor's single-note save: the handler saves the resolution itself. */
    public ConflictRequest(Note base, NoteContent mine, Note theirs, Window owner) {
        this(base, mine, theirs, owner, false);
    }

    /** A conflict of a multi-note save: resolve it, but leave the writing to the caller's transaction. */
    public static ConflictRequest resolveOnly(Note base, NoteContent mine, Note theirs, Window owner) {
        return new ConflictRequest(base, mine, theirs, owner, true);
    }

    public boolean deletedOnServer() {
        return theirs == null;
    }
}
