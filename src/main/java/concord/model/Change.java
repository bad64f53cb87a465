package concord.model;

/**
 * A committed change as the change feed reports it, in feed order: a note written or deleted ({@link NoteChange}),
 * or a lock on a note taken, renewed, released or expired ({@link LockChange}).
 */
public sealed interface Change permits NoteChange, LockChange {

    /** Where the change stands in the feed: every change committed later has a greater position. */
    long position();

    /** The note it concerns. */
    String id();
}
