package concord.merge;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A quick speed and memory check of the engine alone (not a JUnit test; the project benchmark with the
 * command line lives in concord.bench). Builds a deterministic prose-like text of the given size, gives each
 * side an edit on about one line in 55 (replace a word, delete the line, add a line), some of which collide,
 * and times steady-state merges next to {@code git merge-file} on the same files.
 *
 * <pre>java -Xmx256m -cp target/classes:target/test-classes:$(cat cp.txt) concord.merge.MergeSpeedCheck 10000000</pre>
 */
public final class MergeSpeedCheck {

    private MergeSpeedCheck() {
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        Random rnd = new Random(42);
        String[] vocab = new String[5000];
        for (int i = 0; i < vocab.length; i++) {
            StringBuilder w = new StringBuilder();
            for (int k = 2 + rnd.nextInt(8); k > 0; k--) {
                w.append((char) ('a' + rnd.nextInt(26)));
            }
            vocab[i] = w.toString();
        }
        List<String> base = new ArrayList<>();
        for (int total = 0; total < size; ) {
            StringBuilder l = new StringBuilder();
            for (int k = 5 + rnd.nextInt(12); k > 0; k--) {
                l.append(vocab[rnd.nextInt(vocab.length)]).append(k > 1 ? " " : ".\n");
            }
            base.add(l.toString());
            total += l.length();
        }
        String b = String.join("", base);
        String m = String.join("", edit(base, rnd, vocab));
        String t = String.join("", edit(base, rnd, vocab));
        Path dir = Files.createTempDirectory("merge-speed");
        Files.writeString(dir.resolve("base.txt"), b);
        Files.writeString(dir.resolve("mine.txt"), m);
        Files.writeString(dir.resolve("theirs.txt"), t);

        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        HistogramMerger merger = new HistogramMerger();
        for (MergeOptions options : List.of(MergeOptions.LINE_ONLY, MergeOptions.DEFAULT)) {
            long[] wall = new long[9];
            long[] used = new long[wall.length];
            MergeResult r = null;
            for (int i = -3; i < wall.length; i++) { // three warm-up rounds
                long c0 = cpu.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                r = merger.merge(b, m, t, options);
                if (i >= 0) {
                    wall[i] = System.nanoTime() - w0;
                    used[i] = cpu.getCurrentThreadCpuTime() - c0;
                }
            }
            Arrays.sort(wall);
            Arrays.sort(used);
            System.out.printf("engine %-9s %,d bytes: median %d ms wall, %d ms cpu; %d chunks, %d conflicts, "
                            + "heap max %d MB%n", options.refinement().name().toLowerCase(java.util.Locale.ROOT), b.length(),
                    wall[wall.length / 2] / 1_000_000, used[used.length / 2] / 1_000_000, r.chunks().size(),
                    r.conflictCount(), Runtime.getRuntime().maxMemory() >> 20);
        }
        long[] git = new long[5];
        for (int i = 0; i < git.length; i++) {
            long w0 = System.nanoTime();
            Process p = new ProcessBuilder("git", "merge-file", "-p", "mine.txt", "base.txt", "theirs.txt")
                    .directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int conflicts = p.waitFor();
            git[i] = System.nanoTime() - w0;
            if (i == 0) {
                System.out.printf("git merge-file: %d conflicts%n", conflicts);
            }
        }
        Arrays.sort(git);
        System.out.printf("git merge-file -p: median %d ms wall (files in %s)%n", git[git.length / 2] / 1_000_000, dir);
    }

    private static List<String> edit(List<String> base, Random rnd, String[] vocab) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : base) {
            int r = rnd.nextInt(55);
            if (r == 0) {
                String[] w = line.split(" ");
                w[rnd.nextInt(w.length - 1)] = vocab[rnd.nextInt(vocab.length)];
                out.add(String.join(" ", w));
            } else if (r == 2) {
                out.add(line);
                out.add("new " + vocab[rnd.nextInt(vocab.length)] + " line.\n");
            } else if (r != 1) {
                out.add(line);
            }
        }
        return out;
    }
}
