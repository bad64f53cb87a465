package concord.store;

import concord.model.LockChange;
import concord.model.NoteLock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Locks on notes as leases: the rules of {@code PUT}/{@code DELETE /notes/{id}/lock} and of writing while a note is
 * locked, the same on every engine. Each operation is one unit of work, so it is atomic with every write of the note:
 * a lease is taken, checked, renewed and released under the same lock the note's writes take.
 *
 * <p>A lease that has run out holds nothing: the next operation on the note removes it (logged as expired), and a
 * {@link #sweep()} removes the ones nobody touches, so that every instance's feed reports each expiry once. The
 * store's clock decides (the database's on PostgreSQL, shared by all instances).
 */
public final class NoteLeases {

    /** How many run-out leases one sweep removes at most (the next sweep takes the rest). */
    static final int SWEEP_BATCH = 100;

    private final NoteStore store;
    private final SecureRandom random = new SecureRandom();

    public NoteLeases(NoteStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** What became of a request on a note's lock. */
    public sealed interface Outcome {
    }

    /** The lease is held now, by the caller: taken afresh, or renewed. */
    public record Granted(Lease lease, boolean renewed) implements Outcome {
    }

    /** Released (or there was nothing to release). */
    public record Released() implements Outcome {
    }

    /** Someone else's lease holds the note; nothing was changed. */
    public record HeldByOther(NoteLock lock) implements Outcome {
    }

    /** The token given is not the note's lease (it ran out or was released); nothing was changed. */
    public record NotHeld() implements Outcome {
    }

    /** The note is not live: never created, or deleted. */
    public record Missing(NoteState state) implements Outcome {
    }

    /**
     * Takes the note's lock for {@code duration}, or renews it when {@code token} is its lease's token. Without a
     * token, a lease of anyone (also of the same user, from elsewhere) is someone else's.
     */
    public Outcome take(String id, String user, String token, Duration duration) {
        Objects.requireNonNull(user, "user");
        String fresh = token == null ? newToken() : null;
        return store.write(tx -> {
            NoteState state = tx.current(id);
            if (!(state instanceof NoteState.Live)) {
                return new Missing(state);
            }
            Optional<Lease> held = unexpired(tx, id);
            if (token == null) {
                if (held.isPresent()) {
                    return new HeldByOther(held.get().view());
                }
                return new Granted(tx.putLease(id, user, fresh, duration, LockChange.Action.TAKEN), false);
            }
            if (held.isEmpty()) {
                return new NotHeld();
            }
            if (!held.get().hasToken(token)) {
                return new HeldByOther(held.get().view());
            }
            return new Granted(tx.putLease(id, held.get().holder(), token, duration, LockChange.Action.RENEWED), true);
        });
    }

    /** Releases the note's lock if {@code token} is its lease's; releasing a lock that is not held is done already. */
    public Outcome release(String id, String token) {
        Objects.requireNonNull(token, "token");
        return store.write(tx -> {
            NoteState state = tx.current(id);
            if (!(state instanceof NoteState.Live)) {
                return new Missing(state);
            }
            Optional<Lease> held = unexpired(tx, id);
            if (held.isEmpty()) {
                return new Released();
            }
            if (!held.get().hasToken(token)) {
                return new HeldByOther(held.get().view());
            }
            tx.removeLease(id, LockChange.Action.RELEASED);
            return new Released();
        });
    }

    /**
     * Inside a write of note {@code id}: the lock that forbids it, if someone holds one and {@code token} is not its
     * token. A run-out lease found on the way is removed (and logged as expired), so the write's feed events follow
     * the expiry's.
     */
    public static Optional<NoteLock> blocking(WriteTransaction tx, String id, String token) {
        Optional<Lease> held = unexpired(tx, id);
        if (held.isEmpty() || held.get().hasToken(token)) {
            return Optional.empty();
        }
        return Optional.of(held.get().view());
    }

    /** The note's lease if it has not run out; one that has is removed and logged as expired. */
    private static Optional<Lease> unexpired(WriteTransaction tx, String id) {
        Optional<Lease> lease = tx.lease(id);
        if (lease.isPresent() && lease.get().expiredAt(tx.now())) {
            tx.removeLease(id, LockChange.Action.EXPIRED);
            return Optional.empty();
        }
        return lease;
    }

    /**
     * Removes the leases that have run out and nobody has touched since, logging each as expired: the feed of every
     * instance reports it once, because exactly one unit removes it (the others find it gone once they hold the
     * note's lock). Cheap when there is nothing to do: one read. Returns how many it removed.
     */
    public int sweep() {
        if (!store.anyLeaseDue()) {
            return 0;
        }
        return store.write(tx -> {
            List<String> due = tx.dueLeases(SWEEP_BATCH);
            tx.lock(due);
            int removed = 0;
            for (String id : due) {
                Optional<Lease> lease = tx.lease(id);
                if (lease.isPresent() && lease.get().expiredAt(tx.now())) {
                    tx.removeLease(id, LockChange.Action.EXPIRED);
                    removed++;
                }
            }
            return removed;
        });
    }

    /** 24 random bytes as 32 URL-safe characters. */
    private String newToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
