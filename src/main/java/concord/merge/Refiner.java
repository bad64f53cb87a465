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
 *   <li><b>No duplication.</b> The words added by a change of one side must not reappear among the words
 *       added by a change of the other: not as a run of {@value #SHARED_RUN} words, not as the same two or more
 *       words, and not at all when one of the two changes is a pure insertion (removes no base word). Both
 *       sides adding the same text at different places, or one side adding what the other side moved there,
 *       would leave it twice in the result. (Two replacements by the same single word still merge: fixing one misspelling at two places
 *       is a normal pair of independent edits.)</li>
 *   <li><b>Lines keep their shape.</b> If one side adds or removes line breaks (inserts or deletes lines,
 *       joins or splits them) inside the region, the other side may not change anything in it: whether the
 *       other edit belongs before, after or inside the moved text would be a guess. (Converting line endings
 *       keeps their number and is fine.) Separate whole-line changes were already split off at line level.</li>
 *   <li><b>Bounded.</b> Regions of more than {@value #MAX_CHARS} characters, or more than
 *       {@value #MAX_TOKENS} tokens on one side, are not refined at all (no resolution, no highlights), nor is
 *       anything once one merge has refined {@value #MERGE_BUDGET_CHARS} characters: the token diff of JGit's
 *       histogram algorithm grows faster than linearly on repetitive text, and a merge must stay fast.</li>
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

    static final int MAX_CHARS = 64_000;
    static final int MAX_TOKENS = 5_000;
    /** Characters refined in one whole merge, whatever the number of conflicts. */
    static final int MERGE_BUDGET_CHARS = 1_000_000;

    /** What one merge may still spend on refinement; one per merge call, spent in region order before refining starts. */
    static final class Budget {
        private long chars = MERGE_BUDGET_CHARS;

        /** Whether a region of {@code n} characters is refined at all; if so, it is paid for. */
        boolean admits(long n) {
            if (n > MAX_CHARS || n > chars) {
                return false;
            }
            chars -= n;
            return true;
        }
    }

    /** @param resultText the resolved text, or {@code null} when the region stays a conflict */
    record Outcome(String resultText, List<Highlight> highlights, List<Contribution> contributions) {
        boolean resolved() {
            return resultText != null;
        }
    }

    private static final Outcome NOTHING = new Outcome(null, List.of(), List.of());

    private Refiner() {
    }

    /** Refines one region that its merge's {@link Budget} admitted. Thread-safe: it touches no shared state. */
    static Outcome refine(String base, String mine, String theirs) {
        Segments b = Tokenizer.tokens(base);
        Segments m = Tokenizer.tokens(mine);
        Segments t = Tokenizer.tokens(theirs);
        if (b.size() > MAX_TOKENS || m.size() > MAX_TOKENS || t.size() > MAX_TOKENS) {
            return NOTHING;
        }
        Segments.intern(b, m, t);
        Diff3.Result merged = Diff3.mergeTokens(b, m, t);
        List<Highlight> highlights = highlights(b, m, t, merged.mineEdits(), merged.theirsEdits());
        if (merged.hasConflict() || !separated(b, merged.regions()) || duplicates(b, m, t, merged.regions())
                || reshapesLines(b, m, t, merged.regions())) {
            return new Outcome(null, highlights, List.of());
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
        return new Outcome(out.toString(), highlights, contributions);
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
    /**
     * Rule 3: one side adding words the other side also adds would double them. Compared are the words each
     * change adds; a pair counts when one of the two is a pure insertion and its words are contained in the
     * other's, or when the two share a run of {@value #SHARED_RUN} words.
     */
    private static boolean duplicates(Segments base, Segments mine, Segments theirs, List<Diff3.Region> regions) {
        List<List<String>> mineWords = new ArrayList<>();
        List<List<String>> theirsWords = new ArrayList<>();
        List<Boolean> mineInsert = new ArrayList<>();
        List<Boolean> theirsInsert = new ArrayList<>();
        java.util.Set<String> mineRuns = new java.util.HashSet<>();
        for (Diff3.Region r : regions) {
            if (r.kind() == Diff3.Kind.MINE) {
                List<String> words = words(mine, r.mineStart(), r.mineEnd());
                mineWords.add(words);
                mineInsert.add(!removesWords(base, r));
                runs(words, mineRuns::add);
            } else if (r.kind() == Diff3.Kind.THEIRS) {
                theirsWords.add(words(theirs, r.theirsStart(), r.theirsEnd()));
                theirsInsert.add(!removesWords(base, r));
            }
        }
        boolean[] shared = new boolean[1];
        for (List<String> words : theirsWords) {
            runs(words, run -> shared[0] |= mineRuns.contains(run));
        }
        if (shared[0]) {
            return true;
        }
        if ((long) mineWords.size() * theirsWords.size() > 1_000_000L) {
            return true; // too many to compare within bounds: do not resolve
        }
        for (int i = 0; i < mineWords.size(); i++) {
            for (int j = 0; j < theirsWords.size(); j++) {
                List<String> a = mineWords.get(i);
                List<String> c = theirsWords.get(j);
                if (a.isEmpty() || c.isEmpty()) {
                    continue;
                }
                if ((mineInsert.get(i) && contains(c, a)) || (theirsInsert.get(j) && contains(a, c))
                        || (a.size() >= 2 && a.equals(c))) {
                    return true;
                }
            }
        }
        return false;
    }

    static final int SHARED_RUN = 3;

    private static void runs(List<String> words, java.util.function.Consumer<String> out) {
        for (int i = 0; i + SHARED_RUN <= words.size(); i++) {
            out.accept(String.join("\u0000", words.subList(i, i + SHARED_RUN)));
        }
    }

    /**
     * Rule 4: a change that adds or removes line breaks moves text between lines; combined with the other
     * side's change in the same region, where that change lands would be a guess.
     */
    private static boolean reshapesLines(Segments base, Segments mine, Segments theirs, List<Diff3.Region> regions) {
        boolean mineReshapes = false;
        boolean theirsReshapes = false;
        boolean mineChanges = false;
        boolean theirsChanges = false;
        for (Diff3.Region r : regions) {
            switch (r.kind()) {
                case MINE -> {
                    mineChanges = true;
                    mineReshapes |= lineBreaks(base, r.baseStart(), r.baseEnd())
                            != lineBreaks(mine, r.mineStart(), r.mineEnd());
                }
                case THEIRS -> {
                    theirsChanges = true;
                    theirsReshapes |= lineBreaks(base, r.baseStart(), r.baseEnd())
                            != lineBreaks(theirs, r.theirsStart(), r.theirsEnd());
                }
                case BOTH_SAME -> {
                    mineChanges = true;
                    theirsChanges = true;
                }
                default -> {
                }
            }
        }
        return (mineReshapes && theirsChanges) || (theirsReshapes && mineChanges);
    }

    private static int lineBreaks(Segments s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.text().charAt(s.start(i));
            if (c == '\n' || c == '\r') {
                n++;
            }
        }
        return n;
    }

    private static List<String> words(Segments s, int from, int to) {
        List<String> words = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (Tokenizer.isWord(s.text(), s.start(i), s.start(i + 1))) {
                words.add(s.piece(i));
            }
        }
        return words;
    }

    private static boolean removesWords(Segments base, Diff3.Region r) {
        for (int i = r.baseStart(); i < r.baseEnd(); i++) {
            if (Tokenizer.isWord(base.text(), base.start(i), base.start(i + 1))) {
                return true;
            }
        }
        return false;
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
