package concord.model;

import java.time.Instant;
import java.util.List;

/**
 * A note deleted on the server ({@code GET /notes?deleted=true}): its last version (whose ETag is that version's,
 * {@code GET /notes/{id}/versions/{version}}) and who deleted it when. {@code deletedBy} and {@code deletedAt} are
 * {@code null} for a note deleted before the server recorded deletions.
 */
public record DeletedNote(String id, String title, List<String> tags, long version, ETag etag, Instant updatedAt,
                          String updatedBy, Instant deletedAt, String deletedBy) {

    public DeletedNote {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
