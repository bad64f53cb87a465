package concord.merge;

import java.util.ArrayList;
import java.util.List;

/** The outcome of a three-way merge: the chunks in order, covering every line of all three inputs. */
public record MergeResult(List<MergeChunk> chunks) {

    public MergeResult {
        chunks = List.copyOf(chunks);
    }

    /** Conflicts left for a person, suggested ones included: a suggestion counts only once accepted. */
    public int conflictCount() {
        int n = 0;
        for (MergeChunk c : chunks) {
            if (c.isConflict()) {
                n++;
            }
        }
        return n;
    }

    /** The conflicts that carry a suggestion (a subset of {@link #conflictCount()}). */
    public int suggestionCount() {
        int n = 0;
        for (MergeChunk c : chunks) {
            if (c.hasSuggestion()) {
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

    /**
     * This result with the suggestion of chunk {@code index} accepted: that conflict chunk is replaced by the
     * suggestion's chunks (so later indices shift by {@code suggestion.chunks().size() - 1}).
     *
     * @throws IllegalArgumentException if the chunk carries no suggestion
     */
    public MergeResult withSuggestionAccepted(int index) {
        MergeChunk c = chunks.get(index);
        if (!c.hasSuggestion()) {
            throw new IllegalArgumentException("chunk " + index + " carries no suggestion");
        }
        List<MergeChunk> out = new ArrayList<>(chunks.size() + c.suggestion().chunks().size());
        out.addAll(chunks.subList(0, index));
        out.addAll(c.suggestion().chunks());
        out.addAll(chunks.subList(index + 1, chunks.size()));
        return new MergeResult(out);
    }

    /**
     * Every suggestion accepted ("accept all suggestions"): what {@link Refinement#SUGGEST} returns for the same
     * inputs. Conflicts without a suggestion stay as they are. Pure: this result is unchanged.
     */
    public MergeResult withSuggestionsAccepted() {
        if (suggestionCount() == 0) {
            return this;
        }
        List<MergeChunk> out = new ArrayList<>(chunks.size() + 8);
        for (MergeChunk c : chunks) {
            if (c.hasSuggestion()) {
                out.addAll(c.suggestion().chunks());
            } else {
                out.add(c);
            }
        }
        return new MergeResult(out);
    }
}
