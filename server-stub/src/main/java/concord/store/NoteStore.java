package concord.store;

/** Durable storage of notes and their versions. No HTTP types: a second engine can be added behind it. */
public interface NoteStore extends AutoCloseable {
}
