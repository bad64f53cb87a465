package concord.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;

/**
 * Line-level merge (JGit's histogram diff under diff3) with guarded sub-line refinement of conflicts, applied or
 * proposed as {@link MergeOptions#refinement()} says.
 *
 * <p>Lines are compared exactly, terminator included, so LF, CRLF, mixed endings and a missing final newline
 * come out as they went in. The line-level regions are git's diff3 hunks (see {@link Diff3}): a conflict holds
 * the whole region where the two sides' edits overlap or touch, with no lines trimmed off its ends, exactly as
 * {@code git merge-file --diff3} shows it. With refinement on:
 * <ol>
 *   <li><b>git's alignment.</b> Where the histogram merge leaves a conflict, the same three texts are merged again
 *       over JGit's Myers diff, git merge-file's own algorithm; when that merge has no conflict at all, it is the
 *       result. Two diffs of equal quality can place an inserted or deleted block a line apart, and only one of
 *       the placements makes the two sides' edits touch; git's placement being clean, so is ours. This runs only
 *       while the Myers diffs are cheap (see {@link #MYERS_BUDGET}).</li>
 *   <li>A narrow {@link InsertionHold} makes one conflict of two rewrites of one addition a blank line apart.</li>
 *   <li>Each remaining conflict that is only separate changes of the two sides on different lines
 *       ({@link LineSplitter}), or that the token-level merge proves independent ({@link Refiner}, under its
 *       guard), gets a {@link Suggestion}: with {@link Refinement#CERTAIN} the chunk stays a conflict carrying it,
 *       with {@link Refinement#SUGGEST} the suggestion's chunks replace it. Conflicts the token merge sees get
 *       token-level highlights either way.</li>
 * </ol>
 * Without refinement conflicts carry no highlights and no suggestions, and the regions are exactly diff3's over
 * the chosen line diff.
 *
 * <p>Stateless and thread-safe: every call builds its own sequences and JGit objects.
 */
public final class HistogramMerger implements ThreeWayMerger {

    /**
     * The most work spent on the Myers merge of rule 1, counted as (base lines + side lines) × edited lines, per
     * side: Myers' diff takes time in proportion to that (the edited lines of the histogram diff bound Myers' from
     * above). About a tenth of a second at worst; a note with a thousand lines and a hundred edited ones costs
     * 0.2 million. The 10 MB benchmark (10^10) never gets there.
     */
    static final long MYERS_BUDGET = 20_000_000L;

    private final Parallel parallel;

    public HistogramMerger() {
        this(Parallel.DEFAULT);
    }

    /** @param parallel how large steps are shared between cores (tests compare splitting with not splitting) */
    HistogramMerger(Parallel parallel) {
        this.parallel = parallel;
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
        Segments[] lines = Segments.internedLines(parallel, base, mine, theirs);
        Segments b = lines[0];
        Segments m = lines[1];
        Segments t = lines[2];
        Diff3.Result diff3 = Diff3.merge(b, m, t, parallel, options.lineDiff());
        if (options.refines() && options.lineDiff() != LineDiff.MYERS && diff3.hasConflict()
                && myersAffordable(b, m, t, diff3)) {
            // rule 1, git's alignment: all or nothing, so the result is one merge's, never a mixture
            Diff3.Result myers = Diff3.merge(b, m, t, parallel, LineDiff.MYERS);
            if (!myers.hasConflict()) {
                diff3 = myers;
            }
        }
        List<Diff3.Region> regions = diff3.regions();
        boolean[] held = new boolean[regions.size()];
        if (options.refines()) {
            regions = InsertionHold.apply(regions, b, m, t, held);
        }
        boolean apply = options.refinement() == Refinement.SUGGEST;
        // Chunks in region order; a region split at line level becomes several chunks, kept aside until the end.
        MergeChunk[] single = new MergeChunk[regions.size()];
        List<List<MergeChunk>> splits = new ArrayList<>();
        int[] splitAt = new int[regions.size()];
        // The budget is spent in region order before any refining, so which conflicts get refined does not
        // depend on how the refining is shared between threads, nor on whether suggestions are applied.
        int[] refine = new int[regions.size()];
        int refineCount = 0;
        long refineChars = 0;
        Refiner.Budget budget = new Refiner.Budget();
        for (int i = 0; i < regions.size(); i++) {
            Diff3.Region r = regions.get(i);
            if (r.kind() != Diff3.Kind.CONFLICT || !options.refines() || held[i]) {
                single[i] = chunk(r, b, m, t);
                continue;
            }
            List<MergeChunk> split = LineSplitter.split(r, b, m, t, diff3.mineEdits(), diff3.theirsEdits());
            if (split != null) {
                if (apply) {
                    splitAt[i] = splits.size() + 1;
                    splits.add(split);
                } else {
                    single[i] = suggested(chunk(r, b, m, t), new Suggestion(Suggestion.Basis.SEPARATE_LINES, split));
                }
                continue;
            }
            long chars = chars(r, b, m, t);
            if (budget.admits(chars)) {
                refine[refineCount++] = i;
                refineChars += chars;
            } else {
                single[i] = chunk(r, b, m, t);
            }
        }
        refineAll(regions, refine, refineCount, refineChars, single, b, m, t, apply);
        List<MergeChunk> chunks = new ArrayList<>(regions.size());
        for (int i = 0; i < regions.size(); i++) {
            if (splitAt[i] > 0) {
                chunks.addAll(splits.get(splitAt[i] - 1));
            } else {
                chunks.add(single[i]);
            }
        }
        return new MergeResult(chunks);
    }

    /** Whether the Myers merge of rule 1 fits {@link #MYERS_BUDGET}. */
    private static boolean myersAffordable(Segments b, Segments m, Segments t, Diff3.Result histogram) {
        return (long) (b.size() + m.size()) * edited(histogram.mineEdits()) <= MYERS_BUDGET
                && (long) (b.size() + t.size()) * edited(histogram.theirsEdits()) <= MYERS_BUDGET;
    }

    private static long edited(EditList edits) {
        long n = 0;
        for (Edit e : edits) {
            n += e.getLengthA() + e.getLengthB();
        }
        return n;
    }

    /** Refines the chosen conflicts; on large merges in two halves of about equal text, on two cores. */
    private void refineAll(List<Diff3.Region> regions, int[] refine, int count, long chars,
                           MergeChunk[] into, Segments b, Segments m, Segments t, boolean apply) {
        int cut = count;
        if (parallel.worthIt(chars)) {
            long half = 0;
            for (cut = 0; cut < count && half < chars / 2; cut++) {
                half += chars(regions.get(refine[cut]), b, m, t);
            }
        }
        int split = cut;
        parallel.halves(chars, part -> {
            for (int j = part == 0 ? 0 : split; j < (part == 0 ? split : count); j++) {
                into[refine[j]] = refined(regions.get(refine[j]), b, m, t, apply);
            }
        });
    }

    /** The characters of a region in all three texts: what refining it costs. */
    private static long chars(Diff3.Region r, Segments b, Segments m, Segments t) {
        return (long) b.start(r.baseEnd()) - b.start(r.baseStart()) + m.start(r.mineEnd()) - m.start(r.mineStart())
                + t.start(r.theirsEnd()) - t.start(r.theirsStart());
    }

    private static MergeChunk refined(Diff3.Region r, Segments b, Segments m, Segments t, boolean apply) {
        String baseText = b.text(r.baseStart(), r.baseEnd());
        String mineText = m.text(r.mineStart(), r.mineEnd());
        String theirsText = t.text(r.theirsStart(), r.theirsEnd());
        LineRange br = new LineRange(r.baseStart(), r.baseEnd());
        LineRange mr = new LineRange(r.mineStart(), r.mineEnd());
        LineRange tr = new LineRange(r.theirsStart(), r.theirsEnd());
        Refiner.Outcome refined = Refiner.refine(baseText, mineText, theirsText);
        if (!refined.resolved()) {
            return new MergeChunk(ChunkKind.CONFLICT, br, mr, tr, baseText, mineText, theirsText, null,
                    refined.highlights(), List.of());
        }
        MergeChunk resolved = new MergeChunk(ChunkKind.RESOLVED, br, mr, tr, baseText, mineText, theirsText,
                refined.resultText(), refined.highlights(), refined.contributions());
        if (apply) {
            return resolved;
        }
        return new MergeChunk(ChunkKind.CONFLICT, br, mr, tr, baseText, mineText, theirsText, null,
                refined.highlights(), List.of(), new Suggestion(Suggestion.Basis.SEPARATE_WORDS, List.of(resolved)));
    }

    private static MergeChunk suggested(MergeChunk conflict, Suggestion suggestion) {
        return new MergeChunk(ChunkKind.CONFLICT, conflict.base(), conflict.mine(), conflict.theirs(),
                conflict.baseText(), conflict.mineText(), conflict.theirsText(), null, conflict.highlights(),
                List.of(), suggestion);
    }

    private static MergeChunk unchanged(String text, int lineCount) {
        LineRange all = new LineRange(0, lineCount);
        return new MergeChunk(ChunkKind.UNCHANGED, all, all, all, text, text, text, text, List.of(), List.of());
    }

    /** A region as it stands at line level (a conflict without refinement). */
    private static MergeChunk chunk(Diff3.Region r, Segments b, Segments m, Segments t) {
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
            case CONFLICT -> new MergeChunk(ChunkKind.CONFLICT, br, mr, tr,
                    baseText, m.text(r.mineStart(), r.mineEnd()), t.text(r.theirsStart(), r.theirsEnd()), null,
                    List.of(), List.of());
        };
    }
}
