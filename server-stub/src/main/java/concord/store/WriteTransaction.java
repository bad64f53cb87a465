package concord.store;

import concord.model.LockChange;
import concord.model.Note;
import concord.model.NoteContent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The view a {@link NoteStore.UnitOfWork} has of the store: reads see its own earlier writes. */
public interface WriteTransaction {

    /**
     * Locks these notes for the rest of the unit, in the store's one global order. A unit that touches several
     * notes calls this first, so that two units on overlapping notes never wait for each other in a cycle; a note
     * that is read or written without it is locked when first touched. A store with a single writer needs no locks.
     */
    default void lock(Collection<String> ids) {
    }

    NoteState current(String id);

    /** Writes a new version of the note (creating or re-creating it) and returns it with its fresh ETag. */
    Note put(String id, NoteContent content, String user);

    /**
     * Marks a live note deleted; its versions stay readable. A lease on it ends with it (logged as released, or as
     * expired if it had run out).
     */
    void delete(String id, String user);

    // ---------------------------------------------------------------- leases (the locks of PUT /notes/{id}/lock)

    /** The store's clock, the one leases are measured by: on PostgreSQL the database's, which all instances share. */
    Instant now();

    /** The lease recorded on a note, run out or not; the note is locked for the unit as by {@link #current}. */
    Optional<Lease> lease(String id);

    /**
     * Records a lease on a live note (taking it, or renewing it with the same token) that ends {@code duration} from
     * {@link #now()}, and logs the change for the feed as {@code action} (taken or renewed).
     */
    Lease putLease(String id, String holder, String token, Duration duration, LockChange.Action action);

    /** Removes the note's lease, logging why ({@code released} or {@code expired}); false if it had none. */
    boolean removeLease(String id, LockChange.Action why);

    /** Up to {@code limit} ids of notes whose lease has run out, read without locking them (a sweep locks them next). */
    List<String> dueLeases(int limit);

    /**
     * A fresh id that no note has used: 12 random characters from a-z and 0-9 (from {@link java.util.UUID}'s secure
     * random bits), drawn again in the unlikely case it exists.
     */
    default String newId() {
        long space = 4_738_381_338_321_616_896L; // 36^12
        while (true) {
            java.util.UUID u = java.util.UUID.randomUUID();
            String digits = Long.toString(Math.floorMod(u.getMostSignificantBits() ^ u.getLeastSignificantBits(), space), 36);
            String id = "0".repeat(12 - digits.length()) + digits;
            if (current(id) instanceof NoteState.Absent) {
                return id;
            }
        }
    }

    /** Undo every write of this unit when it returns (e.g. one item of an all-or-nothing set failed). */
    void rollbackOnly();

    /**
     * What is recorded for {@code user}'s idempotency token, if anything, locked for the rest of the unit: a second
     * request with the same token waits here until this unit has committed or rolled back, then sees its record.
     * A unit takes at most one token, before it locks any note.
     */
    Optional<TokenRecord> token(String user, String token);

    /** Records (or replaces) {@code user}'s token; committed with the unit's writes or not at all. */
    void recordToken(String user, String token, TokenRecord record);

    /** Forgets every token recorded at or before {@code cutoff}; returns how many. */
    int purgeTokens(Instant cutoff);

    /** A recorded idempotency token: a fingerprint of the request and the outcome first returned for it. */
    record TokenRecord(String fingerprint, String outcome, Instant createdAt) {
    }
}
