package concord.model;

/**
 * Chars {@code [start, end)} of a text that a search matched: half-open, in UTF-16 code units (Java's and
 * JavaScript's string indices), never splitting a surrogate pair.
 */
public record MatchRange(int start, int end) {

    public MatchRange {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("not a match range: [" + start + ", " + end + ")");
        }
    }
}
