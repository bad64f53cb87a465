package concord.bench;

import concord.client.ApiResult;
import concord.client.NotesApi;
import concord.merge.HistogramMerger;
import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteSummary;
import concord.ui.Theme;
import concord.ui.conflict.WriteAtOnce;
import concord.ui.merge.MergeConflictHandler;
import concord.ui.merge.MergeDialogViewModel;
import concord.ui.merge.Pane;
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
 * changes). Not a JUnit test. Any failure ends the run with status 1 and no figures: an exception on the FX thread
 * (rethrown by {@code onFx}), a merge without exactly the 200 conflicts built in, panes never in step, keystrokes
 * that did not all reach the Result pane. Run headless:
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=concord.bench.MergeDialogBenchmark \
 *     -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw
 * </pre>
 *
 * Options: {@code -Dbench.warmup=N} unmeasured opens after the first (default 3), {@code -Dbench.opens=N} measured
 * opens (default 9), {@code -Dbench.only=open} to skip scrolling and typing, {@code -Dbench.sceneTheme=true} to put
 * the theme on the dialog's scene instead of as the user-agent stylesheet (the app uses the latter).
 *
 * <p>Figures. "Open" runs from the engine's result in hand (the {@link MergeInput} prepared, as the handler has it
 * on the I/O thread) to the FX thread being through with the first pulse that shows the current conflict in the
 * Mine, Result and Theirs panes: view model, areas filled and styled, stage shown, every pulse in between. The
 * first open of the JVM (class loading, CSS parsing, JIT) is reported apart as "cold"; the warm figures are later
 * opens after a few unmeasured ones, each after a {@code System.gc()} so that an earlier dialog's garbage is not
 * collected on its account. "Scroll" steps move the Result pane (one screen at a time top to bottom, then one
 * wheel notch's worth of pixels at a time bottom up) and end with the pulse where Mine and Theirs show the aligned
 * lines; latency includes waiting for the pulse timer, "FX thread busy" is the step itself plus that pulse.
 * "FX thread CPU" is the FX thread's CPU time over the same span: on a shared, loaded machine it moves much less
 * than wall time, so compare it first. "Keystroke" is one character typed into a conflict of the Result pane
 * until the next pulse.
 */
public final class MergeDialogBenchmark {

    private static final int LINES = 10_000;
    private static final int CONFLICTS = 200;
    private static final int WARMUP_OPENS = Integer.getInteger("bench.warmup", 3);
    private static final int MEASURED_OPENS = Integer.getInteger("bench.opens", 9);
    private static final int NOTCHES = 150;
    private static final int NOTCH_PIXELS = 48;

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
        if (!Boolean.getBoolean("bench.sceneTheme")) {
            // as the app does (DesktopApp): the theme is the user-agent stylesheet of every window
            onFx(() -> Theme.LIGHT.apply());
        }

        List<Double> engine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long e0 = System.nanoTime();
            MergeInput.prepare(merger, baseNote, mineContent, theirsNote);
            engine.add(ms(System.nanoTime() - e0));
        }
        MergeInput input = MergeInput.prepare(merger, baseNote, mineContent, theirsNote);
        int conflicts = input.body().conflictCount();
        // the figures are only about the dialog this benchmark means to open: the engine's result must be it
        if (conflicts != CONFLICTS) {
            throw new IllegalStateException("the merge has " + conflicts + " conflicts, not the " + CONFLICTS + " built in");
        }

        // open: the first (cold: class loading, CSS parsing, JIT) apart; then unmeasured warm-ups; then the figures
        double cold = -1;
        List<Double> open = new ArrayList<>();
        List<Double> openShowCall = new ArrayList<>();
        List<Double> openCpu = new ArrayList<>();
        Stage kept = null;
        for (int i = 0; i < 1 + WARMUP_OPENS + MEASURED_OPENS; i++) {
            if (i > 0) {
                // garbage of the previous dialogs is not this open's cost
                System.gc();
            }
            Opened o = open(merger, input);
            System.err.printf(Locale.ROOT, "open %d: %.0f ms (open() call %.0f ms, FX thread CPU %.0f ms)%n", i, o.total, o.call, o.cpu);
            if (i == 0) {
                cold = o.total;
            } else if (i > WARMUP_OPENS) {
                open.add(o.total);
                openShowCall.add(o.call);
                openCpu.add(o.cpu);
            }
            if (i < WARMUP_OPENS + MEASURED_OPENS) {
                onFx(() -> o.stage.close());
            } else {
                kept = o.stage;
            }
        }
        Stage stage = kept;
        if ("open".equals(System.getProperty("bench.only"))) {
            System.out.printf(Locale.ROOT, "open, cold: %.1f ms; warm: %s; FX thread CPU %s%n", cold, stats(open), stats(openCpu));
            Platform.exit();
            return;
        }

        Scene scene = stage.getScene();
        CodeArea result = (CodeArea) scene.lookup("#pane-result");
        CodeArea mineArea = (CodeArea) scene.lookup("#pane-mine");
        CodeArea theirsArea = (CodeArea) scene.lookup("#pane-theirs");
        MergeDialogViewModel vm = (MergeDialogViewModel) stage.getUserData();
        onFx(result::requestFocus);

        // one screen at a time, top to bottom
        List<Double> pageLatency = new ArrayList<>();
        List<Double> pageBusy = new ArrayList<>();
        List<Double> pageCpu = new ArrayList<>();
        int page = 40;
        for (int top = page; top < LINES - page; top += page) {
            int target = top;
            int expectedTheirs = onFx(() -> vm.lines().mapLine(Pane.RESULT, target, Pane.THEIRS));
            int expectedMine = onFx(() -> vm.lines().mapLine(Pane.RESULT, target, Pane.MINE));
            Step s = step(stage, () -> result.showParagraphAtTop(target),
                    () -> result.firstVisibleParToAllParIndex() == target
                            && theirsArea.firstVisibleParToAllParIndex() == expectedTheirs
                            && mineArea.firstVisibleParToAllParIndex() == expectedMine);
            pageLatency.add(s.latency);
            pageBusy.add(s.busy);
            pageCpu.add(s.cpu);
        }
        // a wheel notch (3 lines' worth of pixels) at a time, bottom to top
        onFx(() -> result.showParagraphAtTop(LINES - 100));
        waitPulse(stage);
        List<Double> notchLatency = new ArrayList<>();
        List<Double> notchBusy = new ArrayList<>();
        List<Double> notchCpu = new ArrayList<>();
        for (int k = 0; k < NOTCHES; k++) {
            int before = onFx(result::firstVisibleParToAllParIndex);
            Step s = step(stage, () -> result.scrollYBy(-NOTCH_PIXELS),
                    () -> {
                        int top = result.firstVisibleParToAllParIndex();
                        return top < before
                                && theirsArea.firstVisibleParToAllParIndex() == vm.lines().mapLine(Pane.RESULT, top, Pane.THEIRS)
                                && mineArea.firstVisibleParToAllParIndex() == vm.lines().mapLine(Pane.RESULT, top, Pane.MINE);
                    });
            notchLatency.add(s.latency);
            notchBusy.add(s.busy);
            notchCpu.add(s.cpu);
        }

        List<Double> keys = new ArrayList<>();
        int lengthBefore = onFx(result::getLength);
        for (int k = 0; k < 50; k++) {
            long k0 = System.nanoTime();
            onFx(() -> {
                vm.chunks().next();
                int[] range = vm.chunks().resultRange(vm.chunks().currentChunkProperty().get());
                result.insertText(range[0], "x");
            });
            waitPulse(stage);
            keys.add(ms(System.nanoTime() - k0));
        }
        int typed = onFx(result::getLength) - lengthBefore;
        if (typed != keys.size()) {
            throw new IllegalStateException(keys.size() + " keystrokes typed but the Result pane grew by " + typed);
        }
        onFx(stage::close);

        System.out.printf(Locale.ROOT, "note: %d lines, %d conflicts; %d cores, load average at the end %.1f%n", LINES, conflicts,
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "engine (MergeInput.prepare, 3 runs):      %s%n", stats(engine));
        System.out.printf(Locale.ROOT, "open, cold (first dialog of the JVM):     %.1f ms%n", cold);
        System.out.printf(Locale.ROOT, "open, warm (%d opens after %d unmeasured): %s%n", MEASURED_OPENS, WARMUP_OPENS, stats(open));
        System.out.printf(Locale.ROOT, "   of which the open() call (build, fill, show): %s%n", stats(openShowCall));
        System.out.printf(Locale.ROOT, "   FX thread CPU time for the whole open:       %s%n", stats(openCpu));
        System.out.printf(Locale.ROOT, "scroll one screen (%d lines), 3 panes in step (%d steps):%n", page, pageLatency.size());
        System.out.printf(Locale.ROOT, "   latency (request -> in-step pulse through): %s%n", stats(pageLatency));
        System.out.printf(Locale.ROOT, "   FX thread busy (wall):                      %s%n", stats(pageBusy));
        System.out.printf(Locale.ROOT, "   FX thread CPU time:                         %s%n", stats(pageCpu));
        System.out.printf(Locale.ROOT, "scroll one wheel notch (%d px), 3 panes in step (%d steps):%n", NOTCH_PIXELS, notchLatency.size());
        System.out.printf(Locale.ROOT, "   latency (request -> in-step pulse through): %s%n", stats(notchLatency));
        System.out.printf(Locale.ROOT, "   FX thread busy (wall):                      %s%n", stats(notchBusy));
        System.out.printf(Locale.ROOT, "   FX thread CPU time:                         %s%n", stats(notchCpu));
        System.out.printf(Locale.ROOT, "keystroke in a conflict (to the next pulse):  %s  (%d keys)%n", stats(keys), keys.size());
        Platform.exit();
    }

    /** CPU time of the calling thread (the FX thread): what load on the other cores barely changes. */
    private static long fxCpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private record Opened(Stage stage, double total, double call, double cpu) {
    }

    /**
     * Opens a dialog the way the handler does once the engine has returned, and times it until the FX thread has
     * finished the pulse that shows the current conflict in the Mine, Result and Theirs panes (the frame is then
     * handed to the renderer). Includes every pulse in between, however many the dialog needs.
     */
    private static Opened open(HistogramMerger merger, MergeInput input) throws InterruptedException {
        MergeConflictHandler handler = new MergeConflictHandler(null, Runnable::run, Platform::runLater, merger);
        Stage[] stage = new Stage[1];
        double[] call = new double[1];
        AtomicLong done = new AtomicLong();
        long[] cpu = new long[2];
        CountDownLatch shown = new CountDownLatch(1);
        long t0 = System.nanoTime();
        Platform.runLater(() -> {
            cpu[0] = fxCpu();
            long c0 = System.nanoTime();
            stage[0] = handler.open(input, new WriteAtOnce(new NoServer()), o -> { });
            call[0] = ms(System.nanoTime() - c0);
            Scene scene = stage[0].getScene();
            MergeDialogViewModel vm = (MergeDialogViewModel) stage[0].getUserData();
            Runnable[] self = new Runnable[1];
            self[0] = () -> {
                if (currentConflictVisible(scene, vm)) {
                    scene.removePostLayoutPulseListener(self[0]);
                    // runs after this pulse is through (runLater work waits behind the pulse)
                    Platform.runLater(() -> {
                        done.set(System.nanoTime());
                        cpu[1] = fxCpu();
                        shown.countDown();
                    });
                } else {
                    Platform.requestNextPulse();
                }
            };
            scene.addPostLayoutPulseListener(self[0]);
        });
        if (!shown.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the dialog never showed its current conflict");
        }
        return new Opened(stage[0], ms(done.get() - t0), call[0], ms(cpu[1] - cpu[0]));
    }

    private static boolean currentConflictVisible(Scene scene, MergeDialogViewModel vm) {
        int i = vm.chunks().currentChunkProperty().get();
        if (i < 0) {
            return false;
        }
        for (Pane p : List.of(Pane.MINE, Pane.RESULT, Pane.THEIRS)) {
            CodeArea a = (CodeArea) scene.lookup("#pane-" + p.name().toLowerCase(Locale.ROOT));
            if (a == null) {
                return false;
            }
            try {
                int line = vm.lines().firstLine(p, i);
                int first = a.firstVisibleParToAllParIndex();
                int last = a.lastVisibleParToAllParIndex();
                if (line < first || line > last || a.getVisibleParagraphs().isEmpty()) {
                    return false;
                }
            } catch (RuntimeException notLaidOut) {
                return false;
            }
        }
        return true;
    }

    private record Step(double latency, double busy, double cpu) {
    }

    /**
     * Runs {@code action} on the FX thread and waits for the pulse after which {@code inStep} holds. Latency: from
     * posting the action to the FX thread being through with that pulse (it includes waiting for the pulse timer).
     * Busy: the action itself plus that pulse (CSS, layout, the followers' sync, handing the frame to the renderer).
     */
    private static Step step(Stage stage, Runnable action, BooleanSupplier inStep) throws InterruptedException {
        CountDownLatch ok = new CountDownLatch(1);
        long[] t = new long[4]; // posted, action start, action end, done
        long[] cpu = new long[2];
        long[] pulseStart = new long[2]; // the latest pulse's start, and the in-step pulse's
        t[0] = System.nanoTime();
        Platform.runLater(() -> {
            Scene scene = stage.getScene();
            Runnable pre = () -> pulseStart[0] = System.nanoTime();
            Runnable[] post = new Runnable[1];
            post[0] = () -> {
                boolean holds;
                try {
                    holds = inStep.getAsBoolean();
                } catch (RuntimeException notLaidOutYet) {
                    holds = false;
                }
                if (holds) {
                    pulseStart[1] = pulseStart[0];
                    scene.removePostLayoutPulseListener(post[0]);
                    scene.removePreLayoutPulseListener(pre);
                    Platform.runLater(() -> {
                        t[3] = System.nanoTime();
                        cpu[1] = fxCpu();
                        ok.countDown();
                    });
                } else {
                    Platform.requestNextPulse();
                }
            };
            scene.addPreLayoutPulseListener(pre);
            scene.addPostLayoutPulseListener(post[0]);
            t[1] = System.nanoTime();
            cpu[0] = fxCpu();
            action.run();
            t[2] = System.nanoTime();
            Platform.requestNextPulse();
        });
        if (!ok.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the panes were never in step within 30 s");
        }
        return new Step(ms(t[3] - t[0]), ms((t[2] - t[1]) + (t[3] - pulseStart[1])), ms(cpu[1] - cpu[0]));
    }

    private static String stats(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double p95 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.95) - 1)];
        StringBuilder rounds = new StringBuilder();
        if (a.length <= 12) {
            for (double x : a) {
                rounds.append(String.format(Locale.ROOT, " %.0f", x));
            }
        }
        return String.format(Locale.ROOT, "median %.1f ms, p95 %.1f ms, max %.1f ms%s", median, p95, sorted[sorted.length - 1],
                rounds.length() > 0 ? "  [each:" + rounds + " ms]" : "");
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private interface FxCall<T> {
        T call();
    }

    /** Runs {@code call} on the FX thread and returns its value; what it throws is thrown here (the run fails). */
    private static <T> T onFx(FxCall<T> call) throws InterruptedException {
        Object[] out = new Object[1];
        Throwable[] failure = new Throwable[1];
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                out[0] = call.call();
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                done.countDown();
            }
        });
        if (!done.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the FX thread did not run a call within 300 s");
        }
        if (failure[0] != null) {
            throw new IllegalStateException("failed on the FX thread: " + failure[0], failure[0]);
        }
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
