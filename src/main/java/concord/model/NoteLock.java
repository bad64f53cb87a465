package concord.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A lock (a lease) someone holds on a note, as everyone may see it: who holds it and until when. The lock's token,
 * which lets its holder write while it is held, is never part of it.
 */
public record NoteLock(String holder, Instant expiresAt) {

    /** What a lock token may look like (the server issues 32 of these characters). */
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /** 1 to 128 characters of A-Z a-z 0-9 _ -: the header {@code Concord-Lock} and a transaction item's {@code lockToken}. */
    public static boolean isValidToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    public NoteLock {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
