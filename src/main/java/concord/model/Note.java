package concord.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One stored version of a note, as the server sent it. */
public record Note(String id, String title, String body, List<String> tags,
                   long version, ETag etag, Instant updatedAt, String updatedBy) {

    public Note {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(etag, "etag");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public NoteContent content() {
        return new NoteContent(title, body, tags);
    }

    public NoteSummary summary() {
        return new NoteSummary(id, title, tags, version, etag, updatedAt, updatedBy);
    }
}
