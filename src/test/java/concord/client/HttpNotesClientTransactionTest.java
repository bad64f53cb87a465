package concord.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.tx.CancellationCode;
import concord.model.tx.CancellationReason;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionResult;
import concord.model.tx.WrittenItem;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HttpNotesClient#transact} against the real server's {@code POST /transactions}. */
class HttpNotesClientTransactionTest {

    @TempDir
    Path dataDir;

    private ConcordServer server;
    private HttpNotesClient alice;
    private HttpNotesClient bob;

    private static final RetryPolicy QUICK_RETRY = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(50));

    @BeforeEach
    void start() {
        server = ConcordServer.create(ServerConfig.loopback(dataDir)).start();
        alice = new HttpNotesClient(server.baseUri(), "alice", null, HttpNotesClient.defaultHttpClient(), QUICK_RETRY);
        bob = new HttpNotesClient(server.baseUri(), "bob", null, HttpNotesClient.defaultHttpClient(), QUICK_RETRY);
    }

    @AfterEach
    void stop() {
        alice.releaseIdleConnections();
        bob.releaseIdleConnections();
        server.close();
    }

    private static NoteContent content(String title, String body) {
        return new NoteContent(title, body, List.of());
    }

    private static <T> T ok(ApiResult<T> result) {
        ApiResult.Ok<T> ok = assertInstanceOf(ApiResult.Ok.class, result, () -> "expected Ok but got " + result);
        return ok.value();
    }

    @Test
    void aTransactionOfSeveralNotesCommitsAndReturnsEachNewETagInItemOrder() {
        Note a = ok(alice.create(content("A", "a1")));
        Note b = ok(alice.create(content("B", "b1")));
        Note c = ok(alice.create(content("C", "c1")));

        TransactionResult result = ok(alice.transact(HttpNotesClient.newRequestToken(), List.of(
                TransactionItem.update(b.id(), b.etag(), content("B", "b2")),
                TransactionItem.create("fresh", content("F", "f1")),
                TransactionItem.conditionCheck(c.id(), c.etag()),
                TransactionItem.delete(a.id(), a.etag()))));

        List<WrittenItem> items = assertInstanceOf(TransactionResult.Committed.class, result).items();
        Note b2 = ok(bob.get(b.id()));
        Note fresh = ok(bob.get("fresh"));
        assertEquals(List.of(
                new WrittenItem(b.id(), b2.etag(), 2),
                new WrittenItem("fresh", fresh.etag(), 1),
                new WrittenItem(c.id(), c.etag(), 1)), items.subList(0, 3));
        assertEquals(a.id(), items.get(3).id());
        assertNull(items.get(3).etag());
        assertEquals("b2", b2.body());
        assertInstanceOf(ApiResult.Gone.class, bob.get(a.id()));
    }

    @Test
    void oneStaleItemCancelsTheWholeTransactionWithAReasonPerItemAndChangesNothing() {
        Note a = ok(alice.create(content("A", "a1")));
        Note b = ok(alice.create(content("B", "b1")));
        Note bobs = ok(bob.update(b.id(), b.etag(), content("B", "bob's")));

        TransactionResult result = ok(alice.transact(HttpNotesClient.newRequestToken(), List.of(
                TransactionItem.update(a.id(), a.etag(), content("A", "a2")),
                TransactionItem.update(b.id(), b.etag(), content("B", "alice's")))));

        List<CancellationReason> reasons = assertInstanceOf(TransactionResult.Canceled.class, result).reasons();
        assertEquals(2, reasons.size());
        assertEquals(CancellationCode.None, reasons.get(0).code());
        assertEquals(CancellationCode.ConditionalCheckFailed, reasons.get(1).code());
        assertEquals(bobs, reasons.get(1).current(), "the current note, ready to merge");
        assertEquals(bobs.etag(), reasons.get(1).currentEtag());
        assertEquals(a, ok(bob.get(a.id())));
        assertEquals(bobs, ok(bob.get(b.id())));
    }

    @Test
    void anItemOnADeletedNoteCancelsWithNotFound() {
        Note a = ok(alice.create(content("A", "a1")));
        ok(bob.delete(a.id(), a.etag()));

        TransactionResult result = ok(alice.transact(HttpNotesClient.newRequestToken(),
                List.of(TransactionItem.update(a.id(), a.etag(), content("A", "a2")))));

        assertEquals(CancellationCode.NotFound, assertInstanceOf(TransactionResult.Canceled.class, result).reasons().get(0).code());
    }

    @Test
    void aTransactionAppliedButUnansweredIsRetriedWithTheSameTokenAndAppliedOnce() throws IOException {
        Note a = ok(alice.create(content("A", "a1")));
        Note b = ok(alice.create(content("B", "b1")));
        try (DroppingProxy proxy = new DroppingProxy(server.baseUri(), line -> line.startsWith("POST /transactions"), () -> { })) {
            OkHttpClient impatient = HttpNotesClient.defaultHttpClient().newBuilder().readTimeout(Duration.ofSeconds(3)).build();
            HttpNotesClient viaProxy = new HttpNotesClient(proxy.uri(), "alice", null, impatient, QUICK_RETRY);

            TransactionResult result = ok(viaProxy.transact(HttpNotesClient.newRequestToken(), List.of(
                    TransactionItem.update(a.id(), a.etag(), content("A", "a2")),
                    TransactionItem.update(b.id(), b.etag(), content("B", "b2")))));

            List<WrittenItem> items = assertInstanceOf(TransactionResult.Committed.class, result).items();
            assertEquals(ok(bob.get(a.id())).etag(), items.get(0).etag());
            assertEquals(ok(bob.get(b.id())).etag(), items.get(1).etag());
            assertEquals(List.of("POST /transactions -> 200", "POST /transactions -> 200"), proxy.forwarded);
            assertEquals(2, ok(bob.versions(a.id())).size(), "applied once");
            assertEquals(2, ok(bob.versions(b.id())).size(), "applied once");
            viaProxy.releaseIdleConnections();
        }
    }

    @Test
    void theSameTokenWithADifferentRequestIsInvalidAndAppliesNothing() {
        Note a = ok(alice.create(content("A", "a1")));
        String token = HttpNotesClient.newRequestToken();
        ok(alice.transact(token, List.of(TransactionItem.conditionCheck(a.id(), a.etag()))));

        ApiResult<TransactionResult> reused = alice.transact(token, List.of(TransactionItem.update(a.id(), a.etag(), content("A", "a2"))));

        ApiResult.Invalid<?> invalid = assertInstanceOf(ApiResult.Invalid.class, reused);
        assertEquals(409, invalid.status());
        assertTrue(invalid.detail().contains(token), invalid.detail());
        assertEquals(a, ok(bob.get(a.id())));
    }

    @Test
    void anItemTheServerRejectsMakesTheTransactionInvalidWithTheServersDetail() {
        Note a = ok(alice.create(content("A", "a1")));

        ApiResult<TransactionResult> r = alice.transact(HttpNotesClient.newRequestToken(),
                List.of(TransactionItem.update(a.id(), a.etag(), content("x".repeat(201), "a2"))));

        ApiResult.Invalid<?> invalid = assertInstanceOf(ApiResult.Invalid.class, r);
        assertEquals(400, invalid.status());
        assertTrue(invalid.detail().contains("title"), invalid.detail());
    }

    @Test
    void aTransactionNobodyAnswersIsRetriedWithItsTokenAndThenUnreachableSayingHowToLearnTheOutcome() throws IOException {
        try (HttpNotesClientFaultTest.SilentServer silent = new HttpNotesClientFaultTest.SilentServer(null)) {
            OkHttpClient impatient = HttpNotesClient.defaultHttpClient().newBuilder()
                    .readTimeout(Duration.ofMillis(300)).build();
            HttpNotesClient client = new HttpNotesClient(silent.uri(), "alice", null, impatient, QUICK_RETRY);

            ApiResult<TransactionResult> r = client.transact("tok-1", List.of(TransactionItem.conditionCheck("a", new ETag("v1"))));

            assertEquals(new ApiResult.Unreachable<>("No answer from " + silent.uri() + " in time (timed out) after 3 attempts;"
                    + " it may have been applied: retry with the same token to learn the outcome"), r);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> silent.accepted.get() == 3);
        }
    }

    @Test
    void aMalformedTransactionIsRefusedBeforeSending() {
        ETag e = new ETag("v1");
        List<TransactionItem> duplicate = List.of(TransactionItem.conditionCheck("a", e), TransactionItem.delete("a", e));
        List<TransactionItem> tooMany = IntStream.range(0, 101).mapToObj(i -> TransactionItem.conditionCheck("n" + i, e)).toList();

        assertEquals(400, assertInstanceOf(ApiResult.Invalid.class, alice.transact("t1", duplicate)).status());
        assertEquals(400, assertInstanceOf(ApiResult.Invalid.class, alice.transact("t2", tooMany)).status());
        assertEquals(400, assertInstanceOf(ApiResult.Invalid.class, alice.transact("not a token!", List.of(TransactionItem.conditionCheck("a", e)))).status());
        assertEquals(400, assertInstanceOf(ApiResult.Invalid.class, alice.transact("t3", List.of())).status());
    }
}
