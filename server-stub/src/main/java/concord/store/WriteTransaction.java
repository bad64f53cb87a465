package concord.store;

import concord.model.Note;
import concord.model.NoteContent;

/** The view a {@link NoteStore.UnitOfWork} has of the store: reads see its own earlier writes. */
public interface WriteTransaction {

    NoteState current(String id);

    /** Writes a new version of the note (creating or re-creating it) and returns it with its fresh ETag. */
    Note put(String id, NoteContent content, String user);

    /** Marks a live note deleted; its versions stay readable. */
    void delete(String id, String user);

    /** A fresh id that no note has used. */
    String newId();

    /** Undo every write of this unit when it returns (e.g. one item of an all-or-nothing set failed). */
    void rollbackOnly();
}
