package concord.ui.merge;

/**
 * Where the merge dialog opens: over the window it belongs to and the same size, so that in the demo Bob's dialog
 * covers Bob's window and never Alice's; never smaller than a usable dialog, never off the screen the owner is on.
 * Pure arithmetic on rectangles (no JavaFX), tested on its own.
 */
final class DialogPlacement {

    /** A rectangle in screen coordinates. */
    record Box(double x, double y, double width, double height) {
    }

    /** Three readable panes and every button without scrolling (smaller owners get this much). */
    static final double MIN_WIDTH = 700;
    static final double MIN_HEIGHT = 450;
    /** With no owner: large enough for three panes side by side. */
    static final double ALONE_WIDTH = 1400;
    static final double ALONE_HEIGHT = 860;

    private DialogPlacement() {
    }

    /**
     * The owner's rectangle, grown to at least {@link #MIN_WIDTH} × {@link #MIN_HEIGHT} around its centre, shrunk to
     * the screen, and moved onto it where it sticks out.
     */
    static Box over(Box owner, Box screen) {
        double w = Math.min(Math.max(owner.width(), MIN_WIDTH), screen.width());
        double h = Math.min(Math.max(owner.height(), MIN_HEIGHT), screen.height());
        double x = clamp(owner.x() + (owner.width() - w) / 2, screen.x(), screen.x() + screen.width() - w);
        double y = clamp(owner.y() + (owner.height() - h) / 2, screen.y(), screen.y() + screen.height() - h);
        return new Box(x, y, w, h);
    }

    /** No owner: centred on the screen, as large as three panes want, at most nearly the whole screen. */
    static Box alone(Box screen) {
        double w = Math.min(ALONE_WIDTH, screen.width() * 0.96);
        double h = Math.min(ALONE_HEIGHT, screen.height() * 0.94);
        return new Box(screen.x() + (screen.width() - w) / 2, screen.y() + (screen.height() - h) / 2, w, h);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(v, hi));
    }
}
