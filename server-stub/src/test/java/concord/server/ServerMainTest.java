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
                "Concord server listening on http://HOST:PORT", "concord.home", "--db", "CONCORD_DB_PASSWORD",
                "--db-password-file", "--tls-cert", "--tls-key", "--plain-http-behind-proxy", "/health", "/ready"}) {
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

    private static ServerConfig parsed(java.util.Map<String, String> env, String... args) {
        return ServerMain.parse(args, env, new PrintStream(new ByteArrayOutputStream())).orElseThrow();
    }

    @Test
    void dbTakesThePasswordFromTheEnvironmentOrAFileAndNeverFromTheCommandLine() throws Exception {
        String url = "jdbc:postgresql://db.example.org:5432/concord?user=concord";
        assertEquals(java.util.Optional.of("from-env"),
                parsed(java.util.Map.of("CONCORD_DB_PASSWORD", "from-env"), "--db", url).database().orElseThrow().password());
        Path file = dir.resolve("pw");
        java.nio.file.Files.writeString(file, "from-file\n");
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Run open = run("--db", url, "--db-password-file", file.toString());
        assertEquals(2, open.code());
        assertTrue(open.err().contains("open to other users") && open.err().contains("chmod 600"), open.err());
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertEquals(java.util.Optional.of("from-file"), parsed(java.util.Map.of("CONCORD_DB_PASSWORD", "from-env"),
                "--db", url, "--db-password-file", file.toString()).database().orElseThrow().password());
        assertEquals(java.util.Optional.empty(), parsed(java.util.Map.of(), "--db", url).database().orElseThrow().password());

        Run inUrl = run("--db", url + "&password=oops");
        assertEquals(2, inUrl.code());
        assertTrue(inUrl.err().contains("CONCORD_DB_PASSWORD"), inUrl.err());
        Run option = run("--db", url, "--db-password", "oops");
        assertEquals(2, option.code());
        assertTrue(option.err().contains("never given on the command line"), option.err());
    }

    @Test
    void dbAndDataExcludeEachOtherAndABadUrlIsRefused() {
        Run both = run("--db", "jdbc:postgresql://h/db?user=u", "--data", dir.toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("nothing is kept in a data directory"), both.err());
        Run bad = run("--db", "postgres://h/db");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("jdbc:postgresql://"), bad.err());
        assertEquals(2, run("--db-password-file", dir.resolve("pw").toString()).code());
    }

    @Test
    void tlsNeedsACertificateAndAKeyTogether() {
        Run r = run("--tls-cert", dir.resolve("c.pem").toString(), "--data", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--tls-key"), r.err());
    }

    @Test
    void anUnreachableDatabaseFailsTheStartWithExit1WithinSeconds() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort(); // nothing listens there once closed
        }
        long t0 = System.nanoTime();
        Run r = run("--port", "0", "--db", "jdbc:postgresql://127.0.0.1:" + port + "/concord?user=concord");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("cannot start"), r.err());
        assertTrue(System.nanoTime() - t0 < java.util.concurrent.TimeUnit.SECONDS.toNanos(30), "a hang, not a refusal");
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
