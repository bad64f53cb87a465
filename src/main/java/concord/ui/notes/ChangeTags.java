package concord.ui.notes;

import static concord.ui.notes.TransactionText.count;

import concord.client.ApiResult;
import concord.client.NotesTransactions;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Add tag… and Remove tag… on the selected notes, in one transaction. Each run (the first and every Retry) loads
 * the notes again and changes them from their current versions, under their ETags, so a tag change never
 * overwrites an edit it did not see.
 */
final class ChangeTags {

    private final WindowServices services;
    private final WindowStatus status;
    /** The server's notes changed (or may have): the list is fetched again, quietly. */
    private final Runnable listChanged;

    ChangeTags(WindowServices services, WindowStatus status, Runnable listChanged) {
        this.services = services;
        this.status = status;
        this.listChanged = listChanged;
    }

    /** What a tag change found and did: the notes as loaded, and the outcome (null when nothing needed a change). */
    private record TagRun(List<Note> loaded, TransactionResult outcome) {
    }

    /** Adds {@code tag} to (or removes it from) the notes {@code ids} that need it. */
    void run(List<String> ids, String tag, boolean add) {
        String token = NotesTransactions.newRequestToken();
        status.call(() -> loadAndTag(ids, tag, add, token), result -> {
            Runnable retry = () -> run(ids, tag, add);
            if (result instanceof ApiResult.Ok<TagRun> ok) {
                TagRun run = ok.value();
                if (run.outcome() == null) {
                    status.show(Notice.info(add ? "Every selected note already has “" + tag + "”."
                            : "No selected note has “" + tag + "”."));
                } else if (run.outcome() instanceof TransactionResult.Committed c) {
                    status.show(Notice.info((add ? "Added “" + tag + "” to " : "Removed “" + tag + "” from ")
                            + count(c.items().size()) + "."));
                    listChanged.run();
                } else if (run.outcome() instanceof TransactionResult.Canceled canceled) {
                    List<Note> changed = changedOnly(run.loaded(), tag, add);
                    status.show(Notice.warning("No tag was changed.\n"
                            + TransactionText.explain(canceled, changed.stream().map(Note::title).toList(), services.api().user()), retry));
                    listChanged.run();
                }
            } else {
                status.show(Notice.error("Could not change the tags. " + WindowStatus.describe(result), retry));
            }
        });
    }

    /** On the I/O executor: loads each note (its current content and ETag), then one transaction of updates. */
    private ApiResult<TagRun> loadAndTag(List<String> ids, String tag, boolean add, String token) {
        List<Note> loaded = new ArrayList<>();
        for (String id : ids) {
            ApiResult<Note> r = services.api().get(id);
            if (r instanceof ApiResult.Ok<Note> ok) {
                loaded.add(ok.value());
            } else if (r instanceof ApiResult.Gone) {
                return new ApiResult.Invalid<>(0, "A selected note was deleted on the server meanwhile; nothing was changed");
            } else {
                return mapFailure(r);
            }
        }
        List<Note> changed = changedOnly(loaded, tag, add);
        if (changed.isEmpty()) {
            return new ApiResult.Ok<>(new TagRun(loaded, null));
        }
        List<TransactionItem> items = new ArrayList<>();
        for (Note n : changed) {
            List<String> tags = new ArrayList<>(n.tags());
            if (add) {
                tags.add(tag);
            } else {
                tags.removeIf(t -> t.equals(tag));
            }
            items.add(TransactionItem.update(n.id(), n.etag(), new NoteContent(n.title(), n.body(), tags)));
        }
        ApiResult<TransactionResult> r = services.transactions().transact(token, items);
        if (r instanceof ApiResult.Ok<TransactionResult> ok) {
            return new ApiResult.Ok<>(new TagRun(loaded, ok.value()));
        }
        return mapFailure(r);
    }

    private static List<Note> changedOnly(List<Note> loaded, String tag, boolean add) {
        return loaded.stream().filter(n -> n.tags().contains(tag) != add).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> ApiResult<T> mapFailure(ApiResult<?> failure) {
        // Failures carry no value, so they are the same whatever the value type would have been.
        return (ApiResult<T>) failure;
    }
}
