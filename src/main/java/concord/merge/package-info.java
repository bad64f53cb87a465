/**
 * The three-way merge engine: pure Java over text, no JavaFX, no HTTP, no storage.
 *
 * <h2>Ranges</h2>
 * Every range in this package is <b>half-open</b>: {@code [start, end)}. Line ranges ({@link concord.merge.LineRange})
 * count lines of one input, 0-based, where a line includes its terminator ({@code \n} or {@code \r\n}) and the
 * last line may lack one. Text spans ({@link concord.merge.TextSpan}) are UTF-16 char offsets into one chunk text
 * and never split a code point. An empty range {@code [k, k)} marks an insertion point before line/char {@code k}.
 *
 * <h2>Chunks and git's conflict hunks</h2>
 * Chunks cover all three inputs in order, and every chunk holds whole lines of each. With
 * {@link concord.merge.MergeOptions#LINE_ONLY} a {@link concord.merge.ChunkKind#CONFLICT} chunk is exactly a hunk
 * of {@code git merge-file --diff3}: the whole region where the edits of the two sides overlap or touch, with no
 * common lines trimmed off (git's default {@code merge} style and {@code zdiff3} go further: they move lines
 * common to both sides out of the conflict, split it there, and join conflicts that are at most three lines apart
 * or separated only by lines without letters or digits). Both sides changing a region identically is
 * {@link concord.merge.ChunkKind#BOTH_SAME}, also when both deleted it (texts empty). Only the last line of an
 * input can lack a terminator, so only a chunk at the end can.
 * <p>With refinement ({@link concord.merge.MergeOptions#DEFAULT}, {@link concord.merge.Refinement#CERTAIN}) a
 * conflict that is only separate changes of the two sides on different lines, or one the token-level merge proves
 * independent, stays a {@link concord.merge.ChunkKind#CONFLICT} that carries a {@link concord.merge.Suggestion};
 * {@link concord.merge.MergeOptions#SUGGEST} applies every suggestion (MINE and THEIRS chunks, or a
 * {@link concord.merge.ChunkKind#RESOLVED} one), which is what {@link concord.merge.MergeResult#withSuggestionsAccepted()}
 * gives too. Where the histogram alignment conflicts and a Myers alignment does not, the Myers merge is the result.
 * The rules are in {@code HistogramMerger}, {@code LineSplitter}, {@code Refiner} and {@code InsertionHold}.
 */
package concord.merge;
