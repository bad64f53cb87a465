package concord.store;

import concord.model.Note;
import concord.model.NoteLock;
import java.util.Optional;

/** The result of a conditional write. */
public sealed interface WriteOutcome {

    record Written(Note note, boolean created) implements WriteOutcome {
    }

    record Deleted(String id) implements WriteOutcome {
    }

    /** Nothing was changed; {@code current} is the live note, or empty if there is none. */
    record PreconditionFailed(Optional<Note> current) implements WriteOutcome {
    }

    /** Nothing was changed: someone else holds a lock on the note and the write did not carry its token. */
    record Locked(NoteLock lock) implements WriteOutcome {
    }
}
