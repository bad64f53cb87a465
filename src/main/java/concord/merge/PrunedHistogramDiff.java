package concord.merge;

import java.util.Arrays;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

/**
 * JGit's {@link HistogramDiff}, run only on the pieces that can match at all.
 *
 * <p>A piece (line or token) of one side whose content never occurs on the other side cannot be part of any
 * common subsequence, so it is certainly deleted or inserted. Like xdiff's {@code xdl_cleanup_records}, this
 * drops such pieces before diffing and puts them back into the edits afterwards. The refiner uses it on
 * tokens, where it keeps large regions linear. Line diffs are not pruned: pruning can cut a block that both
 * sides inserted differently in the two diffs (a spurious conflict), and over interned line ids the plain
 * histogram diff is about as fast. The diff itself is still JGit's; only what it is asked to compare shrinks.
 * Occurrence is tested on hashes, so a collision merely keeps a piece in (never a wrong match).
 */
final class PrunedHistogramDiff extends DiffAlgorithm {

    /**
     * Below this many pieces (both sides) the plain histogram diff is fast anyway, and notes of ordinary size
     * get exactly JGit's alignment: pruning changes which of several equally valid alignments is found.
     */
    static final int MIN_PRUNE = 2_000;

    private final HistogramDiff histogram = new HistogramDiff();
    private final int minPrune;
    private final boolean exactHashes;

    /** With JGit's default fallback (Myers) for regions of only frequent pieces. */
    PrunedHistogramDiff() {
        this(true, MIN_PRUNE);
    }

    /**
     * @param fallback whether regions made only of pieces occurring more than 64 times go to Myers' diff
     *                 (quadratic at worst) or simply count as replaced: for tokens (spaces, "the", commas)
     *                 the latter keeps refinement linear, and a coarser edit only ever means more conflict
     */
    PrunedHistogramDiff(boolean fallback) {
        this(fallback, MIN_PRUNE);
    }

    PrunedHistogramDiff(boolean fallback, int minPrune) {
        this(fallback, minPrune, false);
    }

    /**
     * @param exactHashes whether the comparator's hashes are exact (equal hash iff equal piece, as for
     *                    {@link Segments#internedLines interned lines}): the diff then runs over the hash
     *                    values alone, an int comparison per probe instead of a chain of comparator calls
     */
    PrunedHistogramDiff(boolean fallback, int minPrune, boolean exactHashes) {
        this.minPrune = minPrune;
        this.exactHashes = exactHashes;
        if (!fallback) {
            histogram.setFallbackAlgorithm(null);
        }
    }

    @Override
    public <S extends Sequence> EditList diffNonCommon(SequenceComparator<? super S> cmp, S a, S b) {
        if (exactHashes) {
            return diffExact(hashes(cmp, a), hashes(cmp, b));
        }
        int na = a.size();
        int nb = b.size();
        if (na + nb < minPrune || na == 0 || nb == 0) {
            return histogram.diffNonCommon(cmp, a, b);
        }
        int[] ha = hashes(cmp, a);
        int[] hb = hashes(cmp, b);
        int[] keepA = keep(ha, new IntSet(hb));
        int[] keepB = keep(hb, new IntSet(ha));
        if (keepA.length == na && keepB.length == nb) {
            return histogram.diffNonCommon(cmp, a, b);
        }
        Pruned<S> pa = new Pruned<>(a, keepA);
        Pruned<S> pb = new Pruned<>(b, keepB);
        EditList reduced = histogram.diff(new PrunedComparator<S>(cmp), pa, pb);
        return expand(reduced, keepA, keepB, na, nb);
    }

    /** The same steps as above over exact hashes: identical edits, found comparing ints. */
    private EditList diffExact(int[] ha, int[] hb) {
        int na = ha.length;
        int nb = hb.length;
        if (na + nb < minPrune || na == 0 || nb == 0) {
            return histogram.diffNonCommon(IntComparator.INSTANCE, new Ints(ha), new Ints(hb));
        }
        int[] keepA = keep(ha, new IntSet(hb));
        int[] keepB = keep(hb, new IntSet(ha));
        if (keepA.length == na && keepB.length == nb) {
            return histogram.diffNonCommon(IntComparator.INSTANCE, new Ints(ha), new Ints(hb));
        }
        EditList reduced = histogram.diff(IntComparator.INSTANCE, new Ints(pick(ha, keepA)), new Ints(pick(hb, keepB)));
        return expand(reduced, keepA, keepB, na, nb);
    }

    private static int[] pick(int[] values, int[] index) {
        int[] out = new int[index.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[index[i]];
        }
        return out;
    }

    /** Pieces reduced to their exact hashes. */
    private static final class Ints extends Sequence {
        final int[] values;

        Ints(int[] values) {
            this.values = values;
        }

        @Override
        public int size() {
            return values.length;
        }
    }

    private static final class IntComparator extends SequenceComparator<Ints> {
        static final IntComparator INSTANCE = new IntComparator();

        @Override
        public boolean equals(Ints a, int ai, Ints b, int bi) {
            return a.values[ai] == b.values[bi];
        }

        @Override
        public int hash(Ints seq, int index) {
            return seq.values[index];
        }
    }

    private static <S extends Sequence> int[] hashes(SequenceComparator<? super S> cmp, S s) {
        int[] h = new int[s.size()];
        for (int i = 0; i < h.length; i++) {
            h[i] = cmp.hash(s, i);
        }
        return h;
    }

    private static int[] keep(int[] h, IntSet other) {
        int[] keep = new int[h.length];
        int n = 0;
        for (int i = 0; i < h.length; i++) {
            if (other.contains(h[i])) {
                keep[n++] = i;
            }
        }
        return Arrays.copyOf(keep, n);
    }

    /** Turns the matches of the reduced diff back into edits over the full sequences. */
    private static EditList expand(EditList reduced, int[] keepA, int[] keepB, int na, int nb) {
        EditList out = new EditList();
        int prevA = 0; // next unmatched original index in a
        int prevB = 0;
        int ra = 0; // next reduced index in a
        int rb = 0;
        for (int e = 0; e <= reduced.size(); e++) {
            int matchEndA = e < reduced.size() ? reduced.get(e).getBeginA() : keepA.length;
            // reduced [ra, matchEndA) matches reduced [rb, ...) one to one
            for (; ra < matchEndA; ra++, rb++) {
                int oa = keepA[ra];
                int ob = keepB[rb];
                if (oa > prevA || ob > prevB) {
                    out.add(new Edit(prevA, oa, prevB, ob));
                }
                prevA = oa + 1;
                prevB = ob + 1;
            }
            if (e < reduced.size()) {
                ra = reduced.get(e).getEndA();
                rb = reduced.get(e).getEndB();
            }
        }
        if (prevA < na || prevB < nb) {
            out.add(new Edit(prevA, na, prevB, nb));
        }
        return out;
    }

    /** Open addressing over the hash values; sorting them cost more than the rest of the pruning. */
    private static final class IntSet {
        private final int[] slots;
        private final boolean[] used;
        private final int mask;

        IntSet(int[] values) {
            int capacity = Integer.highestOneBit(Math.max(4, values.length * 2 - 1)) << 1;
            slots = new int[capacity];
            used = new boolean[capacity];
            mask = capacity - 1;
            for (int v : values) {
                int i = mix(v) & mask;
                while (used[i] && slots[i] != v) {
                    i = (i + 1) & mask;
                }
                used[i] = true;
                slots[i] = v;
            }
        }

        boolean contains(int v) {
            for (int i = mix(v) & mask; used[i]; i = (i + 1) & mask) {
                if (slots[i] == v) {
                    return true;
                }
            }
            return false;
        }

        private static int mix(int h) {
            h *= 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }

    /** The kept pieces of a sequence. */
    private static final class Pruned<S extends Sequence> extends Sequence {
        final S base;
        final int[] index;

        Pruned(S base, int[] index) {
            this.base = base;
            this.index = index;
        }

        @Override
        public int size() {
            return index.length;
        }
    }

    private static final class PrunedComparator<S extends Sequence> extends SequenceComparator<Pruned<S>> {
        private final SequenceComparator<? super S> cmp;

        PrunedComparator(SequenceComparator<? super S> cmp) {
            this.cmp = cmp;
        }

        @Override
        public boolean equals(Pruned<S> a, int ai, Pruned<S> b, int bi) {
            return cmp.equals(a.base, a.index[ai], b.base, b.index[bi]);
        }

        @Override
        public int hash(Pruned<S> seq, int index) {
            return cmp.hash(seq.base, seq.index[index]);
        }
    }
}
