package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.Note;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** close() lets a request that is already in flight finish before the database closes. */
class GracefulCloseTest {

    @TempDir
    Path data;

    private static boolean refuses(int port) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    /** Reads one response head (through the blank line) without reading past it. */
    private static String readHead(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void aRequestInFlightWhenCloseStartsStillCompletesAndIsStored() throws Exception {
        ConcordServer server = ConcordServer.create(ServerConfig.loopback(data)).start();
        Note n = new Http(server.baseUri()).createWithId("inflight", "T", "before", "alice").note();
        byte[] body = Http.noteJson("T", "during close").getBytes(StandardCharsets.UTF_8);
        int port = server.port();
        CompletableFuture<Void> closing;
        String response;
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("PUT /notes/inflight HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "X-Concord-User: alice\r\nIf-Match: " + n.etag().header() + "\r\nContent-Length: " + body.length
                    + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Jetty sends 100 Continue only once the handler asks for the body: from then on the request is
            // in flight (waiting for its body), which is the state close() must respect.
            String interim = readHead(in);
            assertTrue(interim.startsWith("HTTP/1.1 100"), interim);
            closing = CompletableFuture.runAsync(server::close);
            // close() has begun once the port refuses new connections
            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> refuses(port));
            assertFalse(closing.isDone(), "close() must wait for the request in flight");
            out.write(body);
            out.flush();
            response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        closing.get(30, TimeUnit.SECONDS);
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        try (ConcordServer again = ConcordServer.create(ServerConfig.loopback(data)).start()) {
            assertEquals("during close", new Http(again.baseUri()).get("/notes/inflight").note().body());
        }
    }
}
