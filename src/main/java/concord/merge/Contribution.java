package concord.merge;

/**
 * In a {@link ChunkKind#RESOLVED} chunk: the span of {@link MergeChunk#resultText()} that came from one side's
 * edit, so the UI can show who contributed what and let the user undo the automatic resolution.
 */
public record Contribution(Side side, TextSpan inResult) {
}
