package concord.ui.notes;

import java.util.List;
import java.util.Optional;

/**
 * A non-blocking message in the window's notification bar.
 *
 * @param retry   what the Retry button does; empty when there is nothing to retry
 * @param actions further buttons beside the message (Review, Undo after a quiet merge); a notice with actions
 *                stays until it is dismissed or replaced, so there is time to use them
 */
public record Notice(Kind kind, String message, Optional<Runnable> retry, List<Action> actions) {

    public enum Kind { INFO, WARNING, ERROR }

    /** A button of the notice: its id (tests and shortcuts find it), its label with a mnemonic, what it does. */
    public record Action(String id, String label, Runnable run) {
    }

    public Notice {
        actions = List.copyOf(actions);
    }

    public Notice(Kind kind, String message, Optional<Runnable> retry) {
        this(kind, message, retry, List.of());
    }

    public static Notice info(String message) {
        return new Notice(Kind.INFO, message, Optional.empty());
    }

    /** Information with buttons; it does not fade away like a plain {@link #info}. */
    public static Notice info(String message, Action... actions) {
        return new Notice(Kind.INFO, message, Optional.empty(), List.of(actions));
    }

    public static Notice error(String message, Runnable retry) {
        return new Notice(Kind.ERROR, message, Optional.ofNullable(retry));
    }

    public static Notice warning(String message, Runnable retry) {
        return new Notice(Kind.WARNING, message, Optional.ofNullable(retry));
    }
}
