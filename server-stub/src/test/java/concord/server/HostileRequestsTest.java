package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.Note;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile requests at the protocol's edges: framing tricks, digits that are not ASCII, doubled credentials, a body
 * that trickles in, a client that dies mid-body. Each gets a precise problem (or a correct answer) and changes
 * nothing; the server keeps serving.
 */
class HostileRequestsTest {

    @TempDir
    static Path dir;
    static ConcordServer server;
    static Http http;
    static Note fixed;

    @BeforeAll
    static void start() {
        server = ConcordServer.create(ServerConfig.loopback(dir.resolve("data"))
                .withLimits(ServerLimits.DEFAULT.withBodyDeadline(Duration.ofSeconds(1)))).start();
        http = new Http(server.baseUri());
        fixed = http.createWithId("fixed", "Fixed", "one", "alice").note();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> framing() {
        String h = "Host: 127.0.0.1\r\nContent-Type: application/json\r\nX-Concord-User: eve\r\n";
        String body = "{\"title\":\"t\",\"body\":\"b\"}";
        return Stream.of(
                Arguments.of("Content-Length with Transfer-Encoding", "POST /notes HTTP/1.1\r\n" + h
                        + "Content-Length: 24\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("Transfer-Encoding with Content-Length", "POST /notes HTTP/1.1\r\n" + h
                        + "Transfer-Encoding: chunked\r\nContent-Length: 24\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("two different Content-Lengths", "POST /notes HTTP/1.1\r\n" + h
                        + "Content-Length: 24\r\nContent-Length: 5\r\n\r\n" + body, 400),
                Arguments.of("two equal Content-Lengths", "POST /notes HTTP/1.1\r\n" + h
                        + "Content-Length: 24\r\nContent-Length: 24\r\n\r\n" + body, 400),
                Arguments.of("a Content-Length list", "POST /notes HTTP/1.1\r\n" + h
                        + "Content-Length: 24, 24\r\n\r\n" + body, 400),
                Arguments.of("a transfer coding that is not chunked", "POST /notes HTTP/1.1\r\n" + h
                        + "Transfer-Encoding: gzip\r\n\r\n" + body, 400),
                Arguments.of("PUT with Content-Length and Transfer-Encoding", "PUT /notes/fixed HTTP/1.1\r\n" + h
                        + "If-Match: *\r\nContent-Length: 24\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("PUT with two Content-Lengths", "PUT /notes/fixed HTTP/1.1\r\n" + h
                        + "If-Match: *\r\nContent-Length: 24\r\nContent-Length: 5\r\n\r\n" + body, 400),
                Arguments.of("DELETE with two Content-Lengths", "DELETE /notes/fixed HTTP/1.1\r\nHost: x\r\n"
                        + "If-Match: *\r\nContent-Length: 0\r\nContent-Length: 1\r\n\r\nx", 400),
                Arguments.of("a negative Content-Length", "POST /notes HTTP/1.1\r\n" + h + "Content-Length: -1\r\n\r\n", 400),
                Arguments.of("GET *", "GET * HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                Arguments.of("DELETE *", "DELETE * HTTP/1.1\r\nHost: x\r\n\r\n", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framing")
    void aFramingErrorGetsAProblemOnAFreshAndOnAKeptAliveConnection(String name, String raw, int status) throws Exception {
        String before = DatabaseDump.dump(dir.resolve("data"));
        for (boolean afterAnother : new boolean[] {false, true}) {
            String response = exchange(raw, afterAnother);
            assertTrue(response.startsWith("HTTP/1.1 " + status), response);
            assertTrue(response.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), response);
            assertTrue(response.contains("\"status\":" + status), response);
        }
        assertEquals(before, DatabaseDump.dump(dir.resolve("data")));
    }

    @Test
    void optionsAsteriskIsAnsweredWithWhatTheServerSupports() throws Exception {
        for (boolean afterAnother : new boolean[] {false, true}) {
            String response = exchange("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", afterAnother);
            assertTrue(response.startsWith("HTTP/1.1 204"), response);
            assertTrue(response.contains("Allow: GET, HEAD, POST, PUT, DELETE, OPTIONS"), response);
        }
    }

    @ParameterizedTest(name = "version {0}")
    @MethodSource("nonAsciiDigits")
    void aVersionWrittenWithDigitsOtherThanAsciiIsRefused(String encoded) {
        Http.Res r = http.get("/notes/fixed/versions/" + encoded);
        assertEquals(400, r.status(), r::toString);
        assertEquals("/problems/invalid-version", r.json().get("type").asText());
    }

    static Stream<String> nonAsciiDigits() {
        return Stream.of("%EF%BC%91", "%D9%A1", "%DB%B1", "%E0%A5%A7", "1%EF%BC%91", "%F0%9D%9F%8F");
    }

    @Test
    void twoUserHeadersAreRefusedInsteadOfOneWinning() {
        Http.Res r = http.send("PUT", "/notes/fixed", Http.noteJson("t", "b"), "Content-Type", "application/json",
                "If-Match", fixed.etag().header(), "X-Concord-User", "alice", "X-Concord-User", "mallory");
        assertEquals(400, r.status(), r::toString);
        assertEquals("/problems/duplicate-header", r.json().get("type").asText());
        assertEquals(fixed, http.get("/notes/fixed").note());
    }

    @Test
    void twoAuthorizationHeadersAreRefusedInsteadOfTheFirstWinning(@TempDir Path d) throws IOException {
        Path users = Files.writeString(d.resolve("users"), "alice:alice-token-0123456789\nbob:bob-token-0123456789\n");
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
        try (ConcordServer secured = ConcordServer.create(ServerConfig.loopback(d.resolve("data")).withUsersFile(users)).start()) {
            Http s = new Http(secured.baseUri());
            Http.Res r = s.send("PUT", "/notes/n", Http.noteJson("t", "b"), "Content-Type", "application/json",
                    "If-None-Match", "*", "Authorization", "Bearer alice-token-0123456789",
                    "Authorization", "Bearer bob-token-0123456789");
            assertEquals(400, r.status(), r::toString);
            assertEquals("/problems/duplicate-header", r.json().get("type").asText());
            Http.Res one = s.send("GET", "/notes/n", null, "Authorization", "Bearer bob-token-0123456789");
            assertEquals(404, one.status(), one::toString);
        }
    }

    @Test
    void aBodyThatTricklesInIsCutOffAtTheDeadlineWith408AndNothingChanges() throws Exception {
        String before = DatabaseDump.dump(dir.resolve("data"));
        String body = "{\"title\":\"t\",\"body\":\"" + "x".repeat(200) + "\"}";
        long start = System.nanoTime();
        String response;
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /notes/trickle HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Concord-User: eve\r\n"
                    + "If-None-Match: *\r\nContent-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread trickler = new Thread(() -> {
                try {
                    for (byte b : body.getBytes(StandardCharsets.US_ASCII)) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(100); // the client's pace, not synchronisation: one byte per 100 ms
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server answered and closed
                }
            });
            trickler.setDaemon(true);
            trickler.start();
            response = readAll(s.getInputStream());
        }
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(response.startsWith("HTTP/1.1 408"), response);
        assertTrue(response.contains("application/problem+json") && response.contains("/problems/request-timeout"), response);
        assertTrue(seconds < 10, "the trickling request held its thread for " + seconds + " s");
        assertEquals(before, DatabaseDump.dump(dir.resolve("data")));
        assertEquals(404, http.get("/notes/trickle").status());
    }

    @Test
    void aClientThatSendsHeadersAndThenNothingGets408AtTheDeadline() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("POST /notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "X-Concord-User: eve\r\nContent-Length: 50\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String response = readAll(s.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 408"), response);
        }
        assertEquals(200, http.get("/notes/fixed").status());
    }

    @Test
    void aClientThatDiesMidBodyLeavesNothingBehindAndGivesItsBudgetBack() throws Exception {
        String before = DatabaseDump.dump(dir.resolve("data"));
        for (int i = 0; i < 20; i++) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write(("PUT /notes/dies" + i + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "X-Concord-User: eve\r\nIf-None-Match: *\r\nContent-Length: 100000\r\n\r\n{\"title\":\"t\",\"body\":\"")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().write(new byte[50_000]);
                s.getOutputStream().flush();
                s.setSoLinger(true, 0); // a reset, as when the client process is killed
            }
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> server.bodyMemory().inFlight() == 0);
        assertEquals(before, DatabaseDump.dump(dir.resolve("data")));
        assertEquals(201, http.createWithId("alive", "t", "b", "alice").status());
    }

    private static String exchange(String raw, boolean afterAnother) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            if (afterAnother) {
                out.write("GET /notes/fixed HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String first = readResponse(in);
                assertTrue(first.startsWith("HTTP/1.1 200"), first);
            }
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readResponse(in);
        }
    }

    /** One response: the head, then as many body bytes as its Content-Length says. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(h);
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                all.write(buf, 0, n);
                if (all.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n{") && all.toString(StandardCharsets.ISO_8859_1).endsWith("}")) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // what arrived is what there is
        }
        return all.toString(StandardCharsets.UTF_8);
    }

}
