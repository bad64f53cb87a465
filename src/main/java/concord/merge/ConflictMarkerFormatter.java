package concord.merge;

import java.util.List;
import java.util.Objects;

/**
 * Renders a {@link MergeResult} as text with git-style conflict markers. Separate from the algorithm.
 *
 * <p>The output is byte for byte what {@code git merge-file} writes for the same line-level conflicts:
 * <ul>
 * <li>markers of {@code markerSize} characters (7 unless changed), followed by a space and the label when there is
 * a label ({@code null} = none; {@code ""} gives git's trailing space);</li>
 * <li>each marker line ends in CRLF when the lines before the conflict on both sides end in CRLF and the base's
 * first line does too (git's {@code is_cr_needed}); otherwise LF;</li>
 * <li>a side of a conflict whose last line has no newline gets one (CRLF or LF, as the markers) so that the next
 * marker starts a line;</li>
 * <li>the {@link MarkerStyle#MERGE} and {@link MarkerStyle#ZDIFF3} layouts move lines in and out of conflicts
 * exactly as git does (see {@link MarkerLayout}), which is why {@link #render} also returns the conflict count.</li>
 * </ul>
 * RESOLVED chunks render as their result text, like every other non-conflict chunk. A conflict that carries a
 * {@link Suggestion} renders as the conflict it is: markers are read by editors, merge tools and git rerere as
 * the sides' texts, so a proposal inside them would end up in the file (see merge-file's note on stderr instead).
 */
public final class ConflictMarkerFormatter {

    public static final int DEFAULT_MARKER_SIZE = 7;

    private final MarkerStyle style;
    private final String mineLabel;
    private final String baseLabel;
    private final String theirsLabel;
    private final int markerSize;
    private final ConflictFavor favor;

    public ConflictMarkerFormatter(MarkerStyle style, String mineLabel, String baseLabel, String theirsLabel) {
        this(style, mineLabel, baseLabel, theirsLabel, DEFAULT_MARKER_SIZE, ConflictFavor.NONE);
    }

    private ConflictMarkerFormatter(MarkerStyle style, String mineLabel, String baseLabel, String theirsLabel,
                                    int markerSize, ConflictFavor favor) {
        this.style = Objects.requireNonNull(style, "style");
        this.mineLabel = mineLabel;
        this.baseLabel = baseLabel;
        this.theirsLabel = theirsLabel;
        this.markerSize = markerSize;
        this.favor = Objects.requireNonNull(favor, "favor");
    }

    /** The same formatter with markers of {@code size} characters; like git, a size below 1 means the default 7. */
    public ConflictMarkerFormatter withMarkerSize(int size) {
        return new ConflictMarkerFormatter(style, mineLabel, baseLabel, theirsLabel,
                size <= 0 ? DEFAULT_MARKER_SIZE : size, favor);
    }

    /**
     * The same formatter settling conflicts as git's {@code --ours}/{@code --theirs}/{@code --union} do: the
     * conflict's lines from mine, from theirs, or mine's then theirs' (mine's last line given a newline); no
     * markers, and a conflict count of 0.
     */
    public ConflictMarkerFormatter withFavor(ConflictFavor favor) {
        return new ConflictMarkerFormatter(style, mineLabel, baseLabel, theirsLabel, markerSize, favor);
    }

    public String format(MergeResult result) {
        return render(result).text();
    }

    /** The marked-up text and the number of conflict blocks in it (the exit status of git merge-file). */
    public MarkerOutput render(MergeResult result) {
        if (result.isClean()) {
            return new MarkerOutput(result.cleanText(), 0);
        }
        List<MergeChunk> chunks = result.chunks();
        MarkerLines mine = MarkerLines.of(chunks, Side.MINE);
        MarkerLines theirs = MarkerLines.of(chunks, Side.THEIRS);
        MarkerLines base = MarkerLines.of(chunks, Side.BASE);
        StringBuilder sb = new StringBuilder(estimate(chunks));
        int conflicts = 0;
        int i1 = 0;
        int i2 = 0;
        for (MarkerLayout.Hunk h : MarkerLayout.layout(chunks, style)) {
            if (h instanceof MarkerLayout.Plain p) {
                p.appendTo(sb);
            } else if (h instanceof MarkerLayout.Change c) {
                sb.append(c.out());
            } else if (h instanceof MarkerLayout.Conflict c && favor != ConflictFavor.NONE) {
                settle(sb, c, favor == ConflictFavor.UNION && needsCr(mine, i1, theirs, i2, base) ? "\r\n" : "\n");
            } else if (h instanceof MarkerLayout.Conflict c) {
                conflicts++;
                String eol = needsCr(mine, i1, theirs, i2, base) ? "\r\n" : "\n";
                marker(sb, '<', mineLabel, eol);
                lines(sb, c.mine(), eol);
                if (style != MarkerStyle.MERGE) {
                    marker(sb, '|', baseLabel, eol);
                    lines(sb, c.base(), eol);
                }
                marker(sb, '=', null, eol);
                lines(sb, c.theirs(), eol);
                marker(sb, '>', theirsLabel, eol);
            }
            i1 += h.mineCount();
            i2 += h.theirsCount();
        }
        return new MarkerOutput(sb.toString(), conflicts);
    }

    /** git's xdl_fill_merge_buffer for a favoured conflict (modes 1, 2 and 3). */
    private void settle(StringBuilder sb, MarkerLayout.Conflict c, String eol) {
        if (favor == ConflictFavor.MINE || favor == ConflictFavor.UNION) {
            for (String line : c.mine()) {
                sb.append(line);
            }
        }
        if (favor == ConflictFavor.UNION) {
            List<String> m = c.mine();
            if (!m.isEmpty() && !m.get(m.size() - 1).endsWith("\n")) {
                sb.append(eol);
            }
        }
        if (favor == ConflictFavor.THEIRS || favor == ConflictFavor.UNION) {
            for (String line : c.theirs()) {
                sb.append(line);
            }
        }
    }

    private static int estimate(List<MergeChunk> chunks) {
        long n = 256;
        for (MergeChunk c : chunks) {
            n += c.isConflict() ? c.mineText().length() + c.baseText().length() + c.theirsText().length() + 64
                    : c.resultText().length();
        }
        return (int) Math.min(n, Integer.MAX_VALUE - 16);
    }

    private void marker(StringBuilder sb, char c, String label, String eol) {
        for (int i = 0; i < markerSize; i++) {
            sb.append(c);
        }
        if (label != null) {
            sb.append(' ').append(label);
        }
        sb.append(eol);
    }

    /** A side's lines; git adds the missing final newline so that the next marker starts its own line. */
    private static void lines(StringBuilder sb, List<String> lines, String eol) {
        for (String line : lines) {
            sb.append(line);
        }
        if (!lines.isEmpty() && !lines.get(lines.size() - 1).endsWith("\n")) {
            sb.append(eol);
        }
    }

    /**
     * git's is_cr_needed: the line before the conflict in mine (or mine's first line), then in theirs, then base's
     * first line must all end in CRLF; a side that cannot tell (empty, or one line without newline) does not veto.
     */
    private static boolean needsCr(MarkerLines mine, int i1, MarkerLines theirs, int i2, MarkerLines base) {
        int crlf = eolCrlf(mine, i1 > 0 ? i1 - 1 : 0);
        if (crlf != 0) {
            crlf = eolCrlf(theirs, i2 > 0 ? i2 - 1 : 0);
        }
        if (crlf != 0) {
            crlf = eolCrlf(base, 0);
        }
        return crlf > 0;
    }

    /** 1 if line i ends in CRLF (for a last line without newline: the line before it), 0 if LF, -1 if unknown. */
    private static int eolCrlf(MarkerLines file, int i) {
        int n = file.count();
        if (i < n - 1) {
            return endsInCrlf(file.line(i)) ? 1 : 0;
        }
        if (n == 0) {
            return -1;
        }
        String line = file.line(i);
        if (line.endsWith("\n")) {
            return endsInCrlf(line) ? 1 : 0;
        }
        if (i == 0) {
            return -1;
        }
        return endsInCrlf(file.line(i - 1)) ? 1 : 0;
    }

    private static boolean endsInCrlf(String line) {
        int n = line.length();
        return n > 1 && line.charAt(n - 2) == '\r' && line.charAt(n - 1) == '\n';
    }
}
