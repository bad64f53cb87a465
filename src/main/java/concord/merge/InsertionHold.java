package concord.merge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one rule that makes a conflict where git has none: one side inserting a block and the other side inserting
 * a block that repeats most of its words, one blank line away. diff3 keeps both, as it does for any changes an
 * unchanged line apart; when the second block is a rewrite of the first (two people adding the same section,
 * paragraph or list item in their own words) the text then comes out twice. Such a pair and the blank lines
 * between become one conflict that is neither split nor refined, with no suggestion: the user decides.
 *
 * <p>It used to hold every such pair. On the real-merge corpus that lost git's exact merges (a release heading
 * added on one side, an entry of the unreleased list on the other: different words, both wanted), so it now holds
 * only blocks that share at least {@value #MIN_SHARED} distinct words and at least half of the shorter block's
 * distinct words. Without refinement the regions stay exactly git's.
 */
final class InsertionHold {

    static final int MIN_SHARED = 2;

    private InsertionHold() {
    }

    /**
     * @param held set for each returned region that is such a conflict
     * @return the regions with each held pair (and the blank lines between) joined into one conflict
     */
    static List<Diff3.Region> apply(List<Diff3.Region> regions, Segments b, Segments m, Segments t, boolean[] held) {
        List<Diff3.Region> out = null;
        for (int i = 0; i < regions.size(); i++) {
            Diff3.Region first = regions.get(i);
            if (i + 2 < regions.size() && insertion(first) && blank(regions.get(i + 1), b)
                    && insertion(regions.get(i + 2)) && regions.get(i + 2).kind() != first.kind()
                    && repeats(inserted(first, m, t), inserted(regions.get(i + 2), m, t))) {
                if (out == null) {
                    out = new ArrayList<>(regions.subList(0, i));
                }
                Diff3.Region last = regions.get(i + 2);
                held[out.size()] = true;
                out.add(new Diff3.Region(Diff3.Kind.CONFLICT, first.baseStart(), last.baseEnd(),
                        first.mineStart(), last.mineEnd(), first.theirsStart(), last.theirsEnd()));
                i += 2;
            } else if (out != null) {
                out.add(first);
            }
        }
        return out == null ? regions : out;
    }

    /** Lines added by one side only, nothing of base replaced. */
    private static boolean insertion(Diff3.Region r) {
        return (r.kind() == Diff3.Kind.MINE || r.kind() == Diff3.Kind.THEIRS) && r.baseStart() == r.baseEnd();
    }

    private static String inserted(Diff3.Region r, Segments m, Segments t) {
        return r.kind() == Diff3.Kind.MINE ? m.text(r.mineStart(), r.mineEnd()) : t.text(r.theirsStart(), r.theirsEnd());
    }

    /** An unchanged run of lines that hold only whitespace. */
    private static boolean blank(Diff3.Region r, Segments b) {
        if (r.kind() != Diff3.Kind.UNCHANGED || r.baseStart() == r.baseEnd()) {
            return false;
        }
        String text = b.text();
        for (int k = b.start(r.baseStart()); k < b.start(r.baseEnd()); k++) {
            if (!Character.isWhitespace(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the two blocks share enough words to be two versions of the same addition. */
    static boolean repeats(String a, String c) {
        Set<String> wa = words(a);
        Set<String> wc = words(c);
        int shared = 0;
        for (String w : wa) {
            if (wc.contains(w)) {
                shared++;
            }
        }
        return shared >= MIN_SHARED && 2 * shared >= Math.min(wa.size(), wc.size());
    }

    private static Set<String> words(String text) {
        Segments s = Tokenizer.tokens(text);
        Set<String> out = new HashSet<>();
        for (int i = 0; i < s.size(); i++) {
            if (Tokenizer.isWord(text, s.start(i), s.start(i + 1))) {
                out.add(s.piece(i).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
