package concord.ui.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.client.ApiResult;
import concord.client.NotesApi;
import concord.merge.ChunkKind;
import concord.merge.HistogramMerger;
import concord.merge.LineRange;
import concord.merge.MergeChunk;
import concord.merge.MergeResult;
import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteSummary;
import concord.ui.conflict.WriteAtOnce;
import concord.ui.testkit.FxWindows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Synchronised scrolling of the merge dialog, in a real (headless) window: whichever of Mine, Result and Theirs
 * the user scrolls, the other two show the same chunk. The note is long and the sides' chunks have different
 * lengths (mine adds lines to every conflict, theirs deletes lines elsewhere), so the same line number would be
 * the wrong place: only chunk alignment passes. Expected chunks come from the engine's {@link MergeResult}
 * (half-open line ranges per side), not from the dialog's own mapping. With soft wrap on (the default) and, in
 * {@link SynchronisedScrollingWithoutWrapTest}, off.
 */
class SynchronisedScrollingTest {

    private static final int LINES = 4000;
    private static final int CHANGES = 40;
    private static final int EXTRA_MINE_LINES = 6;
    private static final int DELETED_THEIRS_LINES = 5;

    @RegisterExtension
    final FxWindows windows = new FxWindows();
    private final FxRobot robot = windows.robot;
    private MergeResult merge;
    private Stage dialog;
    private final Map<Pane, CodeArea> areas = new EnumMap<>(Pane.class);

    @BeforeEach
    void openDialogOnALongMerge() throws Exception {
        List<String> base = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            base.add("Line " + i + ": the quick brown fox jumps over the lazy dog.");
        }
        List<String> mine = new ArrayList<>(base);
        List<String> theirs = new ArrayList<>(base);
        // from the bottom up, so earlier indexes stay valid
        for (int c = CHANGES - 1; c >= 0; c--) {
            int k = c * (LINES / CHANGES) + 50;
            if (c % 2 == 0) {
                theirs.subList(k + 20, k + 20 + DELETED_THEIRS_LINES).clear();
            }
            theirs.set(k, theirs.get(k).replace("quick brown", "sleepy grey"));
            mine.set(k, mine.get(k).replace("quick brown", "slow red"));
            for (int e = 0; e < EXTRA_MINE_LINES; e++) {
                mine.add(k + 1, "Mine's extra line " + e + " after change " + c + ".");
            }
        }
        Instant now = Instant.now();
        Note baseNote = new Note("long", "Long note", text(base), List.of(), 1, new ETag("v1"), now, "alice");
        Note theirsNote = new Note("long", "Long note", text(theirs), List.of(), 2, new ETag("v2"), now, "alice");
        NoteContent mineContent = new NoteContent("Long note", text(mine), List.of());
        MergeInput input = MergeInput.prepare(new HistogramMerger(), baseNote, mineContent, theirsNote);
        merge = input.body();
        MergeConflictHandler handler = new MergeConflictHandler(null, Runnable::run, new HistogramMerger());
        handler.softWrapProperty().set(softWrap());
        dialog = WaitForAsyncUtils.asyncFx(() -> handler.open(input, new WriteAtOnce(new NoServer()), outcome -> { })).get(20, TimeUnit.SECONDS);
        for (Pane p : List.of(Pane.MINE, Pane.RESULT, Pane.THEIRS)) {
            areas.put(p, robot.from(robot.rootNode(dialog)).lookup("#pane-" + p.name().toLowerCase(Locale.ROOT)).queryAs(CodeArea.class));
        }
        // the dialog opens on the first conflict; wait until every pane is laid out
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> areas.values().stream().allMatch(a -> topLine(a) >= 0)));
    }

    /** Soft wrap on, as the dialog opens by default (its lines are short enough not to wrap in most panes). */
    boolean softWrap() {
        return true;
    }

    private static String text(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void theDialogOpensWithItsFirstConflictInViewInEveryPane() throws Exception {
        int conflict = conflictIndex(0);
        for (Pane p : areas.keySet()) {
            assertTrue(range(p, conflict).start() > 40, "not on the first screen anyway: " + p + " " + range(p, conflict));
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> areas.entrySet().stream().allMatch(e -> {
            int line = range(e.getKey(), conflict).start();
            CodeArea a = e.getValue();
            return a.firstVisibleParToAllParIndex() <= line && line <= a.lastVisibleParToAllParIndex();
        })));
    }

    @Test
    void scrollingTheResultFarDownBringsMineAndTheirsToTheSameChunk() throws Exception {
        scrollFarAndExpectTheSameChunkEverywhere(Pane.RESULT);
    }

    @Test
    void scrollingMineFarDownBringsResultAndTheirsToTheSameChunk() throws Exception {
        scrollFarAndExpectTheSameChunkEverywhere(Pane.MINE);
    }

    @Test
    void scrollingTheirsFarDownBringsMineAndResultToTheSameChunk() throws Exception {
        scrollFarAndExpectTheSameChunkEverywhere(Pane.THEIRS);
    }

    @Test
    void jumpingToTheEndOfTheResultWithTheKeyboardTakesMineAndTheirsAlong() throws Exception {
        CodeArea result = areas.get(Pane.RESULT);
        robot.clickOn(result);
        robot.press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> topLine(result) > LINES / 2));
        int chunk = onFx(() -> chunkAt(Pane.RESULT, topLine(result)));
        awaitSameChunkAtTop(Pane.RESULT, chunk);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The user makes {@code source} lead (a click in it, as the dialog follows the pane last clicked, scrolled or
     * typed in), then it scrolls so that a conflict three quarters down is at its top; the other panes must follow.
     */
    private void scrollFarAndExpectTheSameChunkEverywhere(Pane source) throws Exception {
        CodeArea area = areas.get(source);
        robot.clickOn(area);
        int conflict = conflictIndex(CHANGES * 3 / 4);
        int line = range(source, conflict).start();
        assertTrue(line > 2000, "far down the note, not on the first screens: line " + line);
        robot.interact(() -> area.showParagraphAtTop(line));
        awaitSameChunkAtTop(source, conflict);
        // and the mapping is by chunk, not by line number: the sides' line numbers differ by now
        int mineTop = onFx(() -> topLine(areas.get(Pane.MINE)));
        int theirsTop = onFx(() -> topLine(areas.get(Pane.THEIRS)));
        assertTrue(mineTop - theirsTop > 100, "mine " + mineTop + " vs theirs " + theirsTop);
    }

    /** Waits until every one of Mine, Result and Theirs has a line of chunk {@code chunk} at its top. */
    private void awaitSameChunkAtTop(Pane source, int chunk) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> {
                for (Pane p : areas.keySet()) {
                    if (chunkAt(p, topLine(areas.get(p))) != chunk) {
                        return false;
                    }
                }
                return true;
            }));
        } catch (java.util.concurrent.TimeoutException e) {
            Map<Pane, String> seen = onFx(() -> {
                Map<Pane, String> m = new EnumMap<>(Pane.class);
                areas.forEach((p, a) -> m.put(p, "top line " + topLine(a) + " in chunk " + chunkAt(p, topLine(a))
                        + ", chunk " + chunk + " is lines " + range(p, chunk)));
                return m;
            });
            assertEquals("every pane at chunk " + chunk, seen.toString(), "scrolled " + source);
        }
    }

    /** The chunk index of the {@code n}-th conflict (0-based) of the merge. */
    private int conflictIndex(int n) {
        int seen = 0;
        for (int i = 0; i < merge.chunks().size(); i++) {
            if (merge.chunks().get(i).kind() == ChunkKind.CONFLICT && seen++ == n) {
                return i;
            }
        }
        throw new AssertionError("only " + seen + " conflicts");
    }

    /**
     * Lines {@code [start, end)} of chunk {@code i} in a pane: the engine's ranges for Mine and Theirs; for the
     * Result, the lines of each chunk's merged text (base text for an open conflict, as the dialog starts).
     */
    private LineRange range(Pane pane, int i) {
        return switch (pane) {
            case MINE -> merge.chunks().get(i).mine();
            case THEIRS -> merge.chunks().get(i).theirs();
            case BASE -> merge.chunks().get(i).base();
            case RESULT -> {
                int start = 0;
                for (int k = 0; k < i; k++) {
                    start += resultLines(merge.chunks().get(k));
                }
                yield new LineRange(start, start + resultLines(merge.chunks().get(i)));
            }
        };
    }

    private static int resultLines(MergeChunk c) {
        String t = c.isConflict() ? c.baseText() : c.resultText();
        return (int) t.chars().filter(ch -> ch == '\n').count();
    }

    /** The chunk whose lines on that side include {@code line} ({@code -1}: none, e.g. past the end). */
    private int chunkAt(Pane pane, int line) {
        for (int i = 0; i < merge.chunks().size(); i++) {
            LineRange r = range(pane, i);
            if (r.start() <= line && line < r.end()) {
                return i;
            }
        }
        return -1;
    }

    private static int topLine(CodeArea a) {
        try {
            return a.getVisibleParagraphs().isEmpty() ? -1 : a.firstVisibleParToAllParIndex();
        } catch (RuntimeException notLaidOut) {
            return -1;
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
    }

    /** These tests never save: any call to the server would be a bug. */
    static final class NoServer implements NotesApi {
        private static <T> T never() {
            throw new AssertionError("the scrolling tests must not reach the server");
        }

        @Override public ApiResult<List<NoteSummary>> list() { return never(); }
        @Override public ApiResult<Note> get(String id) { return never(); }
        @Override public ApiResult<Note> create(NoteContent content) { return never(); }
        @Override public ApiResult<Note> createWithId(String id, NoteContent content) { return never(); }
        @Override public ApiResult<Note> update(String id, ETag ifMatch, NoteContent content) { return never(); }
        @Override public ApiResult<Void> delete(String id, ETag ifMatch) { return never(); }
        @Override public ApiResult<List<NoteSummary>> versions(String id) { return never(); }
        @Override public ApiResult<Note> version(String id, long version) { return never(); }
        @Override public String user() { return "bob"; }
    }
}
