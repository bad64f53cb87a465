package concord.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a test can make the SQLite engine fail as real hardware does (a commit or fsync that fails, a read
 * connection that dies mid-request), to prove the store recovers. Production code passes {@link #NONE}.
 */
interface SqliteFaults {

    SqliteFaults NONE = new SqliteFaults() {
    };

    /** Called on the writer thread right before a batch's COMMIT, inside the open transaction. */
    default void beforeCommit(Connection writer) throws SQLException {
    }

    /** Called on a read connection right before a read runs. */
    default void beforeRead(Connection reader) throws SQLException {
    }
}
