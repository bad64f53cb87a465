package concord.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import concord.merge.HistogramMerger;
import concord.merge.MarkerStyle;
import concord.merge.MergeOptions;

/**
 * {@code concord.jar merge-file}: git merge-file's interface over Concord's merge engine: same argument order,
 * same output bytes (with {@code --no-refine}, where the line diffs agree), same exit status.
 */
public final class MergeFileCommand {

    /** git caps the conflict count at 127 so it never reads as a signal or an error. */
    static final int MAX_STATUS = 127;
    static final int ERROR = 255;
    static final int USAGE = 129;
    /** git's status when it dies ({@code fatal:}). */
    static final int FATAL = 128;

    private MergeFileCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, GitContext.ofProcess());
    }

    /**
     * As if run in {@code cwd} with environment {@code env}: relative file names, the repository whose
     * configuration applies and whose blobs {@code --object-id} reads, and git's configuration variables.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Path cwd,
                          java.util.Map<String, String> env) {
        return run(args, in, out, err, new GitContext(cwd.toAbsolutePath(), env));
    }

    /** @param where the working directory and environment: where the files are, and which repository's config */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, GitContext where) {
        // like git, the configuration comes first (inside a repository), and a bad conflict style is fatal
        MarkerStyle configured;
        try {
            configured = configuredStyle(where);
        } catch (GitContext.Fatal e) {
            err.println("fatal: " + e.getMessage());
            return FATAL;
        }
        MergeFileOptions o;
        try {
            o = MergeFileOptions.parse(args);
        } catch (MergeFileUsageException e) {
            if (e.getMessage() != null) {
                err.println(e.getMessage());
            }
            if (e.showUsage()) {
                err.print(MergeFileOptions.usageText());
            }
            return USAGE;
        }
        if (o.help()) {
            out.print(MergeFileOptions.helpText());
            return 0;
        }
        if (o.shortHelp()) {
            out.print(MergeFileOptions.usageText());
            return USAGE;
        }
        // git -q sends everything after option parsing to /dev/null
        PrintStream diag = o.quiet() ? new PrintStream(OutputStream.nullOutputStream()) : err;
        MarkerStyle style = o.style() != null ? o.style() : configured;
        MergeFileJob job = new MergeFileJob(new HistogramMerger(), style, o.favor(),
                new MergeOptions(o.refinement(), o.lineDiff()), o.markerSize());
        if (o.batch()) {
            return batch(job, in, out, diag, where);
        }
        return o.objectIds() ? blobs(job, o, out, diag, where) : single(job, o, out, diag, where);
    }

    /** git merge-file reads {@code merge.conflictStyle} when it runs inside a repository (git_xmerge_config). */
    private static MarkerStyle configuredStyle(GitContext where) throws GitContext.Fatal {
        if (where.gitDir().isEmpty()) {
            return MarkerStyle.MERGE;
        }
        Optional<String> value = where.config("merge", "conflictStyle");
        if (value.isEmpty()) {
            return MarkerStyle.MERGE;
        }
        return switch (value.get()) {
            case "merge" -> MarkerStyle.MERGE;
            case "diff3" -> MarkerStyle.DIFF3;
            case "zdiff3" -> MarkerStyle.ZDIFF3;
            default -> throw new GitContext.Fatal("unknown style '" + value.get() + "' given for 'merge.conflictstyle'");
        };
    }

    /**
     * {@code --object-id}: the three names are blobs of the repository; the result goes to standard output with
     * -p, otherwise into the repository as a blob whose id is printed (git merge-file 2.43's behaviour).
     */
    private static int blobs(MergeFileJob job, MergeFileOptions o, PrintStream out, PrintStream err, GitContext where) {
        Optional<Path> gitDir = where.gitDir();
        if (gitDir.isEmpty()) {
            err.println("fatal: not a git repository (or any of the parent directories): .git");
            return FATAL;
        }
        String[] names = o.files().toArray(String[]::new);
        try (GitBlobs repo = GitBlobs.open(gitDir.get())) {
            byte[][] bytes = new byte[3][];
            for (int i = 0; i < 3; i++) {
                bytes[i] = repo.read(names[i]);
                MergeFileJob.refuseBinary(bytes[i], names[i]);
            }
            MergeFileJob.Outcome r = job.merge(bytes, labels(o, names));
            if (o.toStdout()) {
                if (!write(out, r.bytes(), err)) {
                    return ERROR;
                }
            } else {
                out.println(repo.write(r.bytes()).name());
                out.flush();
            }
            noteSuggestions(r, names[0], err);
            return Math.min(r.conflicts(), MAX_STATUS);
        } catch (GitBlobs.Missing e) {
            err.println((e.fatal ? "fatal: " : "error: ") + e.getMessage());
            return e.fatal ? FATAL : ERROR;
        } catch (MergeFileJob.Failure e) {
            err.println("error: " + e.getMessage());
            return ERROR;
        } catch (IOException | RuntimeException e) {
            err.println("error: Could not write object file: " + e.getMessage());
            return ERROR;
        }
    }

    private static String[] labels(MergeFileOptions o, String[] names) {
        String[] labels = names.clone();
        for (int i = 0; i < o.labels().size(); i++) {
            labels[i] = o.labels().get(i);
        }
        return labels;
    }

    private static boolean write(PrintStream out, byte[] bytes, PrintStream err) {
        out.write(bytes, 0, bytes.length);
        out.flush();
        if (out.checkError()) {
            err.println("error: Could not write to standard output");
            return false;
        }
        return true;
    }

    private static int single(MergeFileJob job, MergeFileOptions o, PrintStream out, PrintStream err, GitContext where) {
        String[] names = o.files().toArray(String[]::new);
        try {
            MergeFileJob.Outcome r = job.merge(where.cwd().resolve(names[0]), where.cwd().resolve(names[1]),
                    where.cwd().resolve(names[2]), names, labels(o, names));
            if (o.toStdout()) {
                if (!write(out, r.bytes(), err)) {
                    return ERROR;
                }
            } else {
                MergeFileJob.writeAtomically(where.cwd().resolve(names[0]), r.bytes(), names[0]);
            }
            noteSuggestions(r, names[0], err);
            return Math.min(r.conflicts(), MAX_STATUS);
        } catch (MergeFileJob.Failure e) {
            err.println("error: " + e.getMessage());
            return ERROR;
        } catch (RuntimeException e) {
            // e.g. a bad path string: still a precise message and git's error status, never a stack trace
            err.println("error: " + e.getMessage());
            return ERROR;
        }
    }

    /**
     * Suggestions are not written into the conflict markers: tools that read markers (editors' "accept ours",
     * merge tools, git rerere) take every line between two markers as that side's text, so a comment line would
     * end up in the file, and a fourth section would break them. One line on standard error (silenced by -q)
     * says that a suggestion exists and how to apply it.
     */
    private static void noteSuggestions(MergeFileJob.Outcome r, String file, PrintStream err) {
        if (r.conflicts() > 0 && r.suggestions() > 0) {
            err.println("concord merge-file: " + r.suggestions() + (r.suggestions() == 1 ? " conflict" : " conflicts")
                    + " in " + file + " " + (r.suggestions() == 1 ? "has" : "have")
                    + " a suggested resolution (--refine=suggest applies " + (r.suggestions() == 1 ? "it" : "them") + ")");
        }
    }

    /** One JVM for many merges; a bad entry is reported on its own line and the batch goes on. */
    private static int batch(MergeFileJob job, InputStream in, PrintStream out, PrintStream err, GitContext where) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (line.isEmpty()) {
                    continue;
                }
                out.println(batchEntry(job, line, lineNo, where.cwd()));
                out.flush();
            }
        } catch (IOException e) {
            err.println("error: could not read the batch from standard input: " + e.getMessage());
            return ERROR;
        }
        return 0;
    }

    private static String batchEntry(MergeFileJob job, String line, int lineNo, Path cwd) {
        String[] f = line.split("\t", -1);
        if (f.length != 4) {
            String outName = f.length > 4 ? f[3] : "";
            return "error\t" + outName + "\tline " + lineNo + ": expected 4 tab-separated fields"
                    + " MINE BASE THEIRS OUT, got " + f.length;
        }
        for (String field : f) {
            if (field.isEmpty()) {
                return "error\t" + f[3] + "\tline " + lineNo + ": empty file name";
            }
        }
        String[] names = {f[0], f[1], f[2]};
        try {
            MergeFileJob.Outcome r = job.merge(cwd.resolve(f[0]), cwd.resolve(f[1]), cwd.resolve(f[2]), names, names);
            MergeFileJob.writeAtomically(cwd.resolve(f[3]), r.bytes(), f[3]);
            return r.conflicts() + "\t" + f[3];
        } catch (MergeFileJob.Failure e) {
            return "error\t" + f[3] + "\t" + e.getMessage();
        } catch (RuntimeException e) {
            return "error\t" + f[3] + "\t" + e.getMessage();
        }
    }
}
