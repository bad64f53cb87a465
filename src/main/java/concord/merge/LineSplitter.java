package concord.merge;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;

/**
 * Splits a line-level conflict that is really separate changes of the two sides on different lines.
 *
 * <p>diff3 makes a conflict of edits that merely touch, e.g. mine deletes line 4 and theirs rewrites line 5.
 * When, inside one conflict region, no edit of one side overlaps an edit of the other, and no insertion sits
 * at a point where the other side's edit begins or ends (where the order of the two would be a guess), every
 * base line is changed by at most one side and the region splits exactly into {@link ChunkKind#MINE} and
 * {@link ChunkKind#THEIRS} chunks. It also refuses when both sides add the same (non-blank) line in the
 * region, which would duplicate it. Otherwise it returns {@code null} and the conflict goes to the
 * {@link Refiner}.
 */
final class LineSplitter {

    private LineSplitter() {
    }

    static List<MergeChunk> split(Diff3.Region r, Segments b, Segments m, Segments t,
                                  EditList mineEdits, EditList theirsEdits) {
        List<Edit> mine = inside(mineEdits, r.baseStart(), r.baseEnd());
        List<Edit> theirs = inside(theirsEdits, r.baseStart(), r.baseEnd());
        if (mine.isEmpty() || theirs.isEmpty()) {
            return null;
        }
        for (Edit x : mine) {
            for (Edit y : theirs) {
                boolean apart = x.getEndA() <= y.getBeginA() || y.getEndA() <= x.getBeginA();
                boolean touch = x.getEndA() == y.getBeginA() || y.getEndA() == x.getBeginA();
                boolean insertion = x.getLengthA() == 0 || y.getLengthA() == 0;
                if (!apart || (touch && insertion)) {
                    return null;
                }
            }
        }
        if (sameLinesAdded(mine, m, theirs, t)) {
            return null;
        }
        List<MergeChunk> out = new ArrayList<>();
        int bc = r.baseStart();
        int mc = r.mineStart();
        int tc = r.theirsStart();
        int i = 0;
        int j = 0;
        while (i < mine.size() || j < theirs.size()) {
            boolean takeMine = j >= theirs.size()
                    || (i < mine.size() && mine.get(i).getBeginA() <= theirs.get(j).getBeginA());
            Edit e = takeMine ? mine.get(i++) : theirs.get(j++);
            if (e.getBeginA() > bc) {
                int n = e.getBeginA() - bc;
                String text = b.text(bc, bc + n);
                out.add(new MergeChunk(ChunkKind.UNCHANGED, new LineRange(bc, bc + n), new LineRange(mc, mc + n),
                        new LineRange(tc, tc + n), text, text, text, text, List.of(), List.of()));
                bc += n;
                mc += n;
                tc += n;
            }
            String baseText = b.text(bc, e.getEndA());
            if (takeMine) {
                int me = mc + e.getLengthB();
                String mineText = m.text(mc, me);
                out.add(new MergeChunk(ChunkKind.MINE, new LineRange(bc, e.getEndA()), new LineRange(mc, me),
                        new LineRange(tc, tc + e.getLengthA()), baseText, mineText, baseText, mineText,
                        List.of(), List.of()));
                mc = me;
                tc += e.getLengthA();
            } else {
                int te = tc + e.getLengthB();
                String theirsText = t.text(tc, te);
                out.add(new MergeChunk(ChunkKind.THEIRS, new LineRange(bc, e.getEndA()),
                        new LineRange(mc, mc + e.getLengthA()), new LineRange(tc, te), baseText, baseText,
                        theirsText, theirsText, List.of(), List.of()));
                mc += e.getLengthA();
                tc = te;
            }
            bc = e.getEndA();
        }
        if (bc != r.baseEnd() || mc != r.mineEnd() || tc != r.theirsEnd()) {
            return null; // unchanged lines at the end cannot occur in a conflict region; refuse rather than guess
        }
        return out;
    }

    /**
     * Both sides bringing the same line (with a letter or digit in it) into one region means one of them
     * probably moved or copied what the other added: taking both would duplicate it.
     */
    private static boolean sameLinesAdded(List<Edit> mine, Segments m, List<Edit> theirs, Segments t) {
        java.util.Set<String> added = new java.util.HashSet<>();
        for (Edit e : mine) {
            for (int i = e.getBeginB(); i < e.getEndB(); i++) {
                String line = m.piece(i).strip();
                if (line.codePoints().anyMatch(Character::isLetterOrDigit)) {
                    added.add(line);
                }
            }
        }
        for (Edit e : theirs) {
            for (int i = e.getBeginB(); i < e.getEndB(); i++) {
                if (added.contains(t.piece(i).strip())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The edits lying in base {@code [from, to)}, insertions at either end included. */
    private static List<Edit> inside(EditList edits, int from, int to) {
        List<Edit> out = new ArrayList<>();
        int lo = 0;
        int hi = edits.size();
        while (lo < hi) { // first edit ending at or after from
            int mid = (lo + hi) >>> 1;
            if (edits.get(mid).getEndA() < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int k = lo; k < edits.size() && edits.get(k).getBeginA() <= to; k++) {
            Edit e = edits.get(k);
            if (e.getBeginA() >= from && e.getEndA() <= to) {
                out.add(e);
            }
        }
        return out;
    }
}
