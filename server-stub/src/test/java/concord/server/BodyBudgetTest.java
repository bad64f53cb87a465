package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bodies held at once are bounded by a budget, not by the heap: beyond it a request is answered 503 with
 * Retry-After before its body is kept, and the budget comes back when requests finish, whichever way they end.
 */
class BodyBudgetTest {

    static final long BUDGET = TransactionRoutes.MAX_BODY_BYTES; // the smallest budget allowed: 4 MiB
    static final int BODY = 1_000_000;

    @TempDir
    Path dir;

    private static String noteJson(int size, String fill) {
        String head = "{\"title\":\"t\",\"body\":\"";
        return head + fill.repeat(size - head.length() - 2) + "\"}";
    }

    @Test
    void aBodyBeyondTheBudgetIsAnswered503WithRetryAfterAndTheBudgetComesBackWhenTheOthersFinish() throws Exception {
        try (ConcordServer server = ConcordServer.create(ServerConfig.loopback(dir)
                .withLimits(ServerLimits.DEFAULT.withBodyBytesInFlight(BUDGET))).start()) {
            Http http = new Http(server.baseUri());
            // four slow clients that have sent their headers and the start of a 1 MB body hold 4 MB of the 4 MiB
            List<Socket> slow = new ArrayList<>();
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                byte[] body = noteJson(BODY, "s").getBytes(StandardCharsets.US_ASCII);
                Socket s = new Socket("127.0.0.1", server.port());
                s.setSoTimeout(30_000);
                s.getOutputStream().write(("PUT /notes/slow" + i + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "X-Concord-User: alice\r\nIf-None-Match: *\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().write(body, 0, 100);
                s.getOutputStream().flush();
                slow.add(s);
                bodies.add(body);
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> server.bodyMemory().inFlight() == 4L * BODY);

            Http.Res refused = http.createWithId("fifth", "t", "x".repeat(BODY - 40), "bob");
            assertEquals(503, refused.status(), refused::toString);
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused::toString);
            assertEquals("/problems/busy", refused.json().get("type").asText());
            assertTrue(refused.header("Retry-After").isPresent(), "503 without Retry-After");
            assertEquals(404, http.get("/notes/fifth").status());

            for (int i = 0; i < 4; i++) {
                OutputStream out = slow.get(i).getOutputStream();
                out.write(bodies.get(i), 100, bodies.get(i).length - 100);
                out.flush();
                String head = readHead(slow.get(i).getInputStream());
                assertTrue(head.startsWith("HTTP/1.1 201"), head);
                slow.get(i).close();
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> server.bodyMemory().inFlight() == 0);
            assertEquals(201, http.createWithId("fifth", "t", "x".repeat(BODY - 40), "bob").status());
            assertTrue(server.bodyMemory().peak() <= BUDGET, "peak " + server.bodyMemory().peak());
        }
    }

    @Test
    void manyConcurrentLargeBodiesNeverHoldMoreThanTheBudgetAndEveryAcceptedOneIsStored() throws Exception {
        try (ConcordServer server = ConcordServer.create(ServerConfig.loopback(dir)
                .withLimits(ServerLimits.DEFAULT.withBodyBytesInFlight(BUDGET))).start()) {
            int clients = 32;
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<Http.Res>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int k = i;
                answers.add(pool.submit(() -> new Http(server.baseUri())
                        .createWithId("c" + k, "t", String.valueOf((char) ('a' + k % 26)).repeat(BODY - 40), "alice")));
            }
            int stored = 0;
            Http http = new Http(server.baseUri());
            for (int i = 0; i < clients; i++) {
                Http.Res r = answers.get(i).get(120, TimeUnit.SECONDS);
                if (r.status() == 201) {
                    stored++;
                    assertEquals(r.note(), http.get("/notes/c" + i).note());
                } else {
                    assertEquals(503, r.status(), r::toString);
                    assertTrue(r.header("Retry-After").isPresent());
                    assertEquals(404, http.get("/notes/c" + i).status());
                }
            }
            pool.shutdown();
            assertTrue(stored >= 1, "nothing got through");
            assertTrue(server.bodyMemory().peak() <= BUDGET, "peak " + server.bodyMemory().peak() + " > " + BUDGET);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> server.bodyMemory().inFlight() == 0);
        }
    }

    @Test
    void aRequestThatFailsAfterItsBodyWasAcceptedGivesItsShareBack() {
        try (ConcordServer server = ConcordServer.create(ServerConfig.loopback(dir)).start()) {
            Http http = new Http(server.baseUri());
            Http.Res bad = http.send("POST", "/notes", "{\"title\":" + "1".repeat(500_000) + "}",
                    "Content-Type", "application/json", "X-Concord-User", "alice");
            assertEquals(400, bad.status(), bad::toString);
            Http.Res tooLate = http.update("nope", "\"x\"", "t", "b".repeat(500_000), "alice");
            assertEquals(412, tooLate.status(), tooLate::toString);
            assertEquals(0, server.bodyMemory().inFlight());
            assertTrue(server.bodyMemory().peak() >= 500_000);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
