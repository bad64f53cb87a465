package concord.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The desktop command's arguments: what starts which mode, and what is refused before any window opens. */
class DesktopCommandTest {

    private static final Path HOME = Path.of("/tmp/concord-home");

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DesktopCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--server URL") && r.out().contains("Alice and Bob"), r.out());
    }

    @Test
    void aServerWithoutAUserIsRefusedWithUsage() {
        Run r = run("--server", "http://127.0.0.1:8080");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("app: --server needs --user NAME"), r.err());
    }

    @Test
    void unknownOptionsAndBadUrlsAndBadNamesAreRefused() {
        assertEquals(2, run("--colour", "blue").code());
        assertTrue(run("--server", "ftp://x", "--user", "a").err().contains("expected http://HOST:PORT"));
        assertTrue(run("--server", "http://h:1", "--user", "Bob\u00e9").err().contains("user name"));
        assertEquals(2, run("--user", "Bob").code(), "a user needs a server");
        assertEquals(2, run("--server").code(), "an option without its value");
    }

    @Test
    void noArgumentsMeanTheEmbeddedDemo() {
        DesktopOptions o = DesktopOptions.parse(new String[0], HOME);
        assertTrue(o.embedded());
        assertEquals(HOME, o.home());
    }

    @Test
    void serverUserAndTokenMeanOneWindowAgainstThatServer() {
        DesktopOptions o = DesktopOptions.parse(new String[] {"--server", "https://notes.example:8443", "--user", "Carol", "--token", "secret-token-1234"}, HOME);
        assertEquals(Optional.of(URI.create("https://notes.example:8443")), o.server());
        assertEquals(Optional.of("Carol"), o.user());
        assertEquals(Optional.of("secret-token-1234"), o.token());
    }

    @Test
    void userNamesAreHeaderSafe() {
        assertTrue(DesktopUserNames.isValid("Alice"));
        assertTrue(DesktopUserNames.isValid("mary-jane.o_k 2"));
        assertTrue(!DesktopUserNames.isValid(" Alice"));
        assertTrue(!DesktopUserNames.isValid(""));
        assertTrue(!DesktopUserNames.isValid("Zoë"));
        assertTrue(!DesktopUserNames.isValid("a\nb"));
        assertThrows(IllegalArgumentException.class, () -> DesktopOptions.parse(new String[] {"--server", "http://h:1", "--user", "a:b"}, HOME));
    }
}
