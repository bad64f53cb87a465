package concord.store;

import concord.model.NoteSummary;
import java.util.List;

/** The live notes, newest first, and an opaque tag that differs whenever the listing may differ. */
public record Listing(List<NoteSummary> notes, String tag) {

    public Listing {
        notes = List.copyOf(notes);
    }
}
