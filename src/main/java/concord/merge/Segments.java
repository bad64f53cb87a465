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

    /**
     * A content hash (equal pieces, equal hashes). Two interleaved sums so that the multiplications do not wait
     * on each other; a small method of its own so that a cold JVM compiles it early.
     */
    private static int hash(char[] chars, int from, int to) {
        int even = 0;
        int odd = 0;
        int k = from;
        for (; k + 1 < to; k += 2) {
            even = 31 * even + chars[k];
            odd = 31 * odd + chars[k + 1];
        }
        if (k < to) {
            even = 31 * even + chars[k];
        }
        return even * 0x01000193 + odd + (to - from);
    }

    /** Lines, each with its terminator ({@code \n}, so {@code \r\n} too); the last may lack one. */
    static Segments lines(String text) {
        LineScan scan = LineScan.of(text, text.toCharArray(), 0, text.length());
        int[] starts = Arrays.copyOf(scan.starts(), scan.count() + 1);
        starts[scan.count()] = text.length();
        return new Segments(text, starts, Arrays.copyOf(scan.hashes(), scan.count()), null);
    }

    /**
     * The lines of each text, with every distinct line (terminator included, compared exactly) numbered once
     * across all of them. The diff then compares and hashes ints: lines with equal content hashes are not
     * compared char by char again and again, which is where a large merge otherwise spends most of its time.
     *
     * <p>On large inputs each step runs in two halves on two cores (see {@link Parallel}): each text is cut at a
     * line start near its middle, and each half is copied out, split into lines and hashed; then the
     * lines are numbered by the top bit of their mixed hash, so that equal lines always meet in the same half
     * and each half numbers its own lines (id = local number * 2 + half). The numbering is the same whatever
     * runs where. The first text should be base and the others its edited copies: they are numbered along it
     * (see {@link Interner}), which is only faster, never different.
     */
    static Segments[] internedLines(Parallel parallel, String... texts) {
        int n = texts.length;
        long totalChars = 0;
        for (String t : texts) {
            totalChars += t.length();
        }
        // each text in two halves cut at a line start, so both threads get about the same share
        int[] cut = new int[n];
        for (int k = 0; k < n; k++) {
            int mid = texts[k].indexOf('\n', texts[k].length() / 2);
            cut[k] = mid < 0 ? texts[k].length() : mid + 1;
        }
        char[][] chars = new char[n][];
        for (int k = 0; k < n; k++) {
            chars[k] = new char[texts[k].length()];
        }
        LineScan[][] scans = new LineScan[n][2];
        parallel.halves(totalChars, half -> {
            for (int k = 0; k < n; k++) {
                int from = half == 0 ? 0 : cut[k];
                int to = half == 0 ? cut[k] : texts[k].length();
                texts[k].getChars(from, to, chars[k], from);
                scans[k][half] = LineScan.of(texts[k], chars[k], from, to);
            }
        });
        int[][] starts = new int[n][];
        int[][] hashes = new int[n][];
        int totalLines = 0;
        for (int k = 0; k < n; k++) {
            LineScan first = scans[k][0];
            LineScan second = scans[k][1];
            int lines = first.count() + second.count();
            starts[k] = Arrays.copyOf(first.starts(), lines + 1);
            System.arraycopy(second.starts(), 0, starts[k], first.count(), second.count());
            starts[k][lines] = texts[k].length();
            hashes[k] = Arrays.copyOf(first.hashes(), lines);
            System.arraycopy(second.hashes(), 0, hashes[k], first.count(), second.count());
            totalLines += lines;
        }
        int[][] ids = new int[n][];
        for (int k = 0; k < n; k++) {
            ids[k] = new int[hashes[k].length];
        }
        parallel.halves(totalLines, half -> new Interner(half, chars, starts, hashes).number(ids));
        Segments[] out = new Segments[n];
        for (int k = 0; k < n; k++) {
            hashIds(hashes[k], ids[k]);
            out[k] = new Segments(texts[k], starts[k], hashes[k], ids[k]);
        }
        return out;
    }

    /**
     * The lines that start in {@code [from, to)} of a text (both line starts): the line breaks found by the
     * String's own search, each line hashed from the copied chars.
     *
     * @param starts where each line starts ({@code count} of them; the array may be longer)
     * @param hashes each line's content hash, terminator included
     */
    private record LineScan(int[] starts, int[] hashes, int count) {
        static LineScan of(String text, char[] chars, int from, int to) {
            int capacity = (to - from) / 48 + 16;
            int[] starts = new int[capacity];
            int[] hashes = new int[capacity];
            int count = 0;
            for (int lineStart = from; lineStart < to; ) {
                int nl = text.indexOf('\n', lineStart); // a vectorised search once compiled
                int end = nl < 0 || nl >= to ? to : nl + 1;
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                    hashes = Arrays.copyOf(hashes, count * 2);
                }
                starts[count] = lineStart;
                hashes[count++] = hash(chars, lineStart, end);
                lineStart = end;
            }
            return new LineScan(starts, hashes, count);
        }
    }

    /**
     * Numbers the pieces of small sequences (a conflict's tokens) as {@link #internedLines} numbers lines, on
     * the caller's thread, so that the diffs over them compare ints. The pieces themselves stay as they are.
     */
    static void intern(Segments... segs) {
        int n = segs.length;
        char[][] chars = new char[n][];
        int[][] starts = new int[n][];
        int[][] hashes = new int[n][];
        int[][] ids = new int[n][];
        for (int k = 0; k < n; k++) {
            chars[k] = segs[k].text.toCharArray();
            starts[k] = segs[k].starts;
            hashes[k] = segs[k].hashes;
            ids[k] = new int[segs[k].size];
        }
        Parallel.NEVER.halves(0, half -> new Interner(half, chars, starts, hashes).number(ids));
        for (int k = 0; k < n; k++) {
            hashIds(segs[k].hashes, ids[k]);
            segs[k].ids = ids[k];
        }
    }

    private Segments(String text, int[] starts, int[] hashes, int[] ids) {
        this.text = text;
        this.starts = starts;
        this.size = hashes.length;
        this.hashes = hashes;
        this.ids = ids;
    }

    /**
     * Numbers one half of the lines (those whose mixed content hash has {@code half} as its top bit) with open
     * addressing from content to id; each line is compared once, with the first occurrence of its content.
     */
    private static final class Interner {
        /** How many base lines ahead an equal line is looked for: a deletion of up to 3 lines keeps the walk in step. */
        private static final int ALIGN_WINDOW = 4;
        /** How far ahead the walk may jump to a line seen in base (not back: a repeated line's first copy is earlier). */
        private static final int RESYNC_SPAN = 256;
        private final int half;
        private final char[][] chars;
        private final int[][] starts;
        private final int[][] hashes;
        private int[] table; // local id + 1, 0 = empty
        private int mask;
        private int[] ownerOf;
        private int[] pieceOf;
        private int next;

        Interner(int half, char[][] chars, int[][] starts, int[][] hashes) {
            this.half = half;
            this.chars = chars;
            this.starts = starts;
            this.hashes = hashes;
        }

        void number(int[][] ids) {
            int mine = 0;
            for (int[] h : hashes) {
                for (int x : h) {
                    if (mix(x) >>> 31 == half) {
                        mine++;
                    }
                }
            }
            int capacity = Integer.highestOneBit(Math.max(4, mine * 2 - 1)) << 1;
            table = new int[capacity];
            mask = capacity - 1;
            ownerOf = new int[Math.max(1, mine)];
            pieceOf = new int[Math.max(1, mine)];
            int[] baseIds = ids[0];
            for (int i = 0; i < hashes[0].length; i++) {
                int mixed = mix(hashes[0][i]);
                if (mixed >>> 31 == half) {
                    baseIds[i] = id(0, i, hashes[0][i], mixed) << 1 | half;
                }
            }
            for (int k = 1; k < hashes.length; k++) {
                numberAlongBase(k, ids[k], baseIds);
            }
        }

        /**
         * Numbers text {@code k}, an edited copy of base, walking base alongside it: the base line at the same
         * place (give or take a few deleted lines) usually has the same content, and comparing with it reads
         * memory in order where a probe of the table would jump about. The ids are the ones a probe would give.
         */
        private void numberAlongBase(int k, int[] out, int[] baseIds) {
            int[] h = hashes[k];
            int[] hb = hashes[0];
            int j = 0; // where in base this text is, as far as equal hashes tell
            for (int i = 0; i < h.length; i++) {
                int x = h[i];
                int match = -1;
                for (int d = 0; d < ALIGN_WINDOW && j + d < hb.length; d++) {
                    if (hb[j + d] == x) {
                        match = j + d;
                        break;
                    }
                }
                if (match >= 0) {
                    j = match + 1;
                }
                int mixed = mix(x);
                if (mixed >>> 31 != half) {
                    continue;
                }
                // equal hash, so the base line is numbered by this half too
                if (match >= 0 && Arrays.equals(chars[0], starts[0][match], starts[0][match + 1],
                        chars[k], starts[k][i], starts[k][i + 1])) {
                    out[i] = baseIds[match];
                    continue;
                }
                int id = id(k, i, x, mixed);
                out[i] = id << 1 | half;
                // after a longer deletion: catch up with a line first seen a little further on in base
                int p = pieceOf[id];
                if (ownerOf[id] == 0 && p > j && p - j <= RESYNC_SPAN) {
                    j = p + 1;
                }
            }
        }

        private int id(int k, int i, int h, int mixed) {
            for (int slot = mixed & mask; ; slot = (slot + 1) & mask) {
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
            int o = ownerOf[id];
            int p = pieceOf[id];
            return hashes[o][p] == h && Arrays.equals(chars[o], starts[o][p], starts[o][p + 1],
                    chars[k], starts[k][i], starts[k][i + 1]);
        }
    }

    /** Once numbered, a piece's hash is its mixed id: exact, so the diff can compare hashes alone. */
    private static void hashIds(int[] hashes, int[] ids) {
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = mix(ids[i]);
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
