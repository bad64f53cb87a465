package concord.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs real git and, side by side, concord's merge-file in-process with the same working directory and environment:
 * no system or user configuration unless a test sets one, no repository above the test's directory.
 */
final class GitProcess {

    record Run(int status, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    private final Path top;
    private final Map<String, String> env = new HashMap<>();

    /** @param top the test's temporary directory: git looks for no repository above it */
    GitProcess(Path top) {
        this.top = top;
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_CEILING_DIRECTORIES", top.getParent().toString());
        env.put("HOME", top.toString());
        env.put("GIT_AUTHOR_NAME", "Test");
        env.put("GIT_AUTHOR_EMAIL", "test@example.org");
        env.put("GIT_COMMITTER_NAME", "Test");
        env.put("GIT_COMMITTER_EMAIL", "test@example.org");
        env.put("LC_ALL", "C");
    }

    GitProcess with(String name, String value) {
        env.put(name, value);
        return this;
    }

    Map<String, String> env() {
        return Map.copyOf(env);
    }

    Run git(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        return exec(cwd, cmd, new byte[0]);
    }

    Run exec(Path cwd, List<String> cmd, byte[] stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("git must be installed for this test", e);
        }
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        }
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try (InputStream s = p.getErrorStream()) {
                return s.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        byte[] out;
        try (InputStream s = p.getInputStream()) {
            out = s.readAllBytes();
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "git finished: " + cmd);
        return new Run(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    }

    /** concord merge-file in-process, as if started in {@code cwd} with this environment. */
    Run concord(Path cwd, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MergeFileCommand.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
                new PrintStream(err, true, StandardCharsets.UTF_8), cwd, env());
        return new Run(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    Path top() {
        return top;
    }
}
