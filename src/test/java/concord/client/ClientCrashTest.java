package concord.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a client JVM while it writes a draft ({@link DraftWriterProcess}): the draft on disk is always one
 * whole draft, the last one whose save returned or the one being written, never a torn mix or nothing.
 */
class ClientCrashTest {

    @TempDir
    Path dir;
    private Process child;
    private Thread stdout;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void killMinus9HalfwayThroughWritingADraftLeavesThePreviousDraftWhole() throws Exception {
        Path drafts = dir.resolve("drafts");
        BlockingQueue<String> lines = start("halfway", drafts);
        assertEquals("SAVED 1", next(lines));
        String halfway = next(lines);
        assertTrue(halfway.startsWith("HALFWAY "), halfway);
        Path beingWritten = Path.of(halfway.substring("HALFWAY ".length()));
        long full = DraftWriterProcess.body(2).length();
        long onDisk = Files.size(beingWritten);
        assertTrue(onDisk > 0 && onDisk < full, "the kill comes with half of draft 2 written: " + onDisk + " bytes");

        child.destroyForcibly(); // kill -9, halfway through the write
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));

        FileDraftStore restarted = new FileDraftStore(drafts);
        assertEquals(Optional.of(DraftWriterProcess.draft(1)), restarted.load(DraftWriterProcess.KEY),
                "the previous draft, whole");
        assertEquals(List.of(DraftWriterProcess.draft(1)), restarted.all(), "the half-written bytes are not a draft");
        restarted.save(DraftWriterProcess.draft(3));
        assertEquals(Optional.of(DraftWriterProcess.draft(3)), restarted.load(DraftWriterProcess.KEY),
                "the next start saves over it as usual");
    }

    @Test
    void killMinus9WhileDraftsAreSavedOneAfterAnotherKeepsTheLastAcknowledgedOrTheNextWhole() throws Exception {
        Path drafts = dir.resolve("drafts");
        BlockingQueue<String> lines = start("stream", drafts);
        for (int i = 1; i <= 20; i++) {
            assertEquals("ACK " + i, next(lines));
        }
        child.destroyForcibly(); // kill -9 while it writes a later draft
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        stdout.join(TimeUnit.SECONDS.toMillis(60)); // every line the child printed before it died
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        long acknowledged = 20;
        for (String line : rest) {
            if (line.startsWith("ACK ")) {
                acknowledged = Long.parseLong(line.substring(4));
            }
        }

        Draft onDisk = new FileDraftStore(drafts).load(DraftWriterProcess.KEY).orElseThrow(
                () -> new AssertionError("no readable draft after the kill"));
        long n = Long.parseLong(onDisk.mine().body().lines().findFirst().orElseThrow().substring("draft ".length()));
        assertTrue(n == acknowledged || n == acknowledged + 1,
                "draft " + n + " on disk, " + acknowledged + " acknowledged before the kill");
        assertEquals(DraftWriterProcess.draft(n), onDisk, "whole, not torn");
    }

    private BlockingQueue<String> start(String mode, Path drafts) throws IOException {
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                DraftWriterProcess.class.getName(), mode, drafts.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child.err").toFile()))
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Process p = child;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child was killed; the lines read so far are in the queue
            }
        }, "draft-writer-stdout");
        reader.setDaemon(true);
        reader.start();
        stdout = reader;
        return lines;
    }

    private String next(BlockingQueue<String> lines) throws Exception {
        String line = lines.poll(60, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("the draft writer said nothing for 60 s; stderr: "
                    + Files.readString(dir.resolve("child.err")));
        }
        return line;
    }
}
