package concord.store;

import concord.model.ETag;
import java.util.List;

/** The condition a write depends on (RFC 9110 §13.1), evaluated by the store inside the write transaction. */
public sealed interface Precondition {

    boolean test(NoteState current);

    /** The note exists and its current ETag is one of {@code tags} (strong comparison). */
    record IfMatch(List<ETag> tags) implements Precondition {
        public IfMatch {
            tags = List.copyOf(tags);
        }

        @Override
        public boolean test(NoteState current) {
            return current instanceof NoteState.Live live && tags.contains(live.note().etag());
        }
    }

    /** {@code If-Match: *}: the note exists. */
    record IfMatchAny() implements Precondition {
        @Override
        public boolean test(NoteState current) {
            return current instanceof NoteState.Live;
        }
    }

    /** {@code If-None-Match: *}: the note does not exist (never did, or was deleted). */
    record IfNoneMatchAny() implements Precondition {
        @Override
        public boolean test(NoteState current) {
            return !(current instanceof NoteState.Live);
        }
    }
}
