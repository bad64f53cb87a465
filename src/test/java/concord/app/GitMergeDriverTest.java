package concord.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concord as git's merge driver, in a real {@code git merge} in a temporary repository: the configuration the
 * documentation gives ({@code merge.concord.driver}, {@code .gitattributes}), with the command started from the
 * build's classes as {@code java -jar concord.jar} would start it.
 */
class GitMergeDriverTest {

    @TempDir
    Path dir;
    private GitProcess git;
    private Path repo;

    @BeforeEach
    void setUp() throws Exception {
        git = new GitProcess(dir);
        repo = Files.createDirectory(dir.resolve("repo"));
        ok(git.git(repo, "init", "-q", "-b", "main"));
    }

    /** What the documentation says to configure, with "concord" spelled as this build's java command. */
    private void installDriver(String extraOptions) throws Exception {
        ok(git.git(repo, "config", "merge.concord.name", "Concord three-way merge"));
        ok(git.git(repo, "config", "merge.concord.driver", concordCommand() + " merge-file " + extraOptions
                + "--marker-size %L -L ours -L base -L theirs %A %O %B"));
        Files.writeString(repo.resolve(".gitattributes"), "*.md merge=concord\n");
        ok(git.git(repo, "add", ".gitattributes"));
        ok(git.git(repo, "commit", "-q", "-m", "use Concord for Markdown"));
    }

    @Test
    void aMergeGitsTextMergeConflictsOnAndConcordResolvesWithCertaintyCompletes() throws Exception {
        String base = resource("base.md");
        String ours = resource("ours.md");
        String theirs = resource("theirs.md");
        // git alone: a conflict
        Path plain = Files.createDirectory(dir.resolve("plain"));
        ok(git.git(plain, "init", "-q", "-b", "main"));
        branches(plain, base, ours, theirs);
        GitProcess.Run gitAlone = git.git(plain, "merge", "--no-edit", "theirs");
        assertEquals(1, gitAlone.status(), gitAlone.text());
        assertTrue(Files.readString(plain.resolve("deploy.md")).contains("<<<<<<< "));

        installDriver("");
        branches(repo, base, ours, theirs);
        GitProcess.Run merge = git.git(repo, "merge", "--no-edit", "theirs");
        assertEquals(0, merge.status(), merge.text() + merge.err());
        assertEquals(theirs, Files.readString(repo.resolve("deploy.md")));
        assertEquals("", git.git(repo, "status", "--porcelain").text());
        assertEquals(2, git.git(repo, "log", "-1", "--format=%P").text().strip().split(" ").length, "a merge commit");
    }

    @Test
    void aRealConflictLeavesMarkersAndANonZeroStatus() throws Exception {
        installDriver("");
        branches(repo, "title\nthe plan: walk\nend\n", "title\nthe plan: run\nend\n", "title\nthe plan: swim\nend\n");
        GitProcess.Run merge = git.git(repo, "merge", "--no-edit", "theirs");
        assertEquals(1, merge.status());
        assertTrue(merge.text().contains("CONFLICT (content): Merge conflict in deploy.md"), merge.text());
        assertEquals("title\n<<<<<<< ours\nthe plan: run\n=======\nthe plan: swim\n>>>>>>> theirs\nend\n",
                Files.readString(repo.resolve("deploy.md")));
        assertEquals("UU deploy.md\n", git.git(repo, "status", "--porcelain").text());
    }

    @Test
    void theRepositorysConflictStyleAndMarkerSizeReachTheDriver() throws Exception {
        installDriver("");
        ok(git.git(repo, "config", "merge.conflictStyle", "diff3"));
        Files.writeString(repo.resolve(".gitattributes"), "*.md merge=concord conflict-marker-size=10\n");
        ok(git.git(repo, "commit", "-q", "-am", "longer markers"));
        branches(repo, "a\nb\nc\n", "a\nB1\nc\n", "a\nB2\nc\n");
        assertEquals(1, git.git(repo, "merge", "--no-edit", "theirs").status());
        assertEquals("a\n<<<<<<<<<< ours\nB1\n|||||||||| base\nb\n==========\nB2\n>>>>>>>>>> theirs\nc\n",
                Files.readString(repo.resolve("deploy.md")));
    }

    @Test
    void aSuggestionStaysAConflictUnlessTheDriverIsToldToApplySuggestions() throws Exception {
        String base = "title\nthe quick brown fox\nend\n";
        String ours = "title\nthe slow brown fox\nend\n";
        String theirs = "title\nthe quick brown cat\nend\n";
        installDriver("");
        branches(repo, base, ours, theirs);
        GitProcess.Run certain = git.git(repo, "merge", "--no-edit", "theirs");
        assertEquals(1, certain.status());
        assertTrue(certain.err().contains("1 conflict in ") && certain.err().contains("suggested resolution"),
                certain.err());
        ok(git.git(repo, "merge", "--abort"));

        ok(git.git(repo, "config", "merge.concord.driver", concordCommand()
                + " merge-file --refine=suggest --marker-size %L -L ours -L base -L theirs %A %O %B"));
        assertEquals(0, git.git(repo, "merge", "--no-edit", "theirs").status());
        assertEquals("title\nthe slow brown cat\nend\n", Files.readString(repo.resolve("deploy.md")));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** main gets base then ours; branch theirs (from base) gets theirs; main is checked out. */
    private void branches(Path at, String base, String ours, String theirs) throws Exception {
        Files.writeString(at.resolve("deploy.md"), base);
        ok(git.git(at, "add", "deploy.md"));
        ok(git.git(at, "commit", "-q", "-m", "base"));
        ok(git.git(at, "checkout", "-q", "-b", "theirs"));
        Files.writeString(at.resolve("deploy.md"), theirs);
        ok(git.git(at, "commit", "-q", "-am", "theirs"));
        ok(git.git(at, "checkout", "-q", "main"));
        Files.writeString(at.resolve("deploy.md"), ours);
        ok(git.git(at, "commit", "-q", "-am", "ours"));
    }

    private static void ok(GitProcess.Run r) {
        assertEquals(0, r.status(), r.text() + r.err());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GitMergeDriverTest.class.getResourceAsStream("driver/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * {@code java -cp ... concord.app.Main}: the build's classes and the libraries merge-file loads (JGit, SLF4J),
     * located from the classes themselves, quoted for the shell git runs the driver with.
     */
    private static String concordCommand() {
        List<String> cp = new ArrayList<>();
        for (String cls : List.of("concord.app.Main", "org.eclipse.jgit.lib.Repository", "org.slf4j.LoggerFactory",
                "org.slf4j.simple.SimpleServiceProvider")) {
            try {
                cp.add(Path.of(Class.forName(cls).getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (ClassNotFoundException e) {
                // slf4j-simple is optional: without it SLF4J is silent
            } catch (URISyntaxException e) {
                throw new UncheckedIOException(new IOException(e));
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertFalse(String.join(":", cp).contains("'") || java.contains("'"));
        return "'" + java + "' -cp '" + String.join(":", cp) + "' concord.app.Main";
    }
}
