package concord.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import concord.merge.HistogramMerger;
import concord.merge.LineDiff;
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

    private MergeFileCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
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
        MergeFileJob job = new MergeFileJob(new HistogramMerger(), o.style(), o.favor(),
                new MergeOptions(o.refinement(), LineDiff.HISTOGRAM), o.markerSize());
        return o.batch() ? batch(job, in, out, diag) : single(job, o, out, diag);
    }

    private static int single(MergeFileJob job, MergeFileOptions o, PrintStream out, PrintStream err) {
        String[] names = o.files().toArray(String[]::new);
        String[] labels = names.clone();
        for (int i = 0; i < o.labels().size(); i++) {
            labels[i] = o.labels().get(i);
        }
        try {
            MergeFileJob.Outcome r = job.merge(Path.of(names[0]), Path.of(names[1]), Path.of(names[2]), names, labels);
            if (o.toStdout()) {
                out.write(r.bytes(), 0, r.bytes().length);
                out.flush();
                if (out.checkError()) {
                    err.println("error: Could not write to standard output");
                    return ERROR;
                }
            } else {
                MergeFileJob.writeAtomically(Path.of(names[0]), r.bytes(), names[0]);
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
    private static int batch(MergeFileJob job, InputStream in, PrintStream out, PrintStream err) {
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
                out.println(batchEntry(job, line, lineNo));
                out.flush();
            }
        } catch (IOException e) {
            err.println("error: could not read the batch from standard input: " + e.getMessage());
            return ERROR;
        }
        return 0;
    }

    private static String batchEntry(MergeFileJob job, String line, int lineNo) {
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
            MergeFileJob.Outcome r = job.merge(Path.of(f[0]), Path.of(f[1]), Path.of(f[2]), names, names);
            MergeFileJob.writeAtomically(Path.of(f[3]), r.bytes(), f[3]);
            return r.conflicts() + "\t" + f[3];
        } catch (MergeFileJob.Failure e) {
            return "error\t" + f[3] + "\t" + e.getMessage();
        } catch (RuntimeException e) {
            return "error\t" + f[3] + "\t" + e.getMessage();
        }
    }
}
