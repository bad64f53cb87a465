package concord.store;

/**
 * The database could not be reached, or went away during the request (a PostgreSQL server restarting, a network
 * that dropped the connection). Nothing was acknowledged; the store reconnects by itself, so the same request can
 * be sent again in a moment.
 *
 * <p>{@link #outcomeUnknown()} is true when the connection was lost while a commit was on its way: the write may
 * have been applied. A conditional write sent again then fails its precondition against itself, and a transaction
 * sent again with the same token gets its first outcome back.
 */
public class StoreUnavailableException extends StoreException {

    private final boolean outcomeUnknown;

    public StoreUnavailableException(String message, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
