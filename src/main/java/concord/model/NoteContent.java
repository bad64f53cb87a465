package concord.model;

import java.util.List;
import java.util.Objects;

/** What a user edits: the writable part of a note. */
public record NoteContent(String title, String body, List<String> tags) {

    public NoteContent {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public NoteContent withBody(String newBody) {
        return new NoteContent(title, newBody, tags);
    }

    public NoteContent withTitle(String newTitle) {
        return new NoteContent(newTitle, body, tags);
    }

    public NoteContent withTags(List<String> newTags) {
        return new NoteContent(title, body, newTags);
    }
}
