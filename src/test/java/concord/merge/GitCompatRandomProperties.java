package concord.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import concord.app.MergeFileCommand;

/**
 * Random line edits on both sides of a random text, compared with {@code git merge-file -p} byte for byte. Base
 * lines are distinct, so git's Myers diff and the engine's histogram diff align them the same way; the lines the
 * sides add may repeat (blank lines, punctuation, the same line added on both sides), which exercises git's
 * conflict refinement, the joining of close conflicts, zdiff3's hoisting, CRLF markers and missing final newlines.
 */
class GitCompatRandomProperties {

    @Property(tries = 60)
    void randomLineEditsMergeAsGitMergesThem(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int styleIndex)
            throws Exception {
        String style = List.of("merge", "diff3", "zdiff3").get(styleIndex);
        Random rnd = new Random(seed);
        List<String> base = new ArrayList<>();
        int n = rnd.nextInt(16);
        for (int i = 0; i < n; i++) {
            base.add("line " + i);
        }
        String eol = rnd.nextInt(4) == 0 ? "\r\n" : "\n";
        Path dir = Files.createTempDirectory("gitcompat");
        try {
            Path mine = Files.write(dir.resolve("mine"), text(edit(base, "mine", rnd), eol, rnd));
            Path baseFile = Files.write(dir.resolve("base"), text(base, eol, rnd));
            Path theirs = Files.write(dir.resolve("theirs"), text(edit(base, "theirs", rnd), eol, rnd));
            List<String> args = new ArrayList<>(List.of("-p"));
            if (!style.equals("merge")) {
                args.add("--" + style);
            }
            args.addAll(List.of(mine.toString(), baseFile.toString(), theirs.toString()));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<String> ours = new ArrayList<>(List.of("--no-refine"));
            ours.addAll(args);
            int status = MergeFileCommand.run(ours.toArray(String[]::new), InputStream.nullInputStream(),
                    new PrintStream(out, true), new PrintStream(new ByteArrayOutputStream(), true), dir,
                    java.util.Map.of("GIT_CONFIG_NOSYSTEM", "1", "GIT_CONFIG_GLOBAL", "/dev/null"));

            List<String> cmd = new ArrayList<>(List.of("git", "merge-file"));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
            Process p = pb.start();
            byte[] git;
            try (InputStream in = p.getInputStream()) {
                git = in.readAllBytes();
            }
            assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(new String(git, StandardCharsets.ISO_8859_1), out.toString(StandardCharsets.ISO_8859_1));
            assertArrayEquals(git, out.toByteArray());
            assertEquals(p.exitValue(), status);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static List<String> edit(List<String> base, String who, Random rnd) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            int r = rnd.nextInt(100);
            if (r < 8) {
                continue;
            }
            if (r < 16) {
                out.add(added(who, i, rnd));
            } else if (r < 22) {
                out.add(base.get(i));
                out.add(added(who, i, rnd));
            } else {
                out.add(base.get(i));
            }
        }
        return out;
    }

    /** Often a line the other side may add too at the same place, or one without letters or digits. */
    private static String added(String who, int at, Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> "shared " + at;
            case 1 -> "";
            case 2 -> "--";
            default -> who + " " + at + " " + rnd.nextInt(1000);
        };
    }

    private static byte[] text(List<String> lines, String eol, Random rnd) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append(eol);
        }
        if (sb.length() > 0 && rnd.nextInt(5) == 0) {
            sb.setLength(sb.length() - eol.length());
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
