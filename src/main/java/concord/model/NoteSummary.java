package concord.model;

import java.time.Instant;
import java.util.List;

/** A note without its body: an entry of {@code GET /notes} or of a note's version history. */
public record NoteSummary(String id, String title, List<String> tags,
                          long version, ETag etag, Instant updatedAt, String updatedBy) {

    public NoteSummary {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
