package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of {@code concord.jar server} (the running case is covered by {@link CrashTest}). */
class ServerMainTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ServerMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpDocumentsEveryOptionAndTheUsersFileFormat() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String s : new String[] {"--port", "--bind", "--data", "--users", "NAME:TOKEN", "#", "SIGTERM",
                "Concord server listening on http://HOST:PORT", "concord.home"}) {
            assertTrue(r.out().contains(s), "help lacks " + s);
        }
    }

    @Test
    void anUnknownOptionExitsWith2() {
        Run r = run("--frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--frobnicate"), r.err());
    }

    @Test
    void aBadPortExitsWith2() {
        assertEquals(2, run("--port", "eighty").code());
        assertEquals(2, run("--port", "70000").code());
        assertEquals(2, run("--port").code());
    }

    @Test
    void aNonLoopbackBindWithoutUsersExitsWith2AndSaysWhy() {
        Run r = run("--bind", "0.0.0.0", "--port", "0", "--data", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--users"), r.err());
    }

    @Test
    void aMissingUsersFileExitsWith2() {
        Run r = run("--port", "0", "--data", dir.toString(), "--users", dir.resolve("nope").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("users file"), r.err());
    }

    @Test
    void theDefaultDataDirectoryFollowsConcordHome() {
        String old = System.getProperty("concord.home");
        try {
            System.setProperty("concord.home", dir.toString());
            assertEquals(dir.resolve("server"), ServerMain.defaultDataDir());
        } finally {
            if (old == null) {
                System.clearProperty("concord.home");
            } else {
                System.setProperty("concord.home", old);
            }
        }
    }
}
