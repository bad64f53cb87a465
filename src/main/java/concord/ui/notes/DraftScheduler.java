package concord.ui.notes;

/**
 * Runs a task once typing has paused. Each {@link #schedule} restarts the wait. The production one is a
 * PauseTransition on the FX thread; tests use one that runs at once or on demand.
 */
public interface DraftScheduler {

    void schedule(Runnable task);

    /** Forgets a scheduled task (its work has been done another way). */
    void cancel();

    /** For view model tests: runs each task at once. */
    static DraftScheduler immediate() {
        return new DraftScheduler() {
            @Override
            public void schedule(Runnable task) {
                task.run();
            }

            @Override
            public void cancel() {
            }
        };
    }
}
