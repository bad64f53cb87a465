package concord.store;

import concord.model.NoteContent;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The {@code clientRequestToken}s of multi-note transactions, kept in the notes database itself so that
 * recording a token and applying its writes are one commit: after a crash either both are there or
 * neither is, and a retry after a restart is still recognised.
 *
 * <p>A token maps to a fingerprint of the request (SHA-256 over a canonical form of who sent which items,
 * independent of JSON spelling) and to the encoded outcome that was first returned. A row older than the
 * time-to-live counts as absent, as in DynamoDB, where a token is honoured for 10 minutes.
 *
 * <p>Every method runs on the caller's connection, inside the caller's transaction; none commits.
 */
public final class IdempotencyTokens {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    /** A token belongs to the user who sent it: another user's identical token is another token. */
    static final String CREATE_SQL = "CREATE TABLE IF NOT EXISTS user_tx_tokens (user TEXT NOT NULL, token TEXT NOT NULL,"
            + " fingerprint TEXT NOT NULL, outcome TEXT NOT NULL, created_at INTEGER NOT NULL,"
            + " PRIMARY KEY (user, token)) WITHOUT ROWID";
    static final String CREATE_INDEX_SQL = "CREATE INDEX IF NOT EXISTS user_tx_tokens_by_age ON user_tx_tokens (created_at)";

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

    /** Creates the table if this database does not have it yet. */
    public void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(CREATE_SQL);
            s.execute(CREATE_INDEX_SQL);
        }
    }

    /** What {@code user}'s {@code token} means now. */
    public Lookup lookup(Connection c, String user, String token, String fingerprint, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT fingerprint, outcome, created_at FROM user_tx_tokens WHERE user = ? AND token = ?")) {
            p.setString(1, user);
            p.setString(2, token);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next() || isExpired(rs.getLong(3), now)) {
                    return new Fresh();
                }
                return rs.getString(1).equals(fingerprint) ? new Replay(rs.getString(2)) : new Mismatch();
            }
        }
    }

    /** Remembers the first outcome of a token (replacing an expired row of the same token). */
    public void record(Connection c, String user, String token, String fingerprint, String outcome, Instant now)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO user_tx_tokens"
                + " (user, token, fingerprint, outcome, created_at) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, user);
            p.setString(2, token);
            p.setString(3, fingerprint);
            p.setString(4, outcome);
            p.setLong(5, now.toEpochMilli());
            p.executeUpdate();
        }
    }

    /** Drops the rows that can no longer be replayed, so the table stays as small as 10 minutes of traffic. */
    public int purgeExpired(Connection c, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM user_tx_tokens WHERE created_at <= ?")) {
            p.setLong(1, now.minus(ttl).toEpochMilli());
            return p.executeUpdate();
        }
    }

    private boolean isExpired(long createdAtMillis, Instant now) {
        return createdAtMillis <= now.minus(ttl).toEpochMilli();
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
