package concord.ui.merge;

import concord.merge.ChunkKind;
import concord.merge.MergeChunk;
import concord.merge.MergeResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The editable merge result as an ordered list of segments, one per engine chunk. The concatenation of the
 * segment texts is always exactly the text of the Result pane: every edit, typed or chosen, is applied to the
 * segments it touches, so chunk regions follow the text as the user types and no character is lost or doubled.
 * Not thread-safe; owned by the FX thread.
 */
final class ResultDocument {

    private static final class Segment {
        final MergeChunk chunk;
        String text;
        Resolution resolution;
        /** An automatic merge the user undid: a conflict from then on, until Reset applies the merge again. */
        boolean reopened;

        Segment(MergeChunk chunk, String text, Resolution resolution) {
            this.chunk = chunk;
            this.text = text;
            this.resolution = resolution;
        }
    }

    /** A replacement the Result pane must apply to stay equal to this document. */
    record Replace(int start, int end, String text) {
    }

    /** Segments {@code [from, to]} were touched by an edit. */
    record Touched(int from, int to) {
    }

    private final List<Segment> segments = new ArrayList<>();

    ResultDocument(MergeResult result) {
        for (MergeChunk c : result.chunks()) {
            segments.add(c.isConflict()
                    ? new Segment(c, c.baseText(), Resolution.UNRESOLVED)
                    : new Segment(c, c.resultText(), Resolution.AUTO));
        }
    }

    int size() {
        return segments.size();
    }

    MergeChunk chunk(int i) {
        return segments.get(i).chunk;
    }

    String text(int i) {
        return segments.get(i).text;
    }

    Resolution resolution(int i) {
        return segments.get(i).resolution;
    }

    boolean isOpenConflict(int i) {
        return segments.get(i).resolution == Resolution.UNRESOLVED;
    }

    /** Whether the segment differs from "nobody changed anything": worth a colour and a stop for navigation. */
    boolean isChange(int i) {
        Segment s = segments.get(i);
        return s.chunk.kind() != ChunkKind.UNCHANGED || s.resolution != Resolution.AUTO;
    }

    int openConflicts() {
        int n = 0;
        for (Segment s : segments) {
            if (s.resolution == Resolution.UNRESOLVED) {
                n++;
            }
        }
        return n;
    }

    /** Conflicts of this round: those of the engine, and the automatic merges the user undid (Undo merge). */
    int totalConflicts() {
        int n = 0;
        for (Segment s : segments) {
            if (s.chunk.isConflict() || s.reopened) {
                n++;
            }
        }
        return n;
    }

    /** Whether segment {@code i} is a conflict the user undid an automatic merge to decide. */
    boolean isReopened(int i) {
        return segments.get(i).reopened;
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            sb.append(s.text);
        }
        return sb.toString();
    }

    int length() {
        int n = 0;
        for (Segment s : segments) {
            n += s.text.length();
        }
        return n;
    }

    int start(int i) {
        int pos = 0;
        for (int k = 0; k < i; k++) {
            pos += segments.get(k).text.length();
        }
        return pos;
    }

    int end(int i) {
        return start(i) + segments.get(i).text.length();
    }

    /** Char offset of the start of every segment, plus the total length at the end. */
    int[] starts() {
        int[] starts = new int[segments.size() + 1];
        for (int k = 0; k < segments.size(); k++) {
            starts[k + 1] = starts[k] + segments.get(k).text.length();
        }
        return starts;
    }

    /**
     * The segment a caret at {@code offset} belongs to: the one containing it, or at a boundary the one an
     * insertion would go to (see {@link #insertionTarget}).
     */
    int segmentAt(int offset) {
        return insertionTarget(offset, starts());
    }

    /** Replaces segment {@code i}'s text by a choice (take mine, both, ...). */
    Replace set(int i, String newText, Resolution resolution) {
        int start = start(i);
        Segment s = segments.get(i);
        Replace r = new Replace(start, start + s.text.length(), newText);
        s.text = newText;
        s.resolution = resolution;
        if (!s.chunk.isConflict()) {
            // Undo merge opens it; only Reset, back to the automatic merge, makes it no conflict again.
            s.reopened = resolution == Resolution.UNRESOLVED || (s.reopened && resolution != Resolution.AUTO);
        }
        return r;
    }

    /**
     * Applies a change the user typed in the Result pane: {@code removedLength} chars at {@code position}
     * replaced by {@code inserted}. Every segment the change touches is marked {@link Resolution#EDITED}.
     */
    Touched applyEdit(int position, int removedLength, String inserted) {
        int[] starts = starts();
        int total = starts[segments.size()];
        if (position < 0 || removedLength < 0 || position + removedLength > total) {
            throw new IllegalArgumentException("edit [" + position + ", " + (position + removedLength) + ") outside [0, " + total + "]");
        }
        if (segments.isEmpty()) {
            throw new IllegalStateException("no segment to edit");
        }
        int end = position + removedLength;
        if (removedLength == 0) {
            int target = insertionTarget(position, starts);
            Segment s = segments.get(target);
            int local = position - starts[target];
            s.text = s.text.substring(0, local) + inserted + s.text.substring(local);
            markEdited(s);
            return new Touched(target, target);
        }
        int first = -1;
        int last = -1;
        for (int k = 0; k < segments.size(); k++) {
            int s0 = starts[k];
            int s1 = starts[k + 1];
            if (s0 < end && s1 > position) {
                Segment s = segments.get(k);
                int cutFrom = Math.max(position, s0) - s0;
                int cutTo = Math.min(end, s1) - s0;
                String ins = first == -1 ? inserted : "";
                s.text = s.text.substring(0, cutFrom) + ins + s.text.substring(cutTo);
                markEdited(s);
                if (first == -1) {
                    first = k;
                }
                last = k;
            }
        }
        return new Touched(first, last);
    }

    private static void markEdited(Segment s) {
        s.resolution = Resolution.EDITED;
    }

    /**
     * Where text typed at a boundary goes. Inside a segment: that one. At a boundary: an empty segment there
     * that is a change (an unresolved conflict first), so an empty conflict can be typed into; else the segment
     * on the left while its text does not end a line (the caret continues that line); else the one on the right.
     */
    private int insertionTarget(int position, int[] starts) {
        int n = segments.size();
        int emptyChange = -1;
        for (int k = 0; k < n; k++) {
            int s0 = starts[k];
            int s1 = starts[k + 1];
            if (s0 > position) {
                break;
            }
            if (s0 < position && position < s1) {
                return k;
            }
            if (s0 == position && s1 == position && isChange(k)) {
                if (segments.get(k).resolution == Resolution.UNRESOLVED) {
                    return k;
                }
                if (emptyChange == -1) {
                    emptyChange = k;
                }
            }
        }
        if (emptyChange != -1) {
            return emptyChange;
        }
        int left = -1;
        int right = -1;
        for (int k = 0; k < n; k++) {
            if (starts[k + 1] == position && starts[k] < position) {
                left = k;
            }
            if (starts[k] == position && starts[k + 1] > position && right == -1) {
                right = k;
            }
        }
        if (left != -1 && (right == -1 || !segments.get(left).text.endsWith("\n"))) {
            return left;
        }
        if (right != -1) {
            return right;
        }
        // only empty segments at this position (e.g. an empty document)
        for (int k = 0; k < n; k++) {
            if (starts[k] == position) {
                return k;
            }
        }
        return n - 1;
    }
}
