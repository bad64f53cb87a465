package concord.model.tx;

import java.util.List;
import java.util.Objects;

/** The outcome of a transaction: all of it committed, or none of it. */
public sealed interface TransactionResult {

    /** 200: every item applied, one entry per item in item order. */
    record Committed(List<WrittenItem> items) implements TransactionResult {
        public Committed {
            items = List.copyOf(Objects.requireNonNull(items, "items"));
        }
    }

    /** 409 {@code transaction-canceled}: nothing applied; one reason per item in item order. */
    record Canceled(List<CancellationReason> reasons) implements TransactionResult {
        public Canceled {
            reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
            if (reasons.stream().noneMatch(CancellationReason::failed)) {
                throw new IllegalArgumentException("a canceled transaction has at least one item that is not None");
            }
        }
    }
}
