package concord.ui.conflict;

import concord.client.NotesApi;
import java.util.concurrent.Executor;

/**
 * Builds the conflict handler of one window. A window's handler saves the merged text with that window's
 * client (its identity and ETag bookkeeping), so it is made per window, not shared.
 */
@FunctionalInterface
public interface ConflictHandlerFactory {

    /**
     * @param api the window's client; the handler saves a resolution through it
     * @param io  where the handler must run its HTTP calls (never the FX thread)
     */
    ConflictHandler forWindow(NotesApi api, Executor io);

    /** No merge dialog: every conflict stays pending in the editor's banner, with the user's text kept. */
    ConflictHandlerFactory KEEP_PENDING = (api, io) -> ConflictHandler.KEEP_PENDING;
}
