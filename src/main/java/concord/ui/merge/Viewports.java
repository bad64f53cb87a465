package concord.ui.merge;

/**
 * Arithmetic of the panes' viewports, apart from the panes so that it is tested without a window: how far the top
 * line is scrolled into (with soft wrap one line of the note is several rows on screen, and the panes follow each
 * other to the row, not only to the line).
 */
final class Viewports {

    private Viewports() {
    }

    /**
     * The part of a line that is scrolled above the top of its pane: 0 when the line starts at the top, 0.5 when
     * half of its rows are above it; never 1 (then the next line would be at the top).
     *
     * @param viewportTop   the pane's top, in the same coordinates as the line's
     * @param lineTop       the line's top
     * @param lineHeight    its height on screen (all its rows)
     */
    static double fractionInto(double viewportTop, double lineTop, double lineHeight) {
        if (!(lineHeight > 0)) {
            return 0;
        }
        double f = (viewportTop - lineTop) / lineHeight;
        return Math.max(0, Math.min(f, 0.999));
    }

    /** Whether two fractions put a line at the same place to the pixel, for a line of {@code lineHeight}. */
    static boolean samePlace(double a, double b, double lineHeight) {
        return Math.abs(a - b) * Math.max(1, lineHeight) < 0.5;
    }

    /**
     * Whether a line is in full view in a pane: its top not above the pane's top, its bottom not below the pane's
     * bottom (the horizontal scroll bar is not part of the pane), or — for a wrapped line taller than the pane — its
     * top at the pane's top. Half a pixel of slack either way.
     */
    static boolean fullyShown(double viewTop, double viewBottom, double lineTop, double lineBottom) {
        if (lineTop < viewTop - 0.5) {
            return false;
        }
        boolean taller = lineBottom - lineTop > viewBottom - viewTop;
        return taller ? lineTop <= viewTop + 0.5 : lineBottom <= viewBottom + 0.5;
    }
}
