package concord.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import concord.model.tx.TransactionResult;
import concord.store.OutcomeCodec;
import concord.wire.tx.TransactionJson;
import java.util.Objects;

/** A transaction's outcome kept for replay as the wire's JSON: what a retried request gets back is what the first one got. */
public final class JsonOutcomeCodec implements OutcomeCodec {

    private final ObjectMapper mapper;

    /** @param mapper a {@link TransactionJson#newMapper()} mapper */
    public JsonOutcomeCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public String encode(TransactionResult result) {
        return TransactionJson.encodeOutcome(mapper, result);
    }

    @Override
    public TransactionResult decode(String encoded) {
        return TransactionJson.decodeOutcome(mapper, encoded);
    }
}
