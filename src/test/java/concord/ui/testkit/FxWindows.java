package concord.ui.testkit;

import concord.ui.merge.MergeDialogViewModel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * TestFX for one UI test class, as a JUnit 5 extension: the (headless) toolkit is up before each test and
 * every stage the test opened is closed after it. Register it on a field:
 *
 * <pre>{@code @RegisterExtension final FxWindows windows = new FxWindows();}</pre>
 *
 * Callbacks of registered extensions run before the class's own {@code @BeforeEach} and after its
 * {@code @AfterEach}, so a test's setup can open windows and its teardown can still see them.
 */
public class FxWindows implements BeforeEachCallback, AfterEachCallback {

    /** How long a UI test waits for anything (a window, a server answer, a pulse) before it fails. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    public final FxRobot robot = new FxRobot();

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        FxToolkit.cleanupStages();
    }

    /** Runs {@code c} on the FX thread and returns its value; fails the test if that takes longer than {@link #WAIT}. */
    public static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** The merge dialog that is showing, if any (the dialog's stage carries its view model). */
    public Optional<Stage> mergeDialog() {
        return robot.listWindows().stream()
                .filter(w -> w instanceof Stage s && s.isShowing() && s.getUserData() instanceof MergeDialogViewModel)
                .map(w -> (Stage) w).findFirst();
    }
}
