package concord.store;

import concord.model.DeletedNote;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteLock;
import concord.model.NoteSummary;
import concord.model.SearchQuery;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of notes and their versions. No HTTP types: a second engine can be added behind it.
 *
 * <p>Every write goes through {@link #write(UnitOfWork)}: the unit sees the current state, decides, and its
 * writes commit atomically together with that check (no read-then-write race). The single-note operations are
 * units themselves; a multi-note atomic write is just a unit that touches several notes.
 *
 * <p>Implementations are thread-safe. Every method returns only after the data is durable. Two engines implement
 * it: {@link SqliteNoteStore} (one process on one file) and {@link PostgresNoteStore} (any number of instances on
 * one database); one contract suite runs against both.
 *
 * <p>Failures: {@link StoreUnavailableException} when the database cannot be reached (it may come back by itself),
 * {@link StorageFullException} when its disk is full, {@link StoreException} for anything else the store could not
 * do; none is ever caused by a caller's input.
 */
public interface NoteStore extends AutoCloseable {

    /** Where a listing starts: before every position. */
    long FIRST = Long.MAX_VALUE;

    /**
     * Up to {@code limit} live notes, newest first, from {@code before} on (exclusive; {@link #FIRST} for the
     * first page), with a tag that changes whenever the listing may have changed: every page of one unchanged
     * listing has the same tag. Reads no note bodies.
     */
    Listing list(long before, int limit);

    /** All live notes, newest first. */
    default Listing list() {
        return list(FIRST, Integer.MAX_VALUE);
    }

    /** The current state of one note. */
    NoteState find(String id);

    /** The current state of one note and the lock held on it now, if any (a lease that has run out is none), in one read. */
    Found findWithLock(String id);

    /** A note's state with the lock held on it. */
    record Found(NoteState state, Optional<NoteLock> lock) {
    }

    /** True if some lease has run out and waits for {@link NoteLeases#sweep()}: one cheap read. */
    boolean anyLeaseDue();

    /** Who is viewing or editing which note: ephemeral, never in the history, shared by every instance of the store. */
    PresenceBoard presence();

    /**
     * Up to {@code limit} saved versions of a note with a version number above {@code after} (0 for the first
     * page), oldest first; empty if the id never existed. Reads no note bodies.
     */
    Optional<Page<NoteSummary>> versions(String id, long after, int limit);

    /**
     * The same, newest first: up to {@code limit} versions numbered below {@code before} ({@link #FIRST} for the first
     * page). A history shown newest first reads only the pages it shows.
     */
    Optional<Page<NoteSummary>> versionsNewestFirst(String id, long before, int limit);

    /** Every saved version of a note that is kept, oldest first; empty if the id never existed. */
    default Optional<List<NoteSummary>> versions(String id) {
        return versions(id, 0, Integer.MAX_VALUE).map(Page::items);
    }

    /**
     * Up to {@code limit} live notes in which every term of {@code query} occurs (in the title, a tag or the body,
     * ignoring case, also inside words), best first, from the ranking position {@code before} on ({@link #FIRST} for
     * the first page). Ranking and matching are the same on every engine (see {@code SearchTerms}). A search
     * sees every committed write: the index is written in the write's own transaction.
     */
    Page<SearchMatch> search(SearchQuery query, long before, int limit);

    /**
     * Up to {@code limit} deleted notes, most recently deleted first, from {@code before} on ({@link #FIRST} for the
     * first page): each with its last version and who deleted it when.
     */
    Page<DeletedNote> deleted(long before, int limit);

    /** One saved version, also of a note that has since been deleted. */
    Optional<Note> version(String id, long version);

    /**
     * Runs {@code work} as one atomic, durable transaction and returns its result once committed. If the unit
     * throws, or calls {@link WriteTransaction#rollbackOnly()}, none of its writes take effect.
     *
     * <p>A store may run {@code work} more than once: when its transaction lost a race the database could only
     * resolve by aborting it (a serialization failure or a deadlock), the store rolls it back and runs it again,
     * instead of failing the request. So a unit must depend on nothing but what it reads through its
     * {@link WriteTransaction}, and do nothing outside it.
     */
    <T> T write(UnitOfWork<T> work);

    /** A new note with a store-chosen id. */
    default Note create(NoteContent content, String user) {
        return write(tx -> tx.put(tx.newId(), content, user));
    }

    /** Creates or replaces a note if {@code precondition} holds for its current state. */
    default WriteOutcome put(String id, Precondition precondition, NoteContent content, String user) {
        return put(id, precondition, null, content, user);
    }

    /**
     * Creates or replaces a note if {@code precondition} holds for its current state and nobody holds a lock on it
     * whose token is not {@code lockToken} (null: none). The precondition is checked first, then the lock, in the
     * same unit as the write.
     */
    default WriteOutcome put(String id, Precondition precondition, String lockToken, NoteContent content, String user) {
        return write(tx -> {
            NoteState current = tx.current(id);
            if (!precondition.test(current)) {
                return new WriteOutcome.PreconditionFailed(current.live());
            }
            Optional<NoteLock> locked = NoteLeases.blocking(tx, id, lockToken);
            if (locked.isPresent()) {
                return new WriteOutcome.Locked(locked.get());
            }
            boolean created = !(current instanceof NoteState.Live);
            return new WriteOutcome.Written(tx.put(id, content, user), created);
        });
    }

    /** Deletes a note if {@code precondition} holds for its current state. */
    default WriteOutcome delete(String id, Precondition precondition, String user) {
        return delete(id, precondition, null, user);
    }

    /** Deletes a note if {@code precondition} holds and no lock but the one of {@code lockToken} is held on it. */
    default WriteOutcome delete(String id, Precondition precondition, String lockToken, String user) {
        return write(tx -> {
            NoteState current = tx.current(id);
            if (!(current instanceof NoteState.Live) || !precondition.test(current)) {
                return new WriteOutcome.PreconditionFailed(current.live());
            }
            Optional<NoteLock> locked = NoteLeases.blocking(tx, id, lockToken);
            if (locked.isPresent()) {
                return new WriteOutcome.Locked(locked.get());
            }
            tx.delete(id, user);
            return new WriteOutcome.Deleted(id);
        });
    }

    /** The committed changes in feed order, for the change feed ({@code GET /events}). */
    ChangeLog changes();

    /**
     * Returns if the database answers now; throws {@link StoreUnavailableException} (or another
     * {@link StoreException}) if it does not. Quick: meant for a load balancer's readiness probe.
     */
    void ping();

    @Override
    void close();

    /** A unit of work run inside one write transaction. */
    @FunctionalInterface
    interface UnitOfWork<T> {
        T run(WriteTransaction tx);
    }
}
