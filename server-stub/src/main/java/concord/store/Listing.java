package concord.store;

import concord.model.NoteSummary;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A page of the live notes, newest first, with an opaque tag that differs whenever the listing may differ, and the
 * position to continue from ({@link NoteStore#list(long, int)}) when more notes follow.
 */
public record Listing(List<NoteSummary> notes, String tag, OptionalLong next) {

    public Listing {
        notes = List.copyOf(notes);
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(next, "next");
    }

    /** A complete listing (no page follows). */
    public Listing(List<NoteSummary> notes, String tag) {
        this(notes, tag, OptionalLong.empty());
    }
}
