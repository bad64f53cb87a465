package concord.client;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One page of a list the server hands out page by page (search hits, a note's history newest first, deleted
 * notes). {@code next} is where the following page is, exactly as the server's {@code Link: rel="next"} gave it
 * (empty on the last page): pass the page back to the lookup's {@code more…} method, never build one.
 */
public record ResultPage<T>(List<T> items, Optional<URI> next) {

    public ResultPage {
        items = List.copyOf(items);
        next = next == null ? Optional.empty() : next;
    }

    public boolean hasMore() {
        return next.isPresent();
    }
}
