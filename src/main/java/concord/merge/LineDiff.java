package concord.merge;

/**
 * The line diff under the three-way merge. JGit offers two algorithms; git's four names map onto them (see
 * merge-file's {@code --diff-algorithm}).
 */
public enum LineDiff {
    /** JGit's histogram diff (the engine's default, and what git's own {@code merge} and {@code rebase} use). */
    HISTOGRAM,
    /** JGit's Myers diff: a minimal edit script, as git merge-file computes by default. */
    MYERS
}
