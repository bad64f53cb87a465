package concord.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import concord.model.ETag;
import concord.model.NoteContent;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotencyTokensTest {

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path dir;
    private Connection c;
    private final IdempotencyTokens tokens = new IdempotencyTokens(Duration.ofMinutes(10));

    @BeforeEach
    void open() throws SQLException {
        c = connect();
        tokens.createSchema(c);
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
    }

    @Test
    void anUnknownTokenIsFresh() throws SQLException {
        assertEquals(new IdempotencyTokens.Fresh(), tokens.lookup(c, "tok", "f1", T0));
    }

    @Test
    void aRecordedTokenWithTheSameFingerprintReplaysTheFirstOutcome() throws SQLException {
        tokens.record(c, "tok", "f1", "{\"first\":true}", T0);
        assertEquals(new IdempotencyTokens.Replay("{\"first\":true}"), tokens.lookup(c, "tok", "f1", T0.plusSeconds(30)));
    }

    @Test
    void aRecordedTokenWithAnotherFingerprintIsAMismatch() throws SQLException {
        tokens.record(c, "tok", "f1", "o", T0);
        assertEquals(new IdempotencyTokens.Mismatch(), tokens.lookup(c, "tok", "f2", T0));
    }

    @Test
    void aTokenIsHonouredUntilJustBeforeTenMinutesAndFreshFromThenOn() throws SQLException {
        tokens.record(c, "tok", "f1", "o", T0);
        Instant lastMoment = T0.plus(Duration.ofMinutes(10)).minusMillis(1);
        assertEquals(new IdempotencyTokens.Replay("o"), tokens.lookup(c, "tok", "f1", lastMoment));
        assertEquals(new IdempotencyTokens.Mismatch(), tokens.lookup(c, "tok", "other", lastMoment));
        assertEquals(new IdempotencyTokens.Fresh(), tokens.lookup(c, "tok", "f1", T0.plus(Duration.ofMinutes(10))));
        assertEquals(new IdempotencyTokens.Fresh(), tokens.lookup(c, "tok", "other", T0.plus(Duration.ofMinutes(10))));
    }

    @Test
    void anExpiredTokenCanBeRecordedAgainWithANewRequest() throws SQLException {
        tokens.record(c, "tok", "f1", "old", T0);
        Instant later = T0.plus(Duration.ofMinutes(11));
        tokens.record(c, "tok", "f2", "new", later);
        assertEquals(new IdempotencyTokens.Replay("new"), tokens.lookup(c, "tok", "f2", later));
        assertEquals(new IdempotencyTokens.Mismatch(), tokens.lookup(c, "tok", "f1", later));
    }

    @Test
    void aCommittedTokenIsSeenByANewConnection() throws SQLException {
        tokens.record(c, "tok", "f1", "o", T0);
        try (Connection other = connect()) {
            assertEquals(new IdempotencyTokens.Replay("o"), tokens.lookup(other, "tok", "f1", T0));
        }
    }

    @Test
    void aTokenRecordedInARolledBackTransactionIsNotThere() throws SQLException {
        c.setAutoCommit(false);
        tokens.record(c, "tok", "f1", "o", T0);
        c.rollback();
        c.setAutoCommit(true);
        assertEquals(new IdempotencyTokens.Fresh(), tokens.lookup(c, "tok", "f1", T0));
    }

    @Test
    void purgingRemovesOnlyExpiredTokens() throws SQLException {
        tokens.record(c, "old", "f", "o", T0);
        tokens.record(c, "young", "f", "o", T0.plus(Duration.ofMinutes(5)));
        assertEquals(1, tokens.purgeExpired(c, T0.plus(Duration.ofMinutes(12))));
        assertEquals(new IdempotencyTokens.Replay("o"), tokens.lookup(c, "young", "f", T0.plus(Duration.ofMinutes(12))));
        assertEquals(new IdempotencyTokens.Fresh(), tokens.lookup(c, "old", "f", T0.plus(Duration.ofMinutes(1))));
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
