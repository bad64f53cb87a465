package concord.store;

/** Another process (or another store in this one) already uses the data directory. */
public class DirectoryInUseException extends StoreException {

    public DirectoryInUseException(String message) {
        super(message);
    }
}
