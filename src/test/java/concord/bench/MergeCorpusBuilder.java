package concord.bench;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the split-edit corpus for the merge-quality evaluation from real version histories of prose
 * files (see bench/merge/fetch-corpus.sh). For each pair of consecutive versions v1 → v2 of a file whose
 * real edit has at least two separate changes, the changes are dealt alternately to mine and theirs:
 * base = v1, mine = v1 + changes 1, 3, 5…, theirs = v1 + changes 2, 4, 6…, and the right merge is v2,
 * exactly what the authors wrote. A "change" is a line-level hunk of the histogram diff, except inside a
 * hunk that replaces n lines by n similar lines: there each word-level change of each line is a change of
 * its own, so one line edited in two places gives mine one place and theirs the other.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=concord.bench.MergeCorpusBuilder [-Dcorpus.dir=target/merge-corpus]
 * </pre>
 * Writes {@code cases/<package>/<file>/<v1>_<v2>/{base,mine,theirs,expected}} and {@code cases/manifest.tsv}.
 * Deterministic: the same downloaded files give the same cases.
 */
public final class MergeCorpusBuilder {

    /** One real change, applied to v1 either whole (line hunk) or inside one line (token hunk). */
    record Unit(int lineBegin, int lineEnd, List<String> newLines, int tokenBegin, int tokenEnd, List<String> newTokens) {

        boolean insideLine() {
            return newTokens != null;
        }
    }

    /**
     * A built case, as listed in the manifest. {@code kind} is {@code split} (one real edit dealt to two sides)
     * or {@code chain} (two real consecutive edits that overlap: see {@link #writeChain}).
     */
    record Case(String id, String kind, Path dir, int units, int tokenUnits) {
    }

    private MergeCorpusBuilder() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(System.getProperty("corpus.dir", "target/merge-corpus"));
        List<Case> cases = build(root);
        System.out.printf("built %d split cases (%d with in-line splits) and %d chain cases under %s%n",
                cases.stream().filter(c -> c.kind().equals("split")).count(),
                cases.stream().filter(c -> c.tokenUnits() > 0).count(),
                cases.stream().filter(c -> c.kind().equals("chain")).count(), root.resolve("cases"));
    }

    static List<Case> build(Path root) throws IOException {
        Path files = root.resolve("files");
        Path out = root.resolve("cases");
        if (!Files.isDirectory(files)) {
            throw new IOException(files + " is missing: run bench/merge/fetch-corpus.sh first");
        }
        deleteTree(out);
        Files.createDirectories(out);
        List<Case> cases = new ArrayList<>();
        for (Path pkg : list(files)) {
            Path versionsFile = pkg.resolve("versions.txt");
            if (!Files.isRegularFile(versionsFile)) {
                continue;
            }
            List<String> versions = Files.readAllLines(versionsFile);
            for (Path fileDir : list(pkg)) {
                if (!Files.isDirectory(fileDir)) {
                    continue;
                }
                List<String> texts = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (String v : versions) {
                    Path p = fileDir.resolve(v);
                    if (!Files.isRegularFile(p)) {
                        continue;
                    }
                    String text = utf8(Files.readAllBytes(p));
                    if (text == null || (!texts.isEmpty() && texts.get(texts.size() - 1).equals(text))) {
                        continue; // unreadable, or unchanged in this release
                    }
                    texts.add(text);
                    names.add(v);
                }
                String prefix = pkg.getFileName() + "/" + fileDir.getFileName() + "/";
                for (int i = 0; i + 1 < texts.size(); i++) {
                    String id = prefix + names.get(i) + "_" + names.get(i + 1);
                    Case c = writeSplit(out.resolve(id), id, texts.get(i), texts.get(i + 1));
                    if (c != null) {
                        cases.add(c);
                    }
                }
                for (int i = 0; i + 2 < texts.size(); i++) {
                    String id = prefix + names.get(i) + "_" + names.get(i + 1) + "_" + names.get(i + 2);
                    cases.add(writeChain(out.resolve(id), id, texts.get(i), texts.get(i + 1), texts.get(i + 2)));
                }
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("manifest.tsv")))) {
            w.println("id\tkind\tunits\ttoken_units");
            for (Case c : cases) {
                w.println(c.id() + "\t" + c.kind() + "\t" + c.units() + "\t" + c.tokenUnits());
            }
        }
        return cases;
    }

    /**
     * Three consecutive versions: base = v1, mine = v2, theirs = v3, which its authors wrote on top of v2.
     * Both sides carry the real edit v1 → v2, and theirs edits further, often the very lines v2 changed: a
     * genuine overlap. What the people wrote is v3, so a clean merge other than v3 is wrong (it would
     * undo or duplicate their later edit); a conflict is an honest answer.
     */
    private static Case writeChain(Path dir, String id, String v1, String v2, String v3) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("base"), v1, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("mine"), v2, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("theirs"), v3, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("expected"), v3, StandardCharsets.UTF_8);
        return new Case(id, "chain", dir, units(lines(v2), lines(v3)).size(), 0);
    }

    private static Case writeSplit(Path dir, String id, String v1, String v2) throws IOException {
        List<String> a = lines(v1);
        List<String> b = lines(v2);
        List<Unit> units = units(a, b);
        if (units.size() < 2) {
            return null; // one change cannot be split between two people
        }
        List<Unit> mine = new ArrayList<>();
        List<Unit> theirs = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            (i % 2 == 0 ? mine : theirs).add(units.get(i));
        }
        String all = apply(a, units);
        if (!all.equals(v2)) {
            // changes this builder cannot deal out separately (e.g. an insertion touching a replaced line)
            System.err.println("skipped " + id + ": its changes do not recompose v2");
            return null;
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("base"), v1, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("mine"), apply(a, mine), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("theirs"), apply(a, theirs), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("expected"), v2, StandardCharsets.UTF_8);
        int tokenUnits = (int) units.stream().filter(Unit::insideLine).count();
        return new Case(id, "split", dir, units.size(), tokenUnits);
    }

    /** The real edit a → b as separate changes, in document order. */
    static List<Unit> units(List<String> a, List<String> b) {
        List<Unit> units = new ArrayList<>();
        for (Edit e : diff(a, b)) {
            int n = e.getEndA() - e.getBeginA();
            if (e.getType() == Edit.Type.REPLACE && n == e.getEndB() - e.getBeginB()) {
                for (int i = 0; i < n; i++) {
                    lineUnits(a.get(e.getBeginA() + i), b.get(e.getBeginB() + i), e.getBeginA() + i, units);
                }
            } else {
                units.add(new Unit(e.getBeginA(), e.getEndA(), List.copyOf(b.subList(e.getBeginB(), e.getEndB())), -1, -1, null));
            }
        }
        return units;
    }

    /** Word-level changes of one line when the two lines are mostly alike; else one whole-line change. */
    private static void lineUnits(String la, String lb, int line, List<Unit> units) {
        List<String> ta = tokens(la);
        List<String> tb = tokens(lb);
        EditList edits = diff(ta, tb);
        int changed = 0;
        for (Edit e : edits) {
            changed += Math.max(e.getEndA() - e.getBeginA(), e.getEndB() - e.getBeginB());
        }
        int longest = Math.max(ta.size(), tb.size());
        if (edits.size() < 2 || changed * 2 > longest) {
            // a rewritten line, or a single change: no sub-line split (a single change is the line hunk itself)
            units.add(new Unit(line, line + 1, List.of(lb), -1, -1, null));
            return;
        }
        for (Edit e : edits) {
            units.add(new Unit(line, line + 1, null, e.getBeginA(), e.getEndA(), List.copyOf(tb.subList(e.getBeginB(), e.getEndB()))));
        }
    }

    /** v1 with the given changes applied. */
    static String apply(List<String> a, List<Unit> chosen) {
        Map<Integer, List<Unit>> byLine = new HashMap<>();
        for (Unit u : chosen) {
            byLine.computeIfAbsent(u.lineBegin(), k -> new ArrayList<>()).add(u);
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i <= a.size()) {
            List<Unit> here = byLine.getOrDefault(i, List.of());
            Unit whole = here.stream().filter(u -> !u.insideLine()).findFirst().orElse(null);
            if (whole != null) {
                whole.newLines().forEach(sb::append);
                i = Math.max(whole.lineEnd(), i + (whole.lineEnd() == whole.lineBegin() ? 0 : 1));
                if (whole.lineEnd() == whole.lineBegin()) {
                    // an insertion before line i: line i itself still follows (with its own changes, if any)
                    List<Unit> rest = here.stream().filter(Unit::insideLine).toList();
                    if (i < a.size()) {
                        sb.append(rest.isEmpty() ? a.get(i) : applyTokens(a.get(i), rest));
                    }
                    i++;
                }
                continue;
            }
            if (i == a.size()) {
                break;
            }
            sb.append(here.isEmpty() ? a.get(i) : applyTokens(a.get(i), here));
            i++;
        }
        return sb.toString();
    }

    private static String applyTokens(String line, List<Unit> units) {
        List<String> t = tokens(line);
        List<Unit> sorted = new ArrayList<>(units);
        sorted.sort(Comparator.comparingInt(Unit::tokenBegin));
        StringBuilder sb = new StringBuilder();
        int k = 0;
        for (Unit u : sorted) {
            for (; k < u.tokenBegin(); k++) {
                sb.append(t.get(k));
            }
            u.newTokens().forEach(sb::append);
            k = u.tokenEnd();
        }
        for (; k < t.size(); k++) {
            sb.append(t.get(k));
        }
        return sb.toString();
    }

    /** Lines with their terminators, so every byte survives. */
    static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                out.add(s.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    /** Words (letters/digits), runs of whitespace, and single other code points. */
    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int j = i + Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                while (j < s.length() && Character.isLetterOrDigit(s.codePointAt(j))) {
                    j += Character.charCount(s.codePointAt(j));
                }
            } else if (Character.isWhitespace(cp) && cp != '\n') {
                while (j < s.length() && Character.isWhitespace(s.codePointAt(j)) && s.charAt(j) != '\n') {
                    j += Character.charCount(s.codePointAt(j));
                }
            }
            out.add(s.substring(i, j));
            i = j;
        }
        return out;
    }

    /** Histogram diff (JGit) of two lists of strings. */
    static EditList diff(List<String> a, List<String> b) {
        Map<String, Integer> ids = new HashMap<>();
        Ids sa = new Ids(a, ids);
        Ids sb = new Ids(b, ids);
        return new HistogramDiff().diff(Ids.COMPARATOR, sa, sb);
    }

    /** A sequence of interned strings, compared by id. */
    private static final class Ids extends Sequence {
        static final SequenceComparator<Ids> COMPARATOR = new SequenceComparator<>() {
            @Override
            public boolean equals(Ids a, int ai, Ids b, int bi) {
                return a.ids[ai] == b.ids[bi];
            }

            @Override
            public int hash(Ids seq, int ptr) {
                return seq.ids[ptr] * 0x9E3779B1;
            }
        };

        final int[] ids;

        Ids(List<String> items, Map<String, Integer> intern) {
            ids = new int[items.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = intern.computeIfAbsent(items.get(i), k -> intern.size());
            }
        }

        @Override
        public int size() {
            return ids.length;
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
