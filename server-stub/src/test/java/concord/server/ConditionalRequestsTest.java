package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.Note;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact answers of the precondition and ETag code (RFC 9110 §13): the header grammar at its edges, weak
 * versus strong comparison, and the wording of each refusal, which tells a client what to send instead.
 */
class ConditionalRequestsTest {

    @TempDir
    static Path data;
    static ConcordServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = ConcordServer.create(ServerConfig.loopback(data)).start();
        http = new Http(server.baseUri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Note created(String body) {
        Http.Res r = http.create("T", body, "alice");
        assertEquals(201, r.status(), r::toString);
        return r.note();
    }

    private static String detail(Http.Res r, int status) {
        assertEquals(status, r.status(), r::toString);
        return r.json().get("detail").asText();
    }

    private static Http.Res putIfMatch(String id, String ifMatch) {
        return http.send("PUT", "/notes/" + id, Http.noteJson("T", "changed"), "X-Concord-User", "bob",
                "Content-Type", "application/json", "If-Match", ifMatch);
    }

    @Test
    void aWeakTagMatchesOnAConditionalReadButNeverOnAConditionalWrite() {
        Note n = created("x");
        String opaque = n.etag().opaque();

        Http.Res read = http.get("/notes/" + n.id(), "If-None-Match", "W/\"" + opaque + "\"");
        assertEquals(304, read.status(), read::toString);
        Http.Res write = putIfMatch(n.id(), "W/\"" + opaque + "\"");
        assertEquals(412, write.status(), write::toString);
        assertEquals(n, http.get("/notes/" + n.id()).note());
        assertEquals(200, putIfMatch(n.id(), "W/\"nope\", \"" + opaque + "\"").status(), "the strong tag in the list counts");
    }

    @Test
    void answersWithoutContentCarryNoContentType() {
        Note n = created("x");
        Http.Res notModified = http.get("/notes/" + n.id(), "If-None-Match", n.etag().header());
        assertEquals(304, notModified.status());
        assertEquals(n.etag().header(), notModified.etag());
        assertFalse(notModified.header("Content-Type").isPresent(), notModified::toString);

        Http.Res deleted = http.delete(n.id(), n.etag().header(), "alice");
        assertEquals(204, deleted.status(), deleted::toString);
        assertFalse(deleted.header("Content-Type").isPresent(), deleted::toString);
    }

    @Test
    void malformedListsAreRefusedWith400AndAPreciseReasonNeverA500() {
        Note n = created("x");
        String[][] cases = {
                {"W", "expected a quoted entity tag at position 1"},
                {"\"a\", W", "expected a quoted entity tag at position 6"},
                {"W/", "expected a quoted entity tag at position 3"},
                {"\"a\", W/", "expected a quoted entity tag at position 8"},
                {"x", "expected a quoted entity tag at position 1"},
                {"\"a\", *", "* cannot be combined with entity tags"},
                {"\"a", "missing its closing quote"},
                {"\"a\" \"b\"", "must be separated by commas"},
                {" , ,", "no entity tag found"},
        };
        for (String[] c : cases) {
            String detail = detail(putIfMatch(n.id(), c[0]), 400);
            assertTrue(detail.contains("malformed If-Match header") && detail.contains(c[1]), c[0] + " → " + detail);
        }
        assertEquals(n, http.get("/notes/" + n.id()).note(), "nothing changed");
    }

    @Test
    void aMissingPreconditionNamesTheHeaderTheMethodNeeds() {
        Note n = created("x");
        String put = detail(http.send("PUT", "/notes/" + n.id(), Http.noteJson("T", "y"), "X-Concord-User", "bob",
                "Content-Type", "application/json"), 428);
        assertTrue(put.startsWith("PUT needs If-Match") && put.contains("If-None-Match: *"), put);
        String delete = detail(http.send("DELETE", "/notes/" + n.id(), null, "X-Concord-User", "bob"), 428);
        assertTrue(delete.startsWith("DELETE needs If-Match"), delete);
    }

    @Test
    void a412SaysWhetherTheNoteExistsAlreadyOrHasChanged() {
        Note n = created("x");
        String exists = detail(http.send("PUT", "/notes/" + n.id(), Http.noteJson("T", "y"), "X-Concord-User", "bob",
                "Content-Type", "application/json", "If-None-Match", "*"), 412);
        assertTrue(exists.contains("already exists") && exists.contains("If-Match: " + n.etag().header()), exists);
        String changed = detail(putIfMatch(n.id(), "\"v0-stale\""), 412);
        assertTrue(changed.contains("has changed") && changed.contains(n.etag().header())
                && changed.contains("version 1 by alice"), changed);
        String gone = detail(putIfMatch("never-there", "\"v1-x\""), 412);
        assertTrue(gone.contains("does not exist"), gone);
    }
}
