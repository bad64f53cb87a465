package concord.client;

import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionResult;
import java.util.List;
import java.util.UUID;

/**
 * All-or-nothing writes across notes ({@code POST /transactions}), apart from {@link NotesApi} so a window
 * (and its tests) can be given just this capability.
 */
public interface NotesTransactions {

    /**
     * Applies every item or none. {@code Ok(Committed)} or {@code Ok(Canceled)} when the server decided;
     * any other result when it could not be asked. Reuse {@code clientRequestToken} only to repeat the very
     * same request (the server then answers with the first outcome and applies nothing twice).
     */
    ApiResult<TransactionResult> transact(String clientRequestToken, List<TransactionItem> items);

    /** A new {@code clientRequestToken}: one per request; a retry of the very same request reuses its token. */
    static String newRequestToken() {
        return UUID.randomUUID().toString();
    }

    /** For a client without transactions: every call fails with a readable reason and writes nothing. */
    NotesTransactions UNSUPPORTED = (token, items) ->
            new ApiResult.Invalid<>(0, "This connection does not support multi-note transactions");
}
