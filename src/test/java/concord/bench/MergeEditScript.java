package concord.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Scattered edits of one side of a merge against a base text: word edits, whole-line edits, inserted
 * lines, deleted lines and moved lines. Built sparse (per base line) and applied in one pass.
 */
final class MergeEditScript {

    enum Kind { WORD, LINE, INSERT, DELETE, MOVE }

    private final String[] replace;
    private final boolean[] delete;
    private final Map<Integer, List<String>> insertBefore = new HashMap<>();
    private final List<Integer> positions = new ArrayList<>();
    private final int[] counts = new int[Kind.values().length];

    private MergeEditScript(int size) {
        replace = new String[size];
        delete = new boolean[size];
    }

    /** The counts of each kind of edit, for the benchmark's description of its input. */
    int count(Kind kind) {
        return counts[kind.ordinal()];
    }

    int total() {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    /**
     * A side with about {@code base.size() / linesPerEdit} edits. With {@code shared} non-null, a share
     * {@code overlap} of the edits is placed on lines the other side already edits (some identical,
     * most different), the rest elsewhere.
     */
    static MergeEditScript random(List<String> base, MergeTextGenerator gen, int linesPerEdit,
                                  MergeEditScript shared, double overlap) {
        Random r = gen.random();
        MergeEditScript s = new MergeEditScript(base.size());
        int n = base.size();
        int edits = n / linesPerEdit;
        for (int e = 0; e < edits; e++) {
            int at;
            boolean overlapping = shared != null && !shared.positions.isEmpty() && r.nextDouble() < overlap;
            if (overlapping) {
                at = shared.positions.get(r.nextInt(shared.positions.size()));
                if (r.nextInt(5) == 0 && shared.replace[at] != null) {
                    // the same change on both sides (both typed the same fix)
                    if (s.free(at)) {
                        s.replace[at] = shared.replace[at];
                        s.positions.add(at);
                        s.counts[Kind.LINE.ordinal()]++;
                    }
                    continue;
                }
            } else {
                at = r.nextInt(n);
            }
            if (!s.free(at)) {
                continue;
            }
            Kind kind = pick(r);
            String line = base.get(at);
            switch (kind) {
                case WORD -> s.replace[at] = line.isBlank() ? gen.sentence() + "\n" : gen.editWord(line);
                case LINE -> s.replace[at] = gen.sentence() + "\n";
                case INSERT -> {
                    List<String> added = new ArrayList<>();
                    int k = 1 + r.nextInt(3);
                    for (int i = 0; i < k; i++) {
                        added.add(gen.sentence() + "\n");
                    }
                    s.insertBefore.computeIfAbsent(at, x -> new ArrayList<>()).addAll(added);
                }
                case DELETE -> s.delete[at] = true;
                case MOVE -> {
                    int to = Math.max(0, Math.min(n - 1, at + (r.nextBoolean() ? 1 : -1) * (5 + r.nextInt(200))));
                    if (!s.free(to)) {
                        continue;
                    }
                    s.delete[at] = true;
                    s.insertBefore.computeIfAbsent(to, x -> new ArrayList<>()).add(line);
                    s.positions.add(to);
                }
            }
            s.positions.add(at);
            s.counts[kind.ordinal()]++;
        }
        return s;
    }

    private boolean free(int at) {
        return replace[at] == null && !delete[at] && !insertBefore.containsKey(at);
    }

    private static Kind pick(Random r) {
        int x = r.nextInt(100);
        if (x < 35) {
            return Kind.WORD;
        } else if (x < 55) {
            return Kind.LINE;
        } else if (x < 75) {
            return Kind.INSERT;
        } else if (x < 90) {
            return Kind.DELETE;
        }
        return Kind.MOVE;
    }

    String apply(List<String> base) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < base.size(); i++) {
            List<String> ins = insertBefore.get(i);
            if (ins != null) {
                ins.forEach(sb::append);
            }
            if (delete[i]) {
                continue;
            }
            sb.append(replace[i] != null ? replace[i] : base.get(i));
        }
        return sb.toString();
    }
}
