package concord.server.tx;

import static concord.server.tx.TxClient.create;
import static concord.server.tx.TxClient.request;
import static concord.server.tx.TxClient.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import concord.model.Note;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import concord.store.SqliteNoteStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a server process in the middle of a stream of transactions. Each transaction sets two
 * notes of a client to the same counter value and creates a third note named after it; after the restart,
 * each client's pair agrees, every acknowledged transaction is there, the one in flight is wholly there or
 * wholly absent, and retrying it with its token applies it exactly once.
 */
class TransactionCrashTest {

    private static final int CLIENTS = 4;
    private static final int ACKS_BEFORE_KILL = 60;

    @TempDir
    Path data;
    @TempDir
    Path logs;

    @Test
    void afterKillNineEachTransactionIsWhollyThereOrWhollyAbsentAndARetryAppliesItOnce() throws Exception {
        Process process = startServerProcess();
        AtomicLongArray acked = new AtomicLongArray(CLIENTS);
        AtomicReferenceArray<ObjectNode> inFlight = new AtomicReferenceArray<>(CLIENTS);
        List<Thread> clients = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            URI base = awaitListening(process);
            TxClient setup = new TxClient(base, "setup");
            for (int t = 0; t < CLIENTS; t++) {
                setup.create(x(t), "x", "0", List.of());
                setup.create(y(t), "y", "0", List.of());
            }
            CountDownLatch enoughAcks = new CountDownLatch(ACKS_BEFORE_KILL);
            for (int t = 0; t < CLIENTS; t++) {
                int client = t;
                TxClient c = new TxClient(base, "client" + t);
                Thread thread = new Thread(() -> {
                    try {
                        stream(c, client, acked, inFlight, enoughAcks);
                    } catch (UncheckedIOException expected) {
                        // the server died under us: this is the crash we are testing
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "crash-client-" + t);
                thread.start();
                clients.add(thread);
            }
            assertTrue(enoughAcks.await(3, TimeUnit.MINUTES), "the clients got " + ACKS_BEFORE_KILL + " transactions acknowledged");
        } finally {
            process.destroyForcibly();
            assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        }
        for (Thread thread : clients) {
            thread.join(TimeUnit.MINUTES.toMillis(2));
            assertTrue(!thread.isAlive(), thread.getName() + " stopped once the server was gone");
        }
        assertTrue(failures.isEmpty(), () -> "client failures: " + failures);

        assertEquals("ok", SqliteNoteStore.integrityCheck(data));
        try (ConcordServer server = ConcordServer.create(ServerConfig.loopback(data)).start()) {
            for (int t = 0; t < CLIENTS; t++) {
                TxClient c = new TxClient(server.baseUri(), "client" + t);
                Note x = c.note(x(t));
                Note y = c.note(y(t));
                long k = Long.parseLong(x.body());
                assertEquals(x.body(), y.body(), "client " + t + ": both notes of a transaction or neither");
                assertTrue(k >= acked.get(t), "client " + t + ": acknowledged " + acked.get(t) + " but found " + k);
                assertTrue(k <= acked.get(t) + 1, "client " + t + ": at most the one in flight beyond the acknowledged");
                assertEquals(k + 1, x.version());
                assertEquals(k + 1, y.version());
                for (long j = 1; j <= k; j++) {
                    assertNotNull(c.note(c(t, j)), "client " + t + ": the note created by transaction " + j);
                }
                assertNull(c.note(c(t, k + 1)), "client " + t + ": nothing of a transaction that did not commit");

                ObjectNode retry = inFlight.get(t);
                if (retry != null) {
                    long sent = Long.parseLong(retry.get("items").get(0).get("note").get("body").asText());
                    TxClient.Res r = c.transact(retry);
                    assertEquals(200, r.status(), r::toString);
                    assertEquals(sent, Long.parseLong(c.note(x(t)).body()));
                    assertEquals(sent + 1, c.note(x(t)).version(), "client " + t + ": the retried transaction applied once");
                    assertNotNull(c.note(c(t, sent)));
                }
            }
        }
    }

    private static String x(int t) {
        return "crash-x-" + t;
    }

    private static String y(int t) {
        return "crash-y-" + t;
    }

    private static String c(int t, long k) {
        return "crash-c-" + t + "-" + k;
    }

    /** Sends transaction 1, 2, 3... until the server is gone; the next one is only built after an ack. */
    private static void stream(TxClient c, int t, AtomicLongArray acked, AtomicReferenceArray<ObjectNode> inFlight,
                               CountDownLatch enoughAcks) {
        String ex = c.note(x(t)).etag().header();
        String ey = c.note(y(t)).etag().header();
        for (long k = 1; ; k++) {
            ObjectNode request = request("crash-" + t + "-" + k,
                    update(x(t), ex, "x", Long.toString(k), List.of()),
                    update(y(t), ey, "y", Long.toString(k), List.of()),
                    create(c(t, k), "c", Long.toString(k)));
            inFlight.set(t, request);
            TxClient.Res r = c.transact(request);
            if (r.status() != 200) {
                throw new AssertionError("client " + t + " transaction " + k + ": " + r);
            }
            JsonNode items = r.json().get("items");
            ex = items.get(0).get("etag").asText();
            ey = items.get(1).get("etag").asText();
            acked.set(t, k);
            enoughAcks.countDown();
        }
    }

    private Process startServerProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "concord.app.Main", "server", "--port", "0", "--data", data.toString());
        pb.redirectError(logs.resolve("server.err").toFile());
        return pb.start();
    }

    /** The base URI from the server's one startup line; its stdout is drained so it never blocks. */
    private static URI awaitListening(Process process) throws Exception {
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String prefix = "Concord server listening on ";
                    if (line.startsWith(prefix)) {
                        listening.complete(URI.create(line.substring(prefix.length()).strip()));
                    }
                }
                listening.completeExceptionally(new AssertionError("the server exited without listening"));
            } catch (Exception e) {
                listening.completeExceptionally(e);
            }
        }, "server-stdout");
        reader.setDaemon(true);
        reader.start();
        return listening.get(2, TimeUnit.MINUTES);
    }
}
