package concord.merge;

import java.util.List;
import java.util.Objects;

/**
 * One region of a three-way merge, in order. The three line ranges locate the region in each input;
 * the texts are those lines verbatim (terminators included).
 *
 * @param resultText    the merged text of this region; for {@link ChunkKind#CONFLICT} it is {@code null},
 *                      because nobody has decided yet
 * @param highlights    token-level differences against base (for CONFLICT and RESOLVED; empty otherwise)
 * @param contributions for RESOLVED only: which side wrote which part of {@code resultText}
 * @param suggestion    for CONFLICT only, and only when refinement found one: the resolution the engine proposes
 *                      without applying it; {@code null} otherwise
 */
public record MergeChunk(ChunkKind kind,
                         LineRange base, LineRange mine, LineRange theirs,
                         String baseText, String mineText, String theirsText,
                         String resultText,
                         List<Highlight> highlights,
                         List<Contribution> contributions,
                         Suggestion suggestion) {

    public MergeChunk {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(mine, "mine");
        Objects.requireNonNull(theirs, "theirs");
        Objects.requireNonNull(baseText, "baseText");
        Objects.requireNonNull(mineText, "mineText");
        Objects.requireNonNull(theirsText, "theirsText");
        if ((kind == ChunkKind.CONFLICT) != (resultText == null)) {
            throw new IllegalArgumentException("resultText must be null exactly for conflicts");
        }
        highlights = highlights == null ? List.of() : List.copyOf(highlights);
        contributions = contributions == null ? List.of() : List.copyOf(contributions);
        if (suggestion != null) {
            if (kind != ChunkKind.CONFLICT) {
                throw new IllegalArgumentException("only a conflict carries a suggestion");
            }
            MergeChunk first = suggestion.chunks().get(0);
            MergeChunk last = suggestion.chunks().get(suggestion.chunks().size() - 1);
            if (first.base().start() != base.start() || first.mine().start() != mine.start()
                    || first.theirs().start() != theirs.start() || last.base().end() != base.end()
                    || last.mine().end() != mine.end() || last.theirs().end() != theirs.end()) {
                throw new IllegalArgumentException("a suggestion covers exactly its conflict's lines");
            }
        }
    }

    /** A chunk without a suggestion. */
    public MergeChunk(ChunkKind kind, LineRange base, LineRange mine, LineRange theirs,
                      String baseText, String mineText, String theirsText, String resultText,
                      List<Highlight> highlights, List<Contribution> contributions) {
        this(kind, base, mine, theirs, baseText, mineText, theirsText, resultText, highlights, contributions, null);
    }

    public boolean isConflict() {
        return kind == ChunkKind.CONFLICT;
    }

    /** A conflict the engine proposes a resolution for (still a conflict until accepted). */
    public boolean hasSuggestion() {
        return suggestion != null;
    }

    public LineRange range(Side side) {
        return switch (side) {
            case BASE -> base;
            case MINE -> mine;
            case THEIRS -> theirs;
        };
    }

    public String text(Side side) {
        return switch (side) {
            case BASE -> baseText;
            case MINE -> mineText;
            case THEIRS -> theirsText;
        };
    }
}
