package concord.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The merge laws on random edit scripts applied to random texts. Lines come from a small vocabulary so that
 * edits collide; texts mix LF and CRLF, may lack a final newline, and contain non-ASCII (accents, combining
 * marks, CJK, emoji with modifiers). Every law is checked at every refinement level (certain, suggest, off);
 * {@link SuggestionLawsProperties} has the laws of suggestions themselves.
 */
class MergeLawsProperties {

    static final List<MergeOptions> BOTH = List.of(MergeOptions.DEFAULT, MergeOptions.SUGGEST, MergeOptions.LINE_ONLY);
    private final HistogramMerger merger = new HistogramMerger();

    // ---- the laws ---------------------------------------------------------------------------------------------

    @Property(tries = 300)
    void mergingAnUntouchedTextReturnsItByteForByte(@ForAll("texts") Text base) {
        String b = base.render();
        for (MergeOptions o : BOTH) {
            MergeResult r = merger.merge(b, b, b, o);
            wellFormed(r, b, b, b);
            assertEquals(b, r.cleanText());
            r.chunks().forEach(c -> assertEquals(ChunkKind.UNCHANGED, c.kind()));
        }
    }

    @Property(tries = 300)
    void sharingTheWorkBetweenTwoThreadsGivesTheSameResultAsOneThread(@ForAll("scenarios") Scenario s) {
        HistogramMerger split = new HistogramMerger(new Parallel(0)); // every step in two halves, however small
        HistogramMerger alone = new HistogramMerger(Parallel.NEVER);
        for (MergeOptions o : BOTH) {
            assertEquals(alone.merge(s.base(), s.mine(), s.theirs(), o), split.merge(s.base(), s.mine(), s.theirs(), o));
        }
    }

    @Property(tries = 300)
    void aChangeOfOneSideAloneIsTakenAsItIs(@ForAll("scenarios") Scenario s) {
        for (MergeOptions o : BOTH) {
            MergeResult onlyMine = merger.merge(s.base(), s.mine(), s.base(), o);
            wellFormed(onlyMine, s.base(), s.mine(), s.base());
            assertEquals(s.mine(), onlyMine.cleanText());
            MergeResult onlyTheirs = merger.merge(s.base(), s.base(), s.theirs(), o);
            wellFormed(onlyTheirs, s.base(), s.base(), s.theirs());
            assertEquals(s.theirs(), onlyTheirs.cleanText());
        }
    }

    @Property(tries = 300)
    void theSameChangeOnBothSidesIsTakenOnce(@ForAll("scenarios") Scenario s) {
        for (MergeOptions o : BOTH) {
            MergeResult r = merger.merge(s.base(), s.mine(), s.mine(), o);
            wellFormed(r, s.base(), s.mine(), s.mine());
            assertEquals(s.mine(), r.cleanText());
            r.chunks().forEach(c -> assertTrue(c.kind() == ChunkKind.UNCHANGED || c.kind() == ChunkKind.BOTH_SAME,
                    c::toString));
        }
    }

    @Property(tries = 300)
    void chunksCoverEveryInputExactlyAndInOrder(@ForAll("scenarios") Scenario s) {
        for (MergeOptions o : BOTH) {
            wellFormed(merger.merge(s.base(), s.mine(), s.theirs(), o), s.base(), s.mine(), s.theirs());
        }
    }

    @Property(tries = 300)
    void swappingMineAndTheirsSwapsTheSidesAndNothingElse(@ForAll("scenarios") Scenario s) {
        swapLaw(s);
    }

    @Property(tries = 300)
    void swappingSidesOfNearbyWordEditsSwapsTheSidesAndNothingElse(@ForAll("nearScenarios") Scenario s) {
        swapLaw(s);
    }

    @Property(tries = 300)
    void nearbyWordEditsCoverEveryInputExactly(@ForAll("nearScenarios") Scenario s) {
        for (MergeOptions o : BOTH) {
            wellFormed(merger.merge(s.base(), s.mine(), s.theirs(), o), s.base(), s.mine(), s.theirs());
        }
    }

    private void swapLaw(Scenario s) {
        for (MergeOptions o : BOTH) {
            MergeResult r = merger.merge(s.base(), s.mine(), s.theirs(), o);
            MergeResult w = merger.merge(s.base(), s.theirs(), s.mine(), o);
            assertSwapped(r.chunks(), w.chunks());
        }
    }

    /** Chunk for chunk, b is a with mine and theirs exchanged, suggestions included. */
    static void assertSwapped(List<MergeChunk> as, List<MergeChunk> bs) {
        assertEquals(as.size(), bs.size());
        for (int i = 0; i < as.size(); i++) {
            MergeChunk a = as.get(i);
            MergeChunk b = bs.get(i);
            assertEquals(swap(a.kind()), b.kind());
            assertEquals(a.base(), b.base());
            assertEquals(a.mine(), b.theirs());
            assertEquals(a.theirs(), b.mine());
            assertEquals(a.baseText(), b.baseText());
            assertEquals(a.mineText(), b.theirsText());
            assertEquals(a.theirsText(), b.mineText());
            assertEquals(a.resultText(), b.resultText());
            assertEquals(sortedHighlights(a, false), sortedHighlights(b, true));
            assertEquals(sortedContributions(a, false), sortedContributions(b, true));
            assertEquals(a.hasSuggestion(), b.hasSuggestion());
            if (a.hasSuggestion()) {
                assertEquals(a.suggestion().basis(), b.suggestion().basis());
                assertEquals(a.suggestion().text(), b.suggestion().text());
                assertSwapped(a.suggestion().chunks(), b.suggestion().chunks());
            }
        }
    }

    @Property(tries = 300)
    void aCleanLineMergeKeepsEveryLineEitherSideAdded(@ForAll("scenarios") Scenario s) {
        for (MergeOptions o : BOTH) {
            MergeResult r = merger.merge(s.base(), s.mine(), s.theirs(), o);
            // line-level outcomes only: a resolved chunk legitimately combines two changed lines into one
            if (r.isClean() && r.chunks().stream().noneMatch(c -> c.kind() == ChunkKind.RESOLVED)) {
                keepsAddedLines(r, s);
            }
        }
    }

    private static void keepsAddedLines(MergeResult r, Scenario s) {
        Map<String, Integer> result = count(lines(r.cleanText()));
        for (String side : List.of(s.mine(), s.theirs())) {
            Map<String, Integer> added = count(lines(side));
            count(lines(s.base())).forEach((line, n) -> added.merge(line, -n, Integer::sum));
            added.forEach((line, n) -> assertTrue(result.getOrDefault(line, 0) >= n,
                    () -> "lost added line " + line.replace("\r", "\\r").replace("\n", "\\n")));
        }
    }

    @Property(tries = 300)
    void refinementOnlyResolvesOrSplitsConflictsAndKeepsEveryOtherChunk(@ForAll("nearScenarios") Scenario s) {
        MergeResult line = merger.merge(s.base(), s.mine(), s.theirs(), MergeOptions.LINE_ONLY);
        MergeResult myers = merger.merge(s.base(), s.mine(), s.theirs(),
                MergeOptions.LINE_ONLY.withLineDiff(LineDiff.MYERS));
        if (!line.isClean() && myers.isClean()) {
            line = myers; // git's alignment: the whole merge is the Myers one (its own law is in SuggestionLawsProperties)
        }
        MergeResult refined = merger.merge(s.base(), s.mine(), s.theirs(), MergeOptions.SUGGEST);
        int k = 0;
        for (MergeChunk l : line.chunks()) {
            MergeChunk f = refined.chunks().get(k++);
            if (l.kind() != ChunkKind.CONFLICT) {
                assertEquals(l, f);
                continue;
            }
            if (f.kind() == ChunkKind.CONFLICT || f.kind() == ChunkKind.RESOLVED) {
                assertEquals(List.of(l.base(), l.mine(), l.theirs()), List.of(f.base(), f.mine(), f.theirs()));
                continue;
            }
            // split: a run of one-sided chunks starting where the conflict starts and ending where it ends
            assertEquals(List.of(l.base().start(), l.mine().start(), l.theirs().start()),
                    List.of(f.base().start(), f.mine().start(), f.theirs().start()));
            while (true) {
                MergeChunk part = f;
                assertTrue(part.kind() == ChunkKind.MINE || part.kind() == ChunkKind.THEIRS
                        || part.kind() == ChunkKind.UNCHANGED, part::toString);
                if (part.base().end() == l.base().end() && part.mine().end() == l.mine().end()
                        && part.theirs().end() == l.theirs().end()) {
                    break;
                }
                f = refined.chunks().get(k++);
            }
        }
        assertEquals(refined.chunks().size(), k);
        assertTrue(refined.conflictCount() <= line.conflictCount());
    }

    /**
     * A resolved chunk is base with both sides' edits applied, so (when neither token edit was made by both
     * sides alike) its characters plus base's characters are exactly mine's plus theirs': nothing duplicated,
     * nothing lost, nothing invented.
     */
    @Property(tries = 300)
    void aResolvedChunkKeepsEveryCharacterBothSidesWrote(@ForAll("nearScenarios") Scenario s) {
        MergeResult r = merger.merge(s.base(), s.mine(), s.theirs(), MergeOptions.SUGGEST);
        boolean resolved = r.chunks().stream().anyMatch(c -> c.kind() == ChunkKind.RESOLVED);
        boolean conflict = !r.isClean();
        Statistics.label("resolved").collect(resolved);
        Statistics.label("conflict").collect(conflict);
        // the law must actually meet resolved chunks and remaining conflicts, not only easy cases
        Statistics.label("resolved").coverage(check -> check.check(true).percentage(p -> p >= 4));
        Statistics.label("conflict").coverage(check -> check.check(true).percentage(p -> p >= 5));
        for (MergeChunk c : r.chunks()) {
            if (c.kind() != ChunkKind.RESOLVED || madeByBoth(c)) {
                continue;
            }
            Map<Integer, Integer> left = codePoints(c.resultText() + c.baseText());
            Map<Integer, Integer> right = codePoints(c.mineText() + c.theirsText());
            assertEquals(right, left, c::toString);
            assertNotEquals(c.mineText(), c.resultText());
            assertNotEquals(c.theirsText(), c.resultText());
        }
    }

    // ---- structure shared by every law ------------------------------------------------------------------------

    static void wellFormed(MergeResult r, String base, String mine, String theirs) {
        Map<Side, String> inputs = Map.of(Side.BASE, base, Side.MINE, mine, Side.THEIRS, theirs);
        for (Side side : Side.values()) {
            List<String> all = lines(inputs.get(side));
            int next = 0;
            StringBuilder joined = new StringBuilder();
            for (MergeChunk c : r.chunks()) {
                LineRange range = c.range(side);
                assertEquals(next, range.start(), () -> side + " ranges must be contiguous");
                assertEquals(String.join("", all.subList(range.start(), range.end())), c.text(side));
                joined.append(c.text(side));
                next = range.end();
            }
            assertEquals(all.size(), next);
            assertEquals(inputs.get(side), joined.toString());
        }
        for (MergeChunk c : r.chunks()) {
            switch (c.kind()) {
                case UNCHANGED -> {
                    assertEquals(c.baseText(), c.mineText());
                    assertEquals(c.baseText(), c.theirsText());
                    assertEquals(c.baseText(), c.resultText());
                }
                case MINE -> {
                    assertEquals(c.baseText(), c.theirsText());
                    assertNotEquals(c.baseText(), c.mineText());
                    assertEquals(c.mineText(), c.resultText());
                }
                case THEIRS -> {
                    assertEquals(c.baseText(), c.mineText());
                    assertNotEquals(c.baseText(), c.theirsText());
                    assertEquals(c.theirsText(), c.resultText());
                }
                case BOTH_SAME -> {
                    assertEquals(c.mineText(), c.theirsText());
                    assertNotEquals(c.baseText(), c.mineText());
                    assertEquals(c.mineText(), c.resultText());
                }
                case RESOLVED -> assertNotNull(c.resultText());
                case CONFLICT -> {
                    assertNull(c.resultText());
                    assertNotEquals(c.mineText(), c.theirsText());
                    assertNotEquals(c.baseText(), c.mineText());
                    assertNotEquals(c.baseText(), c.theirsText());
                }
            }
            for (Highlight h : c.highlights()) {
                assertGraphemeSpan(c.text(h.side()), h.span());
            }
            if (c.hasSuggestion()) {
                // the suggestion is a well-formed clean merge of exactly the conflict's lines
                MergeResult proposed = new MergeResult(c.suggestion().chunks());
                MergeResult local = new MergeResult(shift(c.suggestion().chunks(), c));
                wellFormed(local, c.baseText(), c.mineText(), c.theirsText());
                assertEquals(c.suggestion().text(), proposed.cleanText());
                for (Contribution k : c.suggestion().contributions()) {
                    assertGraphemeSpan(c.suggestion().text(), k.inResult());
                }
            }
            for (Contribution k : c.contributions()) {
                assertGraphemeSpan(c.resultText(), k.inResult());
            }
        }
        if (r.isClean()) {
            StringBuilder sb = new StringBuilder();
            r.chunks().forEach(c -> sb.append(c.resultText()));
            assertEquals(sb.toString(), r.cleanText());
        }
    }

    /** The chunks with their line ranges counted from the start of {@code within}'s lines. */
    private static List<MergeChunk> shift(List<MergeChunk> chunks, MergeChunk within) {
        List<MergeChunk> out = new ArrayList<>();
        for (MergeChunk c : chunks) {
            out.add(new MergeChunk(c.kind(), minus(c.base(), within.base()), minus(c.mine(), within.mine()),
                    minus(c.theirs(), within.theirs()), c.baseText(), c.mineText(), c.theirsText(), c.resultText(),
                    c.highlights(), c.contributions()));
        }
        return out;
    }

    private static LineRange minus(LineRange r, LineRange origin) {
        return new LineRange(r.start() - origin.start(), r.end() - origin.start());
    }

    /** The span lies in the text and cuts neither a surrogate pair nor a cluster (mark, modifier, joiner). */
    private static void assertGraphemeSpan(String text, TextSpan span) {
        assertTrue(span.end() <= text.length(), () -> span + " beyond " + text.length());
        for (int at : new int[] {span.start(), span.end()}) {
            if (at > 0 && at < text.length()) {
                assertTrue(!Character.isLowSurrogate(text.charAt(at)), "splits a surrogate pair");
                int before = text.codePointBefore(at);
                int after = text.codePointAt(at);
                int type = Character.getType(after);
                assertTrue(before != 0x200D && after != 0x200D && type != Character.NON_SPACING_MARK
                        && !(after >= 0x1F3FB && after <= 0x1F3FF) && !(before == '\r' && after == '\n'),
                        () -> "splits a grapheme at " + at + " in " + text);
            }
        }
    }

    // ---- generators -------------------------------------------------------------------------------------------

    /** A text as its lines, each with its terminator; the last may have lost it. */
    record Text(List<String> lines, boolean finalNewline) {
        String render() {
            String all = String.join("", lines);
            if (!finalNewline && !all.isEmpty()) {
                return all.endsWith("\r\n") ? all.substring(0, all.length() - 2) : all.substring(0, all.length() - 1);
            }
            return all;
        }
    }

    record Op(int kind, int at, String content, boolean crlf, int word) {
    }

    record Scenario(String base, String mine, String theirs) {
    }

    private static final List<String> WORDS = List.of("alpha", "beta", "gamma", "delta", "x", "y", "na\u00efve",
            "cafe\u0301", "\u65e5\u672c", "\uD83D\uDC4D\uD83C\uDFFD", "\uD83D\uDC68\u200D\uD83D\uDC69", ",", ".", "  ");
    private static final List<String> STOCK = List.of("alpha beta", "gamma", "", "x y", "delta, x.", "alpha beta");

    static Arbitrary<String> content() {
        Arbitrary<String> built = Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(6)
                .map(ws -> String.join(" ", ws));
        return Arbitraries.oneOf(Arbitraries.of(STOCK), built);
    }

    @Provide
    Arbitrary<Text> texts() {
        Arbitrary<String> line = Combinators.combine(content(), Arbitraries.integers().between(0, 3))
                .as((c, t) -> c + (t == 0 ? "\r\n" : "\n"));
        return Combinators.combine(line.list().ofMaxSize(10), Arbitraries.integers().between(0, 4))
                .as((ls, f) -> new Text(ls, f != 0));
    }

    Arbitrary<List<Op>> ops() {
        // kinds 6..9 are more word edits: they are what refinement is about
        return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 50),
                        content(), Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 5))
                .as((k, at, c, t, w) -> new Op(k >= 6 ? 3 : k, at, c, t == 0, w)).list().ofMaxSize(4);
    }

    /** Few, longer lines and mostly word edits: the two sides often touch the same lines. */
    @Provide
    Arbitrary<Scenario> nearScenarios() {
        Arbitrary<String> line = Combinators.combine(Arbitraries.of(WORDS).list().ofMinSize(4).ofMaxSize(9),
                        Arbitraries.integers().between(0, 3))
                .as((ws, t) -> String.join(" ", ws) + (t == 0 ? "\r\n" : "\n"));
        Arbitrary<Text> text = Combinators.combine(line.list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(0, 4)).as((ls, f) -> new Text(ls, f != 0));
        Arbitrary<List<Op>> ops = Combinators.combine(Arbitraries.integers().between(0, 9),
                        Arbitraries.integers().between(0, 50), content(), Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 7))
                .as((k, at, c, t, w) -> new Op(k >= 2 ? 3 : k, at, c, t == 0, w)).list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(text, ops, ops)
                .as((t, m, y) -> new Scenario(t.render(), apply(t, m).render(), apply(t, y).render()));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Combinators.combine(texts(), ops(), ops())
                .as((t, m, y) -> new Scenario(t.render(), apply(t, m).render(), apply(t, y).render()));
    }

    static Text apply(Text text, List<Op> ops) {
        List<String> lines = new ArrayList<>(text.lines());
        boolean finalNewline = text.finalNewline();
        for (Op op : ops) {
            int n = lines.size();
            String term = op.crlf() ? "\r\n" : "\n";
            switch (op.kind()) {
                case 0 -> {
                    if (n > 0) {
                        lines.set(op.at() % n, op.content() + terminator(lines.get(op.at() % n)));
                    }
                }
                case 1 -> lines.add(op.at() % (n + 1), op.content() + term);
                case 2 -> {
                    if (n > 0) {
                        lines.remove(op.at() % n);
                    }
                }
                case 3 -> {
                    if (n > 0) {
                        String l = lines.get(op.at() % n);
                        String body = l.substring(0, l.length() - terminator(l).length());
                        List<String> words = new ArrayList<>(List.of(body.split(" ", -1)));
                        words.set(op.word() % words.size(), op.content().split(" ", -1)[0]);
                        lines.set(op.at() % n, String.join(" ", words) + terminator(l));
                    }
                }
                case 4 -> finalNewline = !finalNewline;
                default -> {
                    if (n > 0) {
                        String l = lines.get(op.at() % n);
                        String body = l.substring(0, l.length() - terminator(l).length());
                        lines.set(op.at() % n, body + (terminator(l).equals("\n") ? "\r\n" : "\n"));
                    }
                }
            }
        }
        return new Text(lines, finalNewline);
    }

    private static String terminator(String line) {
        return line.endsWith("\r\n") ? "\r\n" : "\n";
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Lines with their terminators, split independently of the engine. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static Map<String, Integer> count(List<String> lines) {
        Map<String, Integer> m = new HashMap<>();
        lines.forEach(l -> m.merge(l, 1, Integer::sum));
        return m;
    }

    private static Map<Integer, Integer> codePoints(String s) {
        Map<Integer, Integer> m = new HashMap<>();
        s.codePoints().forEach(cp -> m.merge(cp, 1, Integer::sum));
        return m;
    }

    private static boolean madeByBoth(MergeChunk c) {
        for (Contribution a : c.contributions()) {
            for (Contribution b : c.contributions()) {
                if (a.side() == Side.MINE && b.side() == Side.THEIRS && a.inResult().equals(b.inResult())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ChunkKind swap(ChunkKind k) {
        return k == ChunkKind.MINE ? ChunkKind.THEIRS : k == ChunkKind.THEIRS ? ChunkKind.MINE : k;
    }

    private static Side swap(Side s) {
        return s == Side.MINE ? Side.THEIRS : s == Side.THEIRS ? Side.MINE : s;
    }

    private static List<String> sortedHighlights(MergeChunk c, boolean swapped) {
        List<String> out = new ArrayList<>();
        c.highlights().forEach(h -> out.add((swapped ? swap(h.side()) : h.side()) + "@" + h.span()));
        out.sort(null);
        return out;
    }

    private static List<String> sortedContributions(MergeChunk c, boolean swapped) {
        List<String> out = new ArrayList<>();
        c.contributions().forEach(k -> out.add((swapped ? swap(k.side()) : k.side()) + "@" + k.inResult()));
        out.sort(null);
        return out;
    }
}
