package concord.merge;

/** @param refine whether conflicting regions are refined below the line (word/whitespace/punctuation tokens) */
public record MergeOptions(boolean refine) {

    public static final MergeOptions DEFAULT = new MergeOptions(true);
    public static final MergeOptions LINE_ONLY = new MergeOptions(false);
}
