package concord.wire;

import java.time.Instant;

/** The bodies of {@code PUT /notes/{id}/lock}, shared by the server and the client. */
public final class LockBodies {

    /** The header that carries a lock's token: renewing, releasing, and writing while the lock is held. */
    public static final String TOKEN_HEADER = "Concord-Lock";
    public static final int MIN_SECONDS = 1;
    public static final int MAX_SECONDS = 3600;
    /** The problem type of a 423 answer: the note is locked by someone else (its {@code holder}, {@code expiresAt}). */
    public static final String LOCKED_TYPE = "/problems/locked";
    /** The problem type of a renewal whose token is not the note's lock any more (it expired or was released). */
    public static final String NOT_HELD_TYPE = "/problems/lock-not-held";

    private LockBodies() {
    }

    /** The request: a lease of {@code seconds} ({@value #MIN_SECONDS} to {@value #MAX_SECONDS}) from now. */
    public record Request(Integer seconds) {
    }

    /** The answer to taking or renewing: the lock, with the token that only its holder gets. */
    public record Granted(String holder, Instant expiresAt, String token) {
    }
}
