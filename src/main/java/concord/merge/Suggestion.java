package concord.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A resolution the engine proposes for one conflict but does not apply: the conflict stays a conflict (for the
 * conflict count, for saving, for merge-file's exit status and markers) until someone accepts it.
 *
 * <p>Accepting it replaces the conflict chunk by {@link #chunks()} ({@link MergeResult#withSuggestionAccepted},
 * {@link MergeResult#withSuggestionsAccepted}); a UI that edits text rather than chunks pre-fills the conflict with
 * {@link #text()} and can show who wrote what with {@link #contributions()}.
 *
 * @param basis  why the engine proposes it
 * @param chunks the proposed resolution: chunks without a conflict among them, in order, covering exactly the
 *               conflict's lines of all three inputs (so the conflict's texts are theirs joined)
 */
public record Suggestion(Basis basis, List<MergeChunk> chunks) {

    /** What the proposal rests on; both are right about as often as wrong on real merges, hence only proposed. */
    public enum Basis {
        /** The two sides changed different lines that merely touch (diff3 keeps such edits together). */
        SEPARATE_LINES,
        /** The two sides changed different words of the same lines, with unchanged text between the changes. */
        SEPARATE_WORDS
    }

    public Suggestion {
        Objects.requireNonNull(basis, "basis");
        chunks = List.copyOf(chunks);
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("a suggestion resolves at least one chunk");
        }
        for (MergeChunk c : chunks) {
            if (c.isConflict()) {
                throw new IllegalArgumentException("a suggestion holds no conflict: " + c);
            }
        }
    }

    /** The text the conflict becomes when the suggestion is accepted. */
    public String text() {
        if (chunks.size() == 1) {
            return chunks.get(0).resultText();
        }
        StringBuilder sb = new StringBuilder();
        for (MergeChunk c : chunks) {
            sb.append(c.resultText());
        }
        return sb.toString();
    }

    /** Which side wrote which span of {@link #text()}; parts nobody changed have none. */
    public List<Contribution> contributions() {
        List<Contribution> out = new ArrayList<>();
        int at = 0;
        for (MergeChunk c : chunks) {
            int end = at + c.resultText().length();
            switch (c.kind()) {
                case MINE -> out.add(new Contribution(Side.MINE, new TextSpan(at, end)));
                case THEIRS -> out.add(new Contribution(Side.THEIRS, new TextSpan(at, end)));
                case BOTH_SAME -> {
                    out.add(new Contribution(Side.MINE, new TextSpan(at, end)));
                    out.add(new Contribution(Side.THEIRS, new TextSpan(at, end)));
                }
                case RESOLVED -> {
                    for (Contribution k : c.contributions()) {
                        out.add(new Contribution(k.side(),
                                new TextSpan(at + k.inResult().start(), at + k.inResult().end())));
                    }
                }
                default -> {
                }
            }
            at = end;
        }
        return out;
    }
}
