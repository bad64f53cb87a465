package concord.store;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/** Some items of a longer sequence, and the position to continue from when more follow. */
public record Page<T>(List<T> items, OptionalLong next) {

    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}
