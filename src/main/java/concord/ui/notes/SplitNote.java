package concord.ui.notes;

import concord.client.ApiResult;
import concord.client.NotesTransactions;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionResult;
import concord.ui.DisplayText;
import java.util.List;
import java.util.UUID;

/**
 * Split note (Ctrl+Shift+X): the body's selection becomes a new note and leaves the open one, in one transaction:
 * the original updated under If-Match of its base, the new note created with If-None-Match: *. Either both
 * happen or neither.
 */
final class SplitNote {

    private final WindowServices services;
    private final WindowStatus status;
    private final EditorViewModel editor;
    /** The server's notes changed (or may have): the list is fetched again, quietly. */
    private final Runnable listChanged;

    SplitNote(WindowServices services, WindowStatus status, EditorViewModel editor, Runnable listChanged) {
        this.services = services;
        this.status = status;
        this.editor = editor;
        this.listChanged = listChanged;
    }

    /** Splits the body's selection {@code [start, end)} off the open note, or says why it cannot. */
    void split(int start, int end) {
        String k = editor.key();
        Note from = editor.base();
        String body = editor.bodyProperty().get();
        if (k == null || editor.isOpening()) {
            status.show(Notice.info("Open a note and select the text to split off."));
            return;
        }
        if (from == null) {
            status.show(Notice.info("Save this new note first (Ctrl+S); then split it."));
            return;
        }
        int a = Math.max(0, Math.min(start, end));
        int b = Math.min(body.length(), Math.max(start, end));
        String piece = body.substring(a, b);
        if (piece.isBlank()) {
            status.show(Notice.info("Select the text that should become a new note, then split (Ctrl+Shift+X)."));
            return;
        }
        if (editor.conflictProperty().get() != null) {
            status.show(Notice.warning("Resolve the conflict of this note first; then split it.", null));
            return;
        }
        NoteContent now = editor.content();
        NoteContent remaining = new NoteContent(now.title(), body.substring(0, a) + body.substring(b), now.tags());
        String newId = UUID.randomUUID().toString();
        NoteContent split = new NoteContent(titleOf(piece), piece, now.tags());
        List<TransactionItem> items = List.of(TransactionItem.update(k, from.etag(), remaining), TransactionItem.create(newId, split));
        editor.flushDraft();
        sendSplit(NotesTransactions.newRequestToken(), items, now, split.title());
    }

    /** The first line of the piece, as a title. */
    static String titleOf(String piece) {
        String first = piece.strip().lines().findFirst().orElse("").strip();
        return first.length() > 80 ? first.substring(0, 80).strip() + "…" : first;
    }

    private void sendSplit(String token, List<TransactionItem> items, NoteContent before, String newTitle) {
        String originalTitle = before.title();
        status.call(() -> services.transactions().transact(token, items), result -> {
            if (result instanceof ApiResult.Ok<TransactionResult> ok && ok.value() instanceof TransactionResult.Committed c) {
                TransactionItem original = items.get(0);
                var written = c.items().get(0);
                NoteContent sent = original.note();
                editor.splitCommitted(new Note(original.id(), sent.title(), sent.body(), sent.tags(), written.version(),
                        written.etag(), services.clock().instant(), services.api().user()), before);
                status.show(Notice.info("Split “" + DisplayText.title(newTitle) + "” off “" + DisplayText.title(originalTitle) + "” into a new note."));
                listChanged.run();
            } else if (result instanceof ApiResult.Ok<TransactionResult> ok
                    && ok.value() instanceof TransactionResult.Canceled canceled) {
                status.show(Notice.warning("Nothing was split.\n" + TransactionText.explain(canceled, List.of(originalTitle, newTitle), services.api().user())
                        + "\nSave the note (Ctrl+S) to merge the changes, then split again.", null));
                listChanged.run();
            } else {
                status.show(Notice.error("Could not split the note. " + WindowStatus.describe(result),
                        () -> sendSplit(token, items, before, newTitle)));
            }
        });
    }
}
