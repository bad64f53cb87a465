/**
 * The three-way merge engine: pure Java over text, no JavaFX, no HTTP, no storage.
 *
 * <h2>Ranges</h2>
 * Every range in this package is <b>half-open</b>: {@code [start, end)}. Line ranges ({@link concord.merge.LineRange})
 * count lines of one input, 0-based, where a line includes its terminator ({@code \n} or {@code \r\n}) and the
 * last line may lack one. Text spans ({@link concord.merge.TextSpan}) are UTF-16 char offsets into one chunk text
 * and never split a code point. An empty range {@code [k, k)} marks an insertion point before line/char {@code k}.
 */
package concord.merge;
