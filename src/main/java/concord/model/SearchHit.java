package concord.model;

import java.time.Instant;
import java.util.List;

/** A note found by a search ({@code GET /notes?q=…}): its summary and an excerpt of its body around the match. */
public record SearchHit(String id, String title, List<String> tags, long version, ETag etag, Instant updatedAt,
                        String updatedBy, Snippet snippet) {

    public SearchHit {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static SearchHit of(NoteSummary s, Snippet snippet) {
        return new SearchHit(s.id(), s.title(), s.tags(), s.version(), s.etag(), s.updatedAt(), s.updatedBy(), snippet);
    }

    public NoteSummary summary() {
        return new NoteSummary(id, title, tags, version, etag, updatedAt, updatedBy);
    }
}
