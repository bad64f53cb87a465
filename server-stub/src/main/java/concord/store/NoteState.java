package concord.store;

import concord.model.Note;
import java.time.Instant;
import java.util.Optional;

/** What the store holds for an id right now. */
public sealed interface NoteState {

    record Live(Note note) implements NoteState {
    }

    /**
     * The note existed and was deleted; {@code lastVersion} is its last saved version, {@code deletedBy} and
     * {@code deletedAt} who deleted it and when ({@code null} for a note deleted before the store kept them).
     */
    record Deleted(String id, long lastVersion, String deletedBy, Instant deletedAt) implements NoteState {

        /** A deletion the store knows nothing more about. */
        public Deleted(String id, long lastVersion) {
            this(id, lastVersion, null, null);
        }
    }

    record Absent(String id) implements NoteState {
    }

    default Optional<Note> live() {
        return this instanceof Live l ? Optional.of(l.note()) : Optional.empty();
    }

    /** The last version this id had (0 if it never existed): a new write makes the one after it. */
    default long lastVersion() {
        if (this instanceof Live l) {
            return l.note().version();
        }
        return this instanceof Deleted d ? d.lastVersion() : 0;
    }
}
