package concord.ui.merge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.merge.HistogramMerger;
import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.ui.conflict.WriteAtOnce;
import concord.ui.testkit.FxWindows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Soft wrap and synchronised scrolling on prose: every paragraph is one long line that wraps into many rows. The
 * panes must follow each other row by row — as far into the facing paragraph as the driver is into its own — not
 * stay at a paragraph's top until the next paragraph reaches the top.
 */
class WrappedScrollingTest {

    private static final int PARAGRAPHS = 40;
    private static final int INSERTED_BY_MINE = 3;

    @RegisterExtension
    final FxWindows windows = new FxWindows();
    private final FxRobot robot = windows.robot;
    private final Map<Pane, CodeArea> areas = new EnumMap<>(Pane.class);

    @BeforeEach
    void openDialogOnProse() throws Exception {
        List<String> base = new ArrayList<>();
        for (int i = 0; i < PARAGRAPHS; i++) {
            base.add("Paragraph " + i + ": " + "we walked along the river and talked about the plans for the spring, ".repeat(8));
        }
        List<String> mine = new ArrayList<>(base);
        List<String> theirs = new ArrayList<>(base);
        theirs.set(5, theirs.get(5).replace("Paragraph 5: we walked", "Paragraph 5: they walked"));
        for (int k = 0; k < INSERTED_BY_MINE; k++) {
            mine.add(11, "Mine's new paragraph " + k + ": " + "a thought that came later and needs room, ".repeat(6));
        }
        mine.set(30 + INSERTED_BY_MINE, mine.get(30 + INSERTED_BY_MINE).replace("Paragraph 30: we", "Paragraph 30: I"));
        theirs.set(30, theirs.get(30).replace("Paragraph 30: we", "Paragraph 30: you"));
        Instant now = Instant.now();
        Note baseNote = new Note("prose", "Prose", String.join("\n", base) + "\n", List.of(), 1, new ETag("v1"), now, "alice");
        Note theirsNote = new Note("prose", "Prose", String.join("\n", theirs) + "\n", List.of(), 2, new ETag("v2"), now, "alice");
        MergeInput input = MergeInput.prepare(new HistogramMerger(), baseNote, new NoteContent("Prose", String.join("\n", mine) + "\n", List.of()), theirsNote);
        MergeConflictHandler handler = new MergeConflictHandler(null, Runnable::run, new HistogramMerger());
        Stage dialog = onFx(() -> {
            Stage s = handler.open(input, new WriteAtOnce(new SynchronisedScrollingTest.NoServer()), outcome -> { });
            // inside Monocle's 1280 × 800 headless screen
            s.setX(0);
            s.setY(0);
            s.setWidth(1100);
            s.setHeight(700);
            return s;
        });
        for (Pane p : List.of(Pane.MINE, Pane.RESULT, Pane.THEIRS)) {
            areas.put(p, robot.from(robot.rootNode(dialog)).lookup("#pane-" + p.name().toLowerCase(Locale.ROOT)).queryAs(CodeArea.class));
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> areas.values().stream().allMatch(a -> !a.getVisibleParagraphs().isEmpty())));
    }

    @Test
    void softWrapIsOnByDefaultAndEveryParagraphTakesSeveralRows() throws Exception {
        for (CodeArea a : areas.values()) {
            assertTrue(onFx(a::isWrapText));
            assertTrue(onFx(() -> a.getParagraphLinesCount(20) > 2), "a paragraph wraps into rows");
        }
    }

    @Test
    void scrollingHalfwayIntoAWrappedParagraphTakesTheOtherPanesHalfwayIntoTheFacingOne() throws Exception {
        CodeArea result = areas.get(Pane.RESULT);
        robot.clickOn(result);
        // base paragraph 20: paragraph 23 of mine (three inserted above), 23 of the result, 20 of theirs
        robot.interact(() -> result.showParagraphAtTop(20 + INSERTED_BY_MINE));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> top(result) == 20 + INSERTED_BY_MINE));
        // half a paragraph down, as a few notches of the wheel would (the click made the result pane the driver;
        // Monocle's wheel events do not reach RichTextFX's virtual flow reliably, so the pane is scrolled directly)
        double half = onFx(() -> topBox(result).getHeight() / 2);
        robot.interact(() -> result.scrollYBy(half));

        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> {
                double into = into(result);
                return top(result) == 23 && top(areas.get(Pane.MINE)) == 23 && top(areas.get(Pane.THEIRS)) == 20
                        && Math.abs(into(areas.get(Pane.MINE)) - into) < 0.1 && Math.abs(into(areas.get(Pane.THEIRS)) - into) < 0.1
                        && into > 0.3;
            }));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("expected tops 23/23/20 at the same fraction, saw " + onFx(() -> {
                StringBuilder sb = new StringBuilder();
                areas.forEach((p, a) -> sb.append(p).append(": top ").append(top(a)).append(" into ").append(into(a)).append("; "));
                return sb.toString();
            }), e);
        }
    }

    private static int top(CodeArea a) {
        return a.firstVisibleParToAllParIndex();
    }

    /**
     * How far the top paragraph is scrolled above the pane's top, as a part of its height, measured on the paragraph's
     * box itself (RichTextFX's paragraph bounds are cut to the area and would always say 0).
     */
    private static double into(CodeArea a) {
        Bounds box = topBox(a);
        Bounds view = a.localToScreen(a.getLayoutBounds());
        return (view.getMinY() - box.getMinY()) / box.getHeight();
    }

    /** The box of the paragraph drawn across the pane's top edge. */
    private static Bounds topBox(CodeArea a) {
        Bounds view = a.localToScreen(a.getLayoutBounds());
        for (Node n : a.lookupAll(".paragraph-box")) {
            Bounds b = n.localToScreen(n.getBoundsInLocal());
            if (n.isVisible() && b != null && b.getMinY() <= view.getMinY() + 0.5 && b.getMaxY() > view.getMinY() + 0.5) {
                return b;
            }
        }
        throw new AssertionError("no paragraph at the top");
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

}
