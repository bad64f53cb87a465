package concord.merge;

/**
 * Text rendered with conflict markers, and how many conflict blocks it holds. The count can differ from
 * {@link MergeResult#conflictCount()}: like git, the {@link MarkerStyle#MERGE} style splits a conflict where both
 * sides agree on some lines and joins conflicts that only a few lines apart.
 */
public record MarkerOutput(String text, int conflicts) {
}
