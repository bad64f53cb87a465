package concord.ui.merge;

import concord.merge.ChunkKind;
import concord.merge.Contribution;
import concord.merge.Highlight;
import concord.merge.MergeChunk;
import concord.merge.Side;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which style classes go on which lines and words of a pane: a line's class says what kind of change it belongs
 * to (its colour is in merge-dialog.css), a word's class marks the exact words that differ. Pure functions of the
 * result document and its line map: no JavaFX, so they are tested without a window.
 */
final class PaneStyles {

    /** Whole-paragraph style classes for one paragraph of a pane. */
    record ParagraphStyle(int paragraph, List<String> classes) {
    }

    /** A style class on chars {@code [start, end)} of a pane (the exact words that differ). */
    record WordSpan(int start, int end, String styleClass) {
    }

    static final PaneStyles NONE = new PaneStyles(null, LineMap.NONE);

    private final ResultDocument document;
    private final LineMap lines;

    /** @param document the round's result, or {@code null} when there is none (a deleted note): no styles */
    PaneStyles(ResultDocument document, LineMap lines) {
        this.document = document;
        this.lines = lines;
    }

    /**
     * Style classes of whole paragraphs (line backgrounds and gap markers), only for paragraphs that have one,
     * sorted by paragraph. The lines of {@code currentChunk} also get {@code chunk-current}.
     */
    List<ParagraphStyle> paragraphs(Pane pane, int currentChunk) {
        List<ParagraphStyle> out = new ArrayList<>();
        if (document == null) {
            return out;
        }
        int[] starts = lines.lineStarts(pane);
        int totalLines = starts[document.size()];
        for (int k = 0; k < document.size(); k++) {
            String cls = chunkClass(pane, k);
            if (cls == null) {
                continue;
            }
            List<String> classes = k == currentChunk ? List.of(cls, "chunk-current") : List.of(cls);
            int s = starts[k];
            int e = starts[k + 1];
            if (s == e) {
                // nothing here on this side: mark the gap between lines, as Meld does
                if (s < totalLines) {
                    out.add(new ParagraphStyle(s, List.of(cls + "-gap", "gap-before")));
                } else if (s > 0) {
                    out.add(new ParagraphStyle(s - 1, List.of(cls + "-gap", "gap-after")));
                }
                continue;
            }
            for (int p = s; p < e; p++) {
                out.add(new ParagraphStyle(p, classes));
            }
        }
        out.sort(Comparator.comparingInt(ParagraphStyle::paragraph));
        return out;
    }

    /**
     * Per line of a side pane, the chunk a click on that line's gutter arrow takes the side's lines for
     * ({@code -1}: no arrow). Arrows mark the changes both sides made — conflicts, and words merged automatically —
     * on their first line, as IntelliJ and Meld do: there taking one side is a real choice (a change only one side
     * made is already in the result). A change with no lines on this side gets its arrow where its gap is drawn,
     * unless that line has an arrow of its own.
     */
    int[] gutterArrows(Pane pane) {
        if (pane == Pane.RESULT) {
            throw new IllegalArgumentException("arrows take a side's lines; the result is no side");
        }
        int[] starts = lines.lineStarts(pane);
        int total = document == null ? 0 : starts[document.size()];
        int[] arrows = new int[total];
        Arrays.fill(arrows, -1);
        if (document == null) {
            return arrows;
        }
        List<int[]> gaps = new ArrayList<>();
        for (int k = 0; k < document.size(); k++) {
            ChunkKind kind = document.chunk(k).kind();
            if (kind != ChunkKind.CONFLICT && kind != ChunkKind.RESOLVED) {
                continue;
            }
            int s = starts[k];
            if (starts[k + 1] > s) {
                arrows[s] = k;
            } else if (total > 0) {
                gaps.add(new int[] {s < total ? s : s - 1, k});
            }
        }
        for (int[] g : gaps) {
            if (arrows[g[0]] == -1) {
                arrows[g[0]] = g[1];
            }
        }
        return arrows;
    }

    /** The exact differing words of every chunk inside chars {@code [from, to)} of a pane, sorted, not overlapping. */
    List<WordSpan> words(Pane pane, int from, int to) {
        List<WordSpan> out = new ArrayList<>();
        if (document == null) {
            return out;
        }
        int pos = 0;
        for (int k = 0; k < document.size(); k++) {
            MergeChunk c = document.chunk(k);
            int len = pane == Pane.RESULT ? document.text(k).length() : c.text(pane.side()).length();
            int chunkStart = pos;
            pos += len;
            if (pos <= from || chunkStart >= to) {
                continue;
            }
            if (pane == Pane.RESULT) {
                Resolution r = document.resolution(k);
                // a suggestion's authors are underlined, not filled: whole lines of it are often one side's
                String suffix = r == Resolution.AUTO ? "" : "-suggested";
                for (Contribution con : contributions(c, r)) {
                    add(out, chunkStart, con.inResult().start(), con.inResult().end(), len,
                            (con.side() == Side.MINE ? "word-mine" : "word-theirs") + suffix);
                }
            } else {
                Side side = pane.side();
                String cls = c.kind() == ChunkKind.CONFLICT ? "word-conflict"
                        : switch (side) {
                            case MINE -> "word-mine";
                            case THEIRS -> "word-theirs";
                            case BASE -> "word-base";
                        };
                for (Highlight h : c.highlights()) {
                    if (h.side() == side) {
                        add(out, chunkStart, h.span().start(), h.span().end(), len, cls);
                    }
                }
            }
        }
        out.sort(Comparator.comparingInt(WordSpan::start));
        List<WordSpan> clean = new ArrayList<>(out.size());
        int last = Integer.MIN_VALUE;
        for (WordSpan w : out) {
            int s = Math.max(w.start(), Math.max(last, from));
            int e = Math.min(w.end(), to);
            if (e > s) {
                clean.add(new WordSpan(s, e, w.styleClass()));
                last = e;
            }
        }
        return clean;
    }

    /** Who wrote which part of the result's text: the engine's merge, or its suggestion, as long as it is shown. */
    private static List<Contribution> contributions(MergeChunk c, Resolution r) {
        return switch (r) {
            case AUTO -> c.contributions();
            case SUGGESTED, ACCEPTED -> c.hasSuggestion() ? c.suggestion().contributions() : List.of();
            default -> List.of();
        };
    }

    private static void add(List<WordSpan> out, int chunkStart, int s, int e, int len, String cls) {
        int cs = Math.min(s, len);
        int ce = Math.min(e, len);
        if (ce > cs) {
            out.add(new WordSpan(chunkStart + cs, chunkStart + ce, cls));
        }
    }

    /** A side pane shows what kind of change a chunk is; the result shows how it was decided. */
    private String chunkClass(Pane pane, int k) {
        MergeChunk c = document.chunk(k);
        if (pane == Pane.RESULT) {
            return switch (document.resolution(k)) {
                case AUTO -> kindClass(c.kind());
                case UNRESOLVED -> "chunk-conflict";
                case SUGGESTED -> "chunk-suggested";
                case EDITED -> "chunk-edited";
                default -> "chunk-chosen";
            };
        }
        return kindClass(c.kind());
    }

    private static String kindClass(ChunkKind kind) {
        return switch (kind) {
            case UNCHANGED -> null;
            case MINE -> "chunk-mine";
            case THEIRS -> "chunk-theirs";
            case BOTH_SAME -> "chunk-both";
            case RESOLVED -> "chunk-resolved";
            case CONFLICT -> "chunk-conflict";
        };
    }
}
