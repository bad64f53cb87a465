package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.OnBothEngines;
import concord.model.Note;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

/**
 * {@code GET /notes?deleted=true} (who deleted what, when; paged), restoring a deleted note by creating it again under
 * its id, and {@code GET /notes/{id}/versions?order=newest}, on both engines.
 */
@OnBothEngines
class DeletedNotesApiTest {

    @RegisterExtension
    static final Databases databases = new Databases();

    @Parameter
    Engine engine;

    private ConcordServer server;
    private Http http;

    @BeforeEach
    void start() {
        server = ConcordServer.create(databases.fresh(engine).serverConfig()).start();
        http = new Http(server.baseUri());
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        server.close();
    }

    private Note create(String title, String body) {
        Http.Res r = http.create(title, body, "alice");
        assertEquals(201, r.status(), r::toString);
        return r.note();
    }

    private Note update(Note n, String body, String user) {
        Http.Res r = http.update(n.id(), n.etag().header(), n.title(), body, user);
        assertEquals(200, r.status(), r::toString);
        return r.note();
    }

    private List<JsonNode> deleted() {
        Http.Res r = http.get("/notes?deleted=true");
        assertEquals(200, r.status(), r::toString);
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(out::add);
        return out;
    }

    @Test
    void aDeletedNoteIsListedWithItsLastVersionAndWhoDeletedItWhen() {
        Instant before = Instant.now().minusSeconds(5);
        Note kept = create("Kept", "k");
        Note n = update(create("Groceries", "milk"), "milk\neggs", "bob");
        assertEquals(204, http.delete(n.id(), n.etag().header(), "carol").status());

        List<JsonNode> gone = deleted();
        assertEquals(1, gone.size(), gone::toString);
        JsonNode d = gone.get(0);
        assertEquals(n.id(), d.get("id").asText());
        assertEquals("Groceries", d.get("title").asText());
        assertEquals(2, d.get("version").asInt());
        assertEquals(n.etag().header(), d.get("etag").asText(), "the ETag of its last version");
        assertEquals("bob", d.get("updatedBy").asText());
        assertEquals("carol", d.get("deletedBy").asText());
        assertTrue(Instant.parse(d.get("deletedAt").asText()).isAfter(before));
        assertFalse(d.has("body"));
        assertEquals(200, http.get("/notes/" + n.id() + "/versions/2").status(), "its last version is readable");
        assertEquals(List.of(kept.id()), ids(http.get("/notes").json()), "the listing holds only live notes");
    }

    @Test
    void restoringIsCreatingTheNoteAgainUnderItsIdWithItsLastContent() {
        Note n = update(create("Plan", "one"), "two", "alice");
        assertEquals(204, http.delete(n.id(), n.etag().header(), "bob").status());
        JsonNode d = deleted().get(0);
        Note last = http.get("/notes/" + n.id() + "/versions/" + d.get("version").asLong()).note();

        Http.Res restored = http.createWithId(n.id(), last.title(), last.body(), "carol");
        assertEquals(201, restored.status(), restored::toString);
        Note back = restored.note();
        assertEquals("two", back.body());
        assertEquals(3, back.version(), "a new version after the deleted one: history goes on");
        assertNotEquals(n.etag(), back.etag(), "an ETag is never issued twice for an id");
        assertEquals(3, http.get("/notes/" + n.id() + "/versions").json().size());
        assertEquals(List.of(), deleted(), "no longer deleted");
        assertEquals(412, http.createWithId(n.id(), last.title(), last.body(), "dave").status(),
                "a second restore finds it there already");
    }

    @Test
    void deletedNotesComeNewestFirstInLinkedPages() {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Note n = create("N" + i, "b");
            assertEquals(204, http.delete(n.id(), n.etag().header(), "alice").status());
            order.add(0, n.id());
        }
        List<JsonNode> all = http.getAllPages("/notes?deleted=true&limit=3");
        assertEquals(order, ids(all));
        assertTrue(http.get("/notes?deleted=true&limit=3").header("Link").orElseThrow().contains("deleted=true"));
        assertEquals(400, http.get("/notes?deleted=yes").status());
        assertEquals(400, http.get("/notes?deleted=true&cursor=" + cursorOfTheListing()).status(),
                "a cursor of the listing is not one of the deleted notes");
    }

    private String cursorOfTheListing() {
        create("a", "a");
        create("b", "b");
        String link = http.get("/notes?limit=1").header("Link").orElseThrow();
        return link.replaceAll(".*cursor=([^>&]+).*", "$1");
    }

    @Test
    void versionsCanBeReadNewestFirstPageByPage() {
        Note n = create("History", "v1");
        for (int v = 2; v <= 5; v++) {
            n = update(n, "v" + v, "alice");
        }
        List<JsonNode> newest = http.getAllPages("/notes/" + n.id() + "/versions?order=newest&limit=2");
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), newest.stream().map(v -> v.get("version").asLong()).toList());
        Http.Res first = http.get("/notes/" + n.id() + "/versions?order=newest&limit=2");
        assertTrue(first.header("Link").orElseThrow().contains("order=newest"), first::toString);
        assertEquals(400, http.get("/notes/" + n.id() + "/versions?order=sideways").status());
        assertEquals(404, http.get("/notes/never/versions?order=newest").status());
    }

    private static List<String> ids(Iterable<JsonNode> items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("id").asText()));
        return out;
    }
}
