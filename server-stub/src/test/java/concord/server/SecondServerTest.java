package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.store.DirectoryInUseException;
import concord.store.SqliteNoteStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one data directory would each count ETags on their own and issue the same tag twice: the second
 * process must refuse to start, say why, and exit non-zero, while the first keeps serving.
 */
class SecondServerTest {

    @TempDir
    Path dir;

    @Test
    void aSecondServerProcessOnTheSameDataDirectoryRefusesToStartAndTheFirstKeepsServing() throws Exception {
        Path data = dir.resolve("data");
        ServerProcess first = ServerProcess.start(data, dir.resolve("first.log"));
        try {
            Http http = new Http(first.baseUri);
            assertEquals(201, http.createWithId("before", "t", "b", "alice").status());

            Process second = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    "concord.app.Main", "server", "--port", "0", "--data", data.toString()))
                    .redirectOutput(dir.resolve("second.out").toFile())
                    .redirectError(dir.resolve("second.err").toFile())
                    .start();
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second server did not exit: it is serving");
            String err = Files.readString(dir.resolve("second.err"), StandardCharsets.UTF_8);
            String out = Files.readString(dir.resolve("second.out"), StandardCharsets.UTF_8);
            assertNotEquals(0, second.exitValue(), err);
            assertTrue(err.contains("in use by another Concord server (process " + first.process.pid() + ")"), err);
            assertTrue(!out.contains("listening"), out);

            assertEquals(201, http.createWithId("after", "t", "b", "alice").status(), "the first server stopped serving");
            assertEquals(200, http.get("/notes/before").status());
        } finally {
            first.terminate();
        }
        assertEquals("ok", SqliteNoteStore.integrityCheck(data));
    }

    @Test
    void aSecondServerInTheSameProcessIsRefusedAndTheDirectoryIsFreeAgainOnceTheFirstCloses() {
        Path data = dir.resolve("data");
        try (ConcordServer first = ConcordServer.create(ServerConfig.loopback(data)).start()) {
            DirectoryInUseException e = assertThrows(DirectoryInUseException.class,
                    () -> ConcordServer.create(ServerConfig.loopback(data)));
            assertTrue(e.getMessage().contains(data.toAbsolutePath().toString()), e.getMessage());
            assertEquals(201, new Http(first.baseUri()).createWithId("x", "t", "b", "alice").status());
        }
        try (ConcordServer again = ConcordServer.create(ServerConfig.loopback(data)).start()) {
            assertEquals(200, new Http(again.baseUri()).get("/notes/x").status());
        }
    }
}
