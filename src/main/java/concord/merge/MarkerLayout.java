package concord.merge;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.MyersDiff;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

/**
 * Lays a merge result out the way git's xdiff/xmerge.c presents it, before markers are written.
 * <ul>
 * <li>{@link MarkerStyle#MERGE} ({@code xdl_refine_conflicts} + {@code xdl_simplify_non_conflicts} at git merge-file's
 * level XDL_MERGE_ZEALOUS_ALNUM): each conflict is split where mine and theirs agree line for line (a line diff of
 * the two sides; a conflict whose sides are equal is no conflict), then neighbouring conflicts are joined when at most
 * three lines, or only lines without an ASCII letter or digit, lie between them.</li>
 * <li>{@link MarkerStyle#ZDIFF3} ({@code xdl_refine_zdiff3_conflicts}): lines equal on both sides at the start and
 * the end of a conflict move out of it; the base part keeps all its lines.</li>
 * <li>{@link MarkerStyle#DIFF3}: conflicts as they are.</li>
 * </ul>
 * All of this only moves lines between "plain" and "conflict"; it never changes what a side says.
 */
final class MarkerLayout {

    sealed interface Hunk permits Plain, Change, Conflict {
        int mineCount();

        int theirsCount();
    }

    /**
     * Lines on which mine and theirs agree and that no entry of git's change list covers. Kept as parts, not one
     * string, so a long run of unchanged and identically changed chunks is joined in linear time.
     */
    static final class Plain implements Hunk {
        private final List<String> out = new ArrayList<>();
        private final List<String> mine = new ArrayList<>();
        private final List<String> theirs = new ArrayList<>();
        private int mineCount;
        private int theirsCount;

        Plain(String out, String mine, String theirs, int mineCount, int theirsCount) {
            this.out.add(out);
            this.mine.add(mine);
            this.theirs.add(theirs);
            this.mineCount = mineCount;
            this.theirsCount = theirsCount;
        }

        void append(Plain next) {
            out.addAll(next.out);
            mine.addAll(next.mine);
            theirs.addAll(next.theirs);
            mineCount += next.mineCount;
            theirsCount += next.theirsCount;
        }

        void appendTo(StringBuilder sb) {
            for (String part : out) {
                sb.append(part);
            }
        }

        List<String> mineLines() {
            return MarkerLines.split(String.join("", mine));
        }

        List<String> theirsLines() {
            return MarkerLines.split(String.join("", theirs));
        }

        @Override
        public int mineCount() {
            return mineCount;
        }

        @Override
        public int theirsCount() {
            return theirsCount;
        }

        boolean hasAlnum() {
            for (String part : mine) {
                for (int i = 0; i < part.length(); i++) {
                    char c = part.charAt(i);
                    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** A change that is no conflict but, like an entry of git's change list, keeps conflicts on its sides apart. */
    record Change(String out, int mineCount, int theirsCount) implements Hunk {
    }

    /** @param owned the lists are private ArrayLists of this layout, which {@link #join} may extend */
    record Conflict(List<String> mine, List<String> base, List<String> theirs, boolean owned) implements Hunk {
        Conflict(List<String> mine, List<String> base, List<String> theirs) {
            this(mine, base, theirs, false);
        }

        @Override
        public int mineCount() {
            return mine.size();
        }

        @Override
        public int theirsCount() {
            return theirs.size();
        }
    }

    private MarkerLayout() {
    }

    static List<Hunk> layout(List<MergeChunk> chunks, MarkerStyle style) {
        List<Hunk> hunks = new ArrayList<>();
        for (MergeChunk c : chunks) {
            switch (c.kind()) {
                case UNCHANGED, BOTH_SAME -> add(hunks, new Plain(c.resultText(), c.mineText(), c.theirsText(),
                        c.mine().length(), c.theirs().length()));
                case MINE, THEIRS, RESOLVED -> hunks.add(new Change(c.resultText(),
                        c.mine().length(), c.theirs().length()));
                case CONFLICT -> {
                    Conflict conflict = new Conflict(MarkerLines.split(c.mineText()),
                            MarkerLines.split(c.baseText()), MarkerLines.split(c.theirsText()));
                    switch (style) {
                        case MERGE -> refine(hunks, conflict);
                        case ZDIFF3 -> hoist(hunks, conflict);
                        case DIFF3 -> hunks.add(conflict);
                    }
                }
            }
        }
        return hunks;
    }

    /** Appends, keeping runs of plain lines in one hunk, and for MERGE joining conflicts that are close. */
    private static void add(List<Hunk> hunks, Hunk h) {
        int n = hunks.size();
        if (h instanceof Plain p && n > 0 && hunks.get(n - 1) instanceof Plain last) {
            last.append(p);
        } else {
            hunks.add(h);
        }
    }

    private static void addMergeStyle(List<Hunk> hunks, Hunk h) {
        if (h instanceof Conflict next) {
            int n = hunks.size();
            if (n > 0 && hunks.get(n - 1) instanceof Conflict prev) {
                hunks.set(n - 1, join(prev, null, next));
                return;
            }
            if (n > 1 && hunks.get(n - 1) instanceof Plain between && hunks.get(n - 2) instanceof Conflict prev
                    && (between.mineCount() <= 3 || !between.hasAlnum())) {
                hunks.remove(n - 1);
                hunks.set(n - 2, join(prev, between, next));
                return;
            }
        }
        add(hunks, h);
    }

    /**
     * git's xdl_merge_two_conflicts. A joined conflict owns its lists and grows in place, so a long chain of close
     * conflicts is joined in linear time.
     */
    private static Conflict join(Conflict a, Plain between, Conflict b) {
        Conflict j = a.owned() ? a : new Conflict(new ArrayList<>(a.mine()), new ArrayList<>(a.base()),
                new ArrayList<>(a.theirs()), true);
        if (between != null) {
            j.mine().addAll(between.mineLines());
            j.theirs().addAll(between.theirsLines());
        }
        j.mine().addAll(b.mine());
        j.base().addAll(b.base());
        j.theirs().addAll(b.theirs());
        return j;
    }

    /** git's xdl_refine_conflicts, then xdl_simplify_non_conflicts as the pieces are appended. */
    private static void refine(List<Hunk> hunks, Conflict c) {
        // git simplifies after refining every conflict; a chunk list that reaches here has its neighbours already
        // appended, so joining on append sees exactly the same neighbours
        if (c.mine().isEmpty() || c.theirs().isEmpty()) {
            addMergeStyle(hunks, c);
            return;
        }
        Lines a = new Lines(c.mine());
        Lines b = new Lines(c.theirs());
        EditList edits = MyersDiff.INSTANCE.diff(Lines.EXACT, a, b);
        if (edits.isEmpty()) {
            // both sides wrote the same lines: git's "mode 4", output once, yet still an entry of the change list
            String text = String.join("", c.mine());
            hunks.add(new Change(text, c.mine().size(), c.theirs().size()));
            return;
        }
        int ai = 0;
        for (Edit e : edits) {
            if (e.getBeginA() > ai) {
                addMergeStyle(hunks, plain(c.mine().subList(ai, e.getBeginA())));
            }
            addMergeStyle(hunks, new Conflict(c.mine().subList(e.getBeginA(), e.getEndA()), List.of(),
                    c.theirs().subList(e.getBeginB(), e.getEndB())));
            ai = e.getEndA();
        }
        if (ai < c.mine().size()) {
            addMergeStyle(hunks, plain(c.mine().subList(ai, c.mine().size())));
        }
    }

    /** git's xdl_refine_zdiff3_conflicts. */
    private static void hoist(List<Hunk> hunks, Conflict c) {
        List<String> mine = c.mine();
        List<String> theirs = c.theirs();
        int head = 0;
        while (head < mine.size() && head < theirs.size() && mine.get(head).equals(theirs.get(head))) {
            head++;
        }
        int tail = 0;
        while (head + tail < mine.size() && head + tail < theirs.size()
                && mine.get(mine.size() - 1 - tail).equals(theirs.get(theirs.size() - 1 - tail))) {
            tail++;
        }
        if (head > 0) {
            add(hunks, plain(mine.subList(0, head)));
        }
        hunks.add(new Conflict(mine.subList(head, mine.size() - tail), c.base(),
                theirs.subList(head, theirs.size() - tail)));
        if (tail > 0) {
            add(hunks, plain(mine.subList(mine.size() - tail, mine.size())));
        }
    }

    private static Plain plain(List<String> lines) {
        String text = String.join("", lines);
        return new Plain(text, text, text, lines.size(), lines.size());
    }

    /** Lines compared exactly, terminators included, as xdiff compares records without whitespace flags. */
    private static final class Lines extends Sequence {
        static final SequenceComparator<Lines> EXACT = new SequenceComparator<>() {
            @Override
            public boolean equals(Lines a, int ai, Lines b, int bi) {
                return a.lines.get(ai).equals(b.lines.get(bi));
            }

            @Override
            public int hash(Lines seq, int ptr) {
                return seq.lines.get(ptr).hashCode();
            }
        };

        final List<String> lines;

        Lines(List<String> lines) {
            this.lines = lines;
        }

        @Override
        public int size() {
            return lines.size();
        }
    }
}
