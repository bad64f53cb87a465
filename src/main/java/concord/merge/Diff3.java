package concord.merge;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.MyersDiff;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeChunk;

/**
 * diff3 over pieces (lines or tokens), with JGit's {@link MergeAlgorithm} over {@link HistogramDiff} deciding
 * the regions. JGit's result names, for a non-conflicting change, only the range in the side that wins, and it
 * trims the common start and end off a conflict; what it does give exactly are the stretches of base nobody
 * touched. So we take those stretches as anchors, place each anchor in mine and theirs with the two edit lists
 * JGit computed (recorded on the way, not computed twice), and classify every gap between anchors by comparing
 * its three texts. The gaps are git's diff3 hunks: edits of the two sides that overlap or touch (an insertion
 * at the same point, an edit right next to the other side's edit) fall into one gap.
 */
final class Diff3 {

    enum Kind { UNCHANGED, MINE, THEIRS, BOTH_SAME, CONFLICT }

    /** One region, half-open piece ranges in base, mine and theirs. */
    record Region(Kind kind, int baseStart, int baseEnd, int mineStart, int mineEnd, int theirsStart, int theirsEnd) {
    }

    /** The regions in order, and the two diffs they came from. */
    record Result(List<Region> regions, EditList mineEdits, EditList theirsEdits) {
        boolean hasConflict() {
            for (Region r : regions) {
                if (r.kind() == Kind.CONFLICT) {
                    return true;
                }
            }
            return false;
        }
    }

    private Diff3() {
    }

    /** Lines, histogram diff; on large texts the two diffs run at once (see {@link Parallel}). */
    static Result merge(Segments base, Segments mine, Segments theirs, Parallel parallel) {
        return merge(base, mine, theirs, parallel, LineDiff.HISTOGRAM);
    }

    /** Lines, with the given line diff; on large texts the two diffs run at once (see {@link Parallel}). */
    static Result merge(Segments base, Segments mine, Segments theirs, Parallel parallel, LineDiff lineDiff) {
        if (lineDiff == LineDiff.MYERS) {
            return merge(base, mine, theirs, MyersDiff.INSTANCE, parallel);
        }
        // Lines are not pruned: pruning let one side's other edits move which blank line an inserted block was
        // matched around, so the same block inserted by both sides could be cut differently in the two diffs
        // and come out as a conflict (or twice) where JGit and git merge it cleanly. Over interned ids the
        // plain histogram diff is as fast.
        return merge(base, mine, theirs, true, Integer.MAX_VALUE, parallel);
    }

    /**
     * Tokens, on the caller's thread: pruned, and without the quadratic fallback (see
     * {@link PrunedHistogramDiff#PrunedHistogramDiff(boolean)}), so that refinement stays linear.
     */
    static Result mergeTokens(Segments base, Segments mine, Segments theirs) {
        return merge(base, mine, theirs, false, PrunedHistogramDiff.MIN_PRUNE, Parallel.NEVER);
    }

    private static Result merge(Segments base, Segments mine, Segments theirs, boolean fallback, int minPrune,
                                Parallel parallel) {
        boolean exact = base.interned() && mine.interned() && theirs.interned();
        return merge(base, mine, theirs, new PrunedHistogramDiff(fallback, minPrune, exact), parallel);
    }

    private static Result merge(Segments base, Segments mine, Segments theirs, DiffAlgorithm diff, Parallel parallel) {
        // The two diffs are independent, and on a large merge they are most of its time: computed here (at
        // once when worth it) and handed to JGit's MergeAlgorithm, which would otherwise run them one by one.
        EditList[] edits = new EditList[2];
        long work = (long) base.text().length() + mine.text().length() + theirs.text().length();
        parallel.halves(work, half -> edits[half] = diff.diff(SegmentComparator.INSTANCE, base, half == 0 ? mine : theirs));
        EditList mineEdits = edits[0];
        EditList theirsEdits = edits[1];
        org.eclipse.jgit.merge.MergeResult<Segments> jgit =
                new MergeAlgorithm(new Known(diff, base, mine, mineEdits, theirs, theirsEdits))
                        .merge(SegmentComparator.INSTANCE, base, mine, theirs);

        List<Region> regions = new ArrayList<>();
        Offset mineAt = new Offset(mineEdits);
        Offset theirsAt = new Offset(theirsEdits);
        int b = 0;
        int m = 0;
        int t = 0;
        for (MergeChunk c : jgit) {
            if (c.getSequenceIndex() != 0 || c.getConflictState() != MergeChunk.ConflictState.NO_CONFLICT
                    || c.getBegin() == c.getEnd()) {
                continue;
            }
            int as = c.getBegin();
            int ae = c.getEnd();
            int ms = as + mineAt.before(as);
            int ts = as + theirsAt.before(as);
            gap(regions, base, mine, theirs, b, as, m, ms, t, ts);
            regions.add(new Region(Kind.UNCHANGED, as, ae, ms, ms + (ae - as), ts, ts + (ae - as)));
            b = ae;
            m = ms + (ae - as);
            t = ts + (ae - as);
        }
        gap(regions, base, mine, theirs, b, base.size(), m, mine.size(), t, theirs.size());
        return new Result(regions, mineEdits, theirsEdits);
    }

    private static void gap(List<Region> out, Segments base, Segments mine, Segments theirs,
                            int bs, int be, int ms, int me, int ts, int te) {
        if (bs == be && ms == me && ts == te) {
            return;
        }
        boolean mineSame = base.sameRun(bs, be, mine, ms, me);
        boolean theirsSame = base.sameRun(bs, be, theirs, ts, te);
        Kind kind;
        if (mineSame && theirsSame) {
            kind = Kind.UNCHANGED;
        } else if (theirsSame) {
            kind = Kind.MINE;
        } else if (mineSame) {
            kind = Kind.THEIRS;
        } else if (mine.sameRun(ms, me, theirs, ts, te)) {
            kind = Kind.BOTH_SAME;
        } else {
            kind = Kind.CONFLICT;
        }
        out.add(new Region(kind, bs, be, ms, me, ts, te));
    }

    /** Walks an edit list forward: how far the other side has shifted by a base position outside any edit. */
    private static final class Offset {
        private final EditList edits;
        private int next;
        private int delta;

        Offset(EditList edits) {
            this.edits = edits;
        }

        int before(int basePos) {
            while (next < edits.size() && edits.get(next).getEndA() <= basePos) {
                Edit e = edits.get(next++);
                delta += e.getLengthB() - e.getLengthA();
            }
            return delta;
        }
    }

    /** Hands JGit the two diffs already computed, and computes any other it asks for. */
    private static final class Known extends DiffAlgorithm {
        private final DiffAlgorithm delegate;
        private final Sequence base;
        private final Sequence mine;
        private final EditList mineEdits;
        private final Sequence theirs;
        private final EditList theirsEdits;

        Known(DiffAlgorithm delegate, Sequence base, Sequence mine, EditList mineEdits, Sequence theirs, EditList theirsEdits) {
            this.delegate = delegate;
            this.base = base;
            this.mine = mine;
            this.mineEdits = mineEdits;
            this.theirs = theirs;
            this.theirsEdits = theirsEdits;
        }

        @Override
        public <S extends Sequence> EditList diff(SequenceComparator<? super S> cmp, S a, S b) {
            // MergeAlgorithm only reads the lists (and skips a diff when a side is empty)
            if (a == base && b == mine) {
                return mineEdits;
            }
            if (a == base && b == theirs) {
                return theirsEdits;
            }
            return delegate.diff(cmp, a, b);
        }

        @Override
        public <S extends Sequence> EditList diffNonCommon(SequenceComparator<? super S> cmp, S a, S b) {
            return delegate.diffNonCommon(cmp, a, b);
        }
    }
}
