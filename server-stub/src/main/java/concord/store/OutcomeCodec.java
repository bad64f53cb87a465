package concord.store;

import concord.model.tx.TransactionResult;

/**
 * How a transaction's first outcome is kept for replay. The store keeps it as text without knowing the
 * format, so it needs no JSON library; the server passes the wire encoding.
 */
public interface OutcomeCodec {

    String encode(TransactionResult result);

    TransactionResult decode(String encoded);
}
