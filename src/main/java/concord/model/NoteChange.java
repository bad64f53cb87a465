package concord.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One committed change to a note as the change feed reports it: where it stands in the feed, which note, which
 * version and ETag it made (no body), who made it and when. A deletion carries the version it deleted and no ETag.
 *
 * @param position where the change stands in the feed: every change committed later has a greater position, so
 *                 a reader that saw position {@code p} resumes with the changes after {@code p}
 */
public record NoteChange(long position, String id, long version, ETag etag, String updatedBy, Instant updatedAt,
                         boolean deleted) implements Change {

    public NoteChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(updatedBy, "updatedBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (deleted != (etag == null)) {
            throw new IllegalArgumentException("a deletion has no ETag, every other change has one: " + id);
        }
    }
}
