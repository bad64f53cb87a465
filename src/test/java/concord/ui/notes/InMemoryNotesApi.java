package concord.ui.notes;

import concord.client.ApiResult;
import concord.client.NotesApi;
import concord.client.NotesTransactions;
import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteIds;
import concord.model.NoteSummary;
import concord.model.tx.CancellationReason;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionOp;
import concord.model.tx.TransactionRequest;
import concord.model.tx.TransactionResult;
import concord.model.tx.WrittenItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The view models' collaborator for unit tests: the notes server as {@link concord.client.HttpNotesClient} shows
 * it, over maps, one shared "server" per instance, seen through {@link #as(String)} by several users. The UI
 * tests use the real server and HTTP client instead.
 *
 * <p>Where the view models can notice, it behaves as the real pair does, and {@link NotesApiContract} holds it
 * to that by running the same assertions against both ({@code InMemoryNotesApiContractTest} and
 * {@code ServerNotesApiContractTest}): ETags are never reused, versions go on counting after a delete and a
 * re-create, every version stays readable, a 412 whose current note holds exactly the sent content is the
 * client's own write ({@code Ok}), and a transaction's idempotency token replays the first outcome (or is
 * refused for a different request) instead of applying twice; a token belongs to its user, as on the server.
 */
final class InMemoryNotesApi {

    /** Live notes, in the order they were last written. */
    private final Map<String, Note> notes = new LinkedHashMap<>();
    /** Every version of every id ever written, deleted ones included, oldest first. */
    private final Map<String, List<Note>> history = new HashMap<>();
    /** Keyed by user and token: the server scopes a token to the user who sent it. */
    private final Map<List<String>, Token> tokens = new HashMap<>();
    private boolean reachable = true;
    /** Every transaction asked for, in order, with its token. */
    final List<TransactionRequest> transactions = new ArrayList<>();
    /** Runs once just before the next transaction is checked (another user sneaking in a write). */
    private Runnable beforeNextTransaction;
    private long clock = 1_000;
    private long seq;

    /** What a user's token was first used for (which items) and the outcome it got. */
    private record Token(List<TransactionItem> items, ApiResult<TransactionResult> outcome) {
    }

    synchronized void beforeNextTransaction(Runnable r) {
        beforeNextTransaction = r;
    }

    synchronized void setReachable(boolean reachable) {
        this.reachable = reachable;
    }

    /** The live note, or null. */
    synchronized Note current(String id) {
        return notes.get(id);
    }

    /** Writes a new version of {@code id} as {@code user} (creating or re-creating it), with a fresh ETag. */
    synchronized Note put(String user, String id, NoteContent content) {
        List<Note> versions = history.computeIfAbsent(id, k -> new ArrayList<>());
        long version = versions.size() + 1L;
        Note n = new Note(id, content.title(), content.body(), content.tags(), version,
                new ETag("v" + version + "-" + Long.toString(++seq, 36) + "-mem"),
                Instant.ofEpochSecond(clock++), user);
        versions.add(n);
        notes.remove(id); // re-inserted last: the listing is newest first
        notes.put(id, n);
        return n;
    }

    private void remove(String id) {
        notes.remove(id);
        seq++;
    }

    NotesApi as(String user) {
        return new NotesApi() {
            @Override
            public ApiResult<List<NoteSummary>> list() {
                synchronized (InMemoryNotesApi.this) {
                    if (!reachable) {
                        return unreachable();
                    }
                    List<NoteSummary> all = new ArrayList<>();
                    notes.values().forEach(n -> all.add(n.summary()));
                    all.sort(Comparator.comparing(NoteSummary::updatedAt).reversed());
                    return new ApiResult.Ok<>(List.copyOf(all));
                }
            }

            @Override
            public ApiResult<Note> get(String id) {
                synchronized (InMemoryNotesApi.this) {
                    Optional<ApiResult<Note>> refused = refused(id);
                    if (refused.isPresent()) {
                        return refused.get();
                    }
                    Note n = notes.get(id);
                    return n == null ? gone(id) : new ApiResult.Ok<>(n);
                }
            }

            @Override
            public ApiResult<Note> create(NoteContent content) {
                return createWithId(UUID.randomUUID().toString(), content);
            }

            @Override
            public ApiResult<Note> createWithId(String id, NoteContent content) {
                synchronized (InMemoryNotesApi.this) {
                    Optional<ApiResult<Note>> refused = refused(id);
                    if (refused.isPresent()) {
                        return refused.get();
                    }
                    Note n = notes.get(id);
                    if (n != null) {
                        return conflictOrOwnWrite(n, content);
                    }
                    return new ApiResult.Ok<>(put(user, id, content));
                }
            }

            @Override
            public ApiResult<Note> update(String id, ETag ifMatch, NoteContent content) {
                synchronized (InMemoryNotesApi.this) {
                    Optional<ApiResult<Note>> refused = refused(id);
                    if (refused.isPresent()) {
                        return refused.get();
                    }
                    Note n = notes.get(id);
                    if (n == null) {
                        return gone(id);
                    }
                    if (!n.etag().equals(ifMatch)) {
                        return conflictOrOwnWrite(n, content);
                    }
                    return new ApiResult.Ok<>(put(user, id, content));
                }
            }

            @Override
            public ApiResult<Void> delete(String id, ETag ifMatch) {
                synchronized (InMemoryNotesApi.this) {
                    Optional<ApiResult<Void>> refused = refused(id);
                    if (refused.isPresent()) {
                        return refused.get();
                    }
                    Note n = notes.get(id);
                    if (n == null) {
                        return gone(id);
                    }
                    if (!n.etag().equals(ifMatch)) {
                        return new ApiResult.Conflict<>(n);
                    }
                    remove(id);
                    return new ApiResult.Ok<>(null);
                }
            }

            @Override
            public ApiResult<List<NoteSummary>> versions(String id) {
                synchronized (InMemoryNotesApi.this) {
                    Optional<ApiResult<List<NoteSummary>>> refused = refused(id);
                    if (refused.isPresent()) {
                        return refused.get();
                    }
                    List<Note> all = history.get(id);
                    return all == null ? gone(id) : new ApiResult.Ok<>(all.stream().map(Note::summary).toList());
                }
            }

            @Override
            public ApiResult<Note> version(String id, long version) {
                synchronized (InMemoryNotesApi.this) {
                    Optional<ApiResult<Note>> refused = refused(id);
                    if (refused.isPresent()) {
                        return refused.get();
                    }
                    List<Note> all = history.getOrDefault(id, List.of());
                    if (version < 1) {
                        return new ApiResult.Invalid<>(400, "a version is a positive whole number, not '" + version + "'");
                    }
                    return version > all.size() ? gone(id) : new ApiResult.Ok<>(all.get((int) version - 1));
                }
            }

            @Override
            public String user() {
                return user;
            }
        };
    }

    /** Unreachable, or an id the client refuses to put in a URL (it never reaches the server). */
    private <T> Optional<ApiResult<T>> refused(String id) {
        if (!NoteIds.isValid(id)) {
            return Optional.of(new ApiResult.Invalid<>(400, "\"" + id + "\" is not a valid note id"));
        }
        return reachable ? Optional.empty() : Optional.of(unreachable());
    }

    private static <T> ApiResult<T> unreachable() {
        return new ApiResult.Unreachable<>("connection refused");
    }

    private static <T> ApiResult<T> gone(String id) {
        return new ApiResult.Gone<>("note " + id + " does not exist or was deleted");
    }

    /** The HTTP client reports a 412 whose current note holds exactly what was sent as its own write. */
    private static ApiResult<Note> conflictOrOwnWrite(Note current, NoteContent sent) {
        boolean same = current.title().equals(sent.title()) && current.body().equals(sent.body())
                && new HashSet<>(current.tags()).equals(new HashSet<>(sent.tags()));
        return same ? new ApiResult.Ok<>(current) : new ApiResult.Conflict<>(current);
    }

    /**
     * The server's transaction rules over the same maps: every condition checked first, then all written; a
     * token this user sent before replays its first outcome for the same request and is refused for another one.
     */
    NotesTransactions transactionsAs(String user) {
        return (token, items) -> {
            synchronized (InMemoryNotesApi.this) {
                TransactionRequest request;
                try {
                    request = new TransactionRequest(token, items);
                } catch (IllegalArgumentException e) {
                    return new ApiResult.Invalid<>(400, "Not a valid transaction: " + e.getMessage());
                }
                transactions.add(request);
                if (beforeNextTransaction != null) {
                    Runnable r = beforeNextTransaction;
                    beforeNextTransaction = null;
                    r.run();
                }
                if (!reachable) {
                    return unreachable();
                }
                List<String> key = Arrays.asList(user, token);
                Token seen = token == null ? null : tokens.get(key);
                if (seen != null) {
                    return seen.items().equals(request.items()) ? seen.outcome()
                            : new ApiResult.Invalid<>(409, "the clientRequestToken " + token
                                    + " was used for a different request");
                }
                ApiResult<TransactionResult> outcome = new ApiResult.Ok<>(apply(user, request.items()));
                if (token != null) {
                    tokens.put(key, new Token(request.items(), outcome));
                }
                return outcome;
            }
        };
    }

    private TransactionResult apply(String user, List<TransactionItem> items) {
        List<CancellationReason> reasons = new ArrayList<>();
        for (TransactionItem item : items) {
            Note n = notes.get(item.id());
            if (item.ifNoneMatch()) {
                reasons.add(n == null ? CancellationReason.none()
                        : CancellationReason.conditionalCheckFailed(n, "note " + item.id() + " exists"));
            } else if (n == null) {
                reasons.add(CancellationReason.notFound("note " + item.id() + " does not exist"));
            } else if (!item.ifMatch().matches(n.etag())) {
                reasons.add(CancellationReason.conditionalCheckFailed(n, "note " + item.id() + " has changed"));
            } else {
                reasons.add(CancellationReason.none());
            }
        }
        if (reasons.stream().anyMatch(CancellationReason::failed)) {
            return new TransactionResult.Canceled(reasons);
        }
        List<WrittenItem> written = new ArrayList<>();
        for (TransactionItem item : items) {
            if (item.op() == TransactionOp.DELETE) {
                Note gone = notes.get(item.id());
                remove(item.id());
                written.add(new WrittenItem(item.id(), null, gone.version()));
            } else if (item.op() == TransactionOp.CONDITION_CHECK) {
                Note n = notes.get(item.id());
                written.add(new WrittenItem(item.id(), n.etag(), n.version()));
            } else {
                Note n = put(user, item.id(), item.note());
                written.add(new WrittenItem(item.id(), n.etag(), n.version()));
            }
        }
        return new TransactionResult.Committed(written);
    }
}
