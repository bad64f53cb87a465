package concord.ui.notes;

import concord.client.ApiResult;
import concord.client.NotesApi;
import concord.client.NotesTransactions;
import concord.model.tx.CancellationReason;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionOp;
import concord.model.tx.TransactionRequest;
import concord.model.tx.TransactionResult;
import concord.model.tx.WrittenItem;
import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The view models' collaborator for unit tests: the server's conditional-request rules over a map, one
 * shared "server" per instance, seen through {@link #as(String)} by several users. The UI tests use the
 * real server and HTTP client instead.
 */
final class InMemoryNotesApi {

    private final Map<String, Note> notes = new LinkedHashMap<>();
    private final Set<String> deleted = new HashSet<>();
    private boolean reachable = true;
    /** Every transaction asked for, in order, with its token. */
    final List<TransactionRequest> transactions = new ArrayList<>();
    /** Runs once just before the next transaction is checked (another user sneaking in a write). */
    private Runnable beforeNextTransaction;

    synchronized void beforeNextTransaction(Runnable r) {
        beforeNextTransaction = r;
    }
    private long clock = 1_000;

    synchronized void setReachable(boolean reachable) {
        this.reachable = reachable;
    }

    synchronized Note current(String id) {
        return notes.get(id);
    }

    synchronized Note put(String user, String id, NoteContent content) {
        Note old = notes.get(id);
        long version = old == null ? 1 : old.version() + 1;
        Note n = new Note(id, content.title(), content.body(), content.tags(), version,
                new ETag("v" + version + "-" + UUID.randomUUID().toString().substring(0, 8)),
                Instant.ofEpochSecond(clock++), user);
        notes.put(id, n);
        return n;
    }

    NotesApi as(String user) {
        return new NotesApi() {
            @Override
            public ApiResult<List<NoteSummary>> list() {
                synchronized (InMemoryNotesApi.this) {
                    if (!reachable) {
                        return new ApiResult.Unreachable<>("connection refused");
                    }
                    List<NoteSummary> all = new ArrayList<>();
                    notes.values().forEach(n -> all.add(n.summary()));
                    all.sort(Comparator.comparing(NoteSummary::updatedAt).reversed());
                    return new ApiResult.Ok<>(all);
                }
            }

            @Override
            public ApiResult<Note> get(String id) {
                synchronized (InMemoryNotesApi.this) {
                    if (!reachable) {
                        return new ApiResult.Unreachable<>("connection refused");
                    }
                    Note n = notes.get(id);
                    return n == null ? new ApiResult.Gone<>("gone") : new ApiResult.Ok<>(n);
                }
            }

            @Override
            public ApiResult<Note> create(NoteContent content) {
                return createWithId(UUID.randomUUID().toString(), content);
            }

            @Override
            public ApiResult<Note> createWithId(String id, NoteContent content) {
                synchronized (InMemoryNotesApi.this) {
                    if (!reachable) {
                        return new ApiResult.Unreachable<>("connection refused");
                    }
                    if (notes.containsKey(id)) {
                        return new ApiResult.Conflict<>(notes.get(id));
                    }
                    deleted.remove(id);
                    return new ApiResult.Ok<>(put(user, id, content));
                }
            }

            @Override
            public ApiResult<Note> update(String id, ETag ifMatch, NoteContent content) {
                synchronized (InMemoryNotesApi.this) {
                    if (!reachable) {
                        return new ApiResult.Unreachable<>("connection refused");
                    }
                    Note n = notes.get(id);
                    if (n == null) {
                        return new ApiResult.Gone<>("deleted");
                    }
                    if (!n.etag().equals(ifMatch)) {
                        return new ApiResult.Conflict<>(n);
                    }
                    return new ApiResult.Ok<>(put(user, id, content));
                }
            }

            @Override
            public ApiResult<Void> delete(String id, ETag ifMatch) {
                synchronized (InMemoryNotesApi.this) {
                    if (!reachable) {
                        return new ApiResult.Unreachable<>("connection refused");
                    }
                    Note n = notes.get(id);
                    if (n == null) {
                        return new ApiResult.Gone<>("deleted");
                    }
                    if (!n.etag().equals(ifMatch)) {
                        return new ApiResult.Conflict<>(n);
                    }
                    notes.remove(id);
                    deleted.add(id);
                    return new ApiResult.Ok<>(null);
                }
            }

            @Override
            public ApiResult<List<NoteSummary>> versions(String id) {
                return new ApiResult.Invalid<>(501, "not in this fake");
            }

            @Override
            public ApiResult<Note> version(String id, long version) {
                return new ApiResult.Invalid<>(501, "not in this fake");
            }

            @Override
            public String user() {
                return user;
            }
        };
    }

    /** The server's transaction rules over the same map: every condition checked first, then all written. */
    NotesTransactions transactionsAs(String user) {
        return (token, items) -> {
            synchronized (InMemoryNotesApi.this) {
                transactions.add(new TransactionRequest(token, items));
                if (beforeNextTransaction != null) {
                    Runnable r = beforeNextTransaction;
                    beforeNextTransaction = null;
                    r.run();
                }
                if (!reachable) {
                    return new ApiResult.Unreachable<>("connection refused");
                }
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
                    return new ApiResult.Ok<>(new TransactionResult.Canceled(reasons));
                }
                List<WrittenItem> written = new ArrayList<>();
                for (TransactionItem item : items) {
                    if (item.op() == TransactionOp.DELETE) {
                        Note gone = notes.remove(item.id());
                        deleted.add(item.id());
                        written.add(new WrittenItem(item.id(), null, gone.version()));
                    } else if (item.op() == TransactionOp.CONDITION_CHECK) {
                        Note n = notes.get(item.id());
                        written.add(new WrittenItem(item.id(), n.etag(), n.version()));
                    } else {
                        deleted.remove(item.id());
                        Note n = put(user, item.id(), item.note());
                        written.add(new WrittenItem(item.id(), n.etag(), n.version()));
                    }
                }
                return new ApiResult.Ok<>(new TransactionResult.Committed(written));
            }
        };
    }
}
