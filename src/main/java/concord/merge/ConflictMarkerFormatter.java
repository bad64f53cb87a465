package concord.merge;

/** Renders a {@link MergeResult} as text with git-style conflict markers. Separate from the algorithm. */
public final class ConflictMarkerFormatter {

    private final MarkerStyle style;
    private final String mineLabel;
    private final String baseLabel;
    private final String theirsLabel;

    public ConflictMarkerFormatter(MarkerStyle style, String mineLabel, String baseLabel, String theirsLabel) {
        this.style = style;
        this.mineLabel = mineLabel;
        this.baseLabel = baseLabel;
        this.theirsLabel = theirsLabel;
    }

    public String format(MergeResult result) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
