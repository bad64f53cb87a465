package concord.ui.conflict;

import concord.client.ApiResult;
import concord.client.NotesApi;
import concord.model.Note;
import concord.model.NoteContent;
import java.util.Objects;

/**
 * The editor's save of a conflict: a decision is written at once, under If-Match of the version it was made
 * against, so a third writer's save is never overwritten unseen (it comes back as {@link Written.Overtaken}).
 */
public final class WriteAtOnce implements ResolutionWriter {

    private final NotesApi api;

    /** @param api the window's client: its identity saves the decision */
    public WriteAtOnce(NotesApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public Write replace(Note theirs, NoteContent content) {
        return new Write.Call(() -> written(update(theirs.id(), theirs, content), content, theirs));
    }

    /** PUT with If-Match; a deletion comes back with who deleted the note. */
    private ApiResult<Note> update(String id, Note ifMatch, NoteContent content) {
        return Deletions.withWhoDeleted(api, id, api.update(id, ifMatch.etag(), content));
    }

    /**
     * Mine is never on the server, so to keep it recoverable it is saved first (one history version), then
     * theirs is saved again on top of it. When mine already is theirs there is nothing to write.
     */
    @Override
    public Write takeTheirs(Note theirs, NoteContent mine) {
        if (mine.equals(theirs.content())) {
            return new Write.Settled(new ConflictOutcome.Resolved(theirs));
        }
        return new Write.Call(() -> {
            ApiResult<Note> first = update(theirs.id(), theirs, mine);
            if (first instanceof ApiResult.Ok<Note> ok) {
                Note saved = ok.value();
                // a writer slipping in between: the round continues from my saved text, wanting theirs
                return written(update(theirs.id(), saved, theirs.content()), theirs.content(), saved);
            }
            return written(first, mine, theirs);
        });
    }

    /** PUT with If-None-Match: *. If somebody re-created the note meanwhile, the next round merges against theirs. */
    @Override
    public Write recreate(Note base, NoteContent mine) {
        return new Write.Call(() -> written(api.createWithId(base.id(), mine), mine, base));
    }

    @Override
    public boolean deferred() {
        return false;
    }

    private static Written written(ApiResult<Note> result, NoteContent sent, Note sentOver) {
        if (result instanceof ApiResult.Ok<Note> ok) {
            return new Written.Saved(ok.value());
        }
        if (result instanceof ApiResult.Conflict<Note> c) {
            return new Written.Overtaken(sentOver, sent, c.current());
        }
        if (result instanceof ApiResult.Gone<Note> gone) {
            return new Written.Deleted(sentOver, sent, gone.deletedBy());
        }
        return new Written.Failed(result);
    }
}
