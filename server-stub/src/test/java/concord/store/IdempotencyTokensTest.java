package concord.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.OnBothEngines;
import concord.model.ETag;
import concord.model.NoteContent;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

/** Idempotency tokens kept in the store, on both engines: lookups, expiry, replacement, purging, rollback. */
@OnBothEngines
class IdempotencyTokensTest {

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final AtomicInteger users = new AtomicInteger();

    @RegisterExtension
    static final Databases databases = new Databases();

    @Parameter
    Engine engine;

    private NoteStore store;
    /** A user of this test only, so the tests share a database without sharing tokens. */
    private String u;
    private final IdempotencyTokens tokens = new IdempotencyTokens(Duration.ofMinutes(10));

    @BeforeEach
    void open() {
        store = databases.fresh(engine).open();
        u = "user" + users.incrementAndGet();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private IdempotencyTokens.Lookup lookup(String token, String fingerprint, Instant now) {
        return store.write(tx -> tokens.lookup(tx, u, token, fingerprint, now));
    }

    private void record(String token, String fingerprint, String outcome, Instant now) {
        store.write(tx -> {
            tokens.record(tx, u, token, fingerprint, outcome, now);
            return null;
        });
    }

    @Test
    void anUnknownTokenIsFresh() {
        assertEquals(new IdempotencyTokens.Fresh(), lookup("tok", "f1", T0));
    }

    @Test
    void aRecordedTokenWithTheSameFingerprintReplaysTheFirstOutcome() {
        record("tok", "f1", "{\"first\":true}", T0);
        assertEquals(new IdempotencyTokens.Replay("{\"first\":true}"), lookup("tok", "f1", T0.plusSeconds(30)));
    }

    @Test
    void aRecordedTokenWithAnotherFingerprintIsAMismatch() {
        record("tok", "f1", "o", T0);
        assertEquals(new IdempotencyTokens.Mismatch(), lookup("tok", "f2", T0));
    }

    @Test
    void theSameTokenOfAnotherUserIsAnotherToken() {
        record("tok", "f1", "o", T0);
        assertEquals(new IdempotencyTokens.Fresh(),
                store.write(tx -> tokens.lookup(tx, u + "-other", "tok", "f1", T0)));
    }

    @Test
    void aTokenIsHonouredUntilJustBeforeTenMinutesAndFreshFromThenOn() {
        record("tok", "f1", "o", T0);
        Instant lastMoment = T0.plus(Duration.ofMinutes(10)).minusMillis(1);
        assertEquals(new IdempotencyTokens.Replay("o"), lookup("tok", "f1", lastMoment));
        assertEquals(new IdempotencyTokens.Mismatch(), lookup("tok", "other", lastMoment));
        assertEquals(new IdempotencyTokens.Fresh(), lookup("tok", "f1", T0.plus(Duration.ofMinutes(10))));
        assertEquals(new IdempotencyTokens.Fresh(), lookup("tok", "other", T0.plus(Duration.ofMinutes(10))));
    }

    @Test
    void anExpiredTokenCanBeRecordedAgainWithANewRequest() {
        record("tok", "f1", "old", T0);
        Instant later = T0.plus(Duration.ofMinutes(11));
        record("tok", "f2", "new", later);
        assertEquals(new IdempotencyTokens.Replay("new"), lookup("tok", "f2", later));
        assertEquals(new IdempotencyTokens.Mismatch(), lookup("tok", "f1", later));
    }

    @Test
    void aTokenRecordedInARolledBackUnitIsNotThere() {
        store.write(tx -> {
            tokens.record(tx, u, "tok", "f1", "o", T0);
            tx.rollbackOnly();
            return null;
        });
        assertEquals(new IdempotencyTokens.Fresh(), lookup("tok", "f1", T0));
    }

    @Test
    void purgingRemovesOnlyExpiredTokens() {
        record("old", "f", "o", T0);
        record("young", "f", "o", T0.plus(Duration.ofMinutes(5)));
        assertEquals(1, (int) store.write(tx -> tokens.purgeExpired(tx, T0.plus(Duration.ofMinutes(12)))));
        assertEquals(new IdempotencyTokens.Replay("o"), lookup("young", "f", T0.plus(Duration.ofMinutes(12))));
        assertEquals(new IdempotencyTokens.Fresh(), lookup("old", "f", T0.plus(Duration.ofMinutes(1))));
    }

    @Test
    void theFingerprintIsTheSameForTheSameRequestAndUser() {
        assertEquals(IdempotencyTokens.fingerprint(request("a", "b"), "alice"),
                IdempotencyTokens.fingerprint(request("a", "b"), "alice"));
    }

    @Test
    void theFingerprintIgnoresTheTokenItself() {
        assertEquals(IdempotencyTokens.fingerprint(request("a", "b").withToken("x"), "alice"),
                IdempotencyTokens.fingerprint(request("a", "b").withToken("y"), "alice"));
    }

    @Test
    void theFingerprintDiffersForAnyDifferenceInWhatIsAskedOrByWhom() {
        String base = IdempotencyTokens.fingerprint(request("a", "b"), "alice");
        List<String> others = List.of(
                IdempotencyTokens.fingerprint(request("a", "b"), "bob"),
                IdempotencyTokens.fingerprint(request("ab", ""), "alice"),
                IdempotencyTokens.fingerprint(request("a", "b!"), "alice"),
                IdempotencyTokens.fingerprint(new TransactionRequest(List.of(
                        TransactionItem.update("n1", new ETag("e1"), new NoteContent("a", "b", List.of())))), "alice"),
                IdempotencyTokens.fingerprint(new TransactionRequest(List.of(
                        TransactionItem.put("n1", new ETag("e1"), new NoteContent("a", "b", List.of("t"))))), "alice"),
                IdempotencyTokens.fingerprint(new TransactionRequest(List.of(
                        TransactionItem.put("n1", new ETag("e2"), new NoteContent("a", "b", List.of())))), "alice"),
                IdempotencyTokens.fingerprint(new TransactionRequest(List.of(
                        TransactionItem.conditionCheck("n1", new ETag("e1")))), "alice"),
                // one field apart each: the note, the title alone, a tag of the same count, a create
                IdempotencyTokens.fingerprint(new TransactionRequest(List.of(
                        TransactionItem.put("n2", new ETag("e1"), new NoteContent("a", "b", List.of())))), "alice"),
                IdempotencyTokens.fingerprint(new TransactionRequest(List.of(
                        TransactionItem.put("n1", new ETag("e1"), new NoteContent("A", "b", List.of())))), "alice"),
                IdempotencyTokens.fingerprint(new TransactionRequest(List.of(
                        TransactionItem.put("n1", new ETag("e1"), new NoteContent("a", "b", List.of("u"))))), "alice"),
                IdempotencyTokens.fingerprint(new TransactionRequest(List.of(
                        TransactionItem.create("n1", new NoteContent("a", "b", List.of())))), "alice"));
        for (String other : others) {
            assertNotEquals(base, other);
        }
        assertEquals(others.size(), others.stream().distinct().count());
    }

    private static TransactionRequest request(String title, String body) {
        return new TransactionRequest(List.of(TransactionItem.put("n1", new ETag("e1"), new NoteContent(title, body, List.of()))));
    }
}
