package concord.merge;

/**
 * git's conflict styles: {@code merge} (mine/theirs), {@code diff3} (with base), {@code zdiff3} (diff3 with the
 * lines both sides agree on at the start and end of a conflict hoisted out of it).
 */
public enum MarkerStyle {
    MERGE, DIFF3, ZDIFF3
}
