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

    /** @param exit the exit status, or -1 when it was killed after the time limit */
    record Run(int exit, long nanos, Path stdout, Path stderr) {

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
            return new Run(-1, nanos, stdout, stderr);
        }
        return new Run(p.exitValue(), nanos, stdout, stderr);
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
