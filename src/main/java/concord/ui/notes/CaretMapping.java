package concord.ui.notes;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

/**
 * Where a position in a text is after the text was replaced by another version of it (a merged save, someone's
 * save followed by a clean editor): through a line diff of the two, so a caret in a line both versions share stays
 * in that line at the same column, wherever lines were added or removed around it. A caret in a line that changed
 * goes to the same line of the replacement (or its last line), at the same column where that line is long enough.
 * Pure: no JavaFX, tested on its own.
 */
final class CaretMapping {

    private CaretMapping() {
    }

    /** {@code offset} in {@code before}, as an offset in {@code after}; both are char offsets, 0 ≤ offset ≤ length. */
    static int map(String before, String after, int offset) {
        if (before.equals(after)) {
            return Math.min(offset, after.length());
        }
        Lines a = new Lines(before);
        Lines b = new Lines(after);
        int line = a.lineOf(offset);
        int column = offset - a.start(line);
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM).diff(Lines.COMPARATOR, a, b);
        int shift = 0;
        for (Edit e : edits) {
            if (line < e.getBeginA()) {
                break; // the line is before this change: only the changes before it moved it
            }
            if (line < e.getEndA()) {
                // the line itself changed: the same line of the replacement, or the last one it has
                if (e.getEndB() == e.getBeginB()) {
                    return b.start(e.getBeginB());
                }
                int target = Math.min(e.getBeginB() + (line - e.getBeginA()), e.getEndB() - 1);
                return b.start(target) + Math.min(column, b.length(target));
            }
            shift = e.getEndB() - e.getEndA();
        }
        int target = line + shift;
        return b.start(target) + Math.min(column, b.length(target));
    }

    /** A text as lines, each with its line break; an empty last line after a final break counts as a line. */
    private static final class Lines extends Sequence {

        static final SequenceComparator<Lines> COMPARATOR = new SequenceComparator<>() {
            @Override
            public boolean equals(Lines a, int ai, Lines b, int bi) {
                return a.text(ai).equals(b.text(bi));
            }

            @Override
            public int hash(Lines seq, int index) {
                return seq.text(index).hashCode();
            }
        };

        private final String text;
        /** Start of each line, then the text's length. */
        private final int[] starts;

        Lines(String text) {
            this.text = text;
            List<Integer> s = new ArrayList<>();
            s.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    s.add(i + 1);
                }
            }
            s.add(text.length());
            starts = s.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public int size() {
            return starts.length - 1;
        }

        int start(int line) {
            return starts[Math.min(line, size())];
        }

        String text(int line) {
            return text.substring(starts[line], starts[line + 1]);
        }

        /** The line's length without its line break. */
        int length(int line) {
            if (line >= size()) {
                return 0;
            }
            String t = text(line);
            return t.endsWith("\n") ? t.length() - 1 : t.length();
        }

        int lineOf(int offset) {
            for (int line = size() - 1; line > 0; line--) {
                if (starts[line] <= offset) {
                    return line;
                }
            }
            return 0;
        }
    }
}
