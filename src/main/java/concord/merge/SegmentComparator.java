package concord.merge;

import org.eclipse.jgit.diff.SequenceComparator;

/** Exact comparison of pieces, terminators included: a CRLF line differs from the LF line, as in git. */
final class SegmentComparator extends SequenceComparator<Segments> {

    static final SegmentComparator INSTANCE = new SegmentComparator();

    private SegmentComparator() {
    }

    @Override
    public boolean equals(Segments a, int ai, Segments b, int bi) {
        return a.same(ai, b, bi);
    }

    @Override
    public int hash(Segments seq, int index) {
        return seq.hash(index);
    }
}
