package concord.client;

import concord.model.Note;
import concord.model.NoteContent;
import java.time.Instant;
import java.util.Objects;

/**
 * Unsaved work on one note, kept on disk until its save succeeds.
 *
 * @param key     the note id, or a local key {@code new-<uuid>} for a note never saved to the server
 * @param base    the version the edit started from (the merge base), or {@code null} for a new note
 * @param mine    the user's text
 * @param savedAt when the draft was written
 */
public record Draft(String key, Note base, NoteContent mine, Instant savedAt) {

    public Draft {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(mine, "mine");
        Objects.requireNonNull(savedAt, "savedAt");
    }

    public boolean isNewNote() {
        return base == null;
    }
}
