package concord.store;

import concord.model.NoteSummary;
import java.util.Objects;

/**
 * A live note a search found: its summary and the start of its body (at most {@link #EXCERPT} chars), from which
 * the caller cuts what it shows.
 */
public record SearchMatch(NoteSummary note, String bodyStart) {

    /** How much of a body a search reads: enough to show where a term occurs in any note of ordinary length. */
    public static final int EXCERPT = 20_000;

    public SearchMatch {
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(bodyStart, "bodyStart");
    }
}
