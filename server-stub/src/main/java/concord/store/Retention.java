package concord.store;

import java.util.OptionalInt;

/**
 * How many saved versions of each note the store keeps. By default all; with {@link #keepLast(int)} a write drops
 * the versions of its note older than the newest {@code n}, so a note edited all day does not grow its history
 * without end. The current version is always kept, and so are the versions of a deleted note.
 */
public record Retention(OptionalInt keepLast) {

    public static Retention keepAll() {
        return new Retention(OptionalInt.empty());
    }

    public static Retention keepLast(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("at least the current version must be kept: " + n);
        }
        return new Retention(OptionalInt.of(n));
    }
}
