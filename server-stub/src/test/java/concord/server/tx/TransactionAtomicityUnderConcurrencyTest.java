package concord.server.tx;

import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.OnBothEngines;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import static concord.server.tx.TxClient.request;
import static concord.server.tx.TxClient.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import concord.model.Note;
import concord.server.ConcordServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Threads move a tag between notes with transactions while others edit single notes under If-Match and
 * others list the notes: every listing must show the tag on exactly one note. A half-applied move would show
 * it on none or two; an edit that overwrote a move without noticing would lose or duplicate it.
 */
@OnBothEngines
class TransactionAtomicityUnderConcurrencyTest {

    @RegisterExtension
    static final Databases databases = new Databases();

    @Parameter
    Engine engine;

    private static final String BATON = "baton";
    private static final int NOTES = 4;
    private static final int MOVERS = 3;
    private static final int MOVES_EACH = 20;
    private static final int EDITORS = 2;
    private static final int EDITS_EACH = 25;
    private static final int READERS = 2;
    private static final int MAX_ATTEMPTS = 2_000;

    @Test
    void everyListingShowsTheMovedTagOnExactlyOneNote() throws Exception {
        try (ConcordServer server = ConcordServer.create(databases.fresh(engine).serverConfig()).start()) {
            runAgainst(List.of(server.baseUri()), server.baseUri());
        }
    }

    /**
     * Movers and editors write through {@code writers} (taking turns), readers list through {@code reader}: with one
     * server it is one process; with several instances on one database it proves the same across instances.
     */
    static void runAgainst(List<URI> writers, URI reader) throws Exception {
        TxClient setup = new TxClient(reader, "setup");
        for (int i = 0; i < NOTES; i++) {
            setup.create(noteId(i), "Note " + i, "", i == 0 ? List.of(BATON, "n" + i) : List.of("n" + i));
        }
        AtomicBoolean writersDone = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger moves = new AtomicInteger();
        AtomicInteger edits = new AtomicInteger();
        AtomicInteger canceledMoves = new AtomicInteger();
        AtomicInteger refusedEdits = new AtomicInteger();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        // every thread starts its first request at the same moment, so they overlap from the first round
        CountDownLatch go = new CountDownLatch(1);

        ExecutorService pool = Executors.newFixedThreadPool(MOVERS + EDITORS + READERS);
        List<Future<?>> writing = new ArrayList<>();
        List<Future<?>> readers = new ArrayList<>();
        for (int m = 0; m < MOVERS; m++) {
            TxClient c = new TxClient(writers.get(m % writers.size()), "mover" + m);
            writing.add(pool.submit(() -> {
                go.await();
                return move(c, moves, canceledMoves);
            }));
        }
        for (int e = 0; e < EDITORS; e++) {
            TxClient c = new TxClient(writers.get((MOVERS + e) % writers.size()), "editor" + e);
            writing.add(pool.submit(() -> {
                go.await();
                return edit(c, edits, refusedEdits);
            }));
        }
        for (int r = 0; r < READERS; r++) {
            TxClient c = new TxClient(reader, "reader" + r);
            readers.add(pool.submit(() -> {
                go.await();
                // a bounded loop: the writers stop after a fixed number of successes
                do {
                    checkListing(c, violations);
                    reads.incrementAndGet();
                } while (!writersDone.get());
                checkListing(c, violations);
                return null;
            }));
        }
        go.countDown();
        Exception writerFailure = null;
        for (Future<?> f : writing) {
            try {
                f.get(5, TimeUnit.MINUTES);
            } catch (Exception e) {
                writerFailure = writerFailure == null ? e : writerFailure;
            }
        }
        writersDone.set(true);
        for (Future<?> f : readers) {
            f.get(1, TimeUnit.MINUTES);
        }
        pool.shutdownNow();

        // the invariant first: if it broke, that is the finding, whatever it did to the writers
        assertTrue(violations.isEmpty(), () -> violations.size() + " listings broke the invariant, e.g. " + violations.peek());
        if (writerFailure != null) {
            throw writerFailure;
        }
        assertTrue(reads.get() >= READERS, "the readers listed the notes while the writers ran");
        assertEquals(MOVERS * MOVES_EACH, moves.get());
        assertEquals(EDITORS * EDITS_EACH, edits.get());
        // the point of the test: writes really raced (a run where they took turns would prove nothing)
        assertTrue(canceledMoves.get() > 0, () -> "no move was canceled (" + refusedEdits.get()
                + " edits refused): the transactions never overlapped");
        // every committed move wrote exactly two versions and every edit one: none lost, none half-applied
        long written = 0;
        for (int i = 0; i < NOTES; i++) {
            written += setup.versionCount(noteId(i)) - 1;
        }
        assertEquals(2L * moves.get() + edits.get(), written);
    }

    private static String noteId(int i) {
        return "conc-" + i;
    }

    private static void checkListing(TxClient c, ConcurrentLinkedQueue<String> violations) {
        TxClient.Res r = c.get("/notes");
        if (r.status() != 200) {
            violations.add("GET /notes: " + r);
            return;
        }
        List<String> holders = new ArrayList<>();
        for (JsonNode n : r.json()) {
            for (JsonNode tag : n.get("tags")) {
                if (tag.asText().equals(BATON)) {
                    holders.add(n.get("id").asText());
                }
            }
        }
        if (holders.size() != 1) {
            violations.add("the tag is on " + holders + " in " + r.body());
        }
    }

    private static Void move(TxClient c, AtomicInteger moves, AtomicInteger canceled) {
        int done = 0;
        for (int attempt = 0; done < MOVES_EACH; attempt++) {
            if (attempt == MAX_ATTEMPTS) {
                throw new AssertionError("no progress after " + MAX_ATTEMPTS + " attempts");
            }
            List<Note> notes = new ArrayList<>();
            for (int i = 0; i < NOTES; i++) {
                notes.add(c.note(noteId(i)));
            }
            List<Note> holders = notes.stream().filter(n -> n.tags().contains(BATON)).toList();
            if (holders.size() != 1) {
                continue; // these one-by-one reads straddled a move; read again
            }
            Note from = holders.get(0);
            Note to = notes.get((notes.indexOf(from) + 1 + ThreadLocalRandom.current().nextInt(NOTES - 1)) % NOTES);
            List<String> without = from.tags().stream().filter(t -> !t.equals(BATON)).toList();
            List<String> with = Stream.concat(to.tags().stream(), Stream.of(BATON)).toList();
            TxClient.Res r = c.transact(request(null,
                    update(from.id(), from.etag().header(), from.title(), from.body(), without),
                    update(to.id(), to.etag().header(), to.title(), to.body(), with)));
            if (r.status() == 200) {
                done++;
                moves.incrementAndGet();
            } else if (r.status() == 409) {
                canceled.incrementAndGet();
            } else {
                throw new AssertionError("move: " + r);
            }
        }
        return null;
    }

    private static Void edit(TxClient c, AtomicInteger edits, AtomicInteger refused) {
        int done = 0;
        for (int attempt = 0; done < EDITS_EACH; attempt++) {
            if (attempt == MAX_ATTEMPTS) {
                throw new AssertionError("no progress after " + MAX_ATTEMPTS + " attempts");
            }
            Note n = c.note(noteId(ThreadLocalRandom.current().nextInt(NOTES)));
            // the edit sends back the tags it read: only If-Match stops it from undoing a concurrent move
            TxClient.Res r = c.putNote(n.id(), n.etag().header(), n.title(), n.body() + "edit\n", n.tags());
            if (r.status() == 200) {
                done++;
                edits.incrementAndGet();
            } else if (r.status() == 412) {
                refused.incrementAndGet();
            } else {
                throw new AssertionError("edit: " + r);
            }
        }
        return null;
    }
}
