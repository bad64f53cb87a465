package concord.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command with stdout/stderr going to files (so pipe reading is not timed), bounded in time. */
final class MergeProcess {

    /**
     * @param exit     the exit status, or -1 when it was killed after the time limit
     * @param cpuNanos user + system CPU time of the command (from /usr/bin/time), or -1 when unknown
     * @param maxRssKb the peak resident set size in KB, or -1 when unknown
     */
    record Run(int exit, long nanos, long cpuNanos, long maxRssKb, Path stdout, Path stderr) {

        boolean timedOut() {
            return exit == -1;
        }

        String stderrText() {
            try {
                return Files.readString(stderr, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }

    private MergeProcess() {
    }

    static Run run(List<String> command, Path stdout, Path stderr, long timeoutSeconds) throws IOException, InterruptedException {
        return run(command, stdout, stderr, timeoutSeconds, null);
    }

    static Run run(List<String> command, Path stdout, Path stderr, long timeoutSeconds, Path stdin)
            throws IOException, InterruptedException {
        return run(command, stdout, stderr, timeoutSeconds, stdin, false);
    }

    /**
     * With {@code measureCpu}, the command runs under GNU time (when installed) so its CPU time is known:
     * on a shared machine the wall time alone mostly measures the neighbours.
     */
    static Run run(List<String> command, Path stdout, Path stderr, long timeoutSeconds, Path stdin, boolean measureCpu)
            throws IOException, InterruptedException {
        Path timeFile = null;
        if (measureCpu && Files.isExecutable(GNU_TIME)) {
            timeFile = Path.of(stdout + ".time");
            List<String> wrapped = new java.util.ArrayList<>(List.of(GNU_TIME.toString(), "-f", "%U %S %M", "-o", timeFile.toString()));
            wrapped.addAll(command);
            command = wrapped;
        }
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(stdin.toFile()));
        long t0 = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        long nanos = System.nanoTime() - t0;
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            return new Run(-1, nanos, -1, -1, stdout, stderr);
        }
        long cpu = -1;
        long rss = -1;
        if (timeFile != null && Files.isRegularFile(timeFile)) {
            // the last line: GNU time puts "Command exited with non-zero status N" before it
            List<String> lines = Files.readAllLines(timeFile);
            String[] f = lines.isEmpty() ? new String[0] : lines.get(lines.size() - 1).trim().split(" ");
            if (f.length == 3) {
                cpu = (long) ((Double.parseDouble(f[0]) + Double.parseDouble(f[1])) * 1e9);
                rss = Long.parseLong(f[2]);
            }
        }
        return new Run(p.exitValue(), nanos, cpu, rss, stdout, stderr);
    }

    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
