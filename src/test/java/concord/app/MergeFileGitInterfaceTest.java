package concord.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parts of git merge-file's interface a merge driver and a drop-in replacement need, against real git on the same
 * inputs: {@code --diff-algorithm}, {@code merge.conflictStyle} from git's configuration inside a repository (and
 * {@code git -c}), and {@code --object-id}. git here is 2.39, which has neither {@code --diff-algorithm} nor
 * {@code --object-id} (both came in 2.43/2.44): Myers is its only algorithm, and blob results are compared with what
 * it prints for the same contents and with {@code git hash-object}.
 */
class MergeFileGitInterfaceTest {

    private static final String BASE = "one\ntwo\nthree\nfour\nfive\nsix\nseven\n";
    private static final String MINE = "one\nTWO\nthree\nfour\nfive\nsix\nseven (mine)\n";
    private static final String THEIRS = "one\n2\nthree\nfour\nfive\nsix\nseven (theirs)\n";

    @TempDir
    Path dir;
    private GitProcess git;
    private Path repo;

    @BeforeEach
    void setUp() throws Exception {
        git = new GitProcess(dir);
        repo = Files.createDirectory(dir.resolve("repo"));
        assertEquals(0, git.git(repo, "init", "-q").status());
        Files.writeString(repo.resolve("mine.md"), MINE);
        Files.writeString(repo.resolve("base.md"), BASE);
        Files.writeString(repo.resolve("theirs.md"), THEIRS);
    }

    // ---- --diff-algorithm ----------------------------------------------------------------------------------

    static Stream<Arguments> scenarios() {
        List<Arguments> out = new ArrayList<>();
        for (concord.merge.GitCompatScenariosAccess.Scenario s : concord.merge.GitCompatScenariosAccess.all()) {
            for (String style : List.of("merge", "diff3")) {
                out.add(Arguments.of(s, style));
            }
        }
        return out.stream();
    }

    /** git merge-file diffs with Myers: with --diff-algorithm=myers our line-level merge prints the same bytes. */
    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("scenarios")
    void withMyersTheLineMergePrintsWhatGitPrints(concord.merge.GitCompatScenariosAccess.Scenario s, String style)
            throws Exception {
        Path m = Files.write(dir.resolve("m"), s.mine());
        Path b = Files.write(dir.resolve("b"), s.base());
        Path t = Files.write(dir.resolve("t"), s.theirs());
        List<String> flags = style.equals("merge") ? List.of("-p") : List.of("-p", "--" + style);
        GitProcess.Run expected = git.git(dir, concat(List.of("merge-file"), flags, "m", "b", "t"));
        GitProcess.Run actual = git.concord(dir, concat(List.of("--no-refine", "--diff-algorithm=myers"), flags,
                m.toString(), b.toString(), t.toString()));
        assertEquals(new String(expected.out(), StandardCharsets.ISO_8859_1),
                new String(actual.out(), StandardCharsets.ISO_8859_1).replace(dir + "/", ""));
        assertEquals(expected.status(), actual.status());
    }

    @Test
    void gitsFourAlgorithmNamesAreTakenInAnyCaseAndMapOntoJGitsTwo() throws Exception {
        String minimal = git.concord(repo, "-p", "--diff-algorithm=minimal", "mine.md", "base.md", "theirs.md").text();
        assertEquals(git.concord(repo, "-p", "--diff-algorithm", "myers", "mine.md", "base.md", "theirs.md").text(), minimal);
        assertEquals(git.concord(repo, "-p", "--diff-algorithm=DEFAULT", "mine.md", "base.md", "theirs.md").text(), minimal);
        String histogram = git.concord(repo, "-p", "--diff-algorithm=histogram", "mine.md", "base.md", "theirs.md").text();
        assertEquals(git.concord(repo, "-p", "--diff-algorithm=Patience", "mine.md", "base.md", "theirs.md").text(), histogram);
        assertEquals(git.concord(repo, "-p", "mine.md", "base.md", "theirs.md").text(), histogram);
    }

    @Test
    void anUnknownAlgorithmIsRefusedWithGitsMessage() {
        GitProcess.Run r = git.concord(repo, "-p", "--diff-algorithm=fast", "mine.md", "base.md", "theirs.md");
        assertEquals(129, r.status());
        assertEquals("error: option diff-algorithm accepts \"myers\", \"minimal\", \"patience\" and \"histogram\"\n",
                r.err());
    }

    // ---- merge.conflictStyle -------------------------------------------------------------------------------

    @Test
    void insideARepositoryTheConfiguredConflictStyleIsUsedAsGitUsesIt() throws Exception {
        for (String style : List.of("diff3", "zdiff3", "merge")) {
            assertEquals(0, git.git(repo, "config", "merge.conflictStyle", style).status());
            sameAsGit(repo, "-p", "mine.md", "base.md", "theirs.md");
        }
        Path sub = Files.createDirectory(repo.resolve("sub"));
        assertEquals(0, git.git(repo, "config", "merge.conflictStyle", "diff3").status());
        assertTrue(sameAsGit(sub, "-p", "../mine.md", "../base.md", "../theirs.md").text().contains("||||||| ../base.md"));
    }

    @Test
    void aStyleOnTheCommandLineBeatsTheConfiguredOne() throws Exception {
        assertEquals(0, git.git(repo, "config", "merge.conflictStyle", "zdiff3").status());
        assertTrue(sameAsGit(repo, "-p", "--diff3", "mine.md", "base.md", "theirs.md").text().contains("|||||||"));
    }

    @Test
    void outsideARepositoryNoConfigurationIsRead() throws Exception {
        Path global = Files.writeString(dir.resolve("global.gitconfig"), "[merge]\n\tconflictStyle = diff3\n");
        git.with("GIT_CONFIG_GLOBAL", global.toString());
        Path outside = Files.createDirectory(dir.resolve("outside"));
        for (String f : List.of("mine.md", "base.md", "theirs.md")) {
            Files.copy(repo.resolve(f), outside.resolve(f));
        }
        assertTrue(!sameAsGit(outside, "-p", "mine.md", "base.md", "theirs.md").text().contains("|||||||"));
        // inside one, the global file counts
        assertTrue(sameAsGit(repo, "-p", "mine.md", "base.md", "theirs.md").text().contains("|||||||"));
    }

    @Test
    void anIncludedConfigurationFileCountsAsInGit() throws Exception {
        Files.writeString(dir.resolve("styles.gitconfig"), "[merge]\n\tconflictStyle = zdiff3\n");
        Path global = Files.writeString(dir.resolve("global.gitconfig"), "[include]\n\tpath = styles.gitconfig\n");
        git.with("GIT_CONFIG_GLOBAL", global.toString());
        assertTrue(sameAsGit(repo, "-p", "mine.md", "base.md", "theirs.md").text().contains("|||||||"));
    }

    @Test
    void gitDashCReachesUsThroughTheEnvironmentAsItReachesAMergeDriver() throws Exception {
        GitProcess.Run expected = git.git(repo, "-c", "merge.conflictStyle=diff3", "merge-file", "-p",
                "mine.md", "base.md", "theirs.md");
        git.with("GIT_CONFIG_PARAMETERS", "'merge.conflictstyle'='diff3'");
        GitProcess.Run actual = git.concord(repo, "-p", "mine.md", "base.md", "theirs.md");
        assertEquals(expected.text(), actual.text());
        git.with("GIT_CONFIG_PARAMETERS", "'merge.conflictStyle=zdiff3'");
        assertEquals(git.git(repo, "-c", "merge.conflictStyle=zdiff3", "merge-file", "-p", "mine.md", "base.md",
                "theirs.md").text(), git.concord(repo, "-p", "mine.md", "base.md", "theirs.md").text());
    }

    @Test
    void anUnknownConfiguredStyleIsFatalAsInGit() throws Exception {
        assertEquals(0, git.git(repo, "config", "merge.conflictStyle", "fancy").status());
        GitProcess.Run expected = git.git(repo, "merge-file", "-p", "mine.md", "base.md", "theirs.md");
        GitProcess.Run actual = git.concord(repo, "-p", "mine.md", "base.md", "theirs.md");
        assertEquals(128, expected.status());
        assertEquals(expected.status(), actual.status());
        assertEquals(expected.err(), actual.err());
    }

    // ---- --object-id ---------------------------------------------------------------------------------------

    @Test
    void withObjectIdsTheResultIsWrittenAsABlobAndItsIdPrinted() throws Exception {
        String m = hashObject("mine.md");
        String b = hashObject("base.md");
        String t = hashObject("theirs.md");
        GitProcess.Run r = git.concord(repo, "--object-id", m, b, t);
        // git labels the sides with the names given; the same merge of the files, labelled so, is the yardstick
        GitProcess.Run files = git.git(repo, "merge-file", "-p", "-L", m, "-L", b, "-L", t, "mine.md", "base.md",
                "theirs.md");
        assertEquals(files.status(), r.status());
        String id = r.text().strip();
        assertEquals(id + "\n", r.text());
        assertArrayEquals(files.out(), git.git(repo, "cat-file", "blob", id).out());
        Files.write(dir.resolve("expected"), files.out());
        assertEquals(id, git.git(repo, "hash-object", dir.resolve("expected").toString()).text().strip());
        assertEquals("", r.err().replaceAll("concord merge-file: .*\n", ""));
        // the files are untouched
        assertEquals(MINE, Files.readString(repo.resolve("mine.md")));
    }

    @Test
    void withObjectIdsAndDashPTheResultGoesToStandardOutput() throws Exception {
        String m = hashObject("mine.md");
        String b = hashObject("base.md");
        String t = hashObject("theirs.md");
        GitProcess.Run r = git.concord(repo, "--object-id", "-p", "--diff3", "-L", "ours", "-L", "base", "-L", "theirs",
                m, b, t);
        GitProcess.Run files = git.git(repo, "merge-file", "-p", "--diff3", "-L", "ours", "-L", "base", "-L", "theirs",
                "mine.md", "base.md", "theirs.md");
        assertEquals(files.text(), r.text());
        assertEquals(files.status(), r.status());
    }

    @Test
    void objectNamesCanBeAnyRevisionOfABlob() throws Exception {
        assertEquals(0, git.git(repo, "add", "mine.md", "base.md", "theirs.md").status());
        assertEquals(0, git.git(repo, "commit", "-q", "-m", "three files").status());
        GitProcess.Run byPath = git.concord(repo, "--object-id", "-p", "--no-refine", "HEAD:mine.md", "HEAD:base.md",
                "HEAD:theirs.md");
        GitProcess.Run files = git.git(repo, "merge-file", "-p", "-L", "HEAD:mine.md", "-L", "HEAD:base.md",
                "-L", "HEAD:theirs.md", "mine.md", "base.md", "theirs.md");
        assertEquals(files.text(), byPath.text());
    }

    @Test
    void objectIdsNeedARepositoryAndBlobsThatExist() throws Exception {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        GitProcess.Run noRepo = git.concord(outside, "--object-id", "a", "b", "c");
        assertEquals(128, noRepo.status());
        assertEquals("fatal: not a git repository (or any of the parent directories): .git\n", noRepo.err());

        String b = hashObject("base.md");
        GitProcess.Run missing = git.concord(repo, "--object-id", "nope", b, b);
        assertEquals(255, missing.status());
        assertEquals("error: object 'nope' does not exist\n", missing.err());

        assertEquals(0, git.git(repo, "add", "base.md").status());
        assertEquals(0, git.git(repo, "commit", "-q", "-m", "base").status());
        String tree = git.git(repo, "rev-parse", "HEAD^{tree}").text().strip();
        GitProcess.Run notABlob = git.concord(repo, "--object-id", tree, b, b);
        assertEquals(128, notABlob.status());
        assertEquals("fatal: unable to read blob object " + tree + "\n", notABlob.err());
    }

    // ---- --quiet and --marker-size -------------------------------------------------------------------------

    @Test
    void quietSilencesErrorsAsGitDoes() throws Exception {
        for (String q : List.of("-q", "--quiet")) {
            GitProcess.Run expected = git.git(repo, "merge-file", "-p", q, "nope.md", "base.md", "theirs.md");
            GitProcess.Run actual = git.concord(repo, "-p", q, "nope.md", "base.md", "theirs.md");
            assertEquals(expected.status(), actual.status());
            assertEquals("", expected.err());
            assertEquals(expected.err(), actual.err());
        }
        // without -q both name the missing file on stderr
        GitProcess.Run loud = git.git(repo, "merge-file", "-p", "nope.md", "base.md", "theirs.md");
        assertEquals(loud.err(), git.concord(repo, "-p", "nope.md", "base.md", "theirs.md").err());
    }

    @Test
    void markerSizeIsTakenInGitsSpellings() throws Exception {
        for (List<String> size : List.of(List.of("--marker-size", "12"), List.of("--marker-size=3"),
                List.of("--marker-size=0"))) {
            List<String> args = new ArrayList<>(size);
            args.addAll(List.of("-p", "--diff3", "mine.md", "base.md", "theirs.md"));
            sameAsGit(repo, args.toArray(String[]::new));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Runs both in {@code cwd} with the same arguments; asserts the same bytes and status; returns ours. */
    private GitProcess.Run sameAsGit(Path cwd, String... args) throws Exception {
        GitProcess.Run expected = git.git(cwd, concat(List.of("merge-file"), List.of(args)));
        GitProcess.Run actual = git.concord(cwd, concat(List.of("--no-refine"), List.of(args)));
        assertEquals(expected.text(), actual.text());
        assertEquals(expected.status(), actual.status());
        return actual;
    }

    private String hashObject(String file) throws IOException, InterruptedException {
        GitProcess.Run r = git.git(repo, "hash-object", "-w", file);
        assertEquals(0, r.status(), r.err());
        return r.text().strip();
    }

    private static String[] concat(List<String> a, List<String> b, String... more) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
