package concord.merge;

/** The engine's entry point. Implementations are stateless and thread-safe. */
public interface ThreeWayMerger {

    MergeResult merge(String base, String mine, String theirs, MergeOptions options);

    default MergeResult merge(String base, String mine, String theirs) {
        return merge(base, mine, theirs, MergeOptions.DEFAULT);
    }
}
