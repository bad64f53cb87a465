package concord.ui.conflict;

import java.util.function.Consumer;

/**
 * What the editor calls when a save meets a conflict. Called on the FX thread; must not block it;
 * calls {@code done} exactly once, on the FX thread.
 */
public interface ConflictHandler {

    void handle(ConflictRequest request, Consumer<ConflictOutcome> done);

    /** No dialog: leave the user's text untouched and let the editor show the conflict in its banner. */
    ConflictHandler KEEP_PENDING = (request, done) -> done.accept(new ConflictOutcome.Cancelled());
}
