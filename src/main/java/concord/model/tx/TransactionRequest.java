package concord.model.tx;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A whole {@code POST /transactions} request: 1 to {@value #MAX_ITEMS} items, each on a different note,
 * and an optional idempotency token.
 *
 * @param clientRequestToken null for a request without idempotency
 */
public record TransactionRequest(String clientRequestToken, List<TransactionItem> items) {

    public static final int MAX_ITEMS = 100;
    public static final int MAX_TOKEN_LENGTH = 64;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_TOKEN_LENGTH + "}");

    public TransactionRequest {
        Objects.requireNonNull(items, "items");
        items = List.copyOf(items);
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("a transaction has 1 to " + MAX_ITEMS + " items, not " + items.size());
        }
        if (clientRequestToken != null && !isValidToken(clientRequestToken)) {
            throw new IllegalArgumentException("not a valid clientRequestToken: " + clientRequestToken);
        }
        Set<String> ids = new HashSet<>();
        for (TransactionItem item : items) {
            if (!ids.add(item.id())) {
                throw new IllegalArgumentException("two items on note " + item.id());
            }
        }
    }

    public TransactionRequest(List<TransactionItem> items) {
        this(null, items);
    }

    public static boolean isValidToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    public TransactionRequest withToken(String token) {
        return new TransactionRequest(token, items);
    }
}
