package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --bind}: IPv6 in brackets or without, a correct listening line; an empty address refused. */
class ServerBindTest {

    @TempDir
    Path dir;

    @Test
    void bindingToBracketedIpv6LoopbackPrintsAUsableListeningLine() throws Exception {
        assumeTrue(ipv6LoopbackWorks(), "skipped: this machine has no IPv6 loopback (::1)");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), "concord.app.Main", "server",
                "--bind", "[::1]", "--port", "0", "--data", dir.resolve("data").toString()))
                .redirectError(dir.resolve("err.log").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(60, TimeUnit.SECONDS);
            assertNotNull(line, "no listening line");
            Matcher m = Pattern.compile("Concord server listening on (http://\\[::1]:\\d+)").matcher(line);
            assertTrue(m.matches(), line);
            Http http = new Http(URI.create(m.group(1)));
            assertEquals(201, http.createWithId("v6", "t", "b", "alice").status());
            assertEquals(200, http.get("/notes/v6").status());
        } finally {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "--bind \"{0}\"")
    @ValueSource(strings = {"", " ", "[]", "[::1", "::1]", "[[::1]]"})
    void anEmptyOrMalformedBindAddressIsRefusedWithExit2(String bind) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ServerMain.run(new String[] {"--bind", bind, "--port", "0", "--data", dir.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code, err::toString);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--bind"), err::toString);
    }

    @Test
    void anIpv6AddressMayBeGivenWithOrWithoutBrackets() {
        assertEquals("::1", ServerMain.parseBind("[::1]"));
        assertEquals("::1", ServerMain.parseBind("::1"));
        assertEquals("127.0.0.1", ServerMain.parseBind("127.0.0.1"));
    }

    private static boolean ipv6LoopbackWorks() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return s.getInetAddress() instanceof Inet6Address;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
