package concord.ui.conflict;

import java.util.function.Consumer;

/**
 * What can still be done about a merge that was saved without asking ({@link ConflictOutcome.MergedQuietly}). Both
 * are called on the FX thread and answer on it, each call's {@code done} exactly once.
 */
public interface FollowUp {

    /**
     * Opens the merge dialog on that merge (base, mine and theirs as they were); what it decides is written over the
     * merged version. {@code done} gets {@link ConflictOutcome.Resolved} when something was written, else
     * {@link ConflictOutcome.Cancelled} (the merge stays as it is).
     */
    void review(Consumer<ConflictOutcome> done);

    /**
     * Saves the user's text as it was before the merge as a new version, under If-Match of the merged version, so
     * nothing is lost: the merge stays in the history. When somebody saved after the merge, that is a new conflict
     * (base: the merge, mine: the text before it) and goes the usual way. {@code done} gets the outcome;
     * {@code failed} gets why nothing could be written (the server could not be asked or refused).
     */
    void undo(Consumer<ConflictOutcome> done, Consumer<String> failed);
}
