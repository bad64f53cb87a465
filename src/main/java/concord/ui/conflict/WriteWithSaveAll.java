package concord.ui.conflict;

import concord.model.Note;
import concord.model.NoteContent;

/**
 * Save all's: a decision is not written by itself but handed back as the outcome, so that Save all can send
 * every note of the window in one transaction once all of them are decided.
 */
public final class WriteWithSaveAll implements ResolutionWriter {

    /** Save all saves {@code content} under If-Match of {@code theirs}' ETag. */
    @Override
    public Write replace(Note theirs, NoteContent content) {
        return new Write.Settled(new ConflictOutcome.Merged(content, theirs));
    }

    /** The server already has theirs: this note leaves the set, and mine is not written to the history. */
    @Override
    public Write takeTheirs(Note theirs, NoteContent mine) {
        return new Write.Settled(new ConflictOutcome.Resolved(theirs));
    }

    /** Save all creates the note again with If-None-Match: *. */
    @Override
    public Write recreate(Note base, NoteContent mine) {
        return new Write.Settled(new ConflictOutcome.Merged(mine, null));
    }

    @Override
    public boolean deferred() {
        return true;
    }
}
