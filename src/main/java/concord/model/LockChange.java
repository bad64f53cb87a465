package concord.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A committed change of a note's lock, as the change feed reports it.
 *
 * @param holder    who holds (or held) the lock
 * @param expiresAt when the lease ends (taken, renewed), would have ended (released) or ended (expired)
 * @param at        when the change was made; for an expiry, when the server noticed it
 */
public record LockChange(long position, String id, Action action, String holder, Instant expiresAt, Instant at)
        implements Change {

    /** What happened to the lock. After {@code TAKEN} and {@code RENEWED} it is held; after the others it is not. */
    public enum Action {
        TAKEN, RENEWED, RELEASED, EXPIRED;

        /** As written in the feed and stored: lower case. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Action fromWireName(String name) {
            for (Action a : values()) {
                if (a.wireName().equals(name)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("not a lock action: " + name);
        }

        /** True if the note is locked after this change. */
        public boolean holds() {
            return this == TAKEN || this == RENEWED;
        }
    }

    public LockChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(at, "at");
    }

    /** The lock as it is after this change, if it is held. */
    public java.util.Optional<NoteLock> lock() {
        return action.holds() ? java.util.Optional.of(new NoteLock(holder, expiresAt)) : java.util.Optional.empty();
    }
}
