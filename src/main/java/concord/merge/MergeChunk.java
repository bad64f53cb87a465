package concord.merge;

import java.util.List;
import java.util.Objects;

/**
 * One region of a three-way merge, in order. The three line ranges locate the region in each input;
 * the texts are those lines verbatim (terminators included).
 *
 * @param resultText the merged text of this region; for {@link ChunkKind#CONFLICT} it is {@code null},
 *                   because nobody has decided yet
 * @param highlights token-level differences against base (for CONFLICT and RESOLVED; empty otherwise)
 * @param contributions for RESOLVED only: which side wrote which part of {@code resultText}
 */
public record MergeChunk(ChunkKind kind,
                         LineRange base, LineRange mine, LineRange theirs,
                         String baseText, String mineText, String theirsText,
                         String resultText,
                         List<Highlight> highlights,
                         List<Contribution> contributions) {

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
    }

    public boolean isConflict() {
        return kind == ChunkKind.CONFLICT;
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
