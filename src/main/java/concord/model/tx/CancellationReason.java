package concord.model.tx;

import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteLock;
import java.util.Objects;

/**
 * One entry of a canceled transaction's {@code cancellationReasons}, in item order.
 *
 * @param currentEtag the note's current ETag when the code concerns an existing note, else null
 * @param current     the note as it is now (the "theirs" of a merge) when the code concerns it, else null
 * @param message     a human-readable explanation, or null for {@link CancellationCode#None}
 * @param lock        for {@link CancellationCode#Locked}: who holds the note's lock and until when; else null
 */
public record CancellationReason(CancellationCode code, ETag currentEtag, Note current, String message, NoteLock lock) {

    public CancellationReason {
        Objects.requireNonNull(code, "code");
        if (current != null && currentEtag == null) {
            currentEtag = current.etag();
        }
        if ((code == CancellationCode.Locked) != (lock != null)) {
            throw new IllegalArgumentException("a lock goes with the code Locked, and only with it: " + code);
        }
    }

    public CancellationReason(CancellationCode code, ETag currentEtag, Note current, String message) {
        this(code, currentEtag, current, message, null);
    }

    public static CancellationReason none() {
        return new CancellationReason(CancellationCode.None, null, null, null);
    }

    public static CancellationReason conditionalCheckFailed(Note current, String message) {
        return new CancellationReason(CancellationCode.ConditionalCheckFailed, current.etag(), current, message);
    }

    public static CancellationReason notFound(String message) {
        return new CancellationReason(CancellationCode.NotFound, null, null, message);
    }

    public static CancellationReason locked(NoteLock lock, String message) {
        return new CancellationReason(CancellationCode.Locked, null, null, message, lock);
    }

    /** True if this item is one that canceled the transaction (not a bean getter, so it is not serialized). */
    public boolean failed() {
        return code != CancellationCode.None;
    }
}
