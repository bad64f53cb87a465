package concord.bench;

import concord.merge.ConflictMarkerFormatter;
import concord.merge.HistogramMerger;
import concord.merge.MarkerStyle;
import concord.merge.MergeOptions;
import concord.merge.MergeResult;
import concord.merge.ThreeWayMerger;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Speed of the merge engine against {@code git merge-file}, side by side in one run, on generated 1 MB
 * and 10 MB prose with thousands of scattered edits on both sides (some overlapping).
 *
 * <pre>
 * mvn -B -q -DskipTests package &amp;&amp; mvn -B -q test-compile exec:java -Dexec.mainClass=concord.bench.MergeBenchmark
 * </pre>
 * Measures (a) the engine in-process, steady state (warm-up, then the median of several runs), refine on
 * and off; (b) {@code git merge-file -p} wall time; (c) {@code java -jar target/concord.jar merge-file -p}
 * wall time, JVM start included; (d) (c) on 10 MB with {@code -Xmx256m}. Bounded: every run has a time
 * limit and the whole benchmark a deadline, after which remaining measurements are skipped and said so.
 * System properties: {@code bench.sizes} (MB, default "1,10"), {@code bench.runs} (5), {@code bench.warmups}
 * (3), {@code bench.runTimeout} (s per run, 120), {@code bench.deadline} (s in all, 1200),
 * {@code bench.profile} (auto|true|false), {@code concord.jar} (target/concord.jar).
 */
public final class MergeBenchmark {

    private static final PrintStream OUT = System.out;

    private final int runs = Integer.getInteger("bench.runs", 5);
    private final int warmups = Integer.getInteger("bench.warmups", 3);
    private final long runTimeout = Long.getLong("bench.runTimeout", 120);
    private final long deadlineNanos = System.nanoTime() + Long.getLong("bench.deadline", 1200) * 1_000_000_000L;
    private final String profile = System.getProperty("bench.profile", "auto");
    private final Path jar = Path.of(System.getProperty("concord.jar", "target/concord.jar"));
    private final Path dir = Path.of(System.getProperty("bench.dir", "target/bench/merge"));
    private final ThreeWayMerger engine = new HistogramMerger();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** One line of the result table; {@code nanos} &lt; 0 means not measured, with the reason in {@code note}. */
    record Row(String size, String what, long nanos, Long gitNanos, String note) {
    }

    /** The three inputs of one case on disk, plus what the generator did. */
    record Inputs(String label, Path base, Path mine, Path theirs, String baseText, String mineText, String theirsText,
                  String description) {
    }

    public static void main(String[] args) throws Exception {
        new MergeBenchmark().run();
    }

    private void run() throws Exception {
        Files.createDirectories(dir);
        OUT.printf("Merge benchmark: %d runs after %d warm-ups each, median; %d cores; in-process max heap %d MB; java %s%n",
                runs, warmups, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        String gitVersion = gitVersion();
        OUT.println("git: " + (gitVersion == null ? "not found (git columns skipped)" : gitVersion));
        OUT.println("jar: " + jar + (Files.isRegularFile(jar) ? "" : " (missing: run `mvn -B -q -DskipTests package` first)"));

        long jvmStart = measureJvmStart();
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "1,10").split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        Inputs largest = null;
        Long largestGit = null;
        Long largestEngine = null;
        Long largestCli = null;
        for (int mb : sizes) {
            Inputs in = generate(mb);
            OUT.println(in.description());
            String size = mb + " MB";
            Long git = gitVersion == null ? null : median(size, "git merge-file -p (wall)", () -> gitOnce(in), null);
            if (git != null && git < 0) {
                git = null;
            }
            Long engineRefine = engineRows(in, size, MergeOptions.DEFAULT, "refine", git);
            engineRows(in, size, MergeOptions.LINE_ONLY, "no-refine", git);
            Long cli = median(size, "concord merge-file -p (wall, JVM start incl.)", () -> cliOnce(in, List.of(), List.of()), git);
            median(size, "concord merge-file -p --no-refine (wall)", () -> cliOnce(in, List.of(), List.of("--no-refine")), git);
            largest = in;
            largestGit = git;
            largestEngine = engineRefine;
            largestCli = cli != null && cli >= 0 ? cli : null;
        }
        if (largest != null) {
            lowHeapRun(largest);
        }
        printTable(jvmStart);
        verdict(largest, largestGit, largestEngine, largestCli);
        boolean missed = largestGit != null && (largestEngine == null || largestEngine > largestGit);
        if (largest != null && ("true".equals(profile) || ("auto".equals(profile) && missed && largestEngine != null))) {
            profileEngine(largest);
        }
        notes.forEach(n -> OUT.println("note: " + n));
    }

    // ---------------------------------------------------------------- inputs

    private Inputs generate(int mb) throws IOException {
        MergeTextGenerator gen = new MergeTextGenerator(20261126L + mb);
        List<String> base = gen.document(mb * 1024 * 1024);
        // one edit per 12 lines on each side: ~1,200 edits a side per MB, a tenth of theirs on lines mine also edits
        MergeEditScript mine = MergeEditScript.random(base, gen, 12, null, 0);
        MergeEditScript theirs = MergeEditScript.random(base, gen, 12, mine, 0.10);
        String baseText = String.join("", base);
        String mineText = mine.apply(base);
        String theirsText = theirs.apply(base);
        Path d = dir.resolve(mb + "mb");
        Files.createDirectories(d);
        Path b = write(d.resolve("base.txt"), baseText);
        Path m = write(d.resolve("mine.txt"), mineText);
        Path t = write(d.resolve("theirs.txt"), theirsText);
        String desc = String.format("%d MB input: base %,d lines / %,d bytes; mine %,d edits (%s); theirs %,d edits (%s), ~10%% on lines mine edits; files in %s",
                mb, base.size(), baseText.getBytes(StandardCharsets.UTF_8).length,
                mine.total(), kinds(mine), theirs.total(), kinds(theirs), d);
        return new Inputs(mb + " MB", b, m, t, baseText, mineText, theirsText, desc);
    }

    private static String kinds(MergeEditScript s) {
        StringBuilder sb = new StringBuilder();
        for (MergeEditScript.Kind k : MergeEditScript.Kind.values()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(k.name().toLowerCase()).append(' ').append(s.count(k));
        }
        return sb.toString();
    }

    private static Path write(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    // ---------------------------------------------------------------- measurements

    @FunctionalInterface
    interface Timed {
        /** One run: its time in ns, or -1 when it failed (the failure is recorded as a note). */
        long once() throws Exception;
    }

    /** Warm-up then median of {@code runs}; adds a row. Returns the median, or -1 if it could not be measured. */
    private Long median(String size, String what, Timed timed, Long git) throws Exception {
        return median(size, what, timed, git, warmups);
    }

    private Long median(String size, String what, Timed timed, Long git, int warm) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < warm + runs; i++) {
            if (System.nanoTime() > deadlineNanos) {
                rows.add(new Row(size, what, -1, git, times.isEmpty() ? "skipped: benchmark deadline reached" : "deadline: " + times.size() + " runs"));
                return times.isEmpty() ? -1L : med(times);
            }
            long t = timed.once();
            if (t < 0) {
                rows.add(new Row(size, what, -1, git, "failed (see notes)"));
                return -1L;
            }
            if (t > runTimeout * 1_000_000_000L / 4 && i < warm) {
                warm = i; // a slow run needs no more warming, and the budget is better spent measuring
            }
            if (i >= warm) {
                times.add(t);
            }
            if (t > runTimeout * 1_000_000_000L / 2 && !times.isEmpty()) {
                break; // a run this slow: one measurement says enough, keep the benchmark bounded
            }
        }
        long m = med(times);
        rows.add(new Row(size, what + (times.size() < runs ? " [" + times.size() + " runs]" : ""), m, git, null));
        return m;
    }

    private static long med(List<Long> times) {
        List<Long> s = new ArrayList<>(times);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    /** Rows for merge alone and merge + formatting the text; returns the merge-alone median. */
    private Long engineRows(Inputs in, String size, MergeOptions options, String label, Long git) throws Exception {
        List<Long> mergeTimes = new ArrayList<>();
        int[] conflicts = {-1};
        Long total = median(size, "engine in-process, " + label + ": merge + format", () -> {
            long[] split = engineOnce(in, options, conflicts);
            if (split == null) {
                return -1;
            }
            mergeTimes.add(split[0]);
            return split[1];
        }, git, warmups + (in.baseText().length() < 2_000_000 ? 3 : 0));
        if (total == null || total < 0) {
            return null;
        }
        // the merge-alone times of the measured runs are the last mergeTimes (warm-ups came first)
        int measured = Math.min(runs, mergeTimes.size());
        long mergeOnly = med(mergeTimes.subList(mergeTimes.size() - measured, mergeTimes.size()));
        rows.add(rows.size() - 1, new Row(size, "engine in-process, " + label + ": merge only", mergeOnly, git,
                conflicts[0] + " conflicts"));
        return mergeOnly;
    }

    /** One engine run on a worker thread with a time limit: {merge ns, merge+format ns}, or null on failure. */
    @SuppressWarnings("deprecation")
    private long[] engineOnce(Inputs in, MergeOptions options, int[] conflicts) throws InterruptedException {
        AtomicReference<long[]> times = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                long t0 = System.nanoTime();
                MergeResult r = engine.merge(in.baseText(), in.mineText(), in.theirsText(), options);
                long t1 = System.nanoTime();
                String text = new ConflictMarkerFormatter(MarkerStyle.MERGE, "mine", "base", "theirs").format(r);
                long t2 = System.nanoTime();
                if (text.isEmpty() && !in.baseText().isEmpty()) {
                    throw new IllegalStateException("formatter returned empty text");
                }
                conflicts[0] = r.conflictCount();
                times.set(new long[] {t1 - t0, t2 - t0});
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "merge-bench-worker");
        worker.setDaemon(true);
        worker.start();
        worker.join(runTimeout * 1000);
        if (worker.isAlive()) {
            // a merge past the limit would otherwise keep a core busy for the rest of the run
            worker.stop();
            note("engine (" + (options.refine() ? "refine" : "no-refine") + ") on " + in.label() + " exceeded " + runTimeout + " s");
            return null;
        }
        if (failure.get() != null) {
            note("engine (" + (options.refine() ? "refine" : "no-refine") + ") on " + in.label() + " failed: " + failure.get());
            return null;
        }
        return times.get();
    }

    private long gitOnce(Inputs in) throws Exception {
        Path d = in.base().getParent();
        MergeProcess.Run r = MergeProcess.run(List.of("git", "merge-file", "-p", in.mine().toString(), in.base().toString(), in.theirs().toString()),
                d.resolve("git.out"), d.resolve("git.err"), runTimeout);
        if (r.timedOut() || r.exit() < 0 || r.exit() > 127) {
            note("git merge-file on " + in.label() + ": exit " + r.exit() + " " + r.stderrText().strip());
            return -1;
        }
        // the exit status saturates at 127: count the markers instead
        gitConflicts = r.exit() == 0 ? 0 : countMarkers(r.stdout());
        return r.nanos();
    }

    private int gitConflicts = -1;

    private static int countMarkers(Path merged) throws IOException {
        try (var lines = Files.lines(merged, StandardCharsets.UTF_8)) {
            return (int) lines.filter(l -> l.startsWith("<<<<<<< ")).count();
        }
    }

    private long cliOnce(Inputs in, List<String> jvmOptions, List<String> options) throws Exception {
        MergeProcess.Run r = cli(in, jvmOptions, options, "cli");
        if (r.timedOut() || r.exit() == 255 || r.exit() < 0 || r.stderrText().contains("Exception") || r.stderrText().contains("Error")) {
            note("concord merge-file " + String.join(" ", jvmOptions) + " " + String.join(" ", options) + " on " + in.label()
                    + ": exit " + r.exit() + " " + firstLines(r.stderrText(), 3));
            return -1;
        }
        return r.nanos();
    }

    private MergeProcess.Run cli(Inputs in, List<String> jvmOptions, List<String> options, String name) throws Exception {
        Path d = in.base().getParent();
        List<String> cmd = new ArrayList<>();
        cmd.add(MergeProcess.javaExecutable());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "merge-file", "-p"));
        cmd.addAll(options);
        cmd.addAll(List.of(in.mine().toString(), in.base().toString(), in.theirs().toString()));
        return MergeProcess.run(cmd, d.resolve(name + ".out"), d.resolve(name + ".err"), runTimeout);
    }

    /** (d): the largest merge through the whole command in a 256 MB heap; success = a merge result, no error. */
    private void lowHeapRun(Inputs in) throws Exception {
        if (System.nanoTime() > deadlineNanos) {
            rows.add(new Row(in.label(), "concord merge-file -p, -Xmx256m", -1, null, "skipped: deadline"));
            return;
        }
        MergeProcess.Run r = cli(in, List.of("-Xmx256m"), List.of(), "cli-256m");
        boolean ok = !r.timedOut() && r.exit() >= 0 && r.exit() < 255 && !r.stderrText().contains("OutOfMemoryError");
        String same = "";
        Path normal = in.base().getParent().resolve("cli.out");
        if (ok && Files.exists(normal)) {
            same = Arrays.equals(Files.readAllBytes(normal), Files.readAllBytes(r.stdout())) ? ", output identical to default heap" : ", OUTPUT DIFFERS from default heap";
        }
        rows.add(new Row(in.label(), "concord merge-file -p, -Xmx256m (one run)", ok ? r.nanos() : -1, null,
                (ok ? "SUCCESS (exit " + r.exit() + " = conflicts" + same + ")" : "FAILED: exit " + r.exit() + " " + firstLines(r.stderrText(), 2))));
    }

    private long measureJvmStart() throws Exception {
        if (!Files.isRegularFile(jar)) {
            return -1;
        }
        Path d = dir.resolve("tiny");
        Files.createDirectories(d);
        Inputs tiny = new Inputs("tiny", write(d.resolve("base.txt"), "a\nb\nc\n"), write(d.resolve("mine.txt"), "A\nb\nc\n"),
                write(d.resolve("theirs.txt"), "a\nb\nC\n"), "", "", "", "");
        List<Long> t = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            MergeProcess.Run r = cli(tiny, List.of(), List.of(), "cli");
            if (r.exit() != 0) {
                note("concord merge-file on a 3-line merge: exit " + r.exit() + " " + firstLines(r.stderrText(), 2));
                return -1;
            }
            t.add(r.nanos());
        }
        return med(t);
    }

    private String gitVersion() {
        try {
            Path d = dir;
            MergeProcess.Run r = MergeProcess.run(List.of("git", "--version"), d.resolve("git-version.out"), d.resolve("git-version.err"), 10);
            return r.exit() == 0 ? Files.readString(r.stdout()).strip() : null;
        } catch (Exception e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- report

    private void printTable(long jvmStart) {
        OUT.println();
        OUT.printf("%-6s %-58s %12s %9s  %s%n", "input", "measurement", "median", "vs git", "");
        OUT.println("-".repeat(110));
        for (Row r : rows) {
            String t = r.nanos() < 0 ? "-" : ms(r.nanos());
            String ratio = r.nanos() < 0 || r.gitNanos() == null || r.gitNanos() <= 0 ? "" : String.format("%.2fx", (double) r.nanos() / r.gitNanos());
            OUT.printf("%-6s %-58s %12s %9s  %s%n", r.size(), r.what(), t, ratio, r.note() == null ? "" : r.note());
        }
        OUT.println("-".repeat(110));
        OUT.printf("JVM start + a 3-line merge (java -jar concord.jar merge-file -p): %s%n", jvmStart < 0 ? "not measured" : ms(jvmStart));
        if (gitConflicts >= 0) {
            OUT.printf("git merge-file left %d conflicts on the largest input%n", gitConflicts);
        }
    }

    private void verdict(Inputs largest, Long git, Long engineMerge, Long cli) {
        if (largest == null || git == null) {
            OUT.println("targets: not judged (no git time)");
            return;
        }
        OUT.println();
        OUT.printf("target 1, engine steady state (refine, merge only) <= git wall on %s: %s%n", largest.label(),
                engineMerge == null ? "NOT MEASURED" : (engineMerge <= git ? "MET" : "MISSED") + String.format(" (%s vs %s, %.2fx)", ms(engineMerge), ms(git), (double) engineMerge / git));
        OUT.printf("target 2, whole command <= 2x git wall on %s: %s%n", largest.label(),
                cli == null ? "NOT MEASURED" : (cli <= 2 * git ? "MET" : "MISSED") + String.format(" (%s vs 2 x %s, %.2fx)", ms(cli), ms(git), (double) cli / git));
    }

    /** Samples the engine's stack during a few merges of the largest input and prints where the time goes. */
    private void profileEngine(Inputs in) throws Exception {
        OUT.println();
        OUT.println("profile of the engine (refine) on " + in.label() + ", sampled every 2 ms over 3 merges:");
        ThreeWayMerger e = engine;
        Thread worker = new Thread(() -> {
            for (int i = 0; i < 3 && System.nanoTime() < deadlineNanos; i++) {
                MergeResult r = e.merge(in.baseText(), in.mineText(), in.theirsText(), MergeOptions.DEFAULT);
                new ConflictMarkerFormatter(MarkerStyle.MERGE, "mine", "base", "theirs").format(r);
            }
        }, "merge-profiled");
        worker.setDaemon(true);
        worker.start();
        try (MergeSampler s = new MergeSampler(worker, 2)) {
            worker.join(runTimeout * 3000);
            s.close();
            s.print(OUT, 25);
        }
    }

    private void note(String n) {
        if (!notes.contains(n)) {
            notes.add(n);
        }
    }

    private static String ms(long nanos) {
        return String.format("%,.1f ms", nanos / 1e6);
    }

    private static String firstLines(String s, int n) {
        return String.join(" | ", s.strip().lines().limit(n).toList());
    }
}
