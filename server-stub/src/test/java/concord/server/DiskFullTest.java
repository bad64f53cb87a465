package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import concord.faults.SmallDisk;
import concord.model.Note;
import concord.store.SqliteNoteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory on a real 8 MiB tmpfs that fills up: the write that finds the disk full is answered 507 and
 * leaves no trace, the server does not hold SQLite's write lock while it is full, and writes succeed again as soon
 * as space is freed, in the same process.
 */
class DiskFullTest {

    private static final long DISK = 8L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aFullDiskIsAnswered507ChangesNothingAndWritesResumeOnceSpaceIsBackWithoutARestart() throws Exception {
        Path data = dir.resolve("data");
        SmallDisk.Mounted mounted = SmallDisk.mount(data, DISK);
        assumeTrue(mounted instanceof SmallDisk.Ok, () -> "skipped: " + ((SmallDisk.Refused) mounted).why());
        try (SmallDisk disk = ((SmallDisk.Ok) mounted).disk();
             ConcordServer server = ConcordServer.create(ServerConfig.loopback(data)).start()) {
            Http http = new Http(server.baseUri());
            Path ballast = disk.ballast("ballast", 1_500_000);
            String big = "x".repeat(100_000);
            List<Note> acknowledged = new ArrayList<>();
            Http.Res refused = null;
            String refusedId = null;
            for (int i = 0; i < 100 && refused == null; i++) {
                Http.Res r = http.createWithId("n" + i, "Note " + i, big + i, "alice");
                if (r.status() == 201) {
                    acknowledged.add(r.note());
                } else {
                    refused = r;
                    refusedId = "n" + i;
                }
            }
            assertNotNull(refused, "the disk never filled up");
            assertEquals(507, refused.status(), refused::toString);
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused::toString);
            assertEquals("/problems/insufficient-storage", refused.json().get("type").asText());
            assertEquals(404, http.get("/notes/" + refusedId).status(), "an unacknowledged write is visible");

            Http.Res stillFull = http.createWithId(refusedId, "again", big, "alice");
            assertEquals(507, stillFull.status(), stillFull::toString);
            // the server does not keep the write lock after failed commits, while the disk is still full: another process can take it
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteNoteStore.FILE_NAME));
                 Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=2000");
                s.execute("BEGIN IMMEDIATE");
                s.execute("ROLLBACK");
            }

            Files.delete(ballast);

            Http.Res resumed = http.createWithId(refusedId, "after", big, "alice");
            assertEquals(201, resumed.status(), resumed::toString);
            for (Note n : acknowledged) {
                assertEquals(n, http.get("/notes/" + n.id()).note(), "acknowledged write lost: " + n.id());
            }
            Http.Res update = http.update(refusedId, resumed.etag(), "after", "small", "bob");
            assertEquals(200, update.status(), update::toString);
        }
        assertEquals("ok", SqliteNoteStore.integrityCheck(data));
    }
}
