package concord.ui.notes;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/** Debounces on the FX thread; the task itself only hands the disk write to the draft executor. */
public final class FxDraftScheduler implements DraftScheduler {

    private final PauseTransition pause;

    public FxDraftScheduler(Duration quietPeriod) {
        this.pause = new PauseTransition(quietPeriod);
    }

    @Override
    public void schedule(Runnable task) {
        pause.setOnFinished(e -> task.run());
        pause.playFromStart();
    }

    @Override
    public void cancel() {
        pause.stop();
    }
}
