package concord.app;

import java.util.ArrayList;
import java.util.List;

import concord.merge.ConflictFavor;
import concord.merge.LineDiff;
import concord.merge.MarkerStyle;
import concord.merge.Refinement;

/**
 * The parsed command line of {@code merge-file}, with git merge-file's option syntax (parse-options): options and
 * files in any order, {@code --} ends options, short flags bundle ({@code -pq}), {@code -Lname} or {@code -L name},
 * {@code --marker-size=N} or {@code --marker-size N}, unique prefixes of long options ({@code --std}).
 *
 * @param style       {@code --diff3}/{@code --zdiff3}, or {@code null} when neither was given (then git's
 *                    {@code merge.conflictStyle} decides, inside a repository)
 * @param lineDiff    {@code --diff-algorithm}: git's four names on JGit's two algorithms (see {@link #lineDiff(String)})
 * @param objectIds   {@code --object-id}: the three arguments name blobs of the repository around the working directory
 */
record MergeFileOptions(boolean toStdout, MarkerStyle style, ConflictFavor favor, Refinement refinement, boolean quiet,
                        int markerSize, LineDiff lineDiff, boolean objectIds,
                        List<String> labels, boolean batch, boolean help, boolean shortHelp, List<String> files) {

    static final String USAGE_LINE =
            "usage: concord merge-file [<options>] [-L <name1> [-L <orig> [-L <name2>]]] <file1> <orig-file> <file2>";

    static final String OPTIONS = """
                -p, --stdout          send results to standard output
                --object-id           use object IDs instead of filenames
                --diff3               use a diff3 based merge
                --zdiff3              use a zealous diff3 based merge
                --ours                for conflicts, use our version
                --theirs              for conflicts, use their version
                --union               for conflicts, use a union version
                --diff-algorithm <algorithm>
                                      choose a diff algorithm: histogram (default), myers, minimal, patience
                --refine <how>        certain (default): apply what is certain, leave the rest as conflicts;
                                      suggest: also apply every suggested resolution; off: git's line merge
                --no-refine           same as --refine=off
                --marker-size <n>     for conflicts, use this marker size
                -q, --quiet           do not warn about conflicts
                -L <name>             set labels for file1/orig-file/file2
                --batch               merge many files: read MINE<TAB>BASE<TAB>THEIRS<TAB>OUT lines from stdin
            """;

    private static final List<String> LONG = List.of("stdout", "object-id", "diff3", "zdiff3", "ours", "theirs", "union",
            "diff-algorithm", "refine", "no-refine", "marker-size", "quiet", "batch", "help");

    static MergeFileOptions parse(String[] args) throws MergeFileUsageException {
        boolean toStdout = false;
        MarkerStyle style = null;
        LineDiff lineDiff = LineDiff.HISTOGRAM;
        boolean objectIds = false;
        ConflictFavor favor = ConflictFavor.NONE;
        Refinement refinement = Refinement.CERTAIN;
        boolean quiet = false;
        int markerSize = 0;
        List<String> labels = new ArrayList<>();
        boolean batch = false;
        boolean help = false;
        boolean shortHelp = false;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                files.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String given = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                String value = eq < 0 ? null : arg.substring(eq + 1);
                String name = longName(given);
                if (!TAKES_VALUE.contains(name) && value != null) {
                    throw new MergeFileUsageException("error: option `" + name + "' takes no value", false);
                }
                switch (name) {
                    case "stdout" -> toStdout = true;
                    case "object-id" -> objectIds = true;
                    case "diff-algorithm" -> {
                        if (value == null) {
                            value = requireValue(args, ++i, name);
                        }
                        lineDiff = lineDiff(value);
                    }
                    case "diff3" -> style = MarkerStyle.DIFF3;
                    case "zdiff3" -> style = MarkerStyle.ZDIFF3;
                    case "ours" -> favor = ConflictFavor.MINE;
                    case "theirs" -> favor = ConflictFavor.THEIRS;
                    case "union" -> favor = ConflictFavor.UNION;
                    case "no-refine" -> refinement = Refinement.OFF;
                    case "refine" -> {
                        if (value == null) {
                            value = requireValue(args, ++i, name);
                        }
                        refinement = refinement(value);
                    }
                    case "quiet" -> quiet = true;
                    case "batch" -> batch = true;
                    case "help" -> help = true;
                    case "marker-size" -> {
                        if (value == null) {
                            value = requireValue(args, ++i, name);
                        }
                        markerSize = number(value);
                    }
                    default -> throw new IllegalStateException(name);
                }
                continue;
            }
            if (arg.startsWith("-") && arg.length() > 1) {
                for (int k = 1; k < arg.length(); k++) {
                    char c = arg.charAt(k);
                    switch (c) {
                        case 'p' -> toStdout = true;
                        case 'q' -> quiet = true;
                        case 'h' -> shortHelp = true;
                        case 'L' -> {
                            String label;
                            if (k + 1 < arg.length()) {
                                label = arg.substring(k + 1);
                            } else if (i + 1 < args.length) {
                                label = args[++i];
                            } else {
                                throw new MergeFileUsageException("error: switch `L' requires a value", false);
                            }
                            if (labels.size() == 3) {
                                throw new MergeFileUsageException("error: too many labels on the command line", false);
                            }
                            labels.add(label);
                            k = arg.length();
                        }
                        default -> throw new MergeFileUsageException("error: unknown switch `" + c + "'", true);
                    }
                    if (shortHelp) {
                        break;
                    }
                }
                continue;
            }
            files.add(arg);
        }
        MergeFileOptions o = new MergeFileOptions(toStdout, style, favor, refinement, quiet, markerSize, lineDiff,
                objectIds, List.copyOf(labels),
                batch, help, shortHelp, List.copyOf(files));
        if (help || shortHelp) {
            return o;
        }
        if (batch) {
            if (!files.isEmpty()) {
                throw new MergeFileUsageException("error: --batch reads its files from standard input, not the command line", true);
            }
            if (!labels.isEmpty()) {
                throw new MergeFileUsageException("error: -L cannot be used with --batch (labels are the file names)", true);
            }
            if (toStdout) {
                throw new MergeFileUsageException("error: -p cannot be used with --batch (each result goes to its OUT file)", true);
            }
            if (objectIds) {
                throw new MergeFileUsageException("error: --object-id cannot be used with --batch", true);
            }
        } else if (files.size() != 3) {
            throw new MergeFileUsageException(null, true);
        }
        return o;
    }

    private static final List<String> TAKES_VALUE = List.of("marker-size", "refine", "diff-algorithm");

    /**
     * git's {@code --diff-algorithm} names (compared ignoring case, as git does) on JGit's two diffs: myers, minimal
     * and default on JGit's Myers diff, which always finds a minimal edit script (git's myers gives up minimality
     * on very costly inputs, its minimal does not); histogram on JGit's histogram diff, of which git's is a port;
     * patience on the histogram diff too, JGit having no patience diff: its histogram diff is patience extended to
     * lines that occur more than once and, by JGit's own account, behaves exactly like patience whenever a unique
     * common line is available.
     */
    static LineDiff lineDiff(String value) throws MergeFileUsageException {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "myers", "minimal", "default" -> LineDiff.MYERS;
            case "histogram", "patience" -> LineDiff.HISTOGRAM;
            default -> throw new MergeFileUsageException("error: option diff-algorithm accepts \"myers\", "
                    + "\"minimal\", \"patience\" and \"histogram\"", false);
        };
    }

    /** The value of a long option given as the next argument, as git's parse-options takes it. */
    private static String requireValue(String[] args, int at, String name) throws MergeFileUsageException {
        if (at >= args.length) {
            throw new MergeFileUsageException("error: option `" + name + "' requires a value", false);
        }
        return args[at];
    }

    private static Refinement refinement(String value) throws MergeFileUsageException {
        return switch (value) {
            case "certain" -> Refinement.CERTAIN;
            case "suggest" -> Refinement.SUGGEST;
            case "off" -> Refinement.OFF;
            default -> throw new MergeFileUsageException(
                    "error: option `refine' accepts \"certain\", \"suggest\" and \"off\"", false);
        };
    }

    private static String longName(String given) throws MergeFileUsageException {
        if (LONG.contains(given)) {
            return given;
        }
        List<String> candidates = new ArrayList<>();
        for (String name : LONG) {
            if (!given.isEmpty() && name.startsWith(given)) {
                candidates.add(name);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.size() > 1) {
            throw new MergeFileUsageException("error: ambiguous option: " + given + " (could be --"
                    + String.join(" or --", candidates) + ")", true);
        }
        throw new MergeFileUsageException("error: unknown option `" + given + "'", true);
    }

    private static int number(String value) throws MergeFileUsageException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new MergeFileUsageException("error: option `marker-size' expects a numerical value", false);
        }
    }

    static String usageText() {
        return USAGE_LINE + "\n   or: concord merge-file --batch [<options>] < LIST\n\n" + OPTIONS + "\n";
    }

    static String helpText() {
        return """
                concord merge-file: three-way merge of files, with git merge-file's interface.

                """ + usageText() + """
                Merges the changes that lead from <orig-file> to <file2> into <file1>. Without -p the result
                is written over <file1> (atomically, keeping its permissions). Conflicts are shown with git's
                markers, labelled with the file names unless -L is given.

                Beyond git's line-level merge, Concord finds resolutions git cannot: changes of the two sides
                on touching lines, or to different words of the same lines. Measured on real merges, those are
                right about as often as wrong (people often keep one side, or rewrite while merging), so by
                default (--refine=certain) they stay conflicts, with git's markers and counted in the exit
                status; a note on standard error says how many have a suggestion. --refine=suggest applies
                every suggestion; --refine=off (or --no-refine) gives git's line-level result.

                Files are read as bytes: UTF-8 when all three are valid UTF-8, otherwise ISO-8859-1, so every byte
                comes out as it went in. A NUL byte in the first 8000 bytes means binary: refused.

                Inside a git repository, git's merge.conflictStyle (merge, diff3, zdiff3) applies unless --diff3 or
                --zdiff3 is given, as in git; git -c settings reach it through the environment, as they reach a
                merge driver. --diff-algorithm takes git's four names: myers, minimal and default run JGit's Myers
                diff, histogram and patience JGit's histogram diff (the default).

                --object-id: the three arguments name blobs of the repository (an id, HEAD:notes.md, ...); the
                result is written to the repository as a blob and its id printed, or with -p printed itself.

                Exit status: the number of conflicts (at most 127); 255 for unreadable or binary input, a missing
                object or a failed write; 128 outside a repository with --object-id or for a bad
                merge.conflictStyle; 129 for bad usage.

                --batch: each input line is MINE<TAB>BASE<TAB>THEIRS<TAB>OUT; every merge runs in this one process
                and is written to OUT; one line is printed per input: <conflicts><TAB><OUT>, or
                error<TAB><OUT><TAB><message> (the batch goes on). Exit status 0 when all input was read.
                """;
    }
}
