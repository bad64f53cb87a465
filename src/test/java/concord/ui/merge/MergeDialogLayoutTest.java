package concord.ui.merge;

import static concord.ui.testkit.FxWindows.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.merge.ChunkKind;
import concord.merge.HistogramMerger;
import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.ui.conflict.WriteAtOnce;
import concord.ui.testkit.FxWindows;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dialog as people expect it, in real windows: at 700 × 450 it scrolls instead of hiding the Theirs pane or the
 * buttons; the description of the selected change is never cut off; the gutter arrows take one side's lines; the
 * soft-wrap toggle; the first conflict of long unwrapped lines opens in full view, not under the horizontal bar.
 */
class MergeDialogLayoutTest {

    private static final String BASE = MergeDialogScreenshots.BASE;
    /** Both sides change the freeze day: a conflict. Mine rewrites a risk at length, theirs adds a step. */
    private static final String MINE = BASE.replace("on Thursday.", "on Wednesday evening.")
            .replace("The migration script has not been tried on a large database yet.",
                    "The migration script has not been tried on a large database yet, and nobody has measured how long the upgrade takes.");
    private static final String THEIRS = BASE.replace("on Thursday.", "on Friday morning.")
            .replace("4. Tag the release and publish the artifacts.\n", "4. Tag the release and publish the artifacts.\n5. Update the website.\n");

    @RegisterExtension
    final FxWindows windows = new FxWindows();
    private final FxRobot robot = windows.robot;
    private Stage dialog;
    private MergeDialogViewModel vm;

    private void open(String base, String mine, String theirs, boolean softWrap, double width, double height) throws Exception {
        Instant at = Instant.parse("2026-11-26T14:02:00Z");
        Note b = new Note("n", "Release checklist", base, List.of(), 6, new ETag("v6"), at, "dana");
        Note t = new Note("n", "Release checklist", theirs, List.of(), 7, new ETag("v7"), at, "Alice");
        MergeInput input = MergeInput.prepare(new HistogramMerger(), b, new NoteContent("Release checklist", mine, List.of()), t);
        MergeConflictHandler handler = new MergeConflictHandler(null, Runnable::run, new HistogramMerger());
        handler.softWrapProperty().set(softWrap);
        dialog = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = handler.open(input, new WriteAtOnce(new SynchronisedScrollingTest.NoServer()), o -> { });
            s.setX(0);
            s.setY(0);
            s.setWidth(width);
            s.setHeight(height);
            return s;
        }).get(20, TimeUnit.SECONDS);
        vm = (MergeDialogViewModel) dialog.getUserData();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> dialog.getScene().getWidth() >= width - 1
                && !area(Pane.THEIRS).getVisibleParagraphs().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private <T extends Node> T find(String query) {
        return robot.from(robot.rootNode(dialog)).lookup(query).query();
    }

    private CodeArea area(Pane p) {
        return find("#pane-" + p.name().toLowerCase(Locale.ROOT));
    }

    private int firstConflict() {
        for (int i = 0; i < vm.chunks().chunkCount(); i++) {
            if (vm.chunks().chunkKind(i) == ChunkKind.CONFLICT) {
                return i;
            }
        }
        throw new AssertionError("no conflict");
    }

    @Test
    void atSevenHundredByFourHundredFiftyTheButtonsStayInViewAndTheDialogScrollsToTheTheirsPane() throws Exception {
        open(BASE, MINE, THEIRS, true, 700, 450);

        CodeArea theirs = area(Pane.THEIRS);
        assertTrue(fx(theirs::getWidth) >= 120, "Theirs keeps a readable width: " + fx(theirs::getWidth));
        Button save = find("#save-merged");
        assertTrue(fx(() -> save.getWidth() >= save.prefWidth(-1) - 0.5), "Save merged keeps its whole label");
        ScrollPane scroller = find(".merge-scroller");
        // whenever the content is taller than the window, the dialog's own bar shows it (JavaFX alone decides by the
        // content's height at its preferred width, and hid it here)
        boolean taller = fx(() -> scroller.getContent().getLayoutBounds().getHeight() > scroller.getViewportBounds().getHeight() + 0.5);
        boolean barShown = fx(() -> scroller.getChildrenUnmodifiable().stream().anyMatch(n -> n instanceof javafx.scene.control.ScrollBar b
                && b.getOrientation() == javafx.geometry.Orientation.VERTICAL && b.isVisible()));
        assertEquals(taller, barShown, "the scroll bar shows exactly when there is more to see");
        robot.interact(() -> {
            scroller.setHvalue(scroller.getHmax());
            scroller.setVvalue(scroller.getVmax());
        });
        WaitForAsyncUtils.waitForFxEvents();
        Bounds view = fx(() -> scroller.localToScene(scroller.getLayoutBounds()));
        Bounds b = fx(() -> theirs.localToScene(theirs.getLayoutBounds()));
        assertTrue(b.getMaxX() <= view.getMaxX() + 0.5 && b.getMinY() >= view.getMinY() - 0.5 && b.getMinY() < view.getMaxY(),
                "Theirs can be scrolled into view: " + b + " in " + view);
        // the decisions never scroll away
        double w = fx(() -> dialog.getScene().getWidth());
        double h = fx(() -> dialog.getScene().getHeight());
        for (String id : List.of("#save-merged", "#cancel", "#keep-mine", "#take-theirs")) {
            Node n = find(id);
            Bounds nb = fx(() -> n.localToScene(n.getLayoutBounds()));
            assertTrue(nb.getMinX() >= 0 && nb.getMaxX() <= w + 0.5 && nb.getMinY() >= 0 && nb.getMaxY() <= h + 0.5,
                    id + " in full view: " + nb + " in " + w + "×" + h);
        }
    }

    @Test
    void theDescriptionOfTheSelectedChangeIsNeverCutOffInANarrowDialog() throws Exception {
        // different words of one line: a suggestion, whose description is the longest the dialog writes
        open(BASE, BASE.replace("needs a heads-up", "needs a two-day heads-up"),
                BASE.replace("the upgrade window", "the maintenance window"), true, 700, 450);
        robot.interact(() -> vm.chunks().select(firstConflict()));
        WaitForAsyncUtils.waitForFxEvents();

        Label where = find("#chunk-description");
        String full = fx(where::getText);
        assertTrue(full.length() > 100, full);
        String shown = fx(() -> robot.from(where).lookup((Node n) -> n instanceof Text).queryAs(Text.class).getText());
        assertEquals(full.replace('\n', ' '), shown.replace('\n', ' '), "shown in full, never ending in …");
        Bounds label = fx(() -> where.localToScene(where.getLayoutBounds()));
        assertTrue(label.getMaxX() <= fx(() -> dialog.getScene().getWidth()), "inside the window: " + label);
    }

    @Test
    void theGutterArrowOfTheirPaneTakesTheirLinesForThatChange() throws Exception {
        open(BASE, MINE, THEIRS, true, 1200, 760);
        assertEquals("1 of 1 conflict left", fx(() -> vm.counterProperty().get()));

        // theirs' other change (a step added) is theirs alone, already in the result: only the conflict has an arrow
        var arrows = fx(() -> robot.from(area(Pane.THEIRS)).lookup(".gutter-mark.take-theirs").queryAll());
        assertEquals(1, arrows.size());
        Node arrow = arrows.iterator().next();
        robot.clickOn(arrow);

        assertEquals("The conflict is resolved", fx(() -> vm.counterProperty().get()));
        assertTrue(fx(() -> area(Pane.RESULT).getText()).contains("1. Freeze the branch on Friday morning.\n"));
        assertFalse(fx(() -> area(Pane.RESULT).getText()).contains("Wednesday"));
    }

    @Test
    void softWrapIsOnAtFirstAndItsToggleTurnsItOffInEveryPane() throws Exception {
        open(BASE, MINE, THEIRS, true, 1200, 760);
        for (Pane p : List.of(Pane.MINE, Pane.RESULT, Pane.THEIRS)) {
            assertTrue(fx(area(p)::isWrapText), p + " wraps");
        }

        robot.clickOn("#soft-wrap");

        for (Pane p : List.of(Pane.MINE, Pane.RESULT, Pane.THEIRS)) {
            assertFalse(fx(area(p)::isWrapText), p + " no longer wraps");
        }
        robot.press(KeyCode.ALT).type(KeyCode.W).release(KeyCode.ALT);
        assertTrue(fx(() -> this.<javafx.scene.control.ToggleButton>find("#soft-wrap").isSelected()), "Alt+W selects the toggle again");
        assertTrue(fx(area(Pane.RESULT)::isWrapText), "Alt+W turns it back on");
    }

    @Test
    void aConflictNearTheEndOfLongUnwrappedLinesOpensInFullViewAboveTheHorizontalScrollBar() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            sb.append("Line ").append(i).append(": a fairly long line of prose that goes on well past the width of any of the three panes.\n");
        }
        String base = sb.toString();
        open(base, base.replace("Line 77: a fairly", "Line 77: MINE a fairly"), base.replace("Line 77: a fairly", "Line 77: THEIRS a fairly"),
                false, 1100, 700);
        int conflict = firstConflict();

        for (Pane p : List.of(Pane.MINE, Pane.RESULT, Pane.THEIRS)) {
            CodeArea a = area(p);
            int line = fx(() -> vm.lines().firstLine(p, conflict));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> {
                Bounds view = a.localToScreen(a.getLayoutBounds());
                Bounds b = boxOfNumberedLine(a, line + 1);
                return b != null && b.getMinY() >= view.getMinY() - 0.5 && b.getMaxY() <= view.getMaxY() + 0.5;
            }));
        }
    }

    /**
     * The whole box of the paragraph whose gutter shows {@code number} (RichTextFX's own paragraph bounds are cut to
     * the area, so a line half under the bottom edge would look whole).
     */
    private static Bounds boxOfNumberedLine(CodeArea a, int number) {
        for (Node n : a.lookupAll(".lineno-text")) {
            if (n instanceof Text t && t.getText().strip().equals(String.valueOf(number))) {
                Node box = t.getParent();
                while (box != null && !box.getStyleClass().contains("paragraph-box")) {
                    box = box.getParent();
                }
                if (box != null && box.isVisible()) {
                    return box.localToScreen(box.getBoundsInLocal());
                }
            }
        }
        return null;
    }
}
