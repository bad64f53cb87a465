package concord.ui.notes;

import concord.client.DraftStore;
import concord.client.NotesApi;
import concord.client.NotesTransactions;
import concord.ui.conflict.ConflictHandler;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What one notes window works with. Each window has its own client (identity, ETag cache) and its own
 * draft store; tests pass direct executors so the view models run without a stage.
 *
 * @param io           runs HTTP calls; never the FX thread
 * @param disk         runs draft writes, one at a time in submission order, so a removal cannot be overtaken
 *                     by an older write of the same draft
 * @param fx           delivers results to the view model (Platform::runLater in the app)
 * @param conflicts    what a save calls on a 412 or a deleted note
 * @param transactions the multi-note writes (Delete selected, tags, Save all, Split note)
 */
public record WindowServices(NotesApi api, DraftStore drafts, Executor io, Executor disk, Executor fx,
                             ConflictHandler conflicts, DraftScheduler draftScheduler, Clock clock,
                             NotesTransactions transactions) {

    public WindowServices {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(drafts, "drafts");
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(fx, "fx");
        Objects.requireNonNull(conflicts, "conflicts");
        Objects.requireNonNull(draftScheduler, "draftScheduler");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(transactions, "transactions");
    }

    /** Transactions through the client itself when it offers them (the HTTP client does). */
    public WindowServices(NotesApi api, DraftStore drafts, Executor io, Executor disk, Executor fx,
                          ConflictHandler conflicts, DraftScheduler draftScheduler, Clock clock) {
        this(api, drafts, io, disk, fx, conflicts, draftScheduler, clock,
                api instanceof NotesTransactions t ? t : NotesTransactions.UNSUPPORTED);
    }
}
