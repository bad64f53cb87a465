package concord.store;

import java.sql.SQLException;
import org.sqlite.SQLiteException;

/** The one place where SQLite's errors become the store's exceptions. */
final class SqliteErrors {

    /** SQLite's primary result code for "database or disk is full". */
    static final int SQLITE_FULL = 13;

    private SqliteErrors() {
    }

    /** {@code what} failed because of {@code e}: a {@link StorageFullException} when the disk is full. */
    static StoreException failure(String what, SQLException e) {
        if (isDiskFull(e)) {
            return new StorageFullException(what + ": the disk holding the database is full (" + e.getMessage() + ")", e);
        }
        return new StoreException(what + ": " + e.getMessage(), e);
    }

    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s && (s.getResultCode().code & 0xff) == SQLITE_FULL) {
                return true;
            }
            if (t instanceof StorageFullException) {
                return true;
            }
        }
        return false;
    }
}
