package concord.store;

import concord.model.Note;
import concord.model.tx.CancellationReason;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionRequest;
import concord.model.tx.TransactionResult;
import concord.model.tx.WrittenItem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * All-or-nothing writes across notes, with the rules of DynamoDB's TransactWriteItems.
 *
 * <p>One request is one {@link NoteStore#write unit of work}: the token lookup, every item's condition, every
 * write and the token's record happen in one database transaction, so the whole request commits or none of
 * it does, including across a crash, and no reader ever sees half of it. The unit locks its token, then all its
 * notes in the store's one order, before it reads them: units that touch the same notes run one after the other
 * (SQLite's single writer does this by itself), which makes transactions serializable with each other and with
 * single-note writes, on one instance or several.
 *
 * <p>Every condition is evaluated before anything is written, so a canceled transaction reports a reason for
 * every item (not only the first failure) and has written nothing but its token. An item whose condition holds is
 * still {@code Locked} when someone else holds a lock on its note and the item does not carry the lock's token.
 */
public final class NoteTransactions {

    private final NoteStore store;
    private final IdempotencyTokens tokens;
    private final OutcomeCodec codec;
    private final Clock clock;

    /** {@code clock} decides when tokens expire. */
    public NoteTransactions(NoteStore store, IdempotencyTokens tokens, OutcomeCodec codec, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What became of a request. */
    public sealed interface Execution {
    }

    /** The request ran now ({@code replayed} false) or earlier with the same token and body (true). */
    public record Done(TransactionResult result, boolean replayed) implements Execution {
    }

    /** The token was used in the last minutes for a different request; nothing ran. */
    public record TokenMismatch(String token) implements Execution {
    }

    /** Runs {@code request} on behalf of {@code user} and returns once its outcome is durable. */
    public Execution execute(TransactionRequest request, String user) {
        Objects.requireNonNull(user, "user");
        String token = request.clientRequestToken();
        String fingerprint = token == null ? null : IdempotencyTokens.fingerprint(request, user);
        List<String> ids = request.items().stream().map(TransactionItem::id).toList();
        // the unit may run more than once (a store retries a unit that lost a serialization race): it only reads tx
        return store.write(tx -> {
            Instant now = clock.instant();
            if (token != null) {
                // the token first (a store locks it, so a retry on another instance waits for this one), then notes
                IdempotencyTokens.Lookup seen = tokens.lookup(tx, user, token, fingerprint, now);
                if (seen instanceof IdempotencyTokens.Replay replay) {
                    return new Done(codec.decode(replay.outcome()), true);
                }
                if (seen instanceof IdempotencyTokens.Mismatch) {
                    return new TokenMismatch(token);
                }
            }
            tx.lock(ids);
            TransactionResult result = apply(tx, request.items(), user);
            if (token != null) {
                tokens.purgeExpired(tx, now);
                tokens.record(tx, user, token, fingerprint, codec.encode(result), now);
            }
            return new Done(result, false);
        });
    }

    /** Checks every item against the current state, then writes all of them or none. */
    private static TransactionResult apply(WriteTransaction tx, List<TransactionItem> items, String user) {
        List<NoteState> states = new ArrayList<>(items.size());
        List<CancellationReason> reasons = new ArrayList<>(items.size());
        boolean canceled = false;
        for (TransactionItem item : items) {
            NoteState state = tx.current(item.id());
            states.add(state);
            CancellationReason reason = check(item, state);
            if (!reason.failed()) {
                // the condition holds; a lock held by someone else still stops the item (as 423 stops a PUT)
                reason = NoteLeases.blocking(tx, item.id(), item.lockToken())
                        .map(lock -> CancellationReason.locked(lock, "note " + item.id() + " is locked by "
                                + lock.holder() + " until " + lock.expiresAt() + "; send the lock's token as the"
                                + " item's lockToken, or wait until it is released"))
                        .orElse(reason);
            }
            canceled |= reason.failed();
            reasons.add(reason);
        }
        if (canceled) {
            return new TransactionResult.Canceled(reasons);
        }
        List<WrittenItem> written = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            TransactionItem item = items.get(i);
            Note before = states.get(i).live().orElse(null);
            written.add(switch (item.op()) {
                case PUT, UPDATE -> {
                    Note after = tx.put(item.id(), item.note(), user);
                    yield new WrittenItem(item.id(), after.etag(), after.version());
                }
                case DELETE -> {
                    tx.delete(item.id(), user);
                    yield new WrittenItem(item.id(), null, before.version());
                }
                case CONDITION_CHECK -> new WrittenItem(item.id(), before.etag(), before.version());
            });
        }
        return new TransactionResult.Committed(written);
    }

    private static CancellationReason check(TransactionItem item, NoteState state) {
        String id = item.id();
        if (state instanceof NoteState.Live live) {
            Note note = live.note();
            String now = "version " + note.version() + " by " + note.updatedBy() + ", ETag " + note.etag().header();
            if (item.ifNoneMatch()) {
                return CancellationReason.conditionalCheckFailed(note, "note " + id + " already exists (" + now + ")");
            }
            if (!item.ifMatch().matches(note.etag())) {
                return CancellationReason.conditionalCheckFailed(note, "note " + id + " has changed since "
                        + item.ifMatch().header() + ": it is now " + now);
            }
            return CancellationReason.none();
        }
        if (item.ifNoneMatch()) {
            return CancellationReason.none();
        }
        return CancellationReason.notFound(state instanceof NoteState.Deleted
                ? "note " + id + " was deleted" : "note " + id + " does not exist");
    }
}
