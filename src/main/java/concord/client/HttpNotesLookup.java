package concord.client;

import concord.model.DeletedNote;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteIds;
import concord.model.NoteSummary;
import concord.model.SearchHit;
import concord.model.SearchQuery;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * {@link NotesLookup} over HTTP, through an {@link HttpNotesClient}: the same user, token, retries (every call here
 * is a safe GET, or a restore that is a conditional create) and error mapping.
 */
public final class HttpNotesLookup implements NotesLookup {

    /** The server's largest search page. */
    public static final int MAX_SEARCH_PAGE = 100;
    /** The server's largest page of any other list. */
    public static final int MAX_PAGE = 1000;

    private final HttpNotesClient client;

    public HttpNotesLookup(HttpNotesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public ApiResult<ResultPage<SearchHit>> search(String query, int limit) {
        Objects.requireNonNull(query, "query");
        requireLimit(limit, MAX_SEARCH_PAGE);
        try {
            SearchQuery.parse(query);
        } catch (IllegalArgumentException e) {
            return new ApiResult.Invalid<>(400, capitalized(e.getMessage()));
        }
        HttpUrl url = client.urlBuilder("notes").addQueryParameter("q", query)
                .addQueryParameter("limit", Integer.toString(limit)).build();
        return client.page(url, SearchHit.class);
    }

    @Override
    public ApiResult<ResultPage<SearchHit>> moreHits(ResultPage<SearchHit> page) {
        return more(page, SearchHit.class);
    }

    @Override
    public ApiResult<ResultPage<NoteSummary>> history(String id, int limit) {
        requireLimit(limit, MAX_PAGE);
        if (!NoteIds.isValid(id)) {
            return new ApiResult.Invalid<>(400, "Not a valid note id: " + id);
        }
        HttpUrl url = client.urlBuilder("notes", id, "versions").addQueryParameter("order", "newest")
                .addQueryParameter("limit", Integer.toString(limit)).build();
        return client.page(url, NoteSummary.class);
    }

    @Override
    public ApiResult<ResultPage<NoteSummary>> olderVersions(ResultPage<NoteSummary> page) {
        return more(page, NoteSummary.class);
    }

    @Override
    public ApiResult<ResultPage<DeletedNote>> deleted(int limit) {
        requireLimit(limit, MAX_PAGE);
        HttpUrl url = client.urlBuilder("notes").addQueryParameter("deleted", "true")
                .addQueryParameter("limit", Integer.toString(limit)).build();
        return client.page(url, DeletedNote.class);
    }

    @Override
    public ApiResult<ResultPage<DeletedNote>> moreDeleted(ResultPage<DeletedNote> page) {
        return more(page, DeletedNote.class);
    }

    @Override
    public ApiResult<Note> restore(DeletedNote deleted) {
        Objects.requireNonNull(deleted, "deleted");
        ApiResult<Note> last = client.version(deleted.id(), deleted.version());
        if (!(last instanceof ApiResult.Ok<Note> ok)) {
            return last;
        }
        Note n = ok.value();
        return client.createWithId(n.id(), new NoteContent(n.title(), n.body(), n.tags()));
    }

    private <T> ApiResult<ResultPage<T>> more(ResultPage<T> page, Class<T> itemType) {
        Objects.requireNonNull(page, "page");
        if (page.next().isEmpty()) {
            return new ApiResult.Ok<>(new ResultPage<>(java.util.List.of(), java.util.Optional.empty()));
        }
        HttpUrl next = HttpUrl.get(page.next().get());
        if (next == null || !client.isOwnServer(next)) {
            return new ApiResult.Invalid<>(400, "Not a page of this server: " + page.next().get());
        }
        return client.page(next, itemType);
    }

    private static void requireLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("a page holds 1 to " + max + " items: " + limit);
        }
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
