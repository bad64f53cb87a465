package concord.store;

/**
 * The disk holding the database is full: the write was rolled back and nothing of it is visible. Writes succeed
 * again as soon as space is freed; no restart is needed.
 */
public class StorageFullException extends StoreException {

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
