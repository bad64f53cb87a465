package concord.merge;

import org.eclipse.jgit.diff.Sequence;

/**
 * A text cut into consecutive pieces (lines or tokens) that JGit's diff can compare. The pieces cover the text
 * exactly, so any run of pieces is a substring; that is what keeps every byte (terminators, a missing final
 * newline) intact. Hashes are computed once up front because the diff asks for them repeatedly.
 */
final class Segments extends Sequence {

    private final String text;
    /** starts[i] is where piece i begins; starts[size] == text.length(). */
    private final int[] starts;
    private final int[] hashes;
    private final int size;

    private Segments(String text, int[] starts, int size) {
        this.text = text;
        this.starts = starts;
        this.size = size;
        this.hashes = new int[size];
        for (int i = 0; i < size; i++) {
            int h = 0;
            for (int k = starts[i], e = starts[i + 1]; k < e; k++) {
                h = 31 * h + text.charAt(k);
            }
            hashes[i] = h;
        }
    }

    /** Lines, each with its terminator ({@code \n}, so {@code \r\n} too); the last may lack one. */
    static Segments lines(String text) {
        int n = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            n++;
        }
        boolean tail = text.isEmpty() || text.charAt(text.length() - 1) != '\n';
        int count = n + (tail && !text.isEmpty() ? 1 : 0);
        int[] starts = new int[count + 1];
        int k = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            starts[k++] = i + 1;
        }
        starts[count] = text.length();
        return new Segments(text, starts, count);
    }

    /** Pieces at the given boundaries: {@code bounds[0] == 0}, {@code bounds[n] == text.length()}. */
    static Segments of(String text, int[] bounds, int n) {
        return new Segments(text, bounds, n);
    }

    @Override
    public int size() {
        return size;
    }

    String text() {
        return text;
    }

    int start(int i) {
        return starts[i];
    }

    int hash(int i) {
        return hashes[i];
    }

    /** The text of pieces {@code [from, to)}. */
    String text(int from, int to) {
        return text.substring(starts[from], starts[to]);
    }

    String piece(int i) {
        return text.substring(starts[i], starts[i + 1]);
    }

    boolean same(int i, Segments other, int j) {
        if (hashes[i] != other.hashes[j]) {
            return false;
        }
        int len = starts[i + 1] - starts[i];
        return len == other.starts[j + 1] - other.starts[j]
                && text.regionMatches(starts[i], other.text, other.starts[j], len);
    }

    /** Whether pieces {@code [from, to)} equal {@code other}'s pieces {@code [oFrom, oTo)}. */
    boolean sameRun(int from, int to, Segments other, int oFrom, int oTo) {
        if (to - from != oTo - oFrom) {
            return false;
        }
        for (int i = from, j = oFrom; i < to; i++, j++) {
            if (!same(i, other, j)) {
                return false;
            }
        }
        return true;
    }
}
