package concord.ui.conflict;

import concord.model.Note;
import concord.model.NoteContent;
import java.util.Objects;

/** How a conflict ended, as the editor must apply it. */
public sealed interface ConflictOutcome {

    /** The note on the server is now {@code note} (merged and saved, kept mine, took theirs, or re-created): the editor loads it as its new base and text. */
    record Resolved(Note note) implements ConflictOutcome {
    }

    /**
     * The merge needed nobody — no conflict, no suggestion — so it was saved as {@code note} under If-Match of
     * {@code theirs} without a dialog. The editor loads it like {@link Resolved} and offers {@code followUp} in a
     * non-modal notice (Review, Undo).
     *
     * @param theirs the version merged with (its author names the notice)
     * @param mine   the user's text before the merge: what Undo brings back
     */
    record MergedQuietly(Note note, Note theirs, NoteContent mine, FollowUp followUp) implements ConflictOutcome {

        public MergedQuietly {
            Objects.requireNonNull(note, "note");
            Objects.requireNonNull(theirs, "theirs");
            Objects.requireNonNull(mine, "mine");
            Objects.requireNonNull(followUp, "followUp");
        }
    }

    /** The user backed out: the editor keeps the user's text and the old base, and shows the conflict as pending. */
    record Cancelled() implements ConflictOutcome {
    }

    /** The note was deleted on the server and the user chose to discard their edits: the editor closes it. */
    record Discarded() implements ConflictOutcome {
    }

    /**
     * Only from a writer that {@linkplain ResolutionWriter#deferred() defers} ({@link WriteWithSaveAll}): nothing
     * was written. The caller saves {@code content} under If-Match of {@code theirs}' ETag, or, when {@code theirs}
     * is {@code null} (the note was deleted on the server), re-creates the note with If-None-Match: *.
     *
     * @param content the merged text (or mine, for Keep mine)
     * @param theirs  the version the decision was made against; {@code null} for a re-create
     */
    record Merged(NoteContent content, Note theirs) implements ConflictOutcome {

        public Merged {
            Objects.requireNonNull(content, "content");
        }

        public boolean recreate() {
            return theirs == null;
        }
    }
}
