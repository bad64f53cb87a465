package concord.ui.merge;

import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Cursor;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import org.fxmisc.richtext.CodeArea;

/**
 * A text pane: a RichTextFX {@link CodeArea} with line numbers and its own scroll bars. It knows nothing of the
 * merge; it is built to stay fast with tens of thousands of lines:
 * <ul>
 * <li>The bars are brought up to date once per pulse (after layout) instead of being bound to the area, as
 * Flowless's VirtualizedScrollPane binds them both ways to the area's scroll estimates: those are invalidated by
 * every line laid out, and the bars' listeners recomputed them each time — a third of the time to scroll a screen
 * in three panes. The area scrolls itself on the wheel and keys; the bars show where it is and move it when
 * dragged or clicked.</li>
 * <li>Line numbers are one plain text node per visible line (see {@link LineNumber}).</li>
 * <li>The area carries no stylesheet of its own: a stylesheet on a Parent makes JavaFX, for every node below it,
 * gather it again and register the node's parent as one of its users (a linear list), for each of the thousands
 * of nodes made while scrolling. RichTextFX's few rules must come from the scene's stylesheet instead
 * (merge-dialog.css has them, for {@code .merge-pane}).</li>
 * </ul>
 */
final class CodePane extends Region {

    private final CodeArea area = new CodeArea();
    private final ScrollBar vbar = new ScrollBar();
    private final ScrollBar hbar = new ScrollBar();
    /** Whether the area scrolled or changed size since the bars were last brought up to date. */
    private boolean moved = true;
    /** Set while the bars are updated from the area, so that their listeners do not move the area back. */
    private boolean updating;
    private final Runnable refreshAfterLayout = this::refreshIfMoved;
    /** Digits of the widest line number the gutter is laid out for. */
    private int digits;
    private GutterMarks marks = GutterMarks.NONE;

    /**
     * @param id             the area's id (tests and the CSS find it by it)
     * @param editable       whether the user types in it
     * @param accessibleText what a screen reader says for it
     */
    CodePane(String id, boolean editable, String accessibleText) {
        getStyleClass().add("pane-scroller");
        area.setId(id);
        area.setEditable(editable);
        area.setWrapText(false);
        area.setAccessibleText(accessibleText);
        area.getStylesheets().clear();
        installLineNumbers();
        vbar.setOrientation(Orientation.VERTICAL);
        hbar.setOrientation(Orientation.HORIZONTAL);
        vbar.setVisible(false);
        hbar.setVisible(false);
        vbar.setUnitIncrement(20);
        hbar.setUnitIncrement(20);
        getChildren().addAll(area, vbar, hbar);
        InvalidationListener mark = o -> {
            if (!moved) {
                moved = true;
                Platform.requestNextPulse();
            }
        };
        area.totalHeightEstimateProperty().addListener(mark);
        area.totalWidthEstimateProperty().addListener(mark);
        area.estimatedScrollYProperty().addListener(mark);
        area.estimatedScrollXProperty().addListener(mark);
        area.widthProperty().addListener(mark);
        area.heightProperty().addListener(mark);
        vbar.valueProperty().addListener((o, was, v) -> {
            if (!updating) {
                area.estimatedScrollYProperty().setValue(v.doubleValue());
            }
        });
        hbar.valueProperty().addListener((o, was, v) -> {
            if (!updating) {
                area.estimatedScrollXProperty().setValue(v.doubleValue());
            }
        });
        sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removePostLayoutPulseListener(refreshAfterLayout);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(refreshAfterLayout);
            }
        });
    }

    CodeArea area() {
        return area;
    }

    /**
     * Clickable marks in the gutter, beside the line numbers of the lines {@code marks} names (the panes put an
     * arrow on each change a side's lines can be taken from). Replaces the previous marks.
     */
    void setGutterMarks(GutterMarks marks) {
        this.marks = marks;
        area.setParagraphGraphicFactory(lineNumbers(digits, marks));
    }

    /**
     * What the gutter shows besides line numbers: on the lines {@code has} accepts, {@code glyph} (one character, so
     * the gutter keeps its width), and a click on it runs {@code onClick} with the line.
     */
    record GutterMarks(IntPredicate has, String glyph, String styleClass, String tooltip, IntConsumer onClick) {
        static final GutterMarks NONE = new GutterMarks(line -> false, " ", "", "", line -> { });
    }

    /**
     * Where paragraph {@code line} is drawn, whole, in screen coordinates; empty when it is not in view. RichTextFX's
     * own paragraph bounds are cut to the area, which hides how far a wrapped paragraph is scrolled above the top and
     * whether its bottom is below the area's: its box is found through its line number instead.
     */
    Optional<Bounds> paragraphOnScreen(int line) {
        for (Node n : area.lookupAll(".lineno-text")) {
            if (n instanceof LineNumber number && number.line == line) {
                Node box = number.getParent();
                while (box != null && !box.getStyleClass().contains("paragraph-box")) {
                    box = box.getParent();
                }
                if (box != null && box.isVisible()) {
                    return Optional.ofNullable(box.localToScreen(box.getBoundsInLocal()));
                }
            }
        }
        return Optional.empty();
    }

    /** The area's viewport in screen coordinates (without the scroll bars, which are the pane's). */
    Bounds viewOnScreen() {
        return area.localToScreen(area.getLayoutBounds());
    }

    /**
     * Brings the bars up to date if the area scrolled or changed size since the last time. Runs after every pulse's
     * layout; whoever moves the area during that phase (the panes' synchronisation) calls it again afterwards, so
     * that the bars show the new place in the same frame.
     */
    void refreshIfMoved() {
        if (!moved || getScene() == null) {
            return;
        }
        moved = false;
        // reading each value re-arms its invalidation listener
        double totalH = area.totalHeightEstimateProperty().getValue();
        double totalW = area.totalWidthEstimateProperty().getValue();
        double y = area.estimatedScrollYProperty().getValue();
        double x = area.estimatedScrollXProperty().getValue();
        boolean needV = needsBar(totalH, area.getHeight());
        boolean needH = needsBar(totalW, area.getWidth());
        updating = true;
        try {
            update(vbar, totalH, area.getHeight(), y);
            update(hbar, totalW, area.getWidth(), x);
        } finally {
            updating = false;
        }
        if (needV != vbar.isVisible() || needH != hbar.isVisible()) {
            requestLayout(); // an edit made the text longer or shorter than the pane
        }
    }

    /** Whether content of {@code total} size overflows a viewport of {@code viewport} (half a pixel of slack). */
    private static boolean needsBar(double total, double viewport) {
        return total > viewport + 0.5;
    }

    /** The bar's range is the scrollable distance; the thumb is to the track as the viewport to the content. */
    private static void update(ScrollBar bar, double total, double viewport, double offset) {
        double range = Math.max(0, total - viewport);
        bar.setMin(0);
        bar.setMax(range);
        bar.setVisibleAmount(total <= 0 ? range : range * viewport / total);
        bar.setBlockIncrement(Math.max(1, viewport * 0.9));
        bar.setValue(Math.max(0, Math.min(range, offset)));
    }

    /**
     * Whether a bar is needed depends on the laid-out area; deciding it here, in the same pass, spares a second
     * layout of every visible line one pulse later (the first frame of a long note would show no bars).
     */
    @Override
    protected void layoutChildren() {
        for (int pass = 0; pass < 3; pass++) {
            double w = getWidth();
            double h = getHeight();
            double vw = vbar.isVisible() ? vbar.prefWidth(-1) : 0;
            double hh = hbar.isVisible() ? hbar.prefHeight(-1) : 0;
            area.resizeRelocate(0, 0, Math.max(0, w - vw), Math.max(0, h - hh));
            vbar.resizeRelocate(w - vw, 0, vw, Math.max(0, h - hh));
            hbar.resizeRelocate(0, h - hh, Math.max(0, w - vw), hh);
            area.layout();
            boolean needV = needsBar(area.totalHeightEstimateProperty().getValue(), area.getHeight());
            boolean needH = needsBar(area.totalWidthEstimateProperty().getValue(), area.getWidth());
            if (needV == vbar.isVisible() && needH == hbar.isVisible()) {
                break;
            }
            vbar.setVisible(needV);
            hbar.setVisible(needH);
            moved = true;
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return area.prefWidth(-1) + (vbar.isVisible() ? vbar.prefWidth(-1) : 0);
    }

    @Override
    protected double computePrefHeight(double width) {
        return area.prefHeight(-1) + (hbar.isVisible() ? hbar.prefHeight(-1) : 0);
    }

    @Override
    protected double computeMinWidth(double height) {
        return vbar.minWidth(-1);
    }

    @Override
    protected double computeMinHeight(double width) {
        return hbar.minHeight(-1);
    }

    // ------------------------------------------------------------------ line numbers

    /**
     * Line numbers: one plain Text per visible line, right-aligned by padding to the widest number (monospaced).
     * Every line that scrolls into view gets one, so it is kept to the least: RichTextFX's LineNumberFactory makes
     * a Label (skin, CSS) with a binding per line, and a StackPane around a bound Text still cost about a sixth of
     * the time to open the dialog and to scroll a screen. The width only changes when the line count gains or loses
     * a digit: then the factory is replaced and RichTextFX redraws the visible numbers.
     */
    private void installLineNumbers() {
        Runnable refresh = () -> {
            int d = String.valueOf(Math.max(1, area.getParagraphs().size())).length();
            if (d != digits) {
                digits = d;
                area.setParagraphGraphicFactory(lineNumbers(d, marks));
            }
        };
        refresh.run();
        area.getParagraphs().addListener((ListChangeListener<Object>) c -> refresh.run());
    }

    private static IntFunction<Node> lineNumbers(int digits, GutterMarks marks) {
        return idx -> {
            String n = String.valueOf(idx + 1);
            String padded = " ".repeat(Math.max(0, digits - n.length())) + n;
            if (!marks.has().test(idx)) {
                return new LineNumber(padded + "  ", idx);
            }
            return new HBox(new LineNumber(padded + " ", idx), mark(marks, idx));
        };
    }

    /** A mark in the gutter; the few lines that have one pay for a node more (the rest stay a plain text). */
    private static Node mark(GutterMarks marks, int line) {
        Text glyph = new Text(marks.glyph());
        glyph.getStyleClass().addAll("gutter-mark", marks.styleClass());
        glyph.setPickOnBounds(true);
        glyph.setCursor(Cursor.HAND);
        Tooltip.install(glyph, new Tooltip(marks.tooltip()));
        // a press here is not a click into the text: no caret move, no selection
        glyph.addEventHandler(MouseEvent.MOUSE_PRESSED, MouseEvent::consume);
        glyph.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            e.consume();
            marks.onClick().accept(line);
        });
        return glyph;
    }

    /**
     * A line number. Its own type, not {@code Text}: CSS type selectors match the exact class name, and the theme
     * has a handful of descendant rules ending in {@code Text} that each climbed every ancestor of every number.
     */
    static final class LineNumber extends Text {
        /** The paragraph it numbers (0-based): it finds the paragraph's box for {@link #paragraphOnScreen}. */
        final int line;

        LineNumber(String text, int line) {
            super(text);
            this.line = line;
            getStyleClass().add("lineno-text");
        }
    }
}
