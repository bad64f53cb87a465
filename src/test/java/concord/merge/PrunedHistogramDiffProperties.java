package concord.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The pruning in front of JGit's histogram diff must still give a valid, equally good edit script. */
class PrunedHistogramDiffProperties {

    @Property(tries = 400)
    void prunedEditsTurnOneTextIntoTheOther(@ForAll("texts") String a, @ForAll("texts") String b) {
        Segments sa = Segments.lines(a);
        Segments sb = Segments.lines(b);
        EditList edits = new PrunedHistogramDiff(true, 0).diff(SegmentComparator.INSTANCE, sa, sb);
        StringBuilder rebuilt = new StringBuilder();
        int ai = 0;
        int bi = 0;
        for (Edit e : edits) {
            assertTrue(e.getBeginA() >= ai && e.getBeginB() >= bi, "edits in order");
            assertEquals(e.getBeginA() - ai, e.getBeginB() - bi, "equal stretches between edits");
            for (; ai < e.getBeginA(); ai++, bi++) {
                assertTrue(sa.same(ai, sb, bi), "kept lines are equal");
                rebuilt.append(sa.piece(ai));
            }
            rebuilt.append(sb.text(e.getBeginB(), e.getEndB()));
            ai = e.getEndA();
            bi = e.getEndB();
        }
        assertEquals(sa.size() - ai, sb.size() - bi);
        for (; ai < sa.size(); ai++, bi++) {
            assertTrue(sa.same(ai, sb, bi));
            rebuilt.append(sa.piece(ai));
        }
        assertEquals(b, rebuilt.toString());
    }

    @Property(tries = 200)
    void whenNothingCanBePrunedTheEditsAreJGitsOwn(@ForAll("texts") String text, @ForAll long seed) {
        String a = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
        List<String> shuffled = new java.util.ArrayList<>(MergeLawsProperties.lines(a));
        java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
        Segments sa = Segments.lines(a);
        Segments sb = Segments.lines(String.join("", shuffled));
        assertEquals(new HistogramDiff().diff(SegmentComparator.INSTANCE, sa, sb),
                new PrunedHistogramDiff(true, 0).diff(SegmentComparator.INSTANCE, sa, sb));
    }

    @Provide
    Arbitrary<String> texts() {
        // few distinct lines so that most of them can match; lines only one side has are pruned
        return Arbitraries.of(List.of("a\n", "b\n", "c\n", "d\n", "x\r\n", "\n", "only-" ))
                .list().ofMinSize(0).ofMaxSize(120).map(l -> String.join("", l))
                .flatMap(t -> Arbitraries.strings().withChars("uvw").ofMaxLength(3)
                        .list().ofMaxSize(8).map(extra -> t + String.join("\n", extra)));
    }
}
