package concord.server;

import concord.engines.Engine;
import concord.engines.TestDatabase;
import concord.store.SqliteNoteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Every row of every table of a data directory's database, straight from the SQLite file, to compare. */
final class DatabaseDump {

    private DatabaseDump() {
    }

    static String dump(Path data) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteNoteStore.FILE_NAME))) {
            return TestDatabase.dump(c, Engine.SQLITE);
        }
    }
}
