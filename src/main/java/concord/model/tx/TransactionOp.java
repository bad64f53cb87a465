package concord.model.tx;

/**
 * What one item of a transaction does, with DynamoDB TransactWriteItems meanings:
 * {@code put} creates ({@code ifNoneMatch: "*"}) or replaces ({@code ifMatch}); {@code update} replaces an
 * existing note; {@code delete} removes one; {@code conditionCheck} only checks a note's ETag and writes nothing.
 */
public enum TransactionOp {
    PUT("put"),
    UPDATE("update"),
    DELETE("delete"),
    CONDITION_CHECK("conditionCheck");

    private final String wireName;

    TransactionOp(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON, e.g. {@code conditionCheck}. */
    public String wireName() {
        return wireName;
    }

    /** The op with this JSON name, or null if there is none (so a validator can say which names exist). */
    public static TransactionOp fromWireName(String name) {
        for (TransactionOp op : values()) {
            if (op.wireName.equals(name)) {
                return op;
            }
        }
        return null;
    }

    /** Whether the item carries a note's new content. */
    public boolean carriesContent() {
        return this == PUT || this == UPDATE;
    }

    /** Whether a committed transaction writes a new version of the item's note. */
    public boolean writes() {
        return this != CONDITION_CHECK;
    }
}
