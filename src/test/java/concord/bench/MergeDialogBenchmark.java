package concord.bench;

import concord.client.ApiResult;
import concord.client.NotesApi;
import concord.merge.HistogramMerger;
import concord.merge.MergeResult;
import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteSummary;
import concord.ui.merge.MergeConflictHandler;
import concord.ui.merge.MergeDialogViewModel;
import concord.ui.merge.MergeInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;

/**
 * How fast the merge dialog opens and scrolls on a 10,000-line note with 200 conflicts (and 400 one-sided
 * changes). Not a JUnit test. Run headless:
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=concord.bench.MergeDialogBenchmark \
 *     -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw
 * </pre>
 *
 * Figures: "open" is from the engine's result in hand to the dialog shown with its first layout and render
 * pulse done (view model, four RichTextFX areas filled and styled, stage shown); "scroll step" is from asking the
 * Result pane to scroll one screen to the pulse where all four panes show the aligned lines; "keystroke" is one
 * character typed into a conflict of the Result pane until the next pulse (segment bookkeeping and restyling).
 */
public final class MergeDialogBenchmark {

    private static final int LINES = 10_000;
    private static final int CONFLICTS = 200;
    private static final int ROUNDS = 3;

    private MergeDialogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int exit = 1;
        try {
            run();
            exit = 0;
        } catch (Throwable t) {
            t.printStackTrace();
        } finally {
            // the FX thread is not a daemon: without this a failed run would hang the build
            System.exit(exit);
        }
    }

    private static void run() throws Exception {
        String[] base = new String[LINES];
        for (int i = 0; i < LINES; i++) {
            base[i] = "Line " + i + ": the quick brown fox jumps over the lazy dog, then rests a while.\n";
        }
        String[] mine = base.clone();
        String[] theirs = base.clone();
        int spacing = LINES / CONFLICTS;
        for (int c = 0; c < CONFLICTS; c++) {
            int k = c * spacing + 5;
            mine[k] = mine[k].replace("quick brown", "slow red");
            theirs[k] = theirs[k].replace("quick brown", "sleepy grey");
            mine[k + 15] = mine[k + 15].replace("lazy", "patient");
            theirs[k + 30] = theirs[k + 30].replace("rests", "sleeps");
        }
        String b = String.join("", base);
        String m = String.join("", mine);
        String t = String.join("", theirs);
        Instant now = Instant.now();
        Note baseNote = new Note("bench", "Benchmark", b, List.of(), 1, new ETag("v1"), now, "alice");
        Note theirsNote = new Note("bench", "Benchmark", t, List.of(), 2, new ETag("v2"), now, "alice");
        NoteContent mineContent = new NoteContent("Benchmark", m, List.of());
        HistogramMerger merger = new HistogramMerger();

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);

        List<Double> engine = new ArrayList<>();
        List<Double> open = new ArrayList<>();
        List<Double> steps = new ArrayList<>();
        List<Double> keys = new ArrayList<>();
        int conflicts = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long e0 = System.nanoTime();
            MergeInput input = MergeInput.prepare(merger, baseNote, mineContent, theirsNote);
            engine.add(ms(System.nanoTime() - e0));
            MergeResult r = input.body();
            conflicts = r.conflictCount();

            MergeConflictHandler handler = new MergeConflictHandler(new NoServer(), Runnable::run, Platform::runLater, merger);
            Stage[] stage = new Stage[1];
            long t0 = System.nanoTime();
            AtomicLong shownAt = new AtomicLong();
            CountDownLatch shown = new CountDownLatch(1);
            Platform.runLater(() -> {
                stage[0] = handler.open(null, input, o -> { });
                System.err.printf(Locale.ROOT, "  open() returned after %.0f ms%n", ms(System.nanoTime() - t0));
                Scene scene = stage[0].getScene();
                Runnable[] self = new Runnable[1];
                self[0] = () -> {
                    CodeArea result = (CodeArea) scene.lookup("#pane-result");
                    if (result != null && !result.getVisibleParagraphs().isEmpty()) {
                        shownAt.set(System.nanoTime());
                        scene.removePostLayoutPulseListener(self[0]);
                        shown.countDown();
                    } else {
                        Platform.requestNextPulse();
                    }
                };
                scene.addPostLayoutPulseListener(self[0]);
            });
            System.err.println("round " + round + ": engine " + engine.get(round) + " ms, opening");
            if (!shown.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the dialog never showed");
            }
            // the post-layout listener runs before that pulse renders; wait for the render to finish too
            waitPulse(stage[0]);
            long t1 = System.nanoTime();
            open.add(ms(t1 - t0));

            Scene scene = stage[0].getScene();
            CodeArea result = (CodeArea) scene.lookup("#pane-result");
            CodeArea theirsArea = (CodeArea) scene.lookup("#pane-theirs");
            MergeDialogViewModel vm = (MergeDialogViewModel) stage[0].getUserData();
            onFx(result::requestFocus);
            int page = 40;
            for (int top = page; top < LINES - page; top += page) {
                int target = top;
                int expected = onFx(() -> vm.mapLine(MergeDialogViewModel.Pane.RESULT, target, MergeDialogViewModel.Pane.THEIRS));
                long s0 = System.nanoTime();
                Platform.runLater(() -> result.showParagraphAtTop(target));
                try {
                    waitUntil(stage[0], () -> theirsArea.firstVisibleParToAllParIndex() == expected
                            && result.firstVisibleParToAllParIndex() == target);
                } catch (IllegalStateException e) {
                    String seen = onFx(() -> "result top " + result.firstVisibleParToAllParIndex() + " (wanted " + target
                            + "), theirs top " + theirsArea.firstVisibleParToAllParIndex() + " (wanted " + expected + "), focus "
                            + result.getScene().getFocusOwner());
                    throw new IllegalStateException(seen, e);
                }
                steps.add(ms(System.nanoTime() - s0));
            }
            for (int k = 0; k < 50; k++) {
                int c = k;
                long k0 = System.nanoTime();
                onFx(() -> {
                    vm.nextConflict();
                    int[] range = vm.resultRange(vm.currentChunkProperty().get());
                    result.insertText(range[0], "x");
                    return c;
                });
                waitPulse(stage[0]);
                keys.add(ms(System.nanoTime() - k0));
            }
            onFx(() -> {
                stage[0].close();
                return 0;
            });
        }
        System.out.printf(Locale.ROOT, "note: %d lines, %d conflicts, %d rounds (first round includes JIT warm-up)%n", LINES, conflicts, ROUNDS);
        System.out.printf(Locale.ROOT, "engine (MergeInput.prepare):             %s%n", stats(engine));
        System.out.printf(Locale.ROOT, "open: engine result -> shown and laid out: %s%n", stats(open));
        System.out.printf(Locale.ROOT, "scroll step (one screen, 4 panes synced): %s  (%d steps)%n", stats(steps), steps.size());
        System.out.printf(Locale.ROOT, "keystroke in a conflict (to next pulse):  %s  (%d keys)%n", stats(keys), keys.size());
        Platform.exit();
    }

    private static String stats(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double p95 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.95) - 1)];
        StringBuilder rounds = new StringBuilder();
        if (a.length <= ROUNDS) {
            for (double x : a) {
                rounds.append(String.format(Locale.ROOT, " %.0f", x));
            }
        }
        return String.format(Locale.ROOT, "median %.1f ms, p95 %.1f ms, max %.1f ms%s", median, p95, sorted[sorted.length - 1],
                rounds.length() > 0 ? "  [per round:" + rounds + " ms]" : "");
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private interface FxCall<T> {
        T call();
    }

    private static <T> T onFx(FxCall<T> call) throws InterruptedException {
        Object[] out = new Object[1];
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            out[0] = call.call();
            done.countDown();
        });
        done.await();
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }

    private static void onFx(Runnable r) throws InterruptedException {
        onFx(() -> {
            r.run();
            return 0;
        });
    }

    /** Waits for one complete layout-and-render pulse of the stage's scene. */
    private static void waitPulse(Stage stage) throws InterruptedException {
        waitUntil(stage, () -> true);
    }

    /** Waits for the first pulse after which {@code condition} holds (checked on the FX thread after layout). */
    private static void waitUntil(Stage stage, BooleanSupplier condition) throws InterruptedException {
        CountDownLatch ok = new CountDownLatch(1);
        Platform.runLater(() -> {
            Scene scene = stage.getScene();
            Runnable[] self = new Runnable[1];
            self[0] = () -> {
                boolean holds;
                try {
                    holds = condition.getAsBoolean();
                } catch (RuntimeException notLaidOutYet) {
                    holds = false;
                }
                if (holds) {
                    scene.removePostLayoutPulseListener(self[0]);
                    ok.countDown();
                } else {
                    Platform.requestNextPulse();
                }
            };
            scene.addPostLayoutPulseListener(self[0]);
            Platform.requestNextPulse();
        });
        if (!ok.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("condition never held within 30 s");
        }
    }

    /** The benchmark never saves: every call would be a bug. */
    private static final class NoServer implements NotesApi {
        @Override public ApiResult<List<NoteSummary>> list() { throw new UnsupportedOperationException(); }
        @Override public ApiResult<Note> get(String id) { throw new UnsupportedOperationException(); }
        @Override public ApiResult<Note> create(NoteContent content) { throw new UnsupportedOperationException(); }
        @Override public ApiResult<Note> createWithId(String id, NoteContent content) { throw new UnsupportedOperationException(); }
        @Override public ApiResult<Note> update(String id, ETag ifMatch, NoteContent content) { throw new UnsupportedOperationException(); }
        @Override public ApiResult<Void> delete(String id, ETag ifMatch) { throw new UnsupportedOperationException(); }
        @Override public ApiResult<List<NoteSummary>> versions(String id) { throw new UnsupportedOperationException(); }
        @Override public ApiResult<Note> version(String id, long version) { throw new UnsupportedOperationException(); }
        @Override public String user() { return "bench"; }
    }
}
