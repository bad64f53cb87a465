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
 * wall time, JVM start included; (d) (c) on 10 MB with {@code -Xmx256m}. The measurements run interleaved,
 * one of each per round, and CPU time is reported beside wall time: on a shared machine the neighbours'
 * load would otherwise decide the ratios. Bounded: every run has a time limit and the whole benchmark a
 * deadline, after which remaining measurements are skipped and said so.
 * Every output is checked, not just timed: the in-process merge's text (formatted with the file names as labels,
 * as the command does) is computed once per mode before the timed runs, and every timed engine run and every run
 * of the command must produce exactly that expected text of its mode. The no-refine text is also compared with
 * {@code git merge-file -p} and the difference reported (git aligns with Myers' diff, the engine with the
 * histogram diff, so they differ where repeated lines such as blank lines can be aligned two ways); whether the
 * merges are the right ones is judged on real merges by {@code bench/merge/quality.sh}. Any failure — a wrong output,
 * an exception, a bad exit, a run over its time limit — is listed and the benchmark exits with status 1, so a
 * figure is never reported for work that did not produce the right merge. CPU of the in-process engine is the
 * whole JVM's (every thread: the merge's second worker thread, GC and JIT included).
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
    private final List<String> notes = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    /** The three inputs of one case on disk, plus what the generator did. */
    record Inputs(String label, Path base, Path mine, Path theirs, String baseText, String mineText, String theirsText,
                  String description) {

        /** How the command labels the sides: the file names as given, as git does. */
        ConflictMarkerFormatter formatter() {
            return new ConflictMarkerFormatter(MarkerStyle.MERGE, mine.toString(), base.toString(), theirs.toString());
        }
    }

    /** The merged text every run of a mode must produce, per input label and refine on/off. */
    private final java.util.Map<String, String> expected = new java.util.HashMap<>();

    private static String key(Inputs in, MergeOptions options) {
        return in.label() + " refine=" + options.refinement();
    }

    public static void main(String[] args) throws Exception {
        MergeBenchmark b = new MergeBenchmark();
        b.run();
        if (!b.failures.isEmpty()) {
            OUT.println();
            OUT.println("FAILED (" + b.failures.size() + "): the figures above do not count");
            b.failures.forEach(f -> OUT.println("  " + f));
            System.exit(1);
        }
    }

    private void run() throws Exception {
        Files.createDirectories(dir);
        OUT.printf("Merge benchmark: engine %d warm-up runs, then %d rounds (each round runs every measurement once, interleaved,"
                        + " so load from other processes hits all alike); medians. %d cores; in-process max heap %d MB; java %s%n",
                warmups, runs, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        OUT.printf("load average at start: %.1f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        String gitVersion = gitVersion();
        OUT.println("git: " + (gitVersion == null ? "not found (git columns skipped)" : gitVersion));
        OUT.println("jar: " + jar + (Files.isRegularFile(jar) ? "" : " (missing: run `mvn -B -q -DskipTests package` first)"));

        Sample jvmStart = measureJvmStart();
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "1,10").split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
        Inputs largest = null;
        List<Series> largestSeries = List.of();
        for (int mb : sizes) {
            Inputs in = generate(mb);
            OUT.println(in.description());
            largest = in;
            largestSeries = measure(in, gitVersion != null);
        }
        if (largest != null) {
            lowHeapRun(largest);
        }
        printTable(jvmStart);
        Series git = find(largestSeries, "git");
        Series engineMerge = find(largestSeries, "engine-refine-merge");
        Series cli = find(largestSeries, "cli");
        verdict(largest, git, engineMerge, cli);
        boolean missed = git != null && git.ok() && (engineMerge == null || !engineMerge.ok() || engineMerge.wall() > git.wall());
        if (largest != null && ("true".equals(profile) || ("auto".equals(profile) && missed && engineMerge != null && engineMerge.ok()))) {
            profileEngine(largest);
        }
        notes.forEach(n -> OUT.println("note: " + n));
    }

    // ---------------------------------------------------------------- inputs

    private Inputs generate(int mb) throws IOException {
        MergeTextGenerator gen = new MergeTextGenerator(20261126L + mb);
        List<String> base = gen.document(mb * 1024 * 1024);
        // one edit per 12 lines on each side: ~1,400 edits a side per MB, a tenth of theirs on lines mine also edits
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

    /** One timing: wall and CPU nanoseconds (CPU -1 when unknown). */
    record Sample(long wall, long cpu) {
    }

    /** The runs of one measurement on one input. */
    static final class Series {
        final String key;
        final String size;
        final String what;
        final List<Sample> samples = new ArrayList<>();
        String failure;
        String info;

        Series(String key, String size, String what) {
            this.key = key;
            this.size = size;
            this.what = what;
        }

        boolean ok() {
            return failure == null && !samples.isEmpty();
        }

        long wall() {
            return med(samples.stream().map(Sample::wall).toList());
        }

        long cpu() {
            List<Long> c = samples.stream().map(Sample::cpu).filter(x -> x >= 0).toList();
            return c.isEmpty() ? -1 : med(c);
        }
    }

    private final List<Series> allSeries = new ArrayList<>();

    private List<Series> measure(Inputs in, boolean withGit) throws Exception {
        String size = in.label();
        Series git = new Series("git", size, "git merge-file -p (wall)");
        Series refineMerge = new Series("engine-refine-merge", size, "engine in-process, refine: merge only");
        Series refineTotal = new Series("engine-refine-total", size, "engine in-process, refine: merge + format");
        Series lineMerge = new Series("engine-line-merge", size, "engine in-process, no-refine: merge only");
        Series lineTotal = new Series("engine-line-total", size, "engine in-process, no-refine: merge + format");
        Series cli = new Series("cli", size, "concord merge-file -p (wall, JVM start incl.)");
        Series cliLine = new Series("cli-line", size, "concord merge-file -p --no-refine (wall)");
        // Diagnostic, not a target: how much of the command's time is the JIT warming up. A plain `java -jar`
        // cannot choose this mode; C1 alone compiles quickly but never reaches C2's steady-state speed.
        Series cliC1 = new Series("cli-c1", size, "same, java -XX:TieredStopAtLevel=1 (diagnostic)");
        List<Series> series = new ArrayList<>(List.of(refineMerge, refineTotal, lineMerge, lineTotal, cli, cliLine, cliC1));
        if (withGit) {
            series.add(0, git);
        }
        allSeries.addAll(series);

        expectTexts(in, withGit);
        // warm the engine's JIT (the CLI and git are measured cold, as a user runs them, with the files cached)
        for (int i = 0; i < warmups + (in.baseText().length() < 2_000_000 ? 3 : 0) && beforeDeadline(); i++) {
            if (engineOnce(in, MergeOptions.DEFAULT, null, null) == null | engineOnce(in, MergeOptions.LINE_ONLY, null, null) == null) {
                break;
            }
        }
        if (Files.isRegularFile(jar)) {
            cli(in, List.of(), List.of(), "cli"); // page cache
        }
        for (int round = 0; round < runs; round++) {
            if (!beforeDeadline()) {
                note("deadline reached on " + size + " after " + round + " rounds");
                break;
            }
            if (withGit && git.failure == null) {
                record(git, gitOnce(in));
            }
            if (refineMerge.failure == null) {
                engineRound(in, MergeOptions.DEFAULT, refineMerge, refineTotal);
            }
            if (lineMerge.failure == null) {
                engineRound(in, MergeOptions.LINE_ONLY, lineMerge, lineTotal);
            }
            if (cli.failure == null) {
                record(cli, cliOnce(in, List.of(), List.of()));
            }
            if (cliLine.failure == null) {
                record(cliLine, cliOnce(in, List.of(), List.of("--no-refine")));
            }
            if (cliC1.failure == null) {
                record(cliC1, cliOnce(in, List.of("-XX:TieredStopAtLevel=1"), List.of()));
            }
            if (round == 0 && !beforeDeadline()) {
                fail("deadline reached on " + size + " before one round of every measurement: no figures for it");
            }
        }
        git.info = gitConflicts >= 0 ? gitConflicts + " conflicts" : null;
        return series;
    }

    private void record(Series s, Object result) {
        if (result instanceof Sample sample) {
            s.samples.add(sample);
        } else {
            s.failure = String.valueOf(result);
        }
    }

    private void engineRound(Inputs in, MergeOptions options, Series merge, Series total) throws InterruptedException {
        int[] conflicts = {-1};
        Sample[] both = engineOnce(in, options, conflicts, merge);
        if (both == null) {
            merge.failure = "failed (see notes)";
            total.failure = merge.failure;
            return;
        }
        merge.samples.add(both[0]);
        total.samples.add(both[1]);
        merge.info = conflicts[0] + " conflicts";
    }

    private boolean beforeDeadline() {
        return System.nanoTime() < deadlineNanos;
    }

    private static long med(List<Long> times) {
        List<Long> s = new ArrayList<>(times);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    /** One engine run on a worker thread with a time limit: {merge, merge+format}, or null on failure. */
    @SuppressWarnings("deprecation")
    private Sample[] engineOnce(Inputs in, MergeOptions options, int[] conflicts, Series forNotes) throws InterruptedException {
        AtomicReference<Sample[]> times = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                MergeResult r = engine.merge(in.baseText(), in.mineText(), in.theirsText(), options);
                long t1 = System.nanoTime();
                long c1 = processCpuNanos();
                String text = in.formatter().format(r);
                long t2 = System.nanoTime();
                long c2 = processCpuNanos();
                String want = expected.get(key(in, options));
                if (want != null && !want.equals(text)) {
                    throw new IllegalStateException("the merge differs from the expected text: " + firstDifference(want, text));
                }
                if (conflicts != null) {
                    conflicts[0] = r.conflictCount();
                }
                times.set(new Sample[] {new Sample(t1 - t0, c1 - c0), new Sample(t2 - t0, c2 - c0)});
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "merge-bench-worker");
        worker.setDaemon(true);
        worker.start();
        worker.join(runTimeout * 1000);
        String label = "engine (refine=" + options.refinement().name().toLowerCase(java.util.Locale.ROOT) + ") on " + in.label();
        if (worker.isAlive()) {
            // a merge past the limit would otherwise keep a core busy for the rest of the run
            worker.stop();
            fail(label + " exceeded " + runTimeout + " s");
            return null;
        }
        if (failure.get() != null) {
            fail(label + " failed: " + failure.get());
            return null;
        }
        return times.get();
    }

    /** A Sample, or a String saying why it failed. */
    private Object gitOnce(Inputs in) throws Exception {
        Path d = in.base().getParent();
        MergeProcess.Run r = MergeProcess.run(List.of("git", "merge-file", "-p", in.mine().toString(), in.base().toString(), in.theirs().toString()),
                d.resolve("git.out"), d.resolve("git.err"), runTimeout, null, true);
        if (r.timedOut() || r.exit() < 0 || r.exit() > 127) {
            fail("git merge-file on " + in.label() + ": exit " + r.exit() + " " + r.stderrText().strip());
            return "failed (see notes)";
        }
        // the exit status saturates at 127: count the markers instead
        gitConflicts = r.exit() == 0 ? 0 : countMarkers(r.stdout());
        return new Sample(r.nanos(), r.cpuNanos());
    }

    private int gitConflicts = -1;

    private static int countMarkers(Path merged) throws IOException {
        try (var lines = Files.lines(merged, StandardCharsets.UTF_8)) {
            return (int) lines.filter(l -> l.startsWith("<<<<<<< ")).count();
        }
    }

    private Object cliOnce(Inputs in, List<String> jvmOptions, List<String> options) throws Exception {
        MergeProcess.Run r = cli(in, jvmOptions, options, options.isEmpty() ? "cli" : "cli-norefine");
        String what = "concord merge-file " + String.join(" ", jvmOptions) + " " + String.join(" ", options) + " on " + in.label();
        if (r.timedOut() || r.exit() == 255 || r.exit() < 0 || r.stderrText().contains("Exception") || r.stderrText().contains("Error")) {
            fail(what + ": exit " + r.exit() + " " + firstLines(r.stderrText(), 3));
            return "failed (see notes)";
        }
        String want = expected.get(key(in, options.contains("--no-refine") ? MergeOptions.LINE_ONLY : MergeOptions.DEFAULT));
        String got = Files.readString(r.stdout(), StandardCharsets.UTF_8);
        if (want != null && !want.equals(got)) {
            fail(what + ": output differs from the expected text: " + firstDifference(want, got));
            return "wrong output (see notes)";
        }
        return new Sample(r.nanos(), r.cpuNanos());
    }

    private MergeProcess.Run cli(Inputs in, List<String> jvmOptions, List<String> options, String name) throws Exception {
        Path d = in.base().getParent();
        List<String> cmd = new ArrayList<>();
        cmd.add(MergeProcess.javaExecutable());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "merge-file", "-p"));
        cmd.addAll(options);
        cmd.addAll(List.of(in.mine().toString(), in.base().toString(), in.theirs().toString()));
        return MergeProcess.run(cmd, d.resolve(name + ".out"), d.resolve(name + ".err"), runTimeout, null, true);
    }

    private String lowHeap = "not run";

    /** (d): the largest merge through the whole command in a 256 MB heap; success = a merge result, no error. */
    private void lowHeapRun(Inputs in) throws Exception {
        if (!beforeDeadline()) {
            lowHeap = "skipped: deadline";
            return;
        }
        MergeProcess.Run r = cli(in, List.of("-Xmx256m"), List.of(), "cli-256m");
        boolean ok = !r.timedOut() && r.exit() >= 0 && r.exit() < 255 && !r.stderrText().contains("OutOfMemoryError");
        String same = "";
        Path normal = in.base().getParent().resolve("cli.out");
        if (ok && Files.exists(normal)) {
            same = Arrays.equals(Files.readAllBytes(normal), Files.readAllBytes(r.stdout())) ? "output identical to the default heap's" : "OUTPUT DIFFERS from the default heap's";
        }
        String want = expected.get(key(in, MergeOptions.DEFAULT));
        if (ok && want != null && !want.equals(Files.readString(r.stdout(), StandardCharsets.UTF_8))) {
            ok = false;
            same = "OUTPUT DIFFERS from the expected text";
        }
        if (!ok) {
            fail("java -Xmx256m -jar concord.jar merge-file -p on " + in.label() + ": " + firstLines(r.stderrText(), 2) + " " + same);
        }
        lowHeap = String.format("%s: java -Xmx256m -jar concord.jar merge-file -p on %s: %s (exit %d), wall %s, CPU %s, peak RSS %s; %s",
                ok ? "SUCCESS" : "FAILED", in.label(), ok ? "merged" : firstLines(r.stderrText(), 2), r.exit(), ms(r.nanos()),
                r.cpuNanos() < 0 ? "?" : ms(r.cpuNanos()), r.maxRssKb() < 0 ? "?" : (r.maxRssKb() / 1024) + " MB", same);
    }

    private Sample measureJvmStart() throws Exception {
        if (!Files.isRegularFile(jar)) {
            return null;
        }
        Path d = dir.resolve("tiny");
        Files.createDirectories(d);
        Inputs tiny = new Inputs("tiny", write(d.resolve("base.txt"), "a\nb\nc\n"), write(d.resolve("mine.txt"), "A\nb\nc\n"),
                write(d.resolve("theirs.txt"), "a\nb\nC\n"), "", "", "", "");
        Series s = new Series("tiny", "tiny", "tiny");
        for (int i = 0; i < runs; i++) {
            MergeProcess.Run r = cli(tiny, List.of(), List.of(), "cli");
            if (r.exit() != 0 || !Files.readString(r.stdout()).equals("A\nb\nC\n")) {
                fail("concord merge-file on a clean 3-line merge: exit " + r.exit() + " " + firstLines(r.stderrText(), 2));
                return null;
            }
            s.samples.add(new Sample(r.nanos(), r.cpuNanos()));
        }
        return new Sample(s.wall(), s.cpu());
    }

    private String gitVersion() {
        try {
            MergeProcess.Run r = MergeProcess.run(List.of("git", "--version"), dir.resolve("git-version.out"), dir.resolve("git-version.err"), 10);
            return r.exit() == 0 ? Files.readString(r.stdout()).strip() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static Series find(List<Series> series, String key) {
        return series.stream().filter(s -> s.key.equals(key)).findFirst().orElse(null);
    }

    // ---------------------------------------------------------------- report

    private void printTable(Sample jvmStart) {
        OUT.println();
        OUT.printf("%-6s %-48s %12s %8s %12s %8s  %s%n", "input", "measurement", "wall", "vs git", "CPU", "vs git", "");
        OUT.println("-".repeat(118));
        for (Series s : allSeries) {
            Series git = allSeries.stream().filter(x -> x.key.equals("git") && x.size.equals(s.size) && x.ok()).findFirst().orElse(null);
            if (!s.ok()) {
                OUT.printf("%-6s %-48s %12s %8s %12s %8s  %s%n", s.size, s.what, "-", "", "-", "", s.failure == null ? "not measured" : s.failure);
                continue;
            }
            String wallRatio = git == null ? "" : String.format("%.2fx", (double) s.wall() / git.wall());
            String cpuRatio = git == null || s.cpu() < 0 || git.cpu() <= 0 ? "" : String.format("%.2fx", (double) s.cpu() / git.cpu());
            OUT.printf("%-6s %-48s %12s %8s %12s %8s  %s%n", s.size, s.what + (s.samples.size() < runs ? " [" + s.samples.size() + " runs]" : ""),
                    ms(s.wall()), wallRatio, s.cpu() < 0 ? "?" : ms(s.cpu()), cpuRatio, s.info == null ? "" : s.info);
        }
        OUT.println("-".repeat(118));
        OUT.println("CPU = user + system time of the process (git, CLI: from /usr/bin/time; engine: this JVM's process CPU time over the run, every thread).");
        OUT.printf("JVM start + a 3-line merge (java -jar concord.jar merge-file -p): %s%n",
                jvmStart == null ? "not measured" : "wall " + ms(jvmStart.wall()) + ", CPU " + (jvmStart.cpu() < 0 ? "?" : ms(jvmStart.cpu())));
        OUT.println("256 MB heap: " + lowHeap);
    }

    private void verdict(Inputs largest, Series git, Series engineMerge, Series cli) {
        if (largest == null || git == null || !git.ok()) {
            OUT.println("targets: not judged (no git time)");
            return;
        }
        OUT.println();
        OUT.printf("target 1, engine steady state (refine, merge only) <= git wall on %s: %s%n", largest.label(),
                engineMerge == null || !engineMerge.ok() ? "NOT MEASURED"
                        : (engineMerge.wall() <= git.wall() ? "MET" : "MISSED") + String.format(" (wall %s vs %s, %.2fx; CPU %s)",
                        ms(engineMerge.wall()), ms(git.wall()), (double) engineMerge.wall() / git.wall(), cpuRatio(engineMerge, git)));
        OUT.printf("target 2, whole command <= 2x git wall on %s: %s%n", largest.label(),
                cli == null || !cli.ok() ? "NOT MEASURED"
                        : (cli.wall() <= 2 * git.wall() ? "MET" : "MISSED") + String.format(" (wall %s vs 2 x %s, %.2fx; CPU %s)",
                        ms(cli.wall()), ms(git.wall()), (double) cli.wall() / git.wall(), cpuRatio(cli, git)));
    }

    private static String cpuRatio(Series s, Series git) {
        return s.cpu() < 0 || git.cpu() <= 0 ? "?" : String.format("%s vs %s, %.2fx", ms(s.cpu()), ms(git.cpu()), (double) s.cpu() / git.cpu());
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

    /** A failure: noted like the rest, and the benchmark exits with status 1. */
    private void fail(String n) {
        note("FAILED: " + n);
        if (!failures.contains(n)) {
            failures.add(n);
        }
    }

    /**
     * The expected text of each mode, computed once before any timed run: every later run and the command's output
     * must equal it. The no-refine text is compared with git's, as information (see the class comment).
     */
    private void expectTexts(Inputs in, boolean withGit) throws Exception {
        for (MergeOptions options : List.of(MergeOptions.LINE_ONLY, MergeOptions.DEFAULT)) {
            String text = in.formatter().format(engine.merge(in.baseText(), in.mineText(), in.theirsText(), options));
            expected.put(key(in, options), text);
        }
        if (!withGit) {
            note("no git: the no-refine output of " + in.label() + " is compared only with itself");
            return;
        }
        Path d = in.base().getParent();
        MergeProcess.Run r = MergeProcess.run(List.of("git", "merge-file", "-p", in.mine().toString(), in.base().toString(),
                in.theirs().toString()), d.resolve("git-expected.out"), d.resolve("git-expected.err"), runTimeout, null, false);
        if (r.timedOut() || r.exit() < 0 || r.exit() > 127) {
            fail("git merge-file on " + in.label() + ": exit " + r.exit() + " " + r.stderrText().strip());
            return;
        }
        String git = Files.readString(r.stdout(), StandardCharsets.UTF_8);
        String ours = expected.get(key(in, MergeOptions.LINE_ONLY));
        note("no-refine output of " + in.label() + " vs git merge-file -p: " + (git.equals(ours) ? "identical"
                : "differs (" + conflicts(git) + " conflicts in git's, " + conflicts(ours) + " in ours; first at "
                + firstDifference(git, ours) + ")"));
    }

    private static long conflicts(String merged) {
        return merged.lines().filter(l -> l.startsWith("<<<<<<< ")).count();
    }

    /** Where two texts first differ, by line, for a failure message. */
    static String firstDifference(String want, String got) {
        List<String> a = want.lines().toList();
        List<String> b = got.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "<end>";
            String y = i < b.size() ? b.get(i) : "<end>";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ": expected '" + abbreviate(x) + "', got '" + abbreviate(y) + "'";
            }
        }
        return "same lines, different line endings or final newline (" + want.length() + " vs " + got.length() + " chars)";
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String ms(long nanos) {
        return String.format("%,.1f ms", nanos / 1e6);
    }

    private static String firstLines(String s, int n) {
        return String.join(" | ", s.strip().lines().limit(n).toList());
    }
}
