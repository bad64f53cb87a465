package concord.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** A merge large enough that the default engine shares its steps between two threads, against one thread. */
class ParallelMergeTest {

    @Test
    void aLargeMergeSplitBetweenThreadsEqualsTheSameMergeOnOneThread() {
        Random rnd = new Random(7);
        List<String> base = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            base.add("line " + (i % 3_000) + " of the shared text, with some words " + rnd.nextInt(50) + (i % 7 == 0 ? "\r\n" : "\n"));
        }
        String b = String.join("", base);
        String m = String.join("", edit(base, rnd, "mine"));
        String t = String.join("", edit(base, rnd, "theirs"));
        assertTrue(b.length() + m.length() + t.length() > 2 * Parallel.MIN_WORK, "large enough to be split");

        for (MergeOptions o : List.of(MergeOptions.DEFAULT, MergeOptions.LINE_ONLY)) {
            MergeResult alone = new HistogramMerger(Parallel.NEVER).merge(b, m, t, o);
            MergeResult split = new HistogramMerger().merge(b, m, t, o);
            assertTrue(alone.conflictCount() > 10, "the sides collide");
            assertEquals(alone, split);
        }
    }

    /** Replaces a word on about one line in 20, deletes or inserts a line now and then. */
    private static List<String> edit(List<String> base, Random rnd, String who) {
        List<String> out = new ArrayList<>();
        for (String line : base) {
            int r = rnd.nextInt(40);
            if (r == 0) {
                continue;
            }
            out.add(r < 3 ? line.replace("shared", who) : line);
            if (r == 3) {
                out.add("added by " + who + " " + rnd.nextInt() + "\n");
            }
        }
        return out;
    }
}
