package concord.store;

/** The store could not do its job (I/O, a corrupt file, closed). Never caused by a caller's input. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
