package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import concord.store.SqliteNoteStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by the server before schema version 2 (a real file, see the fixture's README) opens with
 * today's store, is migrated in place, and answers every read exactly as the old server did.
 */
class SchemaMigrationTest {

    static final Path FIXTURE = Path.of("server-stub/src/test/resources/concord/store/schema-v1");

    @TempDir
    Path dir;

    @Test
    void aVersion1DatabaseIsMigratedOnOpenAndAnswersEveryReadAsBefore() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.copy(FIXTURE.resolve("notes.db"), data.resolve(SqliteNoteStore.FILE_NAME));
        List<String> expected = Files.readAllLines(FIXTURE.resolve("expected.txt"), StandardCharsets.UTF_8);
        try (ConcordServer server = ConcordServer.create(ServerConfig.loopback(data)).start()) {
            Http http = new Http(server.baseUri());
            for (int i = 0; i + 1 < expected.size(); i += 2) {
                String path = expected.get(i);
                Http.Res r = http.get(path);
                assertEquals(200, r.status(), path + " → " + r);
                assertEquals(Http.JSON.readTree(expected.get(i + 1)), r.json(), path);
            }
            // b was deleted before the server kept who deleted a note (schema 4): gone, naming nobody
            Http.Res gone = http.get("/notes/b");
            assertEquals(410, gone.status(), gone.toString());
            assertFalse(gone.json().has("deletedBy") || gone.json().has("deletedAt"), gone.json().toString());
            // and it goes on: a new version on top of the migrated ones
            String etag = http.get("/notes/a").etag();
            assertEquals(200, http.update("a", etag, "Plan", "after the upgrade", "alice").status());
            assertEquals(4, http.get("/notes/a/versions").json().size());
            assertEquals("after the upgrade", http.get("/notes/a/versions/4").note().body());
            // schema 5: locks, whose changes take sequence numbers after every one given out before the upgrade
            Http.Res lock = http.send("PUT", "/notes/a/lock", "{\"seconds\":60}", "Content-Type", "application/json",
                    "X-Concord-User", "alice");
            assertEquals(200, lock.status(), lock::toString);
            // schema 6 indexed the notes that were there, and knows which were deleted (not by whom: never recorded)
            assertEquals("c", http.get("/notes?q=c").json().get(0).get("id").asText());
            assertEquals(1, http.get("/notes?q=UPGRADE").json().size());
            JsonNode deleted = http.get("/notes?deleted=true").json();
            assertEquals(1, deleted.size(), deleted::toString);
            assertEquals("b", deleted.get(0).get("id").asText());
            assertTrue(deleted.get(0).get("deletedBy").isNull(), deleted::toString);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteNoteStore.FILE_NAME));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
                rs.next();
                assertEquals(6, rs.getInt(1), "migrated step by step to the current schema");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM changes")) {
                rs.next();
                assertEquals(2, rs.getInt(1), "schema 3 logs changes for the feed: the one write after the upgrade,"
                        + " and (schema 5) the lock taken");
            }
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("PRAGMA table_info(versions)")) {
                while (rs.next()) {
                    columns.add(rs.getString("name"));
                }
            }
            assertFalse(columns.contains("body"), "summaries' table still holds bodies: " + columns);
            List<String> noteColumns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("PRAGMA table_info(notes)")) {
                while (rs.next()) {
                    noteColumns.add(rs.getString("name"));
                }
            }
            assertTrue(noteColumns.containsAll(List.of("deleted_by", "deleted_at")), "version 4: who deleted a note: " + noteColumns);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'tx_tokens'")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
        }
        assertEquals("ok", SqliteNoteStore.integrityCheck(data));
        assertTrue(Files.exists(FIXTURE.resolve("notes.db")), "the fixture itself is untouched");
    }
}
