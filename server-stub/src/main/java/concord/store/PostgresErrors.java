package concord.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** The one place where PostgreSQL's errors become the store's exceptions, by their SQLSTATE. */
final class PostgresErrors {

    private PostgresErrors() {
    }

    /**
     * A serialization failure or a deadlock: the database aborted this transaction to let another go on. Running
     * the unit again is the documented remedy; it is never the caller's fault.
     */
    static boolean isRetryable(SQLException e) {
        String state = state(e);
        return "40001".equals(state) || "40P01".equals(state);
    }

    /** {@code what} failed because of {@code e}; {@code committing}: the failure came while a COMMIT was on its way. */
    static StoreException failure(String what, SQLException e, boolean committing) {
        if (isUnavailable(e)) {
            String why = committing
                    ? what + ": the connection to PostgreSQL was lost while committing; the write may have been applied"
                    : what + ": PostgreSQL cannot be reached (" + e.getMessage() + ")";
            return new StoreUnavailableException(why, e, committing);
        }
        if ("53100".equals(state(e))) {
            return new StorageFullException(what + ": the disk holding the database is full (" + e.getMessage() + ")", e);
        }
        return new StoreException(what + ": " + e.getMessage(), e);
    }

    /**
     * The database is not there for us right now: no connection could be had (the pool timed out), the connection
     * broke (class 08), the server is shutting down, restarting or not yet accepting (57P01–57P03), or it has no
     * connection slot left (53300).
     */
    static boolean isUnavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P") || "53300".equals(state))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String state(SQLException e) {
        return e.getSQLState();
    }
}
