package concord.model.tx;

import concord.model.ETag;
import concord.model.Note;
import java.util.Objects;

/**
 * One entry of a canceled transaction's {@code cancellationReasons}, in item order.
 *
 * @param currentEtag the note's current ETag when the code concerns an existing note, else null
 * @param current     the note as it is now (the "theirs" of a merge) when the code concerns it, else null
 * @param message     a human-readable explanation, or null for {@link CancellationCode#None}
 */
public record CancellationReason(CancellationCode code, ETag currentEtag, Note current, String message) {

    public CancellationReason {
        Objects.requireNonNull(code, "code");
        if (current != null && currentEtag == null) {
            currentEtag = current.etag();
        }
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

    /** True if this item is one that canceled the transaction (not a bean getter, so it is not serialized). */
    public boolean failed() {
        return code != CancellationCode.None;
    }
}
