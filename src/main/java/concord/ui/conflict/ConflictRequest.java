package concord.ui.conflict;

import concord.model.Note;
import concord.model.NoteContent;
import java.util.Objects;

/**
 * A save that answered 412 (or found the note deleted), handed to the window's {@link ConflictHandler}.
 *
 * @param base      the version the editor loaded (the merge base)
 * @param mine      the user's unsaved content
 * @param theirs    the server's current version, or {@code null} when the note was deleted on the server
 * @param writer    carries out the decision: {@link WriteAtOnce} for the editor's save, {@link WriteWithSaveAll}
 *                  when Save all writes every note together
 * @param deletedBy who deleted the note, when it was deleted and the server said ({@code null} otherwise)
 */
public record ConflictRequest(Note base, NoteContent mine, Note theirs, ResolutionWriter writer, String deletedBy) {

    public ConflictRequest {
        Objects.requireNonNull(writer, "writer");
    }

    public ConflictRequest(Note base, NoteContent mine, Note theirs, ResolutionWriter writer) {
        this(base, mine, theirs, writer, null);
    }

    public boolean deletedOnServer() {
        return theirs == null;
    }
}
