package concord.ui.conflict;

import concord.client.ApiResult;
import concord.model.Note;
import concord.model.NoteContent;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Carries out what the merge dialog decided. The dialog decides (Save merged, Keep mine, Take theirs,
 * Re-create); the writer that came with the {@link ConflictRequest} writes it: at once ({@link WriteAtOnce}, the
 * editor's save) or later, with the other notes of Save all in one transaction ({@link WriteWithSaveAll}).
 */
public interface ResolutionWriter {

    /** Puts {@code content} over {@code theirs}: Save merged, and Keep mine. */
    Write replace(Note theirs, NoteContent content);

    /** Their version wins over {@code mine}: Take theirs. */
    Write takeTheirs(Note theirs, NoteContent mine);

    /** Brings back the note {@code base} that was deleted on the server, with {@code mine}: Re-create. */
    Write recreate(Note base, NoteContent mine);

    /** Whether nothing reaches the server before Save all sends the whole set (the dialog says so). */
    boolean deferred();

    /** What carrying out a decision takes. */
    sealed interface Write {

        /** Nothing to write now: the conflict ends with {@code outcome} at once. */
        record Settled(ConflictOutcome outcome) implements Write {
            public Settled {
                Objects.requireNonNull(outcome, "outcome");
            }
        }

        /** A blocking call to the server; run it off the FX thread. */
        record Call(Supplier<Written> work) implements Write {
            public Written run() {
                return work.get();
            }
        }
    }

    /** What a {@link Write.Call} found on the server. */
    sealed interface Written {

        /** The server has {@code note} now: the conflict is resolved. */
        record Saved(Note note) implements Written {
        }

        /**
         * Someone saved again first ({@code current}): nothing was written. The next round merges {@code sent}
         * (as mine) against {@code current} (theirs) from {@code sentOver} (base).
         */
        record Overtaken(Note sentOver, NoteContent sent, Note current) implements Written {
        }

        /**
         * The note was deleted on the server meanwhile ({@code deletedBy}: by whom, when the server said): {@code sent}
         * can be re-created or discarded.
         */
        record Deleted(Note sentOver, NoteContent sent, String deletedBy) implements Written {

            public Deleted(Note sentOver, NoteContent sent) {
                this(sentOver, sent, null);
            }
        }

        /** The server could not be asked, or refused: nothing was written. */
        record Failed(ApiResult<?> failure) implements Written {
        }
    }
}
