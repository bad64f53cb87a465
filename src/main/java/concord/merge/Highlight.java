package concord.merge;

/**
 * A span of one side's chunk text ({@link MergeChunk#text(Side)}) that differs from base at token level,
 * so the UI can mark exactly the words that changed. For {@link Side#BASE} it marks what the other sides
 * removed or replaced.
 */
public record Highlight(Side side, TextSpan span) {
}
