package concord.merge;

/**
 * git merge-file's {@code --ours}, {@code --theirs} and {@code --union}: how a formatter settles every conflict
 * instead of writing markers. {@link #NONE} writes markers.
 */
public enum ConflictFavor {
    NONE, MINE, THEIRS, UNION
}
