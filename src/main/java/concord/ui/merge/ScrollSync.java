package concord.ui.merge;

import concord.ui.merge.MergeDialogViewModel.Mode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.geometry.Bounds;
import javafx.scene.Parent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import org.fxmisc.richtext.CodeArea;

/**
 * Keeps the merge dialog's panes in step. The pane the user last scrolled, clicked or typed in drives; the others
 * follow it by chunk alignment ({@link LineMap}), so a change that is 3 lines in mine and 10 in theirs keeps facing
 * its partner. Following happens at most once per pulse, right after layout, so all panes move in the same frame.
 */
final class ScrollSync {

    private final Map<Pane, CodePane> panes;
    private final MergeDialogViewModel vm;
    private final Parent root;
    /** The pane the user last scrolled, clicked or typed in; the others follow it. */
    private Pane driver = Pane.RESULT;
    /** Set while panes are moved on purpose, so that their moving is not followed. */
    private boolean syncing;
    /** Per pane, the line the last sync put at its top ({@code -1}: none, or moved since by other means). */
    private final int[] followed = {-1, -1, -1, -1};
    /** Per pane, how far into that line the last sync scrolled (soft wrap: a line is several rows). */
    private final double[] followedInto = new double[4];
    private final Set<Pane> pendingY = EnumSet.noneOf(Pane.class);
    private final Set<Pane> pendingX = EnumSet.noneOf(Pane.class);
    private boolean syncScheduled;
    /**
     * The chunk a new round or F7 went to, kept in full view in every pane until the user scrolls, clicks or types
     * ({@code -1}: none). The panes get their real sizes only over the first pulses, and a horizontal scroll bar may
     * appear after the text is laid out: either used to leave a conflict near the end of a note out of view, or
     * under the bar.
     */
    private int reveal = -1;

    private final Runnable syncAfterLayout = this::afterLayout;

    /** @param root the dialog's root: the sync runs after the layout of its scene's pulses */
    ScrollSync(Map<Pane, CodePane> panes, MergeDialogViewModel vm, Parent root) {
        this.panes = panes;
        this.vm = vm;
        this.root = root;
        for (Pane p : Pane.values()) {
            CodePane pane = panes.get(p);
            CodeArea a = pane.area();
            pane.addEventFilter(ScrollEvent.ANY, e -> userDrives(p));
            pane.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> userDrives(p));
            pane.addEventFilter(KeyEvent.KEY_PRESSED, e -> userDrives(p));
            // invalidation, not change: a change listener would recompute the scroll estimate on every edit and
            // restyle (thousands while a large note loads); this way one sync per pulse at most
            a.estimatedScrollYProperty().addListener((InvalidationListener) obs -> schedule(p, false));
            a.estimatedScrollXProperty().addListener((InvalidationListener) obs -> schedule(p, true));
        }
        root.sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removePostLayoutPulseListener(syncAfterLayout);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(syncAfterLayout);
            }
        });
    }

    /**
     * Post-layout pulse listener. The driver's scroll position changes while the pulse lays it out; following it
     * here and laying the followers out at once puts all panes in step in the same pulse, instead of one pulse for
     * the driver and another (after a runLater) for the rest.
     */
    private void afterLayout() {
        if (syncScheduled) {
            runPendingSync();
        }
        if (reveal >= 0) {
            keepInView();
        }
        // after the sync, so that the followers' scroll bars show where the sync put them, in this same frame
        for (CodePane p : panes.values()) {
            p.refreshIfMoved();
        }
    }

    /** The user scrolled, clicked or typed in {@code p}: it drives, and nothing is held in view for them any more. */
    private void userDrives(Pane p) {
        driver = p;
        reveal = -1;
    }

    /** A new round: nothing was followed yet. */
    void reset() {
        Arrays.fill(followed, -1);
        Arrays.fill(followedInto, 0);
    }

    /** Puts {@code chunk} a few lines below the top of every pane, each pane by its own lines, without following. */
    void showChunk(int chunk) {
        syncing = true;
        reset();
        try {
            for (Pane p : Pane.values()) {
                panes.get(p).area().showParagraphAtTop(Math.max(0, vm.lines().firstLine(p, chunk) - 3));
            }
        } finally {
            syncing = false;
        }
        reveal = chunk;
        Platform.requestNextPulse();
    }

    /** After a pulse's layout: brings the chunk of {@link #reveal} back into full view in each pane that lost it. */
    private void keepInView() {
        if (vm.modeProperty().get() != Mode.MERGE || reveal >= vm.chunks().chunkCount()) {
            reveal = -1;
            return;
        }
        syncing = true;
        try {
            for (Pane p : Pane.values()) {
                CodePane pane = panes.get(p);
                CodeArea a = pane.area();
                if (pane.getScene() == null || !pane.isVisible() || a.getHeight() <= 0 || a.getParagraphs().isEmpty()) {
                    continue;
                }
                int line = Math.min(vm.lines().firstLine(p, reveal), a.getParagraphs().size() - 1);
                if (!inFullView(pane, line)) {
                    a.showParagraphAtTop(Math.max(0, line - 3));
                    pane.layout();
                    if (!inFullView(pane, line)) {
                        a.showParagraphInViewport(line);
                        pane.layout();
                    }
                    followed[p.ordinal()] = -1;
                }
            }
        } finally {
            syncing = false;
        }
    }

    private static boolean inFullView(CodePane pane, int line) {
        try {
            Bounds view = pane.viewOnScreen();
            return view != null && pane.paragraphOnScreen(line)
                    .map(b -> Viewports.fullyShown(view.getMinY(), view.getMaxY(), b.getMinY(), b.getMaxY()))
                    .orElse(false);
        } catch (RuntimeException notLaidOut) {
            return false;
        }
    }

    private void schedule(Pane p, boolean horizontal) {
        (horizontal ? pendingX : pendingY).add(p);
        if (!syncScheduled) {
            syncScheduled = true;
            if (root.getScene() != null) {
                // runs after this pulse's layout (see syncAfterLayout): the driver has its new top line by then
                Platform.requestNextPulse();
            } else {
                Platform.runLater(this::runPendingSync);
            }
        }
    }

    private void runPendingSync() {
        syncScheduled = false;
        List<Pane> ys = new ArrayList<>(pendingY);
        List<Pane> xs = new ArrayList<>(pendingX);
        pendingY.clear();
        pendingX.clear();
        for (Pane p : ys) {
            panes.get(p).area().estimatedScrollYProperty().getValue(); // re-arms the invalidation notification
        }
        for (Pane p : xs) {
            panes.get(p).area().estimatedScrollXProperty().getValue();
        }
        if (ys.contains(driver)) {
            followVertically(driver);
        }
        if (xs.contains(driver)) {
            followHorizontally(driver);
        }
    }

    private void followVertically(Pane source) {
        if (syncing || vm.modeProperty().get() != Mode.MERGE) {
            return;
        }
        CodeArea from = panes.get(source).area();
        int top;
        double into;
        try {
            top = from.firstVisibleParToAllParIndex();
            into = from.isWrapText() ? scrolledInto(panes.get(source), top) : 0;
        } catch (RuntimeException notLaidOut) {
            return;
        }
        syncing = true;
        try {
            for (Pane p : Pane.values()) {
                CodePane pane = panes.get(p);
                if (p != source && pane.getScene() != null) {
                    int target = vm.lines().mapLine(source, top, p);
                    CodeArea a = pane.area();
                    int max = Math.max(0, a.getParagraphs().size() - 1);
                    int line = Math.min(target, max);
                    if (followed[p.ordinal()] == line && Viewports.samePlace(followedInto[p.ordinal()], into, 1000)
                            && showsAtTop(a, line)) {
                        // typing invalidates the driver's scroll estimate without moving it: nothing to follow
                        continue;
                    }
                    a.showParagraphAtTop(line);
                    followed[p.ordinal()] = line;
                    followedInto[p.ordinal()] = into;
                    pane.layout();
                    if (into > 0) {
                        // as far into the facing line as the driver is into its own: wrapped prose scrolls row by
                        // row in every pane, not a paragraph at a time
                        scrollInto(pane, line, into);
                        pane.layout();
                    }
                }
            }
        } finally {
            syncing = false;
        }
    }

    /** How far the pane's top line {@code top} is scrolled above its top (0: not at all). */
    private static double scrolledInto(CodePane pane, int top) {
        Bounds view = pane.viewOnScreen();
        return view == null ? 0 : pane.paragraphOnScreen(top)
                .map(b -> Viewports.fractionInto(view.getMinY(), b.getMinY(), b.getHeight())).orElse(0.0);
    }

    /** Scrolls {@code fraction} of line {@code top}'s height further, {@code top} being at the pane's top. */
    private static void scrollInto(CodePane pane, int top, double fraction) {
        try {
            pane.paragraphOnScreen(top).ifPresent(b -> pane.area().scrollYBy(fraction * b.getHeight()));
        } catch (RuntimeException notLaidOut) {
            // the pane is not laid out yet: its top line is where it should be, only not scrolled into
        }
    }

    private static boolean showsAtTop(CodeArea a, int line) {
        try {
            return a.firstVisibleParToAllParIndex() == line;
        } catch (RuntimeException notLaidOut) {
            return false;
        }
    }

    private void followHorizontally(Pane source) {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            double x = panes.get(source).area().estimatedScrollXProperty().getValue();
            for (Pane p : Pane.values()) {
                if (p != source) {
                    panes.get(p).area().estimatedScrollXProperty().setValue(x);
                    panes.get(p).layout();
                }
            }
        } finally {
            syncing = false;
        }
    }
}
