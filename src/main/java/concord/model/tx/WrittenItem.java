package concord.model.tx;

import concord.model.ETag;
import java.util.Objects;

/**
 * One entry of a committed transaction's result, in item order: the note's ETag and version after the
 * commit (for a {@code delete}, those of its deletion marker; for a {@code conditionCheck}, its current ones).
 */
public record WrittenItem(String id, ETag etag, long version) {

    public WrittenItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(etag, "etag");
    }
}
