package concord.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The random access to an input's lines that the conflict markers' line-ending choice uses, checked line by line
 * against a plain split of the input, over merges whose chunks hold one line, many, none, or end without a newline.
 */
class MarkerLinesTest {

    private final HistogramMerger merger = new HistogramMerger();

    @Test
    void everyLineOfEverySideIsTheLineAPlainSplitGives() {
        Random rnd = new Random(20261206L);
        for (int round = 0; round < 300; round++) {
            String base = text(rnd, 1 + rnd.nextInt(12));
            String mine = edit(base, rnd);
            String theirs = edit(base, rnd);
            MergeResult r = merger.merge(base, mine, theirs, MergeOptions.LINE_ONLY);
            for (Side side : Side.values()) {
                String input = side == Side.BASE ? base : side == Side.MINE ? mine : theirs;
                List<String> expected = MergeLawsProperties.lines(input);
                MarkerLines lines = MarkerLines.of(r.chunks(), side);
                assertEquals(expected.size(), lines.count(), side + " of round " + round);
                assertEquals(expected.size(), MarkerLines.count(input));
                assertEquals(expected, MarkerLines.split(input));
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i), lines.line(i), side + " line " + i + " of round " + round);
                }
                int count = lines.count();
                assertThrows(IndexOutOfBoundsException.class, () -> lines.line(count));
                assertThrows(IndexOutOfBoundsException.class, () -> lines.line(-1));
            }
        }
    }

    private static String text(Random rnd, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(rnd.nextInt(4) == 0 ? "" : "line " + rnd.nextInt(6)).append(rnd.nextInt(3) == 0 ? "\r\n" : "\n");
        }
        if (rnd.nextInt(3) == 0) {
            sb.setLength(sb.length() - 1); // no final newline (or a final lone CR)
        }
        return sb.toString();
    }

    private static String edit(String base, Random rnd) {
        List<String> lines = new ArrayList<>(MergeLawsProperties.lines(base));
        for (int k = rnd.nextInt(4); k > 0; k--) {
            int at = lines.isEmpty() ? 0 : rnd.nextInt(lines.size());
            switch (rnd.nextInt(3)) {
                case 0 -> lines.add(at, "added " + rnd.nextInt(100) + "\n");
                case 1 -> {
                    if (!lines.isEmpty()) {
                        lines.remove(at);
                    }
                }
                default -> {
                    if (!lines.isEmpty()) {
                        lines.set(at, "changed " + rnd.nextInt(100) + "\n");
                    }
                }
            }
        }
        return String.join("", lines);
    }
}
