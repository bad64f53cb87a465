package concord.ui.merge;

import concord.ui.Theme;
import concord.client.ApiResult;
import concord.client.NotesApi;
import concord.merge.HistogramMerger;
import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteSummary;
import concord.ui.conflict.WriteAtOnce;
import java.awt.image.BufferedImage;
import java.io.File;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Renders the dialog for the user guide: {@code assets/merge-conflict.png} (and its dark variant),
 * {@code assets/merge-suggestion.png} (a proposal waiting to be accepted), {@code assets/merge-small.png} (the
 * conflict at 700 × 450, where the dialog scrolls) and {@code assets/merge-clean.png} (what Review shows for a merge
 * saved without asking). Not a test. Under a real X server:
 *
 * <pre>
 * xvfb-run -s "-screen 0 1600x900x24" mvn -B -q test-compile exec:java \
 *     -Dexec.mainClass=concord.ui.merge.MergeDialogScreenshots -Dexec.args=assets
 * </pre>
 */
public final class MergeDialogScreenshots {

    static final String BASE = """
            Release checklist

            1. Freeze the branch on Thursday.
            2. Run the full test suite on CI.
            3. Write the release notes.
            4. Tag the release and publish the artifacts.

            Owners
            - Build: Dana
            - Notes: Sam
            - Announcement: Priya

            Risks
            The migration script has not been tried on a large database yet.
            Support needs a heads-up before the upgrade window.
            """;

    private MergeDialogScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "assets");
        out.mkdirs();
        int exit = 1;
        try {
            CountDownLatch started = new CountDownLatch(1);
            Platform.startup(started::countDown);
            started.await();
            Platform.setImplicitExit(false);
            String mineConflict = BASE.replace("on Thursday.", "on Wednesday evening.")
                    .replace("Write the release notes.", "Write the release notes and the upgrade guide.")
                    .replace("- Notes: Sam", "- Notes: Sam and Lee");
            String theirsConflict = BASE.replace("on Thursday.", "on Friday morning.")
                    .replace("4. Tag the release and publish the artifacts.\n", "4. Tag the release and publish the artifacts.\n5. Update the website.\n")
                    .replace("- Build: Dana", "- Build: Dana (backup: Omar)")
                    .replace("has not been tried on a large database yet", "was tried on a copy of production: 40 minutes");
            shoot(Theme.LIGHT.stylesheet(), "Release checklist", mineConflict, "Release checklist", theirsConflict, new File(out, "merge-conflict.png"));
            shoot(Theme.DARK.stylesheet(), "Release checklist", mineConflict, "Release checklist", theirsConflict, new File(out, "merge-conflict-dark.png"));
            shoot(Theme.LIGHT.stylesheet(), "Release checklist", mineConflict, "Release checklist", theirsConflict, new File(out, "merge-small.png"), 700, 450);
            // different words of one line each: the engine proposes both, the dialog waits for Alt+A
            String mineSuggested = BASE.replace("Support needs a heads-up", "Support needs a two-day heads-up");
            String theirsSuggested = BASE.replace("before the upgrade window", "before the maintenance window")
                    .replace("- Build: Dana", "- Build: Dana (backup: Omar)");
            shoot(Theme.LIGHT.stylesheet(), "Release checklist", mineSuggested, "Release checklist", theirsSuggested, new File(out, "merge-suggestion.png"));
            String mineClean = BASE.replace("Support needs a heads-up", "Support needs a two-day heads-up");
            String theirsClean = BASE.replace("4. Tag the release and publish the artifacts.\n", "4. Tag the release and publish the artifacts.\n5. Update the website.\n")
                    .replace("- Build: Dana", "- Build: Dana (backup: Omar)");
            shoot(Theme.LIGHT.stylesheet(), "Release checklist", mineClean, "Release checklist (v2)", theirsClean, new File(out, "merge-clean.png"), 1500, 860, true);
            exit = 0;
        } finally {
            System.exit(exit);
        }
    }

    private static void shoot(String theme, String mineTitle, String mine, String theirsTitle, String theirs, File file) throws Exception {
        shoot(theme, mineTitle, mine, theirsTitle, theirs, file, 1500, 860);
    }

    private static void shoot(String theme, String mineTitle, String mine, String theirsTitle, String theirs, File file,
                              double width, double height) throws Exception {
        shoot(theme, mineTitle, mine, theirsTitle, theirs, file, width, height, false);
    }

    /** @param review shown as Review shows a merge that was saved without asking (it must be a certain merge) */
    private static void shoot(String theme, String mineTitle, String mine, String theirsTitle, String theirs, File file,
                              double width, double height, boolean review) throws Exception {
        Instant at = Instant.parse("2026-11-26T14:02:00Z");
        Note base = new Note("release", "Release checklist", BASE, List.of("release"), 6, new ETag("v6"), at, "dana");
        Note theirsNote = new Note("release", theirsTitle, theirs, List.of("release", "urgent"), 7, new ETag("v7"), at, "Alice");
        NoteContent mineContent = new NoteContent(mineTitle, mine, List.of("release"));
        MergeInput input = MergeInput.prepare(new HistogramMerger(), base, mineContent, theirsNote);
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            Application.setUserAgentStylesheet(theme);
            MergeConflictHandler h = new MergeConflictHandler(null, Runnable::run, Platform::runLater, new HistogramMerger());
            Stage stage = h.open(input, new WriteAtOnce(new Offline()), o -> { });
            if (review) {
                Note merged = new Note("release", input.merged().title(), input.merged().body(), input.merged().tags(), 8,
                        new ETag("v8"), at, "bob");
                ((MergeDialogViewModel) stage.getUserData()).reviewing(theirsNote, merged);
            }
            stage.setWidth(width);
            stage.setHeight(height);
            stage.setX(0);
            stage.setY(0);
            // the window manager applies the new size asynchronously (the dialog now opens fast enough for the
            // first shot to beat it): wait for the scene to have it, then a few pulses for layout and scrolling (the
            // footer rearranges its legend once it knows its width)
            Runnable[] whenSized = new Runnable[1];
            int[] settled = {0};
            whenSized[0] = () -> {
                boolean sized = Math.abs(stage.getScene().getWidth() - width) <= 50 && Math.abs(stage.getScene().getHeight() - height) <= 50;
                if (!sized || settled[0]++ < 6) {
                    Platform.requestNextPulse();
                    Platform.runLater(whenSized[0]);
                    return;
                }
                Platform.runLater(() -> Platform.runLater(() -> {
                    Scene scene = stage.getScene();
                    WritableImage img = scene.snapshot(null);
                    try {
                        ImageIO.write(toAwt(img), "png", file);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    stage.close();
                    done.countDown();
                }));
            };
            Platform.runLater(whenSized[0]);
        });
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no screenshot");
        }
        System.out.println("wrote " + file);
    }

    private static BufferedImage toAwt(WritableImage img) {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = img.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, r.getArgb(x, y));
            }
        }
        return out;
    }

    /** Screenshots never save. */
    private static final class Offline implements NotesApi {
        @Override public ApiResult<List<NoteSummary>> list() { return new ApiResult.Unreachable<>("offline"); }
        @Override public ApiResult<Note> get(String id) { return new ApiResult.Unreachable<>("offline"); }
        @Override public ApiResult<Note> create(NoteContent content) { return new ApiResult.Unreachable<>("offline"); }
        @Override public ApiResult<Note> createWithId(String id, NoteContent content) { return new ApiResult.Unreachable<>("offline"); }
        @Override public ApiResult<Note> update(String id, ETag ifMatch, NoteContent content) { return new ApiResult.Unreachable<>("offline"); }
        @Override public ApiResult<Void> delete(String id, ETag ifMatch) { return new ApiResult.Unreachable<>("offline"); }
        @Override public ApiResult<List<NoteSummary>> versions(String id) { return new ApiResult.Unreachable<>("offline"); }
        @Override public ApiResult<Note> version(String id, long version) { return new ApiResult.Unreachable<>("offline"); }
        @Override public String user() { return "bob"; }
    }
}
