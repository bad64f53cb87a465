package concord.wire.tx;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import concord.model.tx.CancellationReason;
import concord.model.tx.TransactionResult;
import concord.model.tx.WrittenItem;
import concord.wire.Json;
import concord.wire.Problem;
import java.util.List;
import java.util.Map;

/**
 * JSON for transactions, shared by server and client. The model records map as they are
 * ({@code Committed} is exactly the 200 body {@code {"items":[{"id","etag","version"}]}}); a mix-in only
 * drops the null members of a cancellation reason, so {@code {"code":"None"}} stays that small.
 */
public final class TransactionJson {

    public static final String CANCELED_TYPE = "/problems/transaction-canceled";
    public static final String MISMATCH_TYPE = "/problems/idempotent-parameter-mismatch";
    public static final String CANCELLATION_REASONS = "cancellationReasons";

    private TransactionJson() {
    }

    /** {@link Json#newMapper()} plus the transaction mix-ins. */
    public static ObjectMapper newMapper() {
        SimpleModule module = new SimpleModule("concord-transactions");
        module.setMixInAnnotation(CancellationReason.class, NonNullMixin.class);
        module.setMixInAnnotation(WrittenItem.class, NonNullMixin.class);
        return Json.newMapper().registerModule(module);
    }

    /** The 409 problem of a canceled transaction. */
    public static Problem canceledProblem(TransactionResult.Canceled canceled) {
        long failed = canceled.reasons().stream().filter(CancellationReason::failed).count();
        int first = 0;
        while (!canceled.reasons().get(first).failed()) {
            first++;
        }
        CancellationReason reason = canceled.reasons().get(first);
        String detail = "Transaction canceled, nothing was changed: " + failed + " of " + canceled.reasons().size()
                + " items failed their condition; the first is items[" + first + "] (" + reason.code() + ")"
                + (reason.message() == null ? "" : ": " + reason.message());
        return new Problem(CANCELED_TYPE, "Transaction canceled", 409, detail)
                .with(CANCELLATION_REASONS, canceled.reasons());
    }

    /** Reads the reasons back out of a 409 problem that a {@link Problem}-typed reader has parsed. */
    public static TransactionResult.Canceled readCanceled(ObjectMapper mapper, Problem problem) {
        List<CancellationReason> reasons = mapper.convertValue(problem.extensions().get(CANCELLATION_REASONS),
                new TypeReference<List<CancellationReason>>() { });
        return new TransactionResult.Canceled(reasons);
    }

    /**
     * A self-describing text form of an outcome, for keeping it (e.g. with its idempotency token): a committed
     * result is its 200 body, a canceled one {@code {"cancellationReasons": [...]}}.
     */
    public static String encodeOutcome(ObjectMapper mapper, TransactionResult result) {
        try {
            if (result instanceof TransactionResult.Canceled c) {
                return mapper.writeValueAsString(Map.of(CANCELLATION_REASONS, c.reasons()));
            }
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a transaction outcome is always serialisable", e);
        }
    }

    public static TransactionResult decodeOutcome(ObjectMapper mapper, String encoded) {
        try {
            JsonNode tree = mapper.readTree(encoded);
            if (tree.has(CANCELLATION_REASONS)) {
                return new TransactionResult.Canceled(mapper.convertValue(tree.get(CANCELLATION_REASONS),
                        new TypeReference<List<CancellationReason>>() { }));
            }
            return mapper.treeToValue(tree, TransactionResult.Committed.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored transaction outcome is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract static class NonNullMixin {
    }
}
