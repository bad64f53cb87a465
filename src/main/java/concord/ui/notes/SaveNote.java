package concord.ui.notes;

import concord.client.ApiResult;
import concord.client.Draft;
import concord.model.Note;
import concord.model.NoteContent;
import concord.ui.DisplayText;
import concord.ui.conflict.ConflictOutcome;
import concord.ui.conflict.ConflictRequest;
import concord.ui.conflict.Deletions;
import concord.ui.conflict.ResolutionWriter;
import concord.ui.conflict.WriteAtOnce;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Save (Ctrl+S) of the open note, and what each answer means for the editor: {@code PUT} with If-Match of the
 * version the editor loaded (a note never saved: {@code PUT} + If-None-Match: * under its client-chosen id).
 * <ul>
 * <li>200: the editor takes the saved note as its new base; its draft goes.</li>
 * <li>412, or the note deleted on the server: the window's conflict handler (the merge dialog) gets base, mine and
 * theirs, with a writer that writes its decision at once; when it is cancelled, the conflict stays pending in the
 * editor's banner.</li>
 * <li>Anything else: the text stays, and so does its draft; the notice offers Retry.</li>
 * </ul>
 */
final class SaveNote {

    private final WindowServices services;
    private final WindowStatus status;
    private final EditorViewModel editor;
    /** The server's notes changed through this window: the list is fetched again. */
    private final Runnable listChanged;
    /** A conflict of this editor's save is written at once, through the window's client. */
    private final ResolutionWriter conflictWriter;
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();

    SaveNote(WindowServices services, WindowStatus status, EditorViewModel editor, Runnable listChanged) {
        this.services = services;
        this.status = status;
        this.editor = editor;
        this.listChanged = listChanged;
        this.conflictWriter = new WriteAtOnce(services.api());
    }

    boolean busy() {
        return saving.get();
    }

    ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** Creates the note under the editor's key (If-None-Match: *), so a retried create never duplicates it. */
    void create() {
        String k = editor.key();
        NoteContent sent = editor.content();
        String me = services.api().user();
        saving.set(true);
        status.call(() -> services.api().createWithId(k, sent), result -> {
            saving.set(false);
            if (result instanceof ApiResult.Conflict<Note> c && c.current().content().equals(sent)
                    && me.equals(c.current().updatedBy())) {
                // An earlier attempt did arrive (its answer was lost): that is our note.
                result = new ApiResult.Ok<>(c.current());
            }
            answered(k, sent, result, this::create);
        });
    }

    /** Sends the editor's text with If-Match of {@code ifMatch}: the base, or theirs for "Save mine anyway". */
    void update(Note ifMatch) {
        String k = editor.key();
        NoteContent sent = editor.content();
        saving.set(true);
        status.call(() -> Deletions.withWhoDeleted(services.api(), k, services.api().update(k, ifMatch.etag(), sent)), result -> {
            saving.set(false);
            answered(k, sent, result, () -> update(ifMatch));
        });
    }

    private void answered(String k, NoteContent sent, ApiResult<Note> result, Runnable retry) {
        if (!k.equals(editor.key())) {
            // The user moved to another note meanwhile; that note's draft is on disk.
            if (result instanceof ApiResult.Ok) {
                Draft d = editor.draft(k);
                if (d != null && d.mine().equals(sent)) {
                    editor.removeDraft(k);
                }
                listChanged.run();
            } else {
                // The text is safe in its draft (✎ in the list); saving it again from there resolves this.
                status.show(notSaved(sent, result));
            }
            return;
        }
        if (result instanceof ApiResult.Ok<Note> ok) {
            editor.savedAs(ok.value(), sent);
            status.show(Notice.info("Saved “" + DisplayText.title(ok.value().title()) + "”."));
            listChanged.run();
        } else if (result instanceof ApiResult.Conflict<Note> c) {
            handOver(c.current(), null);
        } else if (result instanceof ApiResult.Gone<Note> gone) {
            handOver(null, gone.deletedBy());
        } else {
            status.show(Notice.error(WindowStatus.describe(result) + ". Your changes are kept as a draft.", () -> {
                if (k.equals(editor.key())) {
                    retry.run();
                }
            }));
        }
    }

    /**
     * Gives the conflict with {@code theirs} ({@code null}: deleted on the server, by {@code deletedBy} if known) to
     * the window's conflict handler.
     */
    void handOver(Note theirs, String deletedBy) {
        String k = editor.key();
        ConflictRequest request = new ConflictRequest(editor.base(), editor.content(), theirs, conflictWriter, deletedBy);
        services.conflicts().handle(request, outcome -> {
            if (!k.equals(editor.key())) {
                return;
            }
            if (outcome instanceof ConflictOutcome.Resolved r) {
                editor.adopt(r.note());
                listChanged.run();
            } else if (outcome instanceof ConflictOutcome.Discarded) {
                editor.discard();
            } else {
                editor.conflictPending(theirs, deletedBy);
            }
        });
    }

    /** For a note the user has left while its save failed or its conflict was pending. */
    static Notice notSaved(NoteContent text, ApiResult<?> why) {
        String reason = why instanceof ApiResult.Conflict ? "someone saved a newer version"
                : why instanceof ApiResult.Gone ? "it was deleted on the server" : WindowStatus.describe(why);
        return Notice.warning("“" + DisplayText.title(text.title()) + "” was not saved: " + reason
                + ". Your text is kept as a draft (✎); open the note to save it.", null);
    }
}
