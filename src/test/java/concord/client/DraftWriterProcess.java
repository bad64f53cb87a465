package concord.client;

import concord.model.NoteContent;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The client's side of {@link ClientCrashTest}, in its own JVM so that the test can kill -9 it. Prints one line
 * per step on stdout and flushes it, so the test knows what was acknowledged before the kill.
 *
 * <ul>
 *   <li>{@code halfway <dir>}: saves draft 1, prints {@code SAVED 1}, then saves draft 2 and stops for good
 *       halfway through writing its bytes, after printing {@code HALFWAY <file being written>}.
 *   <li>{@code stream <dir>}: saves draft 1, 2, 3... of one key, printing {@code ACK n} after each save returns.
 * </ul>
 */
public final class DraftWriterProcess {

    static final String KEY = "plan";

    private DraftWriterProcess() {
    }

    /** The text of draft {@code n}: large, so that a write takes a while, and telling its number on line one. */
    static String body(long n) {
        return ("draft " + n + "\n") + ("line of draft " + n + " that is long enough to take some time to write\n").repeat(4000);
    }

    static Draft draft(long n) {
        return new Draft(KEY, null, new NoteContent("Plan", body(n), List.of()), Instant.ofEpochSecond(1_800_000_000L + n));
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "halfway" -> {
                boolean[] armed = {false};
                FileDraftStore store = new FileDraftStore(dir, file -> {
                    if (armed[0]) {
                        out.println("HALFWAY " + file);
                        try {
                            while (true) {
                                Thread.sleep(60_000); // killed here
                            }
                        } catch (InterruptedException e) {
                            throw new java.io.InterruptedIOException("interrupted halfway");
                        }
                    }
                });
                store.save(draft(1));
                out.println("SAVED 1");
                armed[0] = true;
                store.save(draft(2));
                out.println("SAVED 2"); // never reached
            }
            case "stream" -> {
                FileDraftStore store = new FileDraftStore(dir);
                for (long n = 1; ; n++) {
                    store.save(draft(n));
                    out.println("ACK " + n);
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}
