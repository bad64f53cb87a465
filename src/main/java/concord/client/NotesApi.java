package concord.client;

import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteSummary;
import java.util.List;

/**
 * The typed view of the notes server, one method per route. Blocking: call it off the FX thread.
 * Implementations are thread-safe.
 */
public interface NotesApi {

    /** {@code GET /notes}: summaries, newest first. */
    ApiResult<List<NoteSummary>> list();

    /** {@code GET /notes/{id}}. */
    ApiResult<Note> get(String id);

    /** {@code POST /notes}: a new note with a server-chosen id. */
    ApiResult<Note> create(NoteContent content);

    /** {@code PUT /notes/{id}} + {@code If-None-Match: *}: create with this id; Conflict if it exists. */
    ApiResult<Note> createWithId(String id, NoteContent content);

    /** {@code PUT /notes/{id}} + {@code If-Match: ifMatch}. */
    ApiResult<Note> update(String id, ETag ifMatch, NoteContent content);

    /** {@code DELETE /notes/{id}} + {@code If-Match: ifMatch}. */
    ApiResult<Void> delete(String id, ETag ifMatch);

    /** {@code GET /notes/{id}/versions}: every saved version, oldest first. */
    ApiResult<List<NoteSummary>> versions(String id);

    /** {@code GET /notes/{id}/versions/{version}}. */
    ApiResult<Note> version(String id, long version);

    /** The user this client acts as. */
    String user();
}
