package concord.model.tx;

import concord.model.ETag;
import concord.model.NoteContent;
import concord.model.NoteIds;
import concord.model.NoteLock;
import java.util.Objects;

/**
 * One item of a {@code POST /transactions} request. Built through the factories, an item is always
 * well-formed: the constructor enforces the same per-op rules the server checks, so a client cannot even
 * build a request the server would reject item by item.
 *
 * @param ifMatch     the required ETag (or {@code *}); null only for a create ({@code put} + {@code ifNoneMatch})
 * @param ifNoneMatch true for {@code ifNoneMatch: "*"}: the note must not exist (only for {@code put})
 * @param note        the new content for {@code put}/{@code update}; null for {@code delete}/{@code conditionCheck}
 * @param lockToken   the token of a lock held on the note, which lets the item write while it is held; else null
 */
public record TransactionItem(TransactionOp op, String id, EntityMatch ifMatch, boolean ifNoneMatch, NoteContent note,
                              String lockToken) {

    public TransactionItem {
        Objects.requireNonNull(op, "op");
        if (!NoteIds.isValid(id)) {
            throw new IllegalArgumentException("not a valid note id: " + id);
        }
        if (ifMatch != null && ifNoneMatch) {
            throw new IllegalArgumentException("ifMatch and ifNoneMatch exclude each other");
        }
        if (ifMatch == null && !(op == TransactionOp.PUT && ifNoneMatch)) {
            throw new IllegalArgumentException(op.wireName() + " needs ifMatch"
                    + (op == TransactionOp.PUT ? " or ifNoneMatch" : ""));
        }
        if (ifNoneMatch && op != TransactionOp.PUT) {
            throw new IllegalArgumentException("ifNoneMatch is only allowed on put");
        }
        if (op.carriesContent() != (note != null)) {
            throw new IllegalArgumentException(op.carriesContent()
                    ? op.wireName() + " needs a note" : op.wireName() + " takes no note");
        }
        if (lockToken != null && !NoteLock.isValidToken(lockToken)) {
            throw new IllegalArgumentException("not a lock token: " + lockToken);
        }
    }

    public TransactionItem(TransactionOp op, String id, EntityMatch ifMatch, boolean ifNoneMatch, NoteContent note) {
        this(op, id, ifMatch, ifNoneMatch, note, null);
    }

    /** The same item carrying the token of the lock its writer holds on the note. */
    public TransactionItem withLockToken(String token) {
        return new TransactionItem(op, id, ifMatch, ifNoneMatch, note, token);
    }

    /** Create a note with this id; the transaction is canceled if it exists. */
    public static TransactionItem create(String id, NoteContent note) {
        return new TransactionItem(TransactionOp.PUT, id, null, true, note);
    }

    /** Replace the note if its current ETag is {@code ifMatch}. */
    public static TransactionItem put(String id, ETag ifMatch, NoteContent note) {
        return new TransactionItem(TransactionOp.PUT, id, EntityMatch.of(ifMatch), false, note);
    }

    /** Update an existing note whose current ETag is {@code ifMatch}. */
    public static TransactionItem update(String id, ETag ifMatch, NoteContent note) {
        return new TransactionItem(TransactionOp.UPDATE, id, EntityMatch.of(ifMatch), false, note);
    }

    /** Delete the note if its current ETag is {@code ifMatch}. */
    public static TransactionItem delete(String id, ETag ifMatch) {
        return new TransactionItem(TransactionOp.DELETE, id, EntityMatch.of(ifMatch), false, null);
    }

    /** Write nothing, but cancel the transaction unless the note's current ETag is {@code ifMatch}. */
    public static TransactionItem conditionCheck(String id, ETag ifMatch) {
        return new TransactionItem(TransactionOp.CONDITION_CHECK, id, EntityMatch.of(ifMatch), false, null);
    }
}
