package concord.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import concord.model.Note;
import concord.model.NoteContent;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionRequest;
import concord.model.tx.TransactionResult;
import concord.server.JsonOutcomeCodec;
import concord.wire.tx.TransactionJson;
import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.OnBothEngines;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

/** The store side of transactions on both engines, including failures the HTTP layer never lets through. */
@OnBothEngines
class NoteTransactionsTest {

    @RegisterExtension
    static final Databases databases = new Databases();

    @Parameter
    Engine engine;
    private NoteStore store;
    private NoteTransactions transactions;

    @BeforeEach
    void open() {
        store = databases.fresh(engine).open();
        transactions = new NoteTransactions(store, new IdempotencyTokens(IdempotencyTokens.DEFAULT_TTL),
                new JsonOutcomeCodec(TransactionJson.newMapper()), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Note create(String id) {
        return store.write(tx -> tx.put(id, new NoteContent(id, "body", List.of()), "alice"));
    }

    @Test
    void aWriteThatFailsHalfwayLeavesNoTraceOfTheEarlierItemsNorOfTheToken() {
        Note a = create("a");
        Note b = create("b");
        // a tag with U+001F passes the model but every store refuses it: the HTTP validator never lets it
        // through, so only a store-level caller can make the second write fail after the first one ran
        TransactionRequest request = new TransactionRequest("half", List.of(
                TransactionItem.update("a", a.etag(), new NoteContent("A", "changed", List.of())),
                TransactionItem.update("b", b.etag(), new NoteContent("B", "changed", List.of("bad\u001Ftag")))));
        assertThrows(IllegalArgumentException.class, () -> transactions.execute(request, "alice"));
        assertEquals(new NoteState.Live(a), store.find("a"));
        assertEquals(new NoteState.Live(b), store.find("b"));
        assertEquals(1, store.versions("a").orElseThrow().size());

        TransactionRequest fixed = new TransactionRequest("half", List.of(
                TransactionItem.update("a", a.etag(), new NoteContent("A", "changed", List.of())),
                TransactionItem.update("b", b.etag(), new NoteContent("B", "changed", List.of("good")))));
        var done = assertInstanceOf(NoteTransactions.Done.class, transactions.execute(fixed, "alice"));
        assertEquals(false, done.replayed(), "the failed attempt recorded no token, so the fixed request runs");
        assertInstanceOf(TransactionResult.Committed.class, done.result());
    }

    @Test
    void aReplayIsMarkedAsSuchAndReturnsTheStoredResult() {
        Note a = create("a");
        TransactionRequest request = new TransactionRequest("again", List.of(
                TransactionItem.update("a", a.etag(), new NoteContent("A", "x", List.of()))));
        var first = assertInstanceOf(NoteTransactions.Done.class, transactions.execute(request, "alice"));
        var second = assertInstanceOf(NoteTransactions.Done.class, transactions.execute(request, "alice"));
        assertEquals(false, first.replayed());
        assertEquals(true, second.replayed());
        assertEquals(first.result(), second.result());
        assertEquals(2, store.versions("a").orElseThrow().size());
    }

    @Test
    void withoutATokenNoTokenTableIsNeeded() {
        Note a = create("a");
        var done = assertInstanceOf(NoteTransactions.Done.class, transactions.execute(new TransactionRequest(List.of(
                TransactionItem.conditionCheck("a", a.etag()))), "alice"));
        var committed = assertInstanceOf(TransactionResult.Committed.class, done.result());
        assertEquals(a.etag(), committed.items().get(0).etag());
    }
}
