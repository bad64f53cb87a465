package concord.merge;

import java.util.Arrays;

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
    /**
     * With {@link #internedLines}: ids[i] names piece i's exact content, shared by every sequence interned
     * together, so equality is one int comparison; otherwise null.
     */
    private int[] ids;
    private final int size;

    private Segments(String text, int[] starts, int size) {
        this(text, text.toCharArray(), starts, size);
    }

    /** @param chars the text's chars: hashing an array is several times faster than charAt */
    private Segments(String text, char[] chars, int[] starts, int size) {
        this.text = text;
        this.starts = starts;
        this.size = size;
        this.hashes = new int[size];
        for (int i = 0; i < size; i++) {
            hashes[i] = hash(chars, starts[i], starts[i + 1]);
        }
    }

    /** A small method of its own so that a cold JVM compiles it early instead of interpreting the loop. */
    private static int hash(char[] chars, int from, int to) {
        int h = 0;
        for (int k = from; k < to; k++) {
            h = 31 * h + chars[k];
        }
        return h;
    }

    /** Lines, each with its terminator ({@code \n}, so {@code \r\n} too); the last may lack one. */
    static Segments lines(String text) {
        return lines(text, text.toCharArray());
    }

    private static Segments lines(String text, char[] chars) {
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
        return new Segments(text, chars, starts, count);
    }

    /**
     * The lines of each text, with every distinct line (terminator included, compared exactly) numbered once
     * across all of them. The diff then compares and hashes ints: lines with equal content hashes are not
     * compared char by char again and again, which is where a large merge otherwise spends most of its time.
     */
    static Segments[] internedLines(String... texts) {
        Segments[] out = new Segments[texts.length];
        char[][] chars = new char[texts.length][];
        int total = 0;
        for (int k = 0; k < texts.length; k++) {
            chars[k] = texts[k].toCharArray();
            out[k] = lines(texts[k], chars[k]);
            total += out[k].size;
        }
        Interner interner = new Interner(out, chars, total);
        for (int k = 0; k < out.length; k++) {
            int[] ids = new int[out[k].size];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = interner.id(k, i);
            }
            out[k].ids = ids;
        }
        for (Segments s : out) {
            for (int i = 0; i < s.size; i++) {
                s.hashes[i] = mix(s.ids[i]);
            }
        }
        return out;
    }

    /** Open addressing from line content to id; each line is compared once, with its first occurrence. */
    private static final class Interner {
        private final Segments[] segs;
        private final char[][] chars;
        private final int[] table; // id + 1, 0 = empty
        private final int mask;
        private final int[] ownerOf;
        private final int[] pieceOf;
        private int next;

        Interner(Segments[] segs, char[][] chars, int total) {
            this.segs = segs;
            this.chars = chars;
            int capacity = Integer.highestOneBit(Math.max(4, total * 2 - 1)) << 1;
            table = new int[capacity];
            mask = capacity - 1;
            ownerOf = new int[Math.max(1, total)];
            pieceOf = new int[Math.max(1, total)];
        }

        int id(int k, int i) {
            Segments s = segs[k];
            int h = s.hashes[i];
            for (int slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
                int e = table[slot];
                if (e == 0) {
                    table[slot] = next + 1;
                    ownerOf[next] = k;
                    pieceOf[next] = i;
                    return next++;
                }
                if (same(e - 1, k, i, h)) {
                    return e - 1;
                }
            }
        }

        private boolean same(int id, int k, int i, int h) {
            Segments o = segs[ownerOf[id]];
            int p = pieceOf[id];
            Segments s = segs[k];
            return o.hashes[p] == h && Arrays.equals(chars[ownerOf[id]], o.starts[p], o.starts[p + 1],
                    chars[k], s.starts[i], s.starts[i + 1]);
        }
    }

    /** Spreads ids and hashes over all bits: JGit's histogram index and the tables here use the high ones. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    /** Pieces at the given boundaries: {@code bounds[0] == 0}, {@code bounds[n] == text.length()}. */
    static Segments of(String text, int[] bounds, int n) {
        return new Segments(text, bounds, n);
    }

    @Override
    public int size() {
        return size;
    }

    /** Whether {@link #hash} is exact: equal iff the pieces are equal (interned together). */
    boolean interned() {
        return ids != null;
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
        if (ids != null && other.ids != null) {
            return ids[i] == other.ids[j];
        }
        return sameText(i, other, j);
    }

    private boolean sameText(int i, Segments other, int j) {
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
