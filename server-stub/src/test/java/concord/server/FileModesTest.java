package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.store.DataDirectory;
import concord.store.SqliteNoteStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notes are private: the server's files are its owner's only, and a users file others can read is refused. */
class FileModesTest {

    @TempDir
    Path dir;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theDataDirectoryAndEveryDatabaseFileAreCreatedForTheOwnerOnly() throws IOException {
        Path data = dir.resolve("home").resolve("server");
        try (ConcordServer server = ConcordServer.create(ServerConfig.loopback(data)).start()) {
            assertEquals(201, new Http(server.baseUri()).createWithId("n", "t", "b", "alice").status());
            assertEquals("rwx------", mode(dir.resolve("home")), "a parent created for the data directory");
            assertEquals("rwx------", mode(data));
            for (String f : new String[] {SqliteNoteStore.FILE_NAME, SqliteNoteStore.FILE_NAME + "-wal",
                    SqliteNoteStore.FILE_NAME + "-shm", DataDirectory.LOCK_FILE}) {
                assertEquals("rw-------", mode(data.resolve(f)), f);
            }
        }
    }

    @Test
    void aUsersFileThatGroupOrOthersCanReadOrWriteIsRefusedAndTheServerDoesNotStart() throws IOException {
        Path users = Files.writeString(dir.resolve("users"), "alice:0123456789abcdef0123\n");
        for (String open : new String[] {"rw-r-----", "rw----r--", "rw--w----", "rw-rw-rw-"}) {
            Files.setPosixFilePermissions(users, PosixFilePermissions.fromString(open));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                    ConcordServer.create(ServerConfig.loopback(dir.resolve("data")).withUsersFile(users)), open);
            assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        }
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r--r--"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ServerMain.run(new String[] {"--port", "0", "--data", dir.resolve("data").toString(),
                "--users", users.toString()}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("open to other users"), err::toString);

        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("r--------"));
        try (ConcordServer ok = ConcordServer.create(ServerConfig.loopback(dir.resolve("data")).withUsersFile(users))) {
            assertEquals(users, ok.config().usersFile().orElseThrow());
        }
    }
}
