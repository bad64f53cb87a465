package concord.server.tx;

import static concord.server.tx.TxClient.create;
import static concord.server.tx.TxClient.delete;
import static concord.server.tx.TxClient.request;
import static concord.server.tx.TxClient.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.OnBothEngines;
import concord.model.Note;
import concord.server.ConcordServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

/**
 * The search index and the record of deletions follow a multi-note transaction exactly: everything a committed one
 * wrote is found at once, nothing a canceled one tried is, on both engines.
 */
@OnBothEngines
class SearchAndTransactionsTest {

    @RegisterExtension
    static final Databases databases = new Databases();

    @Parameter
    Engine engine;

    private ConcordServer server;
    private TxClient alice;
    private TxClient bob;

    @BeforeEach
    void start() {
        server = ConcordServer.create(databases.fresh(engine).serverConfig()).start();
        alice = new TxClient(server.baseUri(), "alice");
        bob = new TxClient(server.baseUri(), "bob");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> found(String q) {
        TxClient.Res r = alice.get("/notes?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r::toString);
        List<String> ids = new ArrayList<>();
        r.json().forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    @Test
    void everythingACommittedTransactionWroteIsFoundAndWhatItDeletedIsListedAsDeleted() {
        Note old = alice.create("old", "Old", "obsolete gooseberry list", List.of());
        Note kept = alice.create("kept", "Kept", "plain gooseberry", List.of());
        TxClient.Res r = bob.transact(request(null, create("new-1", "Elderflower", "cordial"),
                create("new-2", "Cordials", "elderflower again"), update(kept, "now blackcurrant"),
                delete(old.id(), old.etag().header())));
        assertEquals(200, r.status(), r::toString);

        assertEquals(List.of("new-1", "new-2"), found("elderflower"), "title hit above body hit");
        assertEquals(List.of("kept"), found("blackcurrant"));
        assertEquals(List.of(), found("gooseberry"), "neither the deleted note nor the replaced text");
        JsonNode gone = alice.get("/notes?deleted=true").json();
        assertEquals(1, gone.size(), gone::toString);
        assertEquals("old", gone.get(0).get("id").asText());
        assertEquals("bob", gone.get(0).get("deletedBy").asText());
    }

    @Test
    void nothingACanceledTransactionTriedIsFoundOrListedAsDeleted() {
        Note a = alice.create("a", "A", "damson", List.of());
        Note b = alice.create("b", "B", "sloe", List.of());
        Note bobs = bob.putNote(b.id(), b.etag().header(), "B", "bob's sloe", List.of()).note();
        TxClient.Res r = alice.transact(request(null, update(a, "mulberry"), create("c", "Mulberry", "tree"),
                delete(b.id(), b.etag().header())));
        assertEquals(409, r.status(), r::toString);

        assertEquals(List.of(), found("mulberry"), "neither the update nor the create");
        assertEquals(List.of("a"), found("damson"), "the note keeps its text in the index");
        assertEquals(List.of(bobs.id()), found("sloe"), "the note whose deletion was canceled is still found");
        assertEquals(0, alice.get("/notes?deleted=true").json().size());
    }
}
