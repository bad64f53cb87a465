package concord.merge;

/** Lines {@code [start, end)} of one merge input (see the package doc for the conventions). */
public record LineRange(int start, int end) {

    public LineRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }

    public boolean isEmpty() {
        return start == end;
    }
}
