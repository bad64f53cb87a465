package concord.ui.conflict;

import concord.model.Note;

/** How a conflict ended, as the editor must apply it. */
public sealed interface ConflictOutcome {

    /** The note on the server is now {@code note} (merged and saved, kept mine, took theirs, or re-created): the editor loads it as its new base and text. */
    record Resolved(Note note) implements ConflictOutcome {
    }

    /** The user backed out: the editor keeps the user's text and the old base, and shows the conflict as pending. */
    record Cancelled() implements ConflictOutcome {
    }

    /** The note was deleted on the server and the user chose to discard their edits: the editor closes it. */
    record Discarded() implements ConflictOutcome {
    }
}
