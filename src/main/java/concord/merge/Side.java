package concord.merge;

/** The three inputs of a merge. */
public enum Side {
    BASE, MINE, THEIRS
}
