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
    private final Set<Pane> pendingY = EnumSet.noneOf(Pane.class);
    private final Set<Pane> pendingX = EnumSet.noneOf(Pane.class);
    private boolean syncScheduled;

    private final Runnable syncAfterLayout = this::afterLayout;

    /** @param root the dialog's root: the sync runs after the layout of its scene's pulses */
    ScrollSync(Map<Pane, CodePane> panes, MergeDialogViewModel vm, Parent root) {
        this.panes = panes;
        this.vm = vm;
        this.root = root;
        for (Pane p : Pane.values()) {
            CodePane pane = panes.get(p);
            CodeArea a = pane.area();
            pane.addEventFilter(ScrollEvent.ANY, e -> driver = p);
            pane.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> driver = p);
            pane.addEventFilter(KeyEvent.KEY_PRESSED, e -> driver = p);
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
        // after the sync, so that the followers' scroll bars show where the sync put them, in this same frame
        for (CodePane p : panes.values()) {
            p.refreshIfMoved();
        }
    }

    /** A new round: nothing was followed yet. */
    void reset() {
        Arrays.fill(followed, -1);
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
        try {
            top = from.firstVisibleParToAllParIndex();
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
                    if (followed[p.ordinal()] == line && showsAtTop(a, line)) {
                        // typing invalidates the driver's scroll estimate without moving it: nothing to follow
                        continue;
                    }
                    a.showParagraphAtTop(line);
                    followed[p.ordinal()] = line;
                    pane.layout();
                }
            }
        } finally {
            syncing = false;
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
