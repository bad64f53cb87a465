package concord.ui.notes;

import concord.client.ApiResult;
import concord.client.Draft;
import concord.model.Note;
import concord.model.NoteContent;
import concord.ui.DisplayText;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableMap;

/**
 * The open note of a window: its base (the version loaded from the server, whose ETag every save sends
 * as If-Match), the user's text and its draft, a pending conflict, and reload. Its writes are {@link SaveNote}'s
 * (Ctrl+S, Save mine anyway, Re-create) and {@link DeleteNote}'s; Save all and Split note tell it what they wrote.
 *
 * <p>Invariant: the user's text is never replaced without the user asking for it, and its draft leaves
 * the disk only once the server has acknowledged that text (or the user discarded it).
 */
public final class EditorViewModel {

    private final WindowServices services;
    private final WindowStatus status;
    private final ObservableMap<String, Draft> drafts;
    /** The server's notes changed through this window (saved, created, deleted): the list is fetched again. */
    private final Runnable listChanged;

    private final ReadOnlyStringWrapper key = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Note> base = new ReadOnlyObjectWrapper<>();
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty tags = new SimpleStringProperty("");
    private final StringProperty body = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<PendingConflict> conflict = new ReadOnlyObjectWrapper<>();
    private final DeleteNote deleteNote;
    private final SaveNote saveNote;
    /** Set while the model changes the fields itself (a note shown, a version adopted): that is not typing. */
    private final BooleanProperty applying = new SimpleBooleanProperty();
    /** The editor is on a note whose text is still on its way from the server: read-only until it arrives. */
    private final ReadOnlyBooleanWrapper opening = new ReadOnlyBooleanWrapper();
    private final BooleanBinding dirty;
    private final BooleanBinding open;
    /** Counts open requests, so an answer for a note the user has since left is ignored. */
    private long openGeneration;

    EditorViewModel(WindowServices services, WindowStatus status, ObservableMap<String, Draft> drafts, Runnable listChanged) {
        this.services = services;
        this.status = status;
        this.drafts = drafts;
        this.listChanged = listChanged;
        this.saveNote = new SaveNote(services, status, this, listChanged);
        this.deleteNote = new DeleteNote(services, status, this, listChanged);
        this.open = key.isNotNull();
        this.dirty = Bindings.createBooleanBinding(this::computeDirty, key, base, title, tags, body, opening);
        title.addListener((o, a, b) -> edited());
        tags.addListener((o, a, b) -> edited());
        body.addListener((o, a, b) -> edited());
    }

    // ---- state for the view

    public ReadOnlyStringProperty keyProperty() {
        return key.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Note> baseProperty() {
        return base.getReadOnlyProperty();
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty tagsProperty() {
        return tags;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    public BooleanBinding dirtyProperty() {
        return dirty;
    }

    public BooleanBinding openProperty() {
        return open;
    }

    /**
     * Whether the open note is still loading: the editor names it (title from the list) and takes no typing until
     * its text is there, so nothing typed can land in the note shown before.
     */
    public ReadOnlyBooleanProperty openingProperty() {
        return opening.getReadOnlyProperty();
    }

    public boolean isOpening() {
        return opening.get();
    }

    public ReadOnlyObjectProperty<PendingConflict> conflictProperty() {
        return conflict.getReadOnlyProperty();
    }

    /** Delete note (Ctrl+Delete) of the open note. */
    public DeleteNote deleteNote() {
        return deleteNote;
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saveNote.savingProperty();
    }

    public boolean isDirty() {
        return dirty.get();
    }

    public String key() {
        return key.get();
    }

    public Note base() {
        return base.get();
    }

    /** What the user has typed, as it would be saved. */
    public NoteContent content() {
        return new NoteContent(title.get(), body.get(), parseTags(tags.get()));
    }

    // ---- opening

    /** Starts a new note that exists only locally (and as a draft once typed into) until saved. */
    public void newNote() {
        flushDraft();
        // A client-chosen id makes the first save a PUT + If-None-Match: *, so retrying it never duplicates.
        show(UUID.randomUUID().toString(), null, new NoteContent("", "", List.of()));
    }

    /** Opens a note: from its draft when there is one (with the draft's original base), else from the server. */
    public void open(String noteKey) {
        open(noteKey, null);
    }

    /**
     * Opens a note. The editor is on {@code noteKey} at once: from its draft when there is one (with the draft's
     * original base), else read-only under {@code titleHint} (the list's title) until the server's text arrives.
     * So the editor never shows one note while the list and the window title name another.
     */
    public void open(String noteKey, String titleHint) {
        if (noteKey == null || noteKey.equals(key.get())) {
            return;
        }
        flushDraft();
        Draft draft = drafts.get(noteKey);
        if (draft != null) {
            show(draft.key(), draft.base(), draft.mine());
            return;
        }
        leave(noteKey);
        quietly(() -> {
            key.set(noteKey);
            base.set(null);
            setText(new NoteContent(titleHint == null ? "" : titleHint, "", List.of()));
            conflict.set(null);
            deleteNote.cancel();
            opening.set(true);
        });
        load(noteKey);
    }

    /** Fetches the note being opened; the answer counts only while the editor is still on it. */
    private void load(String noteKey) {
        long generation = openGeneration;
        status.call(() -> services.api().get(noteKey), result -> {
            if (generation != openGeneration || !opening.get()) {
                return; // the user opened something else meanwhile
            }
            if (result instanceof ApiResult.Ok<Note> ok) {
                show(ok.value().id(), ok.value(), ok.value().content());
            } else if (result instanceof ApiResult.Gone) {
                clear();
                status.show(Notice.info("That note was deleted on the server."));
                listChanged.run();
            } else {
                status.show(Notice.error("Could not open “" + DisplayText.title(title.get()) + "”. "
                        + WindowStatus.describe(result), () -> {
                            if (noteKey.equals(key.get()) && opening.get()) {
                                load(noteKey);
                            }
                        }));
            }
        });
    }

    /** Applies a version as both base and text; the draft is gone because the text is what the server has. */
    void adopt(Note note) {
        String oldKey = key.get();
        show(note.id(), note, note.content());
        if (oldKey != null && !oldKey.equals(note.id())) {
            removeDraft(oldKey);
        }
        removeDraft(note.id());
    }

    private void show(String noteKey, Note noteBase, NoteContent text) {
        leave(noteKey);
        quietly(() -> {
            key.set(noteKey);
            base.set(noteBase);
            setText(text);
            conflict.set(null);
            deleteNote.cancel();
            opening.set(false);
        });
    }

    /**
     * The editor is about to show {@code noteKey}: a pending conflict of the note it leaves is said once more,
     * earlier answers for it stop counting, and a draft still waiting for its pause is not written over the new note.
     */
    private void leave(String noteKey) {
        if (conflict.get() != null && key.get() != null && !key.get().equals(noteKey) && drafts.containsKey(key.get())) {
            status.show(SaveNote.notSaved(content(), conflict.get().deletedOnServer()
                    ? new ApiResult.Gone<>(null) : new ApiResult.Conflict<>(conflict.get().theirs())));
        }
        openGeneration++;
        services.draftScheduler().cancel();
    }

    /** Changes the note's fields without it counting as typing: no draft is scheduled for it. */
    private void quietly(Runnable change) {
        applying.set(true);
        try {
            change.run();
        } finally {
            applying.set(false);
        }
    }

    private void setText(NoteContent text) {
        title.set(text.title());
        tags.set(String.join(", ", text.tags()));
        body.set(text.body());
    }

    /** Closes the note (its draft, if any, stays on disk). */
    public void close() {
        flushDraft();
        clear();
    }

    private void clear() {
        openGeneration++;
        quietly(() -> {
            key.set(null);
            base.set(null);
            setText(new NoteContent("", "", List.of()));
            conflict.set(null);
            opening.set(false);
        });
    }

    // ---- drafts

    private void edited() {
        if (!applying.get() && key.get() != null && !opening.get()) {
            services.draftScheduler().schedule(this::writeDraft);
        }
    }

    /** Writes the draft now (window closing, switching notes, saving). */
    public void flushDraft() {
        services.draftScheduler().cancel();
        if (key.get() != null) {
            writeDraft();
        }
    }

    private void writeDraft() {
        String k = key.get();
        if (k == null) {
            return;
        }
        if (!dirty.get()) {
            // Typed back to exactly the loaded version: there is nothing unsaved to keep.
            if (drafts.containsKey(k)) {
                removeDraft(k);
            }
            return;
        }
        Draft draft = new Draft(k, base.get(), content(), services.clock().instant());
        if (draft.equals(drafts.get(k))) {
            return;
        }
        drafts.put(k, draft);
        status.disk("save the draft", () -> services.drafts().save(draft));
    }

    /** The note {@code k}'s draft, if there is one. */
    Draft draft(String k) {
        return drafts.get(k);
    }

    /** The note {@code k}'s draft is not needed any more (its text is on the server, or the user dropped it). */
    void removeDraft(String k) {
        drafts.remove(k);
        status.disk("remove the saved draft", () -> services.drafts().remove(k));
    }

    // ---- saving

    /** Sends the text with If-Match: base ETag (or creates the note when it has never been saved). */
    public void save() {
        if (key.get() == null || opening.get() || saveNote.busy() || (!dirty.get() && conflict.get() == null)) {
            return; // nothing to save: a save of the same text would only add a version nobody wrote
        }
        flushDraft();
        Note from = base.get();
        if (from == null) {
            saveNote.create();
        } else {
            saveNote.update(from);
        }
    }

    /** Overwrites the newer version on the server with the user's text, after the user saw the conflict. */
    public void saveMineAnyway() {
        PendingConflict pending = conflict.get();
        if (pending == null || pending.deletedOnServer() || saveNote.busy()) {
            return;
        }
        flushDraft();
        saveNote.update(pending.theirs());
    }

    /** Throws away the user's text and loads the server's current version. */
    public void reloadTheirs() {
        PendingConflict pending = conflict.get();
        if (pending == null || pending.deletedOnServer()) {
            return;
        }
        adopt(pending.theirs());
    }

    /** For a note deleted on the server: saves the user's text as the note again, under the same id. */
    public void recreate() {
        PendingConflict pending = conflict.get();
        if (pending == null || !pending.deletedOnServer() || saveNote.busy()) {
            return;
        }
        flushDraft();
        saveNote.create();
    }

    /** Drops the user's edits to the open note (deleted on the server, or a new note never saved). */
    public void discard() {
        String k = key.get();
        if (k == null) {
            return;
        }
        services.draftScheduler().cancel();
        clear();
        removeDraft(k);
        listChanged.run();
    }

    /** Opens the conflict handler (the merge dialog) again for a pending conflict. */
    public void resolveConflict() {
        PendingConflict pending = conflict.get();
        if (pending != null) {
            saveNote.handOver(pending.theirs(), pending.deletedBy());
        }
    }

    /** The server has {@code saved}, which holds {@code sent}; whatever was typed since stays unsaved. */
    void savedAs(Note saved, NoteContent sent) {
        if (content().equals(sent)) {
            adopt(saved);
        } else {
            quietly(() -> {
                base.set(saved);
                conflict.set(null);
            });
            writeDraft();
        }
    }

    /** The server has a newer version ({@code null}: the note was deleted there): the conflict stays pending. */
    void conflictPending(Note theirs, String deletedBy) {
        conflict.set(new PendingConflict(theirs, deletedBy));
    }

    // ---- for the window's multi-note actions

    /** Save all committed {@code sent} for the open note as {@code saved}. */
    void savedInTransaction(Note saved, NoteContent sent) {
        if (saved.id().equals(key.get())) {
            savedAs(saved, sent);
        }
    }

    /**
     * Split note committed the original as {@code saved}: the editor shows it, unless the user typed since
     * the split was sent ({@code before}); then the typed text stays, as a draft on the new base.
     */
    void splitCommitted(Note saved, NoteContent before) {
        if (!saved.id().equals(key.get())) {
            return;
        }
        if (content().equals(before)) {
            adopt(saved);
        } else {
            quietly(() -> base.set(saved));
            writeDraft();
        }
    }

    /** A conflict of Save all was resolved (and saved) as {@code resolved}: the open note shows it. */
    void resolvedInTransaction(Note resolved) {
        if (resolved.id().equals(key.get())) {
            adopt(resolved);
        }
    }

    /**
     * A conflict of Save all was resolved but not yet saved: the open note shows {@code resolved} on the new base
     * {@code theirs} ({@code null} for a re-create), kept as a draft until the retried transaction commits. Only
     * when the editor still holds {@code mine}, the text that went into the merge; otherwise nothing changes here.
     *
     * @return whether the editor took the resolution
     */
    boolean rebasedInTransaction(String noteKey, NoteContent mine, Note theirs, NoteContent resolved) {
        if (!noteKey.equals(key.get()) || !content().equals(mine)) {
            return false;
        }
        services.draftScheduler().cancel();
        quietly(() -> {
            base.set(theirs);
            setText(resolved);
            conflict.set(null);
        });
        writeDraft();
        return true;
    }

    // ---- reload

    /** Fetches the open note again; replaces the text only when the user has no unsaved changes. */
    public void reload() {
        String k = key.get();
        Note from = base.get();
        if (k != null && opening.get()) {
            load(k); // e.g. after opening failed: try again
            return;
        }
        if (k == null || from == null) {
            return;
        }
        status.call(() -> services.api().get(k), result -> {
            if (!k.equals(key.get())) {
                return;
            }
            if (result instanceof ApiResult.Ok<Note> ok) {
                Note current = ok.value();
                if (current.etag().equals(base.get().etag())) {
                    status.show(Notice.info("“" + DisplayText.title(current.title()) + "” is up to date."));
                } else if (!dirty.get()) {
                    show(current.id(), current, current.content());
                } else {
                    conflict.set(new PendingConflict(current));
                }
            } else if (result instanceof ApiResult.Gone<Note> gone) {
                if (dirty.get()) {
                    conflict.set(new PendingConflict(null, gone.deletedBy()));
                } else {
                    close();
                    status.show(Notice.info("That note was deleted on the server."));
                    listChanged.run();
                }
            } else {
                status.show(Notice.error("Could not reload. " + WindowStatus.describe(result), this::reload));
            }
        });
    }

    // ---- helpers

    private boolean computeDirty() {
        if (key.get() == null || opening.get()) {
            return false;
        }
        Note from = base.get();
        return from == null || !from.content().equals(content());
    }

    static List<String> parseTags(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.copyOf(Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }
}
