package concord.ui.notes;

import java.util.Optional;

/**
 * A non-blocking message in the window's notification bar.
 *
 * @param retry what the Retry button does; empty when there is nothing to retry
 */
public record Notice(Kind kind, String message, Optional<Runnable> retry) {

    public enum Kind { INFO, WARNING, ERROR }

    public static Notice info(String message) {
        return new Notice(Kind.INFO, message, Optional.empty());
    }

    public static Notice error(String message, Runnable retry) {
        return new Notice(Kind.ERROR, message, Optional.ofNullable(retry));
    }

    public static Notice warning(String message, Runnable retry) {
        return new Notice(Kind.WARNING, message, Optional.ofNullable(retry));
    }
}
