package concord.ui.merge;

import concord.model.Note;
import concord.model.NoteContent;
import concord.ui.conflict.ConflictOutcome;
import concord.ui.conflict.ConflictRequest;
import concord.ui.conflict.FollowUp;
import concord.ui.conflict.ResolutionWriter;
import concord.ui.conflict.ResolutionWriter.Write;
import concord.ui.conflict.ResolutionWriter.Written;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A certain merge (no conflict, no suggestion) saved without the dialog: the dialog opens only when something needs
 * a person. The merge goes out under If-Match of theirs like Save merged would send it; the editor then offers
 * Review and Undo in a non-modal notice ({@link FollowUp}). Whatever the save meets — a newer version, the note
 * deleted, a server that cannot be reached — goes the usual way: a new round, or the dialog.
 */
final class QuietMerge {

    /** What the handler does besides: start a round, open the dialog. */
    interface Rounds {
        /** A new round for {@code request}: merged again, saved quietly or shown in the dialog. */
        void handle(ConflictRequest request, Consumer<ConflictOutcome> done);

        /** Opens the dialog on {@code input} (FX thread) and returns its view model. */
        MergeDialogViewModel open(MergeInput input, ResolutionWriter writer, Consumer<ConflictOutcome> done);
    }

    private final Rounds rounds;
    private final Executor io;
    private final Executor fx;

    QuietMerge(Rounds rounds, Executor io, Executor fx) {
        this.rounds = rounds;
        this.io = io;
        this.fx = fx;
    }

    /**
     * Saves a {@linkplain MergeInput#isCertain() certain} merge through a writer that writes at once (not Save
     * all's); runs on the I/O executor.
     */
    void save(MergeInput input, ConflictRequest request, Consumer<ConflictOutcome> done) {
        ResolutionWriter writer = request.writer();
        if (input.merged().equals(input.theirs().content())) {
            // everything of mine is in theirs already (the same edit on both sides): nothing to write
            fx.execute(() -> done.accept(new ConflictOutcome.Resolved(input.theirs())));
            return;
        }
        Written written = ((Write.Call) writer.replace(input.theirs(), input.merged())).run();
        if (written instanceof Written.Saved saved) {
            FollowUp followUp = new Follow(input, writer, saved.note());
            fx.execute(() -> done.accept(new ConflictOutcome.MergedQuietly(saved.note(), input.theirs(), input.mine(), followUp)));
        } else if (written instanceof Written.Overtaken o) {
            // somebody saved again meanwhile: merge with the newest
            rounds.handle(new ConflictRequest(request.base(), request.mine(), o.current(), writer), done);
        } else if (written instanceof Written.Deleted) {
            rounds.handle(new ConflictRequest(request.base(), request.mine(), null, writer), done);
        } else {
            // the server could not be asked: the dialog shows the merge, Save merged tries again and says why not
            fx.execute(() -> rounds.open(input, writer, done));
        }
    }

    /** Review and Undo of one quiet merge, saved as {@code merged}. */
    private final class Follow implements FollowUp {

        private final MergeInput input;
        private final ResolutionWriter writer;
        private final Note merged;

        Follow(MergeInput input, ResolutionWriter writer, Note merged) {
            this.input = input;
            this.writer = writer;
            this.merged = merged;
        }

        @Override
        public void review(Consumer<ConflictOutcome> done) {
            rounds.open(input, new OverMerged(writer, merged), done).reviewing(input.theirs(), merged);
        }

        @Override
        public void undo(Consumer<ConflictOutcome> done, Consumer<String> failed) {
            NoteContent mine = input.mine();
            io.execute(() -> {
                Written w = ((Write.Call) writer.replace(merged, mine)).run();
                if (w instanceof Written.Saved saved) {
                    fx.execute(() -> done.accept(new ConflictOutcome.Resolved(saved.note())));
                } else if (w instanceof Written.Overtaken o) {
                    rounds.handle(new ConflictRequest(merged, mine, o.current(), writer), done);
                } else if (w instanceof Written.Deleted) {
                    rounds.handle(new ConflictRequest(merged, mine, null, writer), done);
                } else {
                    String why = new MergeDialogText(false).failure(((Written.Failed) w).failure());
                    fx.execute(() -> failed.accept(why));
                }
            });
        }
    }

    /**
     * Writes a reviewed decision over the merged version instead of theirs: the dialog shows base, mine and theirs as
     * they were, but the server has the merge now, and If-Match must name it.
     */
    static final class OverMerged implements ResolutionWriter {

        private final ResolutionWriter delegate;
        private final Note merged;

        OverMerged(ResolutionWriter delegate, Note merged) {
            this.delegate = delegate;
            this.merged = merged;
        }

        @Override
        public Write replace(Note theirs, NoteContent content) {
            return delegate.replace(merged, content);
        }

        /** Their text, over the merged version (mine is saved first, as always, so it stays in the history). */
        @Override
        public Write takeTheirs(Note theirs, NoteContent mine) {
            Note theirsNow = new Note(merged.id(), theirs.title(), theirs.body(), theirs.tags(), merged.version(),
                    merged.etag(), merged.updatedAt(), merged.updatedBy());
            return delegate.takeTheirs(theirsNow, mine);
        }

        @Override
        public Write recreate(Note base, NoteContent mine) {
            return delegate.recreate(base, mine);
        }

        @Override
        public boolean deferred() {
            return delegate.deferred();
        }
    }
}
