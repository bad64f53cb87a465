package concord.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.tx.CancellationCode;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionRequest;
import concord.model.tx.TransactionResult;
import concord.wire.tx.TransactionJson;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The precondition is checked again inside the write transaction, not only before queueing for the writer.
 * Two writes holding the same ETag are lined up in one batch (the writer is held while both queue, so both pass
 * any check made before the writer): exactly one may win, the other must see the first one's write.
 */
class InTransactionPreconditionTest {

    @TempDir
    Path dir;
    private SqliteNoteStore store;
    private Note v1;

    @BeforeEach
    void open() {
        store = SqliteNoteStore.open(dir);
        v1 = store.create(content("base"), "setup");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static NoteContent content(String body) {
        return new NoteContent("t", body, List.of());
    }

    private Precondition ifMatchV1() {
        return new Precondition.IfMatch(List.of(v1.etag()));
    }

    @Test
    void twoPutsHoldingTheSameEtagInOneBatchExactlyOneWins() throws Exception {
        List<WriteOutcome> outcomes = inOneBatch(
                () -> store.put(v1.id(), ifMatchV1(), content("alice's"), "alice"),
                () -> store.put(v1.id(), ifMatchV1(), content("bob's"), "bob"));

        WriteOutcome.Written won = assertInstanceOf(WriteOutcome.Written.class, outcomes.get(0));
        assertEquals("alice's", won.note().body());
        assertEquals(2, won.note().version());
        assertEquals(new WriteOutcome.PreconditionFailed(Optional.of(won.note())), outcomes.get(1),
                "the second sees the first one's write as the current note");
        assertEquals(new NoteState.Live(won.note()), store.find(v1.id()));
        assertEquals(2, store.versions(v1.id()).orElseThrow().size(), "bob's text was never written");
    }

    @Test
    void twoIfNoneMatchCreatesOfOneIdInOneBatchExactlyOneWins() throws Exception {
        Precondition absent = new Precondition.IfNoneMatchAny();
        List<WriteOutcome> outcomes = inOneBatch(
                () -> store.put("fresh", absent, content("alice's"), "alice"),
                () -> store.put("fresh", absent, content("bob's"), "bob"));

        WriteOutcome.Written won = assertInstanceOf(WriteOutcome.Written.class, outcomes.get(0));
        assertEquals(true, won.created());
        assertEquals(new WriteOutcome.PreconditionFailed(Optional.of(won.note())), outcomes.get(1));
        assertEquals(1, store.versions("fresh").orElseThrow().size());
    }

    @Test
    void aDeleteAndAPutHoldingTheSameEtagInOneBatchExactlyOneWins() throws Exception {
        List<WriteOutcome> outcomes = inOneBatch(
                () -> store.delete(v1.id(), ifMatchV1(), "alice"),
                () -> store.put(v1.id(), ifMatchV1(), content("bob's"), "bob"));

        assertEquals(new WriteOutcome.Deleted(v1.id()), outcomes.get(0));
        assertEquals(new WriteOutcome.PreconditionFailed(Optional.empty()), outcomes.get(1), "the note is gone");
        NoteState.Deleted gone = assertInstanceOf(NoteState.Deleted.class, store.find(v1.id()));
        assertEquals(1, gone.lastVersion());
        assertEquals("alice", gone.deletedBy(), "the delete won, so its user is the one named");
    }

    @Test
    void aPutAndADeleteHoldingTheSameEtagInOneBatchExactlyOneWins() throws Exception {
        List<WriteOutcome> outcomes = inOneBatch(
                () -> store.put(v1.id(), ifMatchV1(), content("alice's"), "alice"),
                () -> store.delete(v1.id(), ifMatchV1(), "bob"));

        WriteOutcome.Written won = assertInstanceOf(WriteOutcome.Written.class, outcomes.get(0));
        assertEquals(new WriteOutcome.PreconditionFailed(Optional.of(won.note())), outcomes.get(1),
                "the delete was based on the version the put replaced");
        assertEquals(new NoteState.Live(won.note()), store.find(v1.id()));
    }

    @Test
    void twoDeletesHoldingTheSameEtagInOneBatchExactlyOneDeletes() throws Exception {
        List<WriteOutcome> outcomes = inOneBatch(
                () -> store.delete(v1.id(), ifMatchV1(), "alice"),
                () -> store.delete(v1.id(), new Precondition.IfMatchAny(), "bob"));

        assertEquals(new WriteOutcome.Deleted(v1.id()), outcomes.get(0));
        assertEquals(new WriteOutcome.PreconditionFailed(Optional.empty()), outcomes.get(1));
    }

    @Test
    void twoTransactionsHoldingTheSameEtagInOneBatchExactlyOneCommits() throws Exception {
        ObjectMapper mapper = TransactionJson.newMapper();
        NoteTransactions transactions = new NoteTransactions(store, new IdempotencyTokens(IdempotencyTokens.DEFAULT_TTL),
                new OutcomeCodec() {
                    @Override
                    public String encode(TransactionResult result) {
                        return TransactionJson.encodeOutcome(mapper, result);
                    }

                    @Override
                    public TransactionResult decode(String encoded) {
                        return TransactionJson.decodeOutcome(mapper, encoded);
                    }
                }, Clock.systemUTC());
        Note other = store.create(content("other"), "setup");
        List<NoteTransactions.Execution> outcomes = inOneBatch(
                () -> transactions.execute(new TransactionRequest("alice-1", List.of(
                        TransactionItem.update(v1.id(), v1.etag(), content("alice's")),
                        TransactionItem.update(other.id(), other.etag(), content("alice's other")))), "alice"),
                () -> transactions.execute(new TransactionRequest("bob-1", List.of(
                        TransactionItem.update(v1.id(), v1.etag(), content("bob's")))), "bob"));

        NoteTransactions.Done first = assertInstanceOf(NoteTransactions.Done.class, outcomes.get(0));
        assertInstanceOf(TransactionResult.Committed.class, first.result());
        NoteTransactions.Done second = assertInstanceOf(NoteTransactions.Done.class, outcomes.get(1));
        TransactionResult.Canceled canceled = assertInstanceOf(TransactionResult.Canceled.class, second.result());
        assertEquals(CancellationCode.ConditionalCheckFailed, canceled.reasons().get(0).code());
        assertEquals("alice's", store.find(v1.id()).live().orElseThrow().body());
        assertEquals("alice's other", store.find(other.id()).live().orElseThrow().body());
    }

    /** Runs {@code first} and then {@code second} as neighbours in one batch of the writer, in that order. */
    private <T> List<T> inOneBatch(java.util.concurrent.Callable<T> first, java.util.concurrent.Callable<T> second)
            throws Exception {
        try (HeldWriter held = new HeldWriter(store)) {
            SqliteNoteStore.WriteStats before = store.writeStats();
            Future<T> a = held.submit(first);
            held.awaitQueued(1);
            Future<T> b = held.submit(second);
            held.releaseWhenQueued(2);
            List<T> out = List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
            SqliteNoteStore.WriteStats after = store.writeStats();
            assertEquals(2, after.commits() - before.commits(), "the holding unit, then both writes in one commit");
            return out;
        }
    }
}
