package concord.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merge-file command in-process: what it prints, what it writes, and its exit status. */
class MergeFileCommandTest {

    private static final String BASE = "title\nthe quick brown fox\njumps over\nthe lazy dog\n";
    private static final String MINE = "title\nthe slow brown fox\njumps over\nthe lazy dog\n";
    private static final String THEIRS = "title\nthe quick brown cat\njumps over\nthe lazy dog\n";

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    private Run run(String... args) {
        return runWithInput("", args);
    }

    private Run runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int status = MergeFileCommand.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), outsideAnyRepository(dir));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The temporary directory as the working directory, with no git configuration and no repository around it. */
    static GitContext outsideAnyRepository(Path dir) {
        return new GitContext(dir, java.util.Map.of("GIT_CONFIG_NOSYSTEM", "1", "GIT_CONFIG_GLOBAL", "/dev/null",
                "GIT_CEILING_DIRECTORIES", dir.getParent().toString()));
    }

    private String file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    private String read(String path) throws IOException {
        return Files.readString(Path.of(path));
    }

    @Test
    void dashPPrintsTheMergeAndLeavesMineAlone() throws IOException {
        String mine = file("mine", "a\nM\nc\nd\ne\n");
        String base = file("base", "a\nb\nc\nd\ne\n");
        String theirs = file("theirs", "a\nb\nc\nd\nT\n");
        Run r = run("-p", mine, base, theirs);
        assertEquals(new Run(0, "a\nM\nc\nd\nT\n", ""), r);
        assertEquals("a\nM\nc\nd\ne\n", read(mine));
    }

    @Test
    void differentWordsOfTheSameLineAreASuggestedConflictThatSuggestModeApplies() throws IOException {
        String mine = file("mine", MINE);
        String base = file("base", BASE);
        String theirs = file("theirs", THEIRS);
        String markers = "title\n<<<<<<< " + mine + "\nthe slow brown fox\n=======\nthe quick brown cat\n>>>>>>> " + theirs
                + "\njumps over\nthe lazy dog\n";
        // certain (the default): the suggestion stays out of the markers, one line on stderr says it exists
        assertEquals(new Run(1, markers, "concord merge-file: 1 conflict in " + mine
                + " has a suggested resolution (--refine=suggest applies it)\n"), run("-p", mine, base, theirs));
        assertEquals(new Run(1, markers, ""), run("-p", "--refine=certain", "-q", mine, base, theirs));
        String merged = "title\nthe slow brown cat\njumps over\nthe lazy dog\n";
        assertEquals(new Run(0, merged, ""), run("-p", "--refine=suggest", mine, base, theirs));
        assertEquals(new Run(0, merged, ""), run("-p", "--refine", "suggest", mine, base, theirs));
        // off, and --no-refine as its alias: git's line-level merge, no note
        assertEquals(new Run(1, markers, ""), run("-p", "--refine=off", mine, base, theirs));
        assertEquals(new Run(1, markers, ""), run("-p", "--no-refine", mine, base, theirs));
    }

    @Test
    void anUnknownRefineLevelIsAUsageError() throws IOException {
        String mine = file("mine", MINE);
        Run r = run("-p", "--refine=maybe", mine, mine, mine);
        assertEquals(129, r.status());
        assertEquals("error: option `refine' accepts \"certain\", \"suggest\" and \"off\"\n", r.err());
        assertEquals(129, run("-p", mine, mine, mine, "--refine").status());
    }

    @Test
    void withoutDashPTheResultReplacesMineKeepingItsPermissionsAndNoTempFile() throws IOException {
        String mine = file("mine", "one\ntwo\n");
        String base = file("base", "one\n");
        String theirs = file("theirs", "zero\none\n");
        Files.setPosixFilePermissions(Path.of(mine), PosixFilePermissions.fromString("rwxr-x---"));
        Run r = run(mine, base, theirs);
        assertEquals(new Run(0, "", ""), r);
        assertEquals("zero\none\ntwo\n", read(mine));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(mine))));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("base", "mine", "theirs"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void writingThroughASymlinkReplacesTheTargetAndKeepsTheLink() throws IOException {
        String target = file("real", "one\ntwo\n");
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of(target));
        Run r = run(link.toString(), file("base", "one\n"), file("theirs", "zero\none\n"));
        assertEquals(0, r.status());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("zero\none\ntwo\n", read(target));
    }

    @Test
    void exitStatusIsTheNumberOfConflictsAndMarkersCarryTheLabels() throws IOException {
        String mine = file("mine", "a\nM1\nk\nk\nk\nk\nM2\n");
        String base = file("base", "a\nb1\nk\nk\nk\nk\nb2\n");
        String theirs = file("theirs", "a\nT1\nk\nk\nk\nk\nT2\n");
        Run r = run("-p", "--diff3", "-L", "ours", "-Lancestor", "-L", "other", mine, base, theirs);
        assertEquals(2, r.status());
        assertEquals("a\n<<<<<<< ours\nM1\n||||||| ancestor\nb1\n=======\nT1\n>>>>>>> other\nk\nk\nk\nk\n"
                + "<<<<<<< ours\nM2\n||||||| ancestor\nb2\n=======\nT2\n>>>>>>> other\n", r.out());
    }

    @Test
    void conflictsAreWrittenIntoMineWhenNotPrinting() throws IOException {
        String mine = file("mine", "x\n");
        String base = file("base", "b\n");
        String theirs = file("theirs", "y\n");
        Run r = run("--marker-size", "3", "-L", "A", "-L", "B", "-L", "C", mine, base, theirs);
        assertEquals(new Run(1, "", ""), r);
        assertEquals("<<< A\nx\n===\ny\n>>> C\n", read(mine));
    }

    @Test
    void binaryInputIsRefusedWith255AndNothingChanges() throws IOException {
        String mine = file("mine", "a\n");
        String base = file("base", "a\n");
        String theirs = Files.write(dir.resolve("theirs"), new byte[] {'a', 0, 'b', '\n'}).toString();
        Run r = run(mine, base, theirs);
        assertEquals(new Run(255, "", "error: Cannot merge binary files: " + theirs + "\n"), r);
        assertEquals("a\n", read(mine));
    }

    @Test
    void aMissingFileGives255WithGitsMessage() throws IOException {
        String missing = dir.resolve("nope").toString();
        Run r = run("-p", missing, file("base", ""), file("theirs", ""));
        assertEquals(new Run(255, "", "error: Could not stat " + missing + ": No such file or directory\n"), r);
    }

    @Test
    void quietSilencesErrorsButKeepsTheStatus() throws IOException {
        Run r = run("-q", "-p", dir.resolve("nope").toString(), file("base", ""), file("theirs", ""));
        assertEquals(new Run(255, "", ""), r);
    }

    @Test
    void latin1BytesComeBackExactly() throws IOException {
        byte[] base = "caf\u00e9\nA\nz\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] mine = "caf\u00e9 au lait\nA\nz\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] theirs = "caf\u00e9\nA\nz\u00ff!\n".getBytes(StandardCharsets.ISO_8859_1);
        Path m = Files.write(dir.resolve("mine"), mine);
        Path b = Files.write(dir.resolve("base"), base);
        Path t = Files.write(dir.resolve("theirs"), theirs);
        assertEquals(0, run(m.toString(), b.toString(), t.toString()).status());
        assertArrayEquals("caf\u00e9 au lait\nA\nz\u00ff!\n".getBytes(StandardCharsets.ISO_8859_1), Files.readAllBytes(m));
    }

    @Test
    void unknownOptionPrintsGitsErrorAndUsageWith129() {
        Run r = run("--bogus", "a", "b", "c");
        assertEquals(129, r.status());
        assertTrue(r.err().startsWith("error: unknown option `bogus'\nusage: concord merge-file"), r.err());
        Run s = run("-x", "a", "b", "c");
        assertTrue(s.err().startsWith("error: unknown switch `x'\n"), s.err());
    }

    @Test
    void wrongNumberOfFilesPrintsUsageWith129() {
        Run r = run("a", "b");
        assertEquals(129, r.status());
        assertTrue(r.err().startsWith("usage: concord merge-file"), r.err());
    }

    @Test
    void aFourthLabelIsRejectedAsGitDoes() {
        Run r = run("-L", "1", "-L", "2", "-L", "3", "-L", "4", "a", "b", "c");
        assertEquals(new Run(129, "", "error: too many labels on the command line\n"), r);
    }

    @Test
    void nonNumericMarkerSizeIsRejected() {
        assertEquals(new Run(129, "", "error: option `marker-size' expects a numerical value\n"),
                run("--marker-size=x", "a", "b", "c"));
    }

    @Test
    void dashHPrintsUsageToStdoutWith129AndDashDashHelpExplainsWith0() {
        Run h = run("-h");
        assertEquals(129, h.status());
        assertTrue(h.out().startsWith("usage: concord merge-file"));
        Run help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("--batch") && help.out().contains("--no-refine") && help.out().contains("Exit status"));
    }

    @Test
    void optionsMayFollowTheFilesAndLongOptionsMayBeAbbreviated() throws IOException {
        String mine = file("mine", "x\n");
        String base = file("base", "b\n");
        String theirs = file("theirs", "y\n");
        Run r = run(mine, base, theirs, "--std", "--zdiff", "-L", "me");
        assertEquals(1, r.status());
        assertTrue(r.out().startsWith("<<<<<<< me\nx\n||||||| " + base + "\n"), r.out());
    }

    @Test
    void batchMergesEveryEntryReportsBadOnesAndGoesOn() throws IOException {
        String base = file("base", "a\nb\nc\n");
        String cleanMine = file("m1", "A\nb\nc\n");
        String conflictMine = file("m2", "a\nb\nMINE\n");
        String theirs = file("theirs", "a\nb\nTHEIRS\n");
        String out1 = dir.resolve("out/1.txt").toString();
        String out2 = dir.resolve("out/2.txt").toString();
        String out3 = dir.resolve("out/3.txt").toString();
        String missing = dir.resolve("missing").toString();
        String stdin = String.join("\t", cleanMine, base, theirs, out1) + "\n"
                + String.join("\t", missing, base, theirs, out3) + "\n"
                + "not a valid line\n"
                + String.join("\t", conflictMine, base, theirs, out2) + "\n";
        Run r = runWithInput(stdin, "--batch", "--diff3");
        assertEquals(0, r.status());
        assertEquals("0\t" + out1 + "\n"
                + "error\t" + out3 + "\tCould not stat " + missing + ": No such file or directory\n"
                + "error\t\tline 3: expected 4 tab-separated fields MINE BASE THEIRS OUT, got 1\n"
                + "1\t" + out2 + "\n", r.out());
        assertEquals("A\nb\nTHEIRS\n", read(out1));
        assertEquals("a\nb\n<<<<<<< " + conflictMine + "\nMINE\n||||||| " + base + "\nc\n=======\nTHEIRS\n>>>>>>> "
                + theirs + "\n", read(out2));
        assertTrue(Files.notExists(Path.of(out3)), "a failed entry writes nothing");
    }

    @Test
    void aNewOutFileGetsTheModeAnyNewFileGetsHere() throws IOException {
        String base = file("base", "a\n");
        String out = dir.resolve("new.txt").toString();
        Run r = runWithInput(String.join("\t", base, base, base, out) + "\n", "--batch");
        assertEquals("0\t" + out + "\n", r.out());
        Path reference = Files.write(dir.resolve("reference"), new byte[0]);
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(Path.of(out)));
    }

    @Test
    void batchRefusesLabelsAndFilesOnTheCommandLine() {
        assertEquals(129, run("--batch", "-L", "x").status());
        assertEquals(129, run("--batch", "a", "b", "c").status());
        assertEquals(129, run("--batch", "-p").status());
    }

    @Test
    void mainDispatchesMergeFile() throws Exception {
        String mine = file("mine", "x\n");
        String base = file("base", "x\n");
        String theirs = file("theirs", "y\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("merge-file", "-p", mine, base, theirs));
        int status = Main.run(args.toArray(String[]::new), new PrintStream(out, true), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, status);
        assertEquals("y\n", out.toString(StandardCharsets.UTF_8));
    }
}
