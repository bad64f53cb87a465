package concord.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import concord.app.MergeFileCommand;

/**
 * {@code concord merge-file --no-refine -p} against {@code git merge-file -p} on the same files: stdout byte for
 * byte and the exit status, in the merge, diff3 and zdiff3 styles. Our command runs in-process; git is a real
 * process (it must be on the PATH, as it is in CI).
 */
class GitCompatTest {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (GitCompatScenarios.Scenario s : GitCompatScenarios.all()) {
            for (String style : List.of("merge", "diff3", "zdiff3")) {
                cases.add(Arguments.of(s, style));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> favouredCases() {
        List<Arguments> cases = new ArrayList<>();
        for (GitCompatScenarios.Scenario s : GitCompatScenarios.all()) {
            for (String favour : List.of("ours", "theirs", "union")) {
                cases.add(Arguments.of(s, favour));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void concordPrintsWhatGitPrints(GitCompatScenarios.Scenario s, String style) throws Exception {
        compare(s, style.equals("merge") ? List.of("-p") : List.of("-p", "--" + style));
    }

    @ParameterizedTest(name = "{0} [--{1}]")
    @MethodSource("favouredCases")
    void concordSettlesConflictsAsGitDoesWithOursTheirsOrUnion(GitCompatScenarios.Scenario s, String favour)
            throws Exception {
        compare(s, List.of("-p", "--" + favour));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("concord.merge.GitCompatScenarios#all")
    void labelsAndMarkerSizeComeOutAsInGit(GitCompatScenarios.Scenario s) throws Exception {
        compare(s, List.of("-p", "--diff3", "--marker-size", "10", "-L", "ours (local)", "-L", "", "-L", "them"));
    }

    private void compare(GitCompatScenarios.Scenario s, List<String> flags) throws Exception {
        Path mine = write("mine.txt", s.mine());
        Path base = write("base.txt", s.base());
        Path theirs = write("theirs.txt", s.theirs());

        Run git = git(flags, mine, base, theirs);
        Run ours = concord(flags, mine, base, theirs);

        assertEquals(show(git.stdout), show(ours.stdout), "stdout differs from git merge-file");
        assertArrayEquals(git.stdout, ours.stdout, "stdout bytes differ from git merge-file");
        assertEquals(git.status, ours.status, "exit status differs from git merge-file");
        assertEquals("", new String(ours.stderr, StandardCharsets.UTF_8), "nothing on stderr");
        assertArrayEquals(s.mine(), Files.readAllBytes(mine), "-p leaves mine untouched");
    }

    record Run(byte[] stdout, byte[] stderr, int status) {
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Run concord(List<String> flags, Path mine, Path base, Path theirs) {
        List<String> args = new ArrayList<>(List.of("--no-refine"));
        args.addAll(flags);
        args.addAll(List.of(mine.toString(), base.toString(), theirs.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // the same setting as git's below: no configuration, no repository around the directory
        int status = MergeFileCommand.run(args.toArray(String[]::new), InputStream.nullInputStream(),
                new PrintStream(out, true), new PrintStream(err, true), dir, java.util.Map.of("GIT_CONFIG_NOSYSTEM", "1",
                        "GIT_CONFIG_GLOBAL", "/dev/null", "GIT_CEILING_DIRECTORIES", dir.getParent().toString()));
        return new Run(out.toByteArray(), err.toByteArray(), status);
    }

    private Run git(List<String> flags, Path mine, Path base, Path theirs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "merge-file"));
        cmd.addAll(flags);
        cmd.addAll(List.of(mine.toString(), base.toString(), theirs.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        // no user or system config (merge.conflictStyle would change git's output)
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().put("GIT_CEILING_DIRECTORIES", dir.getParent().toString());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("git must be installed to compare with git merge-file", e);
        }
        p.getOutputStream().close();
        byte[] err;
        byte[] out;
        try (InputStream stdout = p.getInputStream(); InputStream stderr = p.getErrorStream()) {
            // stderr is tiny (usually empty), stdout can be larger than a pipe: drain stdout first
            out = stdout.readAllBytes();
            err = stderr.readAllBytes();
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "git merge-file finished");
        assertEquals("", new String(err, StandardCharsets.UTF_8), "git wrote to stderr");
        return new Run(out, err, p.exitValue());
    }

    /** Bytes as readable text with line ends visible, so a failure shows where the outputs part. */
    private static String show(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n\n");
    }

}
