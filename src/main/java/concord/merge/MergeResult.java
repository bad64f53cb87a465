package concord.merge;

import java.util.List;

/** The outcome of a three-way merge: the chunks in order, covering every line of all three inputs. */
public record MergeResult(List<MergeChunk> chunks) {

    public MergeResult {
        chunks = List.copyOf(chunks);
    }

    public int conflictCount() {
        int n = 0;
        for (MergeChunk c : chunks) {
            if (c.isConflict()) {
                n++;
            }
        }
        return n;
    }

    public boolean isClean() {
        return conflictCount() == 0;
    }

    /** The merged text; only defined when {@link #isClean()}. Use a formatter to render conflicts. */
    public String cleanText() {
        if (!isClean()) {
            throw new IllegalStateException(conflictCount() + " conflicts remain");
        }
        StringBuilder sb = new StringBuilder();
        for (MergeChunk c : chunks) {
            sb.append(c.resultText());
        }
        return sb.toString();
    }
}
