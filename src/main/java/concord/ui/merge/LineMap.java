package concord.ui.merge;

import concord.merge.MergeChunk;
import concord.merge.MergeResult;
import java.util.List;

/**
 * Where each chunk's lines are in each pane, and which line of one pane faces a line of another: what keeps the
 * panes in step although a chunk may be 3 lines on one side and 10 on the other. Chunk {@code k} covers lines
 * {@code [lineStarts(p)[k], lineStarts(p)[k + 1])} of pane {@code p}; the sides' counts are the engine's, the
 * result's follow its text as the user edits it. No JavaFX; owned by the FX thread.
 */
public final class LineMap {

    /** Before the first round (or for a deleted note): no chunks; lines map to themselves. */
    static final LineMap NONE = new LineMap(new ResultDocument(new MergeResult(List.of())));

    private final ResultDocument document;
    /** Per pane, cached: scrolling asks often. The result's is dropped on every change of its text. */
    private final int[][] starts = new int[Pane.values().length][];

    LineMap(ResultDocument document) {
        this.document = document;
    }

    /** The result's text changed: its lines are counted again when next asked. */
    void resultChanged() {
        starts[Pane.RESULT.ordinal()] = null;
    }

    /** First line of chunk {@code chunk} in a pane. */
    public int firstLine(Pane pane, int chunk) {
        return lineStarts(pane)[chunk];
    }

    /**
     * The line of {@code to} that corresponds to {@code line} of {@code from}: same chunk, same relative position
     * inside it. Past the last chunk, lines continue one for one.
     */
    public int mapLine(Pane from, int line, Pane to) {
        if (document.size() == 0) {
            return line;
        }
        int[] f = lineStarts(from);
        int[] t = lineStarts(to);
        int n = document.size();
        if (line >= f[n]) {
            return t[n] + (line - f[n]);
        }
        for (int k = 0; k < n; k++) {
            int fLen = f[k + 1] - f[k];
            if (line < f[k + 1] && fLen > 0) {
                int offset = line - f[k];
                int tLen = t[k + 1] - t[k];
                return t[k] + (int) ((long) offset * tLen / fLen);
            }
        }
        return t[n];
    }

    /** The chunk that line {@code line} of a pane belongs to (the last one past the end; {@code -1}: no chunks). */
    public int chunkAtLine(Pane pane, int line) {
        if (document.size() == 0) {
            return -1;
        }
        int[] s = lineStarts(pane);
        for (int k = 0; k < document.size(); k++) {
            if (line < s[k + 1]) {
                return k;
            }
        }
        return document.size() - 1;
    }

    /** First line of each chunk in a pane, plus the line count at the end. */
    int[] lineStarts(Pane pane) {
        int[] cached = starts[pane.ordinal()];
        if (cached == null) {
            cached = count(pane);
            starts[pane.ordinal()] = cached;
        }
        return cached;
    }

    private int[] count(Pane pane) {
        int n = document.size();
        int[] s = new int[n + 1];
        for (int k = 0; k < n; k++) {
            MergeChunk c = document.chunk(k);
            int len = switch (pane) {
                case MINE -> c.mine().length();
                case BASE -> c.base().length();
                case THEIRS -> c.theirs().length();
                case RESULT -> lineCount(document.text(k));
            };
            s[k + 1] = s[k] + len;
        }
        return s;
    }

    /** Lines of a text as a pane shows them: a last line without a line break counts too. */
    static int lineCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return !s.isEmpty() && !s.endsWith("\n") ? n + 1 : n;
    }
}
