package concord.merge;

/** git's conflict styles: {@code merge} (mine/theirs), {@code diff3} (with base), {@code zdiff3} (diff3 with common lines hoisted out). */
public enum MarkerStyle {
    MERGE, DIFF3, ZDIFF3
}
