package concord.model.tx;

/**
 * Why one item of a canceled transaction did (or did not) stop it. The constants are spelled exactly as
 * DynamoDB's cancellation reason codes and the JSON {@code code} member, so the mapping needs no table.
 */
public enum CancellationCode {
    /** This item was fine; another one canceled the transaction. */
    None,
    /** The note exists but its current ETag is not the one asked for (or it exists and the item wanted it absent). */
    ConditionalCheckFailed,
    /** The note does not exist (never created, or deleted). */
    NotFound,
    /** The item could not be applied to the note as it is now. */
    ValidationError,
    /** Someone else holds a lock on the note and the item did not carry its token. */
    Locked
}
