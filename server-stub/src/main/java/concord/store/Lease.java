package concord.store;

import concord.model.NoteLock;
import java.time.Instant;
import java.util.Objects;

/**
 * A lock on a note as the store keeps it: a lease held by {@code holder} until {@code expiresAt}, with the token that
 * lets its holder write (and renew and release) while it lasts. Only the holder ever sees the token.
 */
public record Lease(String noteId, String holder, String token, Instant expiresAt) {

    public Lease {
        Objects.requireNonNull(noteId, "noteId");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** True once the lease has run out: from {@code expiresAt} on it holds nothing. */
    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** The lock as everyone may see it (no token). */
    public NoteLock view() {
        return new NoteLock(holder, expiresAt);
    }

    /** True if {@code candidate} is this lease's token (compared in constant time). */
    public boolean hasToken(String candidate) {
        return candidate != null && java.security.MessageDigest.isEqual(
                token.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                candidate.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "Lease[" + noteId + " held by " + holder + " until " + expiresAt + "]"; // never the token
    }
}
