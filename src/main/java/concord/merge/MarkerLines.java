package concord.merge;

import java.util.ArrayList;
import java.util.List;

/**
 * Random access to the lines of one whole input, built from the chunk texts and line ranges without copying the
 * texts into one string or scanning them: the end-of-line choice for conflict markers looks at single lines, often
 * far from the conflict, of a file that may be megabytes long.
 */
final class MarkerLines {

    private final String[] texts;
    /** starts[k] = index of the first line of texts[k]; starts[texts.length] = line count. */
    private final int[] starts;

    private MarkerLines(String[] texts, int[] starts) {
        this.texts = texts;
        this.starts = starts;
    }

    static MarkerLines of(List<MergeChunk> chunks, Side side) {
        String[] texts = new String[chunks.size()];
        int[] starts = new int[chunks.size() + 1];
        for (int k = 0; k < texts.length; k++) {
            texts[k] = chunks.get(k).text(side);
            starts[k + 1] = starts[k] + chunks.get(k).range(side).length();
        }
        return new MarkerLines(texts, starts);
    }

    int count() {
        return starts[texts.length];
    }

    /** Line {@code i} with its terminator, if it has one. */
    String line(int i) {
        if (i < 0 || i >= count()) {
            throw new IndexOutOfBoundsException("line " + i + " of " + count());
        }
        int lo = 0;
        int hi = texts.length - 1;
        // the last chunk whose first line is <= i, skipping empty chunks
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= i) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        String text = texts[lo];
        int inChunk = i - starts[lo];
        int linesInChunk = starts[lo + 1] - starts[lo];
        if (inChunk == linesInChunk - 1) {
            // the line before a conflict is usually the last of its chunk: find it from the end
            int end = text.length();
            int from = text.lastIndexOf('\n', text.charAt(end - 1) == '\n' ? end - 2 : end - 1) + 1;
            return text.substring(from, end);
        }
        int from = 0;
        for (int n = 0; n < inChunk; n++) {
            from = text.indexOf('\n', from) + 1;
        }
        int nl = text.indexOf('\n', from);
        return text.substring(from, nl < 0 ? text.length() : nl + 1);
    }

    static int count(String text) {
        int n = 0;
        int at = -1;
        while ((at = text.indexOf('\n', at + 1)) >= 0) {
            n++;
        }
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            n++;
        }
        return n;
    }

    static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            int end = nl < 0 ? text.length() : nl + 1;
            lines.add(text.substring(from, end));
            from = end;
        }
        return lines;
    }
}
