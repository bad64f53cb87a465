package concord.model.tx;

import concord.model.ETag;
import java.util.Objects;

/**
 * One entry of a committed transaction's result, in item order: the note's ETag and version after the
 * commit. For a {@code conditionCheck}, its current ones; for a {@code delete}, no ETag (a deleted note has
 * none, as after a single {@code DELETE}) and the version that was deleted.
 *
 * @param etag null exactly for a deleted note
 */
public record WrittenItem(String id, ETag etag, long version) {

    public WrittenItem {
        Objects.requireNonNull(id, "id");
    }
}
