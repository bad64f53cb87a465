package concord.ui.notes;

import static concord.ui.notes.TransactionText.count;

import concord.client.ApiResult;
import concord.client.Draft;
import concord.client.NotesTransactions;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteIds;
import concord.model.tx.CancellationCode;
import concord.model.tx.CancellationReason;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionRequest;
import concord.model.tx.TransactionResult;
import concord.ui.DisplayText;
import concord.ui.conflict.ConflictOutcome;
import concord.ui.conflict.ConflictRequest;
import concord.ui.conflict.WriteWithSaveAll;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.ObservableMap;

/**
 * Save all (Ctrl+Shift+S): every unsaved note of the window — the open one and the drafts — in one transaction,
 * all or nothing: an update under If-Match of each draft's base, or a create for a note never saved. Drafts
 * leave the disk only after the commit.
 *
 * <p>When the server cancels the transaction, nothing was written. One run then goes through these steps, in
 * order, each a method below: {@link Run#send() send} → {@link Run#sent sent} (canceled) →
 * {@link Run#resolveNext() resolveNext} → {@link Run#decided decided} → resolveNext … →
 * {@link Run#allDecided() allDecided} → a new run's send. Each conflicted note goes to the window's conflict
 * handler (the merge dialog) with {@link WriteWithSaveAll}, so the dialog decides and writes nothing; each
 * decision waits in memory and in the note's draft, on the version it was merged against; once every note is
 * decided the whole set is sent again as one new transaction. If a third writer cancels that one, the steps run
 * again against the newer versions. Cancelling any dialog writes nothing at all.
 */
final class SaveAll {

    private final WindowServices services;
    private final WindowStatus status;
    private final ObservableMap<String, Draft> drafts;
    private final EditorViewModel editor;
    /** The server's notes changed (or may have): the list is fetched again, quietly. */
    private final Runnable listChanged;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();

    SaveAll(WindowServices services, WindowStatus status, ObservableMap<String, Draft> drafts, EditorViewModel editor,
            Runnable listChanged) {
        this.services = services;
        this.status = status;
        this.drafts = drafts;
        this.editor = editor;
        this.listChanged = listChanged;
    }

    /** Starts Save all, unless one is running. */
    void start() {
        if (running.get()) {
            return;
        }
        editor.flushDraft();
        List<Draft> set = drafts.values().stream()
                .filter(d -> NoteIds.isValid(d.key()))
                .sorted(Comparator.comparing(Draft::key))
                .toList();
        if (set.isEmpty()) {
            status.show(Notice.info("Every note is saved."));
            return;
        }
        if (set.size() > TransactionRequest.MAX_ITEMS) {
            status.show(Notice.error("Save all saves at most " + TransactionRequest.MAX_ITEMS
                    + " notes at once; " + set.size() + " are unsaved. Save some one by one (Ctrl+S) first.", null));
            return;
        }
        new Run(set, List.of()).send();
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /**
     * A note that left the set during conflict resolution without needing a write: the user took their version
     * ({@code theirs}), or discarded their edits to a note deleted on the server ({@code theirs == null}). Applied
     * to the editor and the drafts only once the rest of the set is saved, so a Save all that stops keeps every
     * draft as it was.
     */
    private record LeftTheSet(String key, Note theirs) {
    }

    /** One transaction of Save all, and the resolution of its conflicts if the server cancels it. */
    private final class Run {

        private final String token = NotesTransactions.newRequestToken();
        private final List<Draft> set;
        /** The notes that left the set in earlier runs. */
        private final List<LeftTheSet> leftBefore;
        /** After a cancellation: the set the next run sends, as the decisions come in. */
        private List<Draft> next;
        private List<LeftTheSet> left;
        private final Deque<Integer> conflicts = new ArrayDeque<>();
        private List<CancellationReason> reasons;

        Run(List<Draft> set, List<LeftTheSet> leftBefore) {
            this.set = set;
            this.leftBefore = leftBefore;
        }

        /** Sends the set; Retry sends it again with the same token, so a request that did arrive counts once. */
        void send() {
            List<TransactionItem> items = set.stream().map(SaveAll::item).toList();
            running.set(true);
            status.call(() -> services.transactions().transact(token, items), this::sent);
        }

        void sent(ApiResult<TransactionResult> result) {
            if (result instanceof ApiResult.Ok<TransactionResult> ok && ok.value() instanceof TransactionResult.Committed c) {
                running.set(false);
                committed(c);
            } else if (result instanceof ApiResult.Ok<TransactionResult> ok
                    && ok.value() instanceof TransactionResult.Canceled canceled) {
                status.show(Notice.warning("Nothing was saved.\n"
                        + TransactionText.explain(canceled, set.stream().map(d -> d.mine().title()).toList(), user())
                        + "\nResolve each conflict; then all the notes are saved again together.", null));
                listChanged.run();
                reasons = canceled.reasons();
                next = new ArrayList<>(set);
                left = new ArrayList<>(leftBefore);
                for (int i = 0; i < reasons.size(); i++) {
                    if (reasons.get(i).failed()) {
                        conflicts.add(i);
                    }
                }
                resolveNext();
            } else {
                running.set(false);
                status.show(Notice.error("Could not save the notes. " + WindowStatus.describe(result)
                        + ". Your changes are kept as drafts.", this::send));
            }
        }

        /** Hands the next conflicted note to the conflict handler; when none is left, the set goes again. */
        void resolveNext() {
            Integer i = conflicts.poll();
            if (i == null) {
                allDecided();
                return;
            }
            CancellationReason r = reasons.get(i);
            Draft d = set.get(i);
            Note theirs = r.current();
            if (r.code() == CancellationCode.ValidationError || (theirs == null && d.base() == null)) {
                // Nothing to merge: the note itself is refused, or a new note met an impossible state.
                stop("Save all stopped: “" + DisplayText.title(d.mine().title()) + "” could not be saved"
                        + (r.message() == null ? "" : " (" + r.message() + ")") + ". Nothing was saved; your changes are kept as drafts (✎).");
                return;
            }
            // The open note merges what is in the editor now (typed since Save all started, too).
            NoteContent mine = d.key().equals(editor.key()) && Objects.equals(d.base(), editor.base()) ? editor.content() : d.mine();
            // A new note whose id someone took meanwhile has no base: merge from empty.
            Note base = d.base() != null ? d.base()
                    : new Note(d.key(), "", "", List.of(), 0, theirs.etag(), theirs.updatedAt(), theirs.updatedBy());
            services.conflicts().handle(new ConflictRequest(base, mine, theirs, new WriteWithSaveAll()),
                    outcome -> decided(d, mine, outcome));
        }

        /** Keeps one note's decision; a cancelled dialog stops Save all with nothing written. */
        void decided(Draft d, NoteContent mine, ConflictOutcome outcome) {
            if (outcome instanceof ConflictOutcome.Merged merged && !(merged.theirs() != null
                    && merged.content().equals(merged.theirs().content()))) {
                // Kept in memory and in the draft, on the new base: a retry (or a restart) saves it over theirs.
                Draft now = new Draft(d.key(), merged.theirs(), merged.content(), services.clock().instant());
                next.set(next.indexOf(d), now);
                if (!editor.rebasedInTransaction(d.key(), mine, merged.theirs(), merged.content())
                        && !d.key().equals(editor.key())) {
                    drafts.put(d.key(), now);
                    status.disk("save the draft", () -> services.drafts().save(now));
                }
                // (An open note typed into meanwhile keeps the typed text and its own draft, on its old base.)
            } else if (outcome instanceof ConflictOutcome.Merged merged) {
                // The resolution is exactly their version: nothing to write for this note.
                leave(d, merged.theirs());
            } else if (outcome instanceof ConflictOutcome.Resolved resolved) {
                // Took theirs (or a handler that saved by itself): the server has this note as the user wants it.
                leave(d, resolved.note());
            } else if (outcome instanceof ConflictOutcome.Discarded) {
                leave(d, null);
            } else {
                long resolvedSoFar = next.stream().filter(n -> !set.contains(n)).count();
                stop("Save all stopped: “" + DisplayText.title(d.mine().title()) + "” still conflicts. Nothing was saved; "
                        + "your changes are kept as drafts (✎)."
                        + (resolvedSoFar == 0 ? "" : resolvedSoFar == 1
                        ? " The note you resolved keeps its merged text as its draft, on the newest version."
                        : " The " + resolvedSoFar + " notes you resolved keep their merged text as drafts, on the newest version."));
                return;
            }
            resolveNext();
        }

        private void leave(Draft d, Note theirs) {
            next.remove(d);
            left.add(new LeftTheSet(d.key(), theirs));
        }

        /** Every conflict is decided: the rest of the set goes as one new transaction, or nothing is left to send. */
        void allDecided() {
            if (next.isEmpty()) {
                running.set(false);
                applyLeft(left);
                status.show(Notice.info("Nothing left to save. " + leftSummary(left)));
                return;
            }
            new Run(List.copyOf(next), List.copyOf(left)).send();
        }

        private void committed(TransactionResult.Committed c) {
            for (int i = 0; i < set.size(); i++) {
                Draft d = set.get(i);
                var written = c.items().get(i);
                Note saved = new Note(d.key(), d.mine().title(), d.mine().body(), d.mine().tags(), written.version(),
                        written.etag(), services.clock().instant(), user());
                if (d.key().equals(editor.key())) {
                    // Only when the editor's text grew from what was sent (same base): otherwise it stays on its
                    // older base, and its next save merges against this version instead of overwriting it.
                    if (Objects.equals(editor.base(), d.base())) {
                        editor.savedInTransaction(saved, d.mine()); // keeps a draft of whatever was typed since
                    }
                } else if (d.equals(drafts.get(d.key()))) {
                    drafts.remove(d.key());
                    status.disk("remove a saved draft", () -> services.drafts().remove(d.key()));
                }
            }
            applyLeft(leftBefore);
            status.show(Notice.info("Saved " + count(set.size()) + " together."
                    + (leftBefore.isEmpty() ? "" : " " + leftSummary(leftBefore))));
            listChanged.run();
        }
    }

    private void stop(String message) {
        running.set(false);
        status.show(Notice.warning(message, this::start));
    }

    /** The notes that left the set now follow the server: their version, or gone; their drafts go. */
    private void applyLeft(List<LeftTheSet> left) {
        for (LeftTheSet l : left) {
            if (l.key().equals(editor.key())) {
                if (l.theirs() == null) {
                    editor.discard();
                } else {
                    editor.resolvedInTransaction(l.theirs());
                }
            } else if (drafts.containsKey(l.key())) {
                drafts.remove(l.key());
                status.disk("remove a draft", () -> services.drafts().remove(l.key()));
            }
        }
    }

    private static String leftSummary(List<LeftTheSet> left) {
        long theirs = left.stream().filter(l -> l.theirs() != null).count();
        long discarded = left.size() - theirs;
        List<String> parts = new ArrayList<>();
        if (theirs > 0) {
            parts.add(count((int) theirs) + " kept their version");
        }
        if (discarded > 0) {
            parts.add(count((int) discarded) + " deleted on the server " + (discarded == 1 ? "was" : "were") + " discarded");
        }
        return String.join("; ", parts) + ".";
    }

    private static TransactionItem item(Draft d) {
        return d.base() == null ? TransactionItem.create(d.key(), d.mine())
                : TransactionItem.update(d.key(), d.base().etag(), d.mine());
    }

    private String user() {
        return services.api().user();
    }
}
