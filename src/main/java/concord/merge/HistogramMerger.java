package concord.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Line-level histogram merge (JGit) with guarded sub-line refinement of conflicts.
 *
 * <p>Lines are compared exactly, terminator included, so LF, CRLF, mixed endings and a missing final newline
 * come out as they went in. The line-level regions are git's diff3 hunks (see {@link Diff3}): a conflict holds
 * the whole region where the two sides' edits overlap or touch, with no lines trimmed off its ends, exactly as
 * {@code git merge-file --diff3} shows it. With {@link MergeOptions#refine()} each conflict is then, first,
 * split into MINE and THEIRS chunks when it is only separate changes of the two sides on different lines (see
 * {@link LineSplitter}); otherwise merged again over word, whitespace and punctuation tokens under the guard
 * described in {@link Refiner}: it either becomes {@link ChunkKind#RESOLVED} or stays a conflict, in both
 * cases with token-level highlights. Without refinement conflicts carry no highlights.
 *
 * <p>Stateless and thread-safe: every call builds its own sequences and JGit objects.
 */
public final class HistogramMerger implements ThreeWayMerger {

    public HistogramMerger() {
    }

    @Override
    public MergeResult merge(String base, String mine, String theirs, MergeOptions options) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(mine, "mine");
        Objects.requireNonNull(theirs, "theirs");
        Objects.requireNonNull(options, "options");
        if (base.equals(mine) && base.equals(theirs)) {
            return new MergeResult(base.isEmpty() ? List.of() : List.of(unchanged(base, Segments.lines(base).size())));
        }
        Segments[] lines = Segments.internedLines(base, mine, theirs);
        Segments b = lines[0];
        Segments m = lines[1];
        Segments t = lines[2];
        Diff3.Result diff3 = Diff3.merge(b, m, t);
        List<MergeChunk> chunks = new ArrayList<>(diff3.regions().size());
        Refiner.Budget budget = new Refiner.Budget();
        for (Diff3.Region r : diff3.regions()) {
            List<MergeChunk> split = r.kind() == Diff3.Kind.CONFLICT && options.refine()
                    ? LineSplitter.split(r, b, m, t, diff3.mineEdits(), diff3.theirsEdits())
                    : null;
            if (split != null) {
                chunks.addAll(split);
            } else {
                chunks.add(chunk(r, b, m, t, options, budget));
            }
        }
        return new MergeResult(chunks);
    }

    private static MergeChunk unchanged(String text, int lineCount) {
        LineRange all = new LineRange(0, lineCount);
        return new MergeChunk(ChunkKind.UNCHANGED, all, all, all, text, text, text, text, List.of(), List.of());
    }

    private static MergeChunk chunk(Diff3.Region r, Segments b, Segments m, Segments t, MergeOptions options,
                                    Refiner.Budget budget) {
        LineRange br = new LineRange(r.baseStart(), r.baseEnd());
        LineRange mr = new LineRange(r.mineStart(), r.mineEnd());
        LineRange tr = new LineRange(r.theirsStart(), r.theirsEnd());
        String baseText = b.text(r.baseStart(), r.baseEnd());
        // equal texts share one String: an almost unchanged 10 MB merge then holds the unchanged text once
        return switch (r.kind()) {
            case UNCHANGED -> new MergeChunk(ChunkKind.UNCHANGED, br, mr, tr,
                    baseText, baseText, baseText, baseText, List.of(), List.of());
            case MINE -> {
                String mineText = m.text(r.mineStart(), r.mineEnd());
                yield new MergeChunk(ChunkKind.MINE, br, mr, tr,
                        baseText, mineText, baseText, mineText, List.of(), List.of());
            }
            case THEIRS -> {
                String theirsText = t.text(r.theirsStart(), r.theirsEnd());
                yield new MergeChunk(ChunkKind.THEIRS, br, mr, tr,
                        baseText, baseText, theirsText, theirsText, List.of(), List.of());
            }
            case BOTH_SAME -> {
                String mineText = m.text(r.mineStart(), r.mineEnd());
                yield new MergeChunk(ChunkKind.BOTH_SAME, br, mr, tr,
                        baseText, mineText, mineText, mineText, List.of(), List.of());
            }
            case CONFLICT -> {
                String mineText = m.text(r.mineStart(), r.mineEnd());
                String theirsText = t.text(r.theirsStart(), r.theirsEnd());
                if (!options.refine()) {
                    yield new MergeChunk(ChunkKind.CONFLICT, br, mr, tr,
                            baseText, mineText, theirsText, null, List.of(), List.of());
                }
                Refiner.Refinement refined = Refiner.refine(baseText, mineText, theirsText, budget);
                yield new MergeChunk(refined.resolved() ? ChunkKind.RESOLVED : ChunkKind.CONFLICT, br, mr, tr,
                        baseText, mineText, theirsText, refined.resultText(),
                        refined.highlights(), refined.contributions());
            }
        };
    }
}
