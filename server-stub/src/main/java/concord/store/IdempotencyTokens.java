package concord.store;

import concord.model.NoteContent;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code clientRequestToken}s of multi-note transactions, kept in the notes database itself (through the unit's
 * {@link WriteTransaction}) so that recording a token and applying its writes are one commit: after a crash either
 * both are there or neither is, a retry after a restart is still recognised, and every instance sharing the
 * database honours a token another instance recorded.
 *
 * <p>A token maps to a fingerprint of the request (SHA-256 over a canonical form of who sent which items,
 * independent of JSON spelling) and to the encoded outcome that was first returned. A record older than the
 * time-to-live counts as absent, as in DynamoDB, where a token is honoured for 10 minutes. A token belongs to the
 * user who sent it: another user's identical token is another token.
 */
public final class IdempotencyTokens {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    private final Duration ttl;

    public IdempotencyTokens(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a token must live for some time: " + ttl);
        }
        this.ttl = ttl;
    }

    /** What a token means right now. */
    public sealed interface Lookup {
    }

    /** Never seen, or expired: run the request. */
    public record Fresh() implements Lookup {
    }

    /** Seen with the same request: answer {@code outcome} again, apply nothing. */
    public record Replay(String outcome) implements Lookup {
    }

    /** Seen with a different request: refuse. */
    public record Mismatch() implements Lookup {
    }

    /** What {@code user}'s {@code token} means now; the token stays locked until the unit ends. */
    public Lookup lookup(WriteTransaction tx, String user, String token, String fingerprint, Instant now) {
        Optional<WriteTransaction.TokenRecord> seen = tx.token(user, token);
        if (seen.isEmpty() || isExpired(seen.get().createdAt(), now)) {
            return new Fresh();
        }
        return seen.get().fingerprint().equals(fingerprint) ? new Replay(seen.get().outcome()) : new Mismatch();
    }

    /** Remembers the first outcome of a token (replacing an expired record of the same token). */
    public void record(WriteTransaction tx, String user, String token, String fingerprint, String outcome, Instant now) {
        tx.recordToken(user, token, new WriteTransaction.TokenRecord(fingerprint, outcome, now));
    }

    /** Drops the records that can no longer be replayed, so they stay as few as 10 minutes of traffic. */
    public int purgeExpired(WriteTransaction tx, Instant now) {
        return tx.purgeTokens(now.minus(ttl));
    }

    private boolean isExpired(Instant createdAt, Instant now) {
        return !createdAt.isAfter(now.minus(ttl));
    }
    /**
     * A fingerprint of what the request asks for and on whose behalf: equal for the same items in the same
     * order by the same user, whatever the JSON spelling, and different otherwise. Each field is
     * length-prefixed, so no two different requests encode to the same bytes.
     */
    public static String fingerprint(TransactionRequest request, String user) {
        StringBuilder canonical = new StringBuilder();
        field(canonical, "concord-tx-1");
        field(canonical, Objects.requireNonNull(user, "user"));
        field(canonical, Integer.toString(request.items().size()));
        for (TransactionItem item : request.items()) {
            field(canonical, item.op().wireName());
            field(canonical, item.id());
            field(canonical, item.ifMatch() == null ? "" : item.ifMatch().header());
            field(canonical, item.ifNoneMatch() ? "*" : "");
            NoteContent note = item.note();
            if (note == null) {
                field(canonical, "-");
            } else {
                field(canonical, "+");
                field(canonical, note.title());
                field(canonical, note.body());
                field(canonical, Integer.toString(note.tags().size()));
                note.tags().forEach(tag -> field(canonical, tag));
            }
            if (item.lockToken() != null) {
                // only when given, so earlier fingerprints stay valid; no op is spelled "lock", so it cannot be misread
                field(canonical, "lock");
                field(canonical, item.lockToken());
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void field(StringBuilder out, String value) {
        out.append(value.length()).append(':').append(value);
    }
}
