package concord.ui.conflict;

import concord.client.ApiResult;
import concord.client.NotesApi;

/**
 * Who deleted a note a save found gone. A save's 412 for a deleted note does not say; the note's 410 does, so
 * it is asked for once, on the caller's (I/O) thread, only in that case.
 */
public final class Deletions {

    private Deletions() {
    }

    /**
     * {@code result} itself, except that a {@link ApiResult.Gone} that names nobody is replaced by the note's own
     * answer when that names who deleted it. Blocking: call it off the FX thread.
     */
    public static <T> ApiResult<T> withWhoDeleted(NotesApi api, String id, ApiResult<T> result) {
        if (result instanceof ApiResult.Gone<T> gone && gone.deletedBy() == null
                && api.get(id) instanceof ApiResult.Gone<?> told && told.deletedBy() != null) {
            return new ApiResult.Gone<>(gone.detail(), told.deletedBy(), told.deletedAt());
        }
        return result;
    }

    /** Who deleted the note, if {@code result} is a deletion that says so; else {@code null}. */
    public static String whoDeleted(ApiResult<?> result) {
        return result instanceof ApiResult.Gone<?> gone ? gone.deletedBy() : null;
    }
}
