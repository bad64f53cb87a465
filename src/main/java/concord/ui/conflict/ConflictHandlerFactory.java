package concord.ui.conflict;

import java.util.concurrent.Executor;
import javafx.stage.Window;

/**
 * Builds the conflict handler of one window: its dialogs belong to that window, and its work runs on that
 * window's I/O executor. What a resolution writes, and with which client, comes with each {@link ConflictRequest}.
 */
@FunctionalInterface
public interface ConflictHandlerFactory {

    /**
     * @param owner the window a dialog attaches to
     * @param io    where the handler runs what must not run on the FX thread (the merge engine, the writes)
     */
    ConflictHandler forWindow(Window owner, Executor io);

    /** No merge dialog: every conflict stays pending in the editor's banner, with the user's text kept. */
    ConflictHandlerFactory KEEP_PENDING = (owner, io) -> ConflictHandler.KEEP_PENDING;
}
