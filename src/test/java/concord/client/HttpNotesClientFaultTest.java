package concord.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import concord.model.ETag;
import concord.model.NoteContent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Outcomes the real server cannot be made to produce on demand: silence, non-HTTP bytes, proxies' 5xx,
 * unreadable bodies. Each is played by a tiny responder in the test (the JDK's HttpServer or a raw socket).
 * The ordinary outcomes are tested against the real server in {@code HttpNotesClientServerTest}.
 */
class HttpNotesClientFaultTest {

    private static final NoteContent CONTENT = new NoteContent("Title", "Body", List.of("t"));
    private static final Duration SHORT = Duration.ofMillis(400);

    private HttpServer http;
    private ExecutorService httpThreads;
    private SilentServer silent;

    @AfterEach
    void stop() throws IOException {
        if (http != null) {
            http.stop(0);
            httpThreads.shutdownNow();
        }
        if (silent != null) {
            silent.close();
        }
    }

    /** An OkHttp client like the default one but with short timeouts, so a silent server fails fast. */
    private static OkHttpClient quick() {
        return HttpNotesClient.defaultHttpClient().newBuilder()
                .connectTimeout(SHORT).readTimeout(SHORT).writeTimeout(SHORT).callTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** For a silent server: short timeouts so the test fails fast. */
    private static HttpNotesClient client(URI base, RetryPolicy retry) {
        return new HttpNotesClient(base, "alice", null, quick(), retry);
    }

    /** For a responder that answers: the default timeouts, so a cold, busy JVM is not mistaken for silence. */
    private static HttpNotesClient answered(URI base) {
        return new HttpNotesClient(base, "alice", null, HttpNotesClient.defaultHttpClient(), RetryPolicy.NONE);
    }

    private static final RetryPolicy THREE_QUICK = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20));

    /** Serves one fixed answer on every path and records each request's headers. */
    private URI respond(int status, String contentType, String body, List<Map<String, String>> seen) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        httpThreads = Executors.newCachedThreadPool();
        http.setExecutor(httpThreads);
        http.createContext("/", (HttpExchange ex) -> {
            Map<String, String> headers = new ConcurrentHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            headers.put(":method", ex.getRequestMethod());
            headers.put(":path", ex.getRequestURI().getRawPath());
            seen.add(headers);
            ex.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (contentType != null) {
                ex.getResponseHeaders().set("Content-Type", contentType);
            }
            if (status == 302) {
                ex.getResponseHeaders().set("Location", "/elsewhere");
            }
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        http.start();
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    private URI respond(int status, String contentType, String body) throws IOException {
        return respond(status, contentType, body, new CopyOnWriteArrayList<>());
    }

    /** Accepts connections and never answers (or answers with {@code greeting} and hangs up). */
    static final class SilentServer implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger accepted = new AtomicInteger();
        final List<Socket> open = new CopyOnWriteArrayList<>();
        final Thread acceptor;

        SilentServer(String greeting) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        accepted.incrementAndGet();
                        if (greeting != null) {
                            s.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
                            s.getOutputStream().flush();
                            s.close();
                        } else {
                            open.add(s);
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ timeouts

    @Test
    void aGetThatTimesOutIsRetriedAndThenReportedUnreachable() throws IOException {
        silent = new SilentServer(null);

        ApiResult<?> result = client(silent.uri(), THREE_QUICK).get("n1");

        ApiResult.Unreachable<?> u = assertInstanceOf(ApiResult.Unreachable.class, result);
        assertEquals("No answer from " + silent.uri() + " in time (timed out) after 3 attempts", u.reason());
        await().atMost(Duration.ofSeconds(5)).until(() -> silent.accepted.get() == 3);
    }

    @Test
    void aPostThatTimesOutIsNotRepeatedAndSaysItMayHaveBeenApplied() throws IOException {
        silent = new SilentServer(null);

        ApiResult<?> result = client(silent.uri(), THREE_QUICK).create(CONTENT);

        ApiResult.Unreachable<?> u = assertInstanceOf(ApiResult.Unreachable.class, result);
        assertEquals("No answer from " + silent.uri() + " in time (timed out); the server may have applied the request", u.reason());
        await().atMost(Duration.ofSeconds(5)).until(() -> silent.accepted.get() == 1);
        assertEquals(1, silent.accepted.get());
    }

    @Test
    void aConditionalPutThatTimesOutIsRepeatedWithinTheRetryBudget() throws IOException {
        silent = new SilentServer(null);

        ApiResult<?> result = client(silent.uri(), THREE_QUICK).update("n1", new ETag("v1"), CONTENT);

        assertEquals(new ApiResult.Unreachable<>("No answer from " + silent.uri()
                + " in time (timed out) after 3 attempts; it may have been applied, and sending it again is safe"), result);
        await().atMost(Duration.ofSeconds(5)).until(() -> silent.accepted.get() == 3);
    }

    @Test
    void withRetriesOffAGetIsSentOnce() throws IOException {
        silent = new SilentServer(null);

        assertInstanceOf(ApiResult.Unreachable.class, client(silent.uri(), RetryPolicy.NONE).list());

        await().atMost(Duration.ofSeconds(5)).until(() -> silent.accepted.get() == 1);
        assertEquals(1, silent.accepted.get());
    }

    @Test
    void anAnswerThatIsNotHttpIsUnreachableWithAReadableReason() throws IOException {
        silent = new SilentServer("SSH-2.0-OpenSSH_9.6\r\n");

        ApiResult<?> result = client(silent.uri(), RetryPolicy.NONE).list();

        ApiResult.Unreachable<?> u = assertInstanceOf(ApiResult.Unreachable.class, result);
        assertTrue(u.reason().startsWith(silent.uri() + " did not answer in HTTP ("), u.reason());
        assertTrue(u.reason().contains("SSH-2.0"), u.reason());
    }

    // ------------------------------------------------------------------------------- status mapping

    @Test
    void aPlainText503IsInvalidWithTheStatusAndTheText() throws IOException {
        URI base = respond(503, "text/plain; charset=utf-8", "down for maintenance\nback at 5");

        ApiResult<?> result = answered(base).list();

        assertEquals(new ApiResult.Invalid<>(503, "HTTP 503 Service Unavailable: down for maintenance"), result);
    }

    @Test
    void a503IsRetriedForReadsAndConditionalWritesButNotForPost() throws IOException {
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        URI base = respond(503, "application/problem+json",
                "{\"type\":\"/problems/storage-unavailable\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"try again\"}", seen);
        HttpNotesClient client = new HttpNotesClient(base, "alice", null, HttpNotesClient.defaultHttpClient(), THREE_QUICK);

        assertEquals(new ApiResult.Invalid<>(503, "try again"), client.list());
        assertEquals(new ApiResult.Invalid<>(503, "try again"), client.update("n1", new ETag("v1"), CONTENT));
        assertEquals(new ApiResult.Invalid<>(503, "try again"), client.create(CONTENT));

        assertEquals(List.of("GET", "GET", "GET", "PUT", "PUT", "PUT", "POST"), seen.stream().map(h -> h.get(":method")).toList());
    }

    @Test
    void aProblem500IsInvalidWithTheProblemDetail() throws IOException {
        URI base = respond(500, "application/problem+json",
                "{\"type\":\"/problems/internal\",\"title\":\"Internal error\",\"status\":500,\"detail\":\"the database is locked\"}");

        assertEquals(new ApiResult.Invalid<>(500, "the database is locked"), answered(base).get("n1"));
    }

    @Test
    void anHtml502WithoutProblemIsInvalidWithTheStatusLine() throws IOException {
        URI base = respond(502, "text/html", "<html><body>Bad gateway</body></html>");

        assertEquals(new ApiResult.Invalid<>(502, "HTTP 502 Bad Gateway"), answered(base).get("n1"));
    }

    @Test
    void a403IsUnauthorizedWithTheProblemDetail() throws IOException {
        URI base = respond(403, "application/problem+json",
                "{\"type\":\"/problems/forbidden\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"bob may not edit this\"}");

        assertEquals(new ApiResult.Unauthorized<>("bob may not edit this"), answered(base).update("n1", new ETag("v1"), CONTENT));
    }

    @Test
    void a412WhoseCurrentNoteIsUnreadableIsInvalidNotASilentSuccess() throws IOException {
        URI base = respond(412, "application/problem+json",
                "{\"type\":\"/problems/precondition-failed\",\"title\":\"Precondition failed\",\"status\":412,\"current\":{\"id\":\"n1\"}}");

        ApiResult<?> result = answered(base).update("n1", new ETag("v1"), CONTENT);

        ApiResult.Invalid<?> invalid = assertInstanceOf(ApiResult.Invalid.class, result);
        assertEquals(412, invalid.status());
        assertTrue(invalid.detail().startsWith("The note changed on the server, but its current version could not be read"), invalid.detail());
    }

    @Test
    void a200WithAnUnreadableBodyIsInvalidAndNamesTheRequest() throws IOException {
        URI base = respond(200, "application/json", "{\"id\": \"n1\", \"title\": ");

        ApiResult<?> result = answered(base).get("n1");

        ApiResult.Invalid<?> invalid = assertInstanceOf(ApiResult.Invalid.class, result);
        assertEquals(200, invalid.status());
        assertTrue(invalid.detail().startsWith("The server's answer to GET /notes/n1 could not be read: "), invalid.detail());
    }

    @Test
    void aRedirectIsNotFollowedBecauseItWouldDropThePrecondition() throws IOException {
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        URI base = respond(302, null, "", seen);

        ApiResult<?> result = answered(base).update("n1", new ETag("v1"), CONTENT);

        ApiResult.Invalid<?> invalid = assertInstanceOf(ApiResult.Invalid.class, result);
        assertEquals(302, invalid.status());
        assertTrue(invalid.detail().startsWith("HTTP 302"), invalid.detail());
        assertEquals(1, seen.size());
    }

    // ------------------------------------------------------------------------------------ requests

    @Test
    void everyRequestCarriesTheUserTheTokenAndTheConditionAsHeaders() throws IOException {
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        URI base = respond(500, null, "", seen);
        HttpNotesClient client = new HttpNotesClient(base, "Alice Liddell", "s3cret", HttpNotesClient.defaultHttpClient(), RetryPolicy.NONE);

        client.update("n-1", new ETag("v7-xyz"), CONTENT);
        client.delete("n-1", new ETag("v8"));
        client.createWithId("n-2", CONTENT);
        client.create(CONTENT);

        assertEquals(4, seen.size());
        for (Map<String, String> h : seen) {
            assertEquals("Alice Liddell", h.get("x-concord-user"));
            assertEquals("Bearer s3cret", h.get("authorization"));
        }
        assertEquals(List.of("PUT /notes/n-1 \"v7-xyz\" null", "DELETE /notes/n-1 \"v8\" null",
                        "PUT /notes/n-2 null *", "POST /notes null null"),
                seen.stream().map(h -> h.get(":method") + " " + h.get(":path") + " " + h.get("if-match") + " " + h.get("if-none-match")).toList());
        assertTrue(seen.get(0).get("content-type").startsWith("application/json"));
    }

    @Test
    void anInvalidIdIsRefusedBeforeAnyRequestIsSent() throws IOException {
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        URI base = respond(200, "application/json", "{}", seen);
        HttpNotesClient client = answered(base);

        for (String id : List.of("..", "a/b", "a?b=c", "", "x".repeat(65))) {
            ApiResult<?> r = client.get(id);
            ApiResult.Invalid<?> invalid = assertInstanceOf(ApiResult.Invalid.class, r, id);
            assertEquals(400, invalid.status());
        }
        assertEquals(0, seen.size());
    }

    @Test
    void aUserNameThatCannotBeAHeaderIsRejectedAtConstruction() {
        OkHttpClient ok = quick();
        URI base = URI.create("http://127.0.0.1:1");
        for (String bad : List.of("", " alice", "ali\nce", "Zoë", "a:b", "x".repeat(65))) {
            assertThrows(IllegalArgumentException.class, () -> new HttpNotesClient(base, bad, null, ok), bad);
        }
    }
}
