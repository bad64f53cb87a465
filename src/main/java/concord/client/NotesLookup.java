package concord.client;

import concord.model.DeletedNote;
import concord.model.Note;
import concord.model.NoteSummary;
import concord.model.SearchHit;

/**
 * Finding notes and their past: search, a note's history newest first, the deleted notes and restoring one.
 * Blocking: call it off the FX thread. Implementations are thread-safe.
 */
public interface NotesLookup {

    /**
     * {@code GET /notes?q=…}: the first {@code limit} (1–100) live notes holding every word of {@code query}, best
     * first, each with a snippet. A query the server would refuse (no word, too long, a control character…) is
     * {@code Invalid(400, why)} without a request.
     */
    ApiResult<ResultPage<SearchHit>> search(String query, int limit);

    /** The page after {@code page} of the same search. */
    ApiResult<ResultPage<SearchHit>> moreHits(ResultPage<SearchHit> page);

    /** {@code GET /notes/{id}/versions?order=newest}: the newest {@code limit} versions of a note. */
    ApiResult<ResultPage<NoteSummary>> history(String id, int limit);

    /** The older versions after {@code page}. */
    ApiResult<ResultPage<NoteSummary>> olderVersions(ResultPage<NoteSummary> page);

    /** {@code GET /notes?deleted=true}: the {@code limit} most recently deleted notes, with who and when. */
    ApiResult<ResultPage<DeletedNote>> deleted(int limit);

    /** The deleted notes after {@code page}. */
    ApiResult<ResultPage<DeletedNote>> moreDeleted(ResultPage<DeletedNote> page);

    /**
     * Brings a deleted note back: its last version's title, body and tags written again under its id
     * ({@code PUT If-None-Match: *}), as a new version after the deleted one. A second restore of the same deleted
     * note (a double click, a retry) is {@code Ok} with the note as it is; {@code Conflict} with the current note if
     * someone re-created it with other content first.
     */
    ApiResult<Note> restore(DeletedNote deleted);
}
