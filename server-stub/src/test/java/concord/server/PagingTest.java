package concord.server;

import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.OnBothEngines;
import concord.engines.TestDatabase;
import concord.store.NoteStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import concord.store.Retention;
import concord.store.StoreFixtures;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Paged lists: GET /notes and /versions in bounded pages linked by rel="next"; listings never read bodies. */
@OnBothEngines
class PagingTest {

    @RegisterExtension
    static final Databases databases = new Databases();

    @Parameter
    Engine engine;

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    private TestDatabase db;

    @BeforeEach
    void freshDatabase() {
        db = databases.fresh(engine);
    }

    record Walk(List<JsonNode> items, List<String> etags, int pages) {
    }

    private static Walk walk(Http http, String path) {
        List<JsonNode> items = new ArrayList<>();
        List<String> etags = new ArrayList<>();
        int pages = 0;
        URI next = URI.create(path);
        while (next != null) {
            Http.Res r = http.get(next.toString());
            assertEquals(200, r.status(), r::toString);
            pages++;
            r.json().forEach(items::add);
            r.header("ETag").ifPresent(etags::add);
            Optional<String> link = r.header("Link");
            URI current = next;
            next = link.map(l -> {
                Matcher m = NEXT.matcher(l);
                assertTrue(m.matches(), l);
                return current.resolve(m.group(1));
            }).orElse(null);
        }
        return new Walk(items, etags, pages);
    }

    @Test
    void theNotesListComesInLinkedPagesThatTogetherHoldEveryNoteOnceNewestFirst() {
        NoteStore store = db.open();
        StoreFixtures.fill(store, 25, "h", 1);
        try (ConcordServer server = ConcordServer.create(db.serverConfig(), store).start()) {
            Http http = new Http(server.baseUri());
            Walk w = walk(http, "/notes?limit=10");
            assertEquals(3, w.pages());
            assertEquals(26, w.items().size());
            Set<String> ids = new HashSet<>();
            w.items().forEach(n -> assertTrue(ids.add(n.get("id").asText()), "listed twice: " + n));
            List<JsonNode> whole = new ArrayList<>();
            http.get("/notes").json().forEach(whole::add);
            assertEquals(whole, w.items(), "the pages in order are the whole list in order");
            assertEquals(1, new HashSet<>(w.etags()).size(), "every page of an unchanged listing has its tag");
        }
    }

    @Test
    void theDefaultPageIsBounded() {
        NoteStore store = db.open();
        StoreFixtures.fill(store, Paging.DEFAULT_LIMIT + 5, "h", 1);
        try (ConcordServer server = ConcordServer.create(db.serverConfig(), store).start()) {
            Http http = new Http(server.baseUri());
            Http.Res first = http.get("/notes");
            assertEquals(Paging.DEFAULT_LIMIT, first.json().size());
            assertTrue(first.header("Link").isPresent());
            assertEquals(Paging.DEFAULT_LIMIT + 6, walk(http, "/notes").items().size());
        }
    }

    @Test
    void versionsComeInLinkedPagesOldestFirst() {
        NoteStore store = db.open();
        StoreFixtures.fill(store, 0, "h", 25);
        try (ConcordServer server = ConcordServer.create(db.serverConfig(), store).start()) {
            Http http = new Http(server.baseUri());
            Walk w = walk(http, "/notes/h/versions?limit=7");
            assertEquals(4, w.pages());
            for (int v = 1; v <= 25; v++) {
                assertEquals(v, w.items().get(v - 1).get("version").asInt());
            }
            Http.Res last = http.get("/notes/h/versions?limit=25");
            assertFalse(last.header("Link").isPresent(), "a page that holds the rest links nowhere");
            assertEquals(404, http.get("/notes/nobody/versions").status());
        }
    }

    @Test
    void aBadLimitOrCursorIsA400ProblemAndNoPage() {
        List<String> bad = List.of("/notes?limit=0", "/notes?limit=1001", "/notes?limit=-1", "/notes?limit=ten",
                "/notes?limit=%D9%A1", "/notes?limit=1&limit=2", "/notes?cursor=garbage", "/notes?cursor=",
                "/notes/h/versions?cursor=bm90ZXM6NQ", "/notes?cursor=dmVyc2lvbnM6NQ", "/notes?cursor=bm90ZXM6NQ==",
                "/notes/h/versions?limit=99999", "/notes/h/versions?cursor=dmVyc2lvbnM6LTE");
        try (ConcordServer server = ConcordServer.create(db.serverConfig()).start()) {
            Http http = new Http(server.baseUri());
            http.createWithId("h", "t", "b", "alice");
            for (String path : bad) {
                Http.Res r = http.get(path);
                assertEquals(400, r.status(), () -> path + " → " + r);
                assertTrue(r.contentType().startsWith("application/problem+json"), path);
            }
            assertEquals(200, http.get("/notes?cursor=bm90ZXM6NQ").status(), "a well-formed cursor of this list");
        }
    }

    @Test
    void listingsReadNoBodiesTheyWorkWithEveryBodyGone() throws Exception {
        NoteStore store = db.open();
        StoreFixtures.fill(store, 3, "h", 5);
        try (ConcordServer server = ConcordServer.create(db.serverConfig(), store).start()) {
            Http http = new Http(server.baseUri());
            String list = http.get("/notes").body();
            String versions = http.get("/notes/h/versions").body();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                if (engine == Engine.SQLITE) {
                    s.execute("PRAGMA busy_timeout=5000");
                }
                s.execute("DELETE FROM bodies");
            }
            assertEquals(list, http.get("/notes").body());
            assertEquals(versions, http.get("/notes/h/versions").body());
        }
    }

    @Test
    void keepVersionsDropsAllButTheNewestNVersionsOfANoteAsItIsSaved() throws Exception {
        try (ConcordServer server = ConcordServer.create(db.serverConfig().withRetention(Retention.keepLast(3))).start()) {
            Http http = new Http(server.baseUri());
            String etag = http.createWithId("k", "t", "v1", "alice").etag();
            for (int v = 2; v <= 10; v++) {
                etag = http.update("k", etag, "t", "v" + v, "alice").etag();
            }
            List<Integer> kept = new ArrayList<>();
            http.get("/notes/k/versions").json().forEach(n -> kept.add(n.get("version").asInt()));
            assertEquals(List.of(8, 9, 10), kept);
            assertEquals(404, http.get("/notes/k/versions/7").status());
            assertEquals("v8", http.get("/notes/k/versions/8").note().body());
            assertEquals("v10", http.get("/notes/k").note().body());
            try (Connection c = db.connect();
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM bodies WHERE id = 'k'")) {
                rs.next();
                assertEquals(3, rs.getInt(1), "the dropped versions' bodies are gone too");
            }
        }
    }
}
