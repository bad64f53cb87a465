package concord.ui.conflict;

import java.util.function.Consumer;

/**
 * What the editor calls when a save meets a conflict. Called on the FX thread; must not block it;
 * calls {@code done} exactly once, on the FX thread.
 */
public interface ConflictHandler {

    void handle(ConflictRequest request, Consumer<ConflictOutcome> done);

    /** Until a merge dialog is wired in: leave the user's text untouched and let the editor show a banner. */
    ConflictHandler KEEP_PENDING = (request, done) -> done.accept(new ConflictOutcome.Cancelled());
}
