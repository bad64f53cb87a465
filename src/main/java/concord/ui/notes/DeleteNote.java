package concord.ui.notes;

import concord.client.ApiResult;
import concord.model.Note;
import concord.ui.DisplayText;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Delete note (Ctrl+Delete) for the open note: under If-Match of the version the editor loaded, so a version
 * someone saved since is never deleted unseen. When the server has a newer one, the user is asked again (with who
 * saved it) before it is deleted.
 */
public final class DeleteNote {

    private final WindowServices services;
    private final WindowStatus status;
    private final EditorViewModel editor;
    /** The server's notes changed: the list is fetched again, quietly. */
    private final Runnable listChanged;
    private final ObjectProperty<Note> needsConfirmation = new SimpleObjectProperty<>();

    DeleteNote(WindowServices services, WindowStatus status, EditorViewModel editor, Runnable listChanged) {
        this.services = services;
        this.status = status;
        this.editor = editor;
        this.listChanged = listChanged;
    }

    /** Deletes the open note if the server still has the loaded version; a note never saved is discarded. */
    public void start() {
        String k = editor.key();
        Note from = editor.base();
        if (k == null || editor.isOpening()) {
            return;
        }
        if (from == null) {
            editor.discard();
            return;
        }
        send(k, from);
    }

    /** The user agreed to delete a note that changed since it was loaded. */
    public void confirm() {
        Note current = needsConfirmation.get();
        needsConfirmation.set(null);
        if (current != null && current.id().equals(editor.key())) {
            send(current.id(), current);
        }
    }

    public void cancel() {
        needsConfirmation.set(null);
    }

    /** Set when a delete met a newer version: the view asks the user, then calls {@link #confirm()} or {@link #cancel()}. */
    public ObjectProperty<Note> needsConfirmationProperty() {
        return needsConfirmation;
    }

    private void send(String k, Note ifMatch) {
        status.call(() -> services.api().delete(k, ifMatch.etag()), result -> {
            if (result instanceof ApiResult.Ok || result instanceof ApiResult.Gone) {
                if (k.equals(editor.key())) {
                    editor.discard();
                } else {
                    editor.removeDraft(k);
                }
                status.show(Notice.info("Deleted “" + DisplayText.title(ifMatch.title()) + "”."));
                listChanged.run();
            } else if (result instanceof ApiResult.Conflict<Void> c) {
                if (k.equals(editor.key())) {
                    needsConfirmation.set(c.current());
                }
            } else {
                status.show(Notice.error("Could not delete. " + WindowStatus.describe(result), () -> send(k, ifMatch)));
            }
        });
    }
}
