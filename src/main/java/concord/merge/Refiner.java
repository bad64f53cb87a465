package concord.merge;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;

/**
 * Sub-line refinement of one line-level conflict: a three-way merge of its tokens (see {@link Tokenizer}),
 * again with JGit's {@code MergeAlgorithm} over {@code HistogramDiff}.
 *
 * <h2>When a conflict resolves itself (the guard)</h2>
 * Sub-line merging is known to duplicate or interleave text silently, so a region is resolved only when all of
 * these hold, and otherwise stays a conflict (a conflict is always preferred to a guess):
 * <ol>
 *   <li><b>No token conflict.</b> The token-level diff3 finds no region where the two sides' edits overlap
 *       <i>or touch</i>: edits must be separated by at least one unchanged base token. Two insertions at the
 *       same point, or an edit right next to the other side's edit, are a conflict.</li>
 *   <li><b>A real separator.</b> Between neighbouring changes of different authors (mine, theirs, or a change
 *       both made identically) the unchanged tokens must include at least one that is not horizontal
 *       whitespace: a word, a punctuation mark or a line break. A lone space is too weak an anchor: two
 *       rewrites of one phrase that share only their spaces would otherwise be woven into each other.</li>
 *   <li><b>No duplication.</b> No change of one side inserts a run of words that the other side's change also
 *       inserts (one contained in the other), since the result would then hold that text twice.</li>
 *   <li><b>Bounded.</b> Regions of more than {@value #MAX_CHARS} characters, or more than
 *       {@value #MAX_TOKENS} tokens on one side, are not refined at all (no resolution, no highlights), so the
 *       work stays linear in the input.</li>
 * </ol>
 * Identical edits of both sides at the same place are taken once, as at line level.
 *
 * <p>Highlights (for a resolved region and for a remaining conflict alike) are the tokens each side changed
 * against base: spans of mine's and theirs' chunk text, and on base the union of what either side replaced
 * or removed. Contributions are the spans of the resolved text each side wrote; a change both made identically
 * yields one contribution per side over the same span, and a pure deletion yields an empty span at the point
 * where the text was removed.
 */
final class Refiner {

    static final int MAX_CHARS = 200_000;
    static final int MAX_TOKENS = 20_000;

    /** @param resultText the resolved text, or {@code null} when the region stays a conflict */
    record Refinement(String resultText, List<Highlight> highlights, List<Contribution> contributions) {
        boolean resolved() {
            return resultText != null;
        }
    }

    private static final Refinement NOTHING = new Refinement(null, List.of(), List.of());

    private Refiner() {
    }

    static Refinement refine(String base, String mine, String theirs) {
        if ((long) base.length() + mine.length() + theirs.length() > MAX_CHARS) {
            return NOTHING;
        }
        Segments b = Tokenizer.tokens(base);
        Segments m = Tokenizer.tokens(mine);
        Segments t = Tokenizer.tokens(theirs);
        if (b.size() > MAX_TOKENS || m.size() > MAX_TOKENS || t.size() > MAX_TOKENS) {
            return NOTHING;
        }
        Diff3.Result merged = Diff3.merge(b, m, t);
        List<Highlight> highlights = highlights(b, m, t, merged.mineEdits(), merged.theirsEdits());
        if (merged.hasConflict() || !separated(b, merged.regions()) || duplicates(m, t, merged.regions())) {
            return new Refinement(null, highlights, List.of());
        }
        StringBuilder out = new StringBuilder(Math.max(mine.length(), theirs.length()) + 16);
        List<Contribution> contributions = new ArrayList<>();
        for (Diff3.Region r : merged.regions()) {
            int at = out.length();
            switch (r.kind()) {
                case UNCHANGED -> out.append(base, b.start(r.baseStart()), b.start(r.baseEnd()));
                case MINE -> {
                    out.append(mine, m.start(r.mineStart()), m.start(r.mineEnd()));
                    contributions.add(new Contribution(Side.MINE, new TextSpan(at, out.length())));
                }
                case THEIRS -> {
                    out.append(theirs, t.start(r.theirsStart()), t.start(r.theirsEnd()));
                    contributions.add(new Contribution(Side.THEIRS, new TextSpan(at, out.length())));
                }
                case BOTH_SAME -> {
                    out.append(mine, m.start(r.mineStart()), m.start(r.mineEnd()));
                    contributions.add(new Contribution(Side.MINE, new TextSpan(at, out.length())));
                    contributions.add(new Contribution(Side.THEIRS, new TextSpan(at, out.length())));
                }
                case CONFLICT -> throw new IllegalStateException("checked above");
            }
        }
        return new Refinement(out.toString(), highlights, contributions);
    }

    /** Rule 2: changes of different authors need an unchanged non-blank token between them. */
    private static boolean separated(Segments base, List<Diff3.Region> regions) {
        Diff3.Region lastChange = null;
        boolean anchored = false;
        for (Diff3.Region r : regions) {
            if (r.kind() == Diff3.Kind.UNCHANGED) {
                for (int i = r.baseStart(); i < r.baseEnd() && !anchored; i++) {
                    anchored = Tokenizer.isSubstantial(base.text(), base.start(i), base.start(i + 1));
                }
                continue;
            }
            if (lastChange != null && lastChange.kind() != r.kind() && !anchored) {
                return false;
            }
            lastChange = r;
            anchored = false;
        }
        return true;
    }

    /** Rule 3: one side inserting words the other side also inserts elsewhere would double them. */
    private static boolean duplicates(Segments mine, Segments theirs, List<Diff3.Region> regions) {
        List<List<String>> mineWords = new ArrayList<>();
        List<List<String>> theirsWords = new ArrayList<>();
        for (Diff3.Region r : regions) {
            if (r.kind() == Diff3.Kind.MINE) {
                addWords(mineWords, mine, r.mineStart(), r.mineEnd());
            } else if (r.kind() == Diff3.Kind.THEIRS) {
                addWords(theirsWords, theirs, r.theirsStart(), r.theirsEnd());
            }
        }
        if ((long) mineWords.size() * theirsWords.size() > 1_000_000L) {
            return true; // too many to compare within bounds: do not resolve
        }
        for (List<String> a : mineWords) {
            for (List<String> c : theirsWords) {
                if (contains(a, c) || contains(c, a)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void addWords(List<List<String>> out, Segments s, int from, int to) {
        List<String> words = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (Tokenizer.isWord(s.text(), s.start(i), s.start(i + 1))) {
                words.add(s.piece(i));
            }
        }
        if (!words.isEmpty()) {
            out.add(words);
        }
    }

    private static boolean contains(List<String> big, List<String> small) {
        return small.size() <= big.size() && java.util.Collections.indexOfSubList(big, small) >= 0;
    }

    private static List<Highlight> highlights(Segments b, Segments m, Segments t, EditList mineEdits,
                                              EditList theirsEdits) {
        List<Highlight> out = new ArrayList<>();
        for (Edit e : mineEdits) {
            if (e.getLengthB() > 0) {
                out.add(new Highlight(Side.MINE, new TextSpan(m.start(e.getBeginB()), m.start(e.getEndB()))));
            }
        }
        for (Edit e : theirsEdits) {
            if (e.getLengthB() > 0) {
                out.add(new Highlight(Side.THEIRS, new TextSpan(t.start(e.getBeginB()), t.start(e.getEndB()))));
            }
        }
        // base: the union of what either side replaced or removed, merged so spans never overlap
        List<int[]> removed = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < mineEdits.size() || j < theirsEdits.size()) {
            Edit e;
            if (j >= theirsEdits.size()
                    || (i < mineEdits.size() && mineEdits.get(i).getBeginA() <= theirsEdits.get(j).getBeginA())) {
                e = mineEdits.get(i++);
            } else {
                e = theirsEdits.get(j++);
            }
            if (e.getLengthA() == 0) {
                continue;
            }
            int[] last = removed.isEmpty() ? null : removed.get(removed.size() - 1);
            if (last != null && e.getBeginA() <= last[1]) {
                last[1] = Math.max(last[1], e.getEndA());
            } else {
                removed.add(new int[] {e.getBeginA(), e.getEndA()});
            }
        }
        for (int[] r : removed) {
            out.add(new Highlight(Side.BASE, new TextSpan(b.start(r[0]), b.start(r[1]))));
        }
        return out;
    }
}
