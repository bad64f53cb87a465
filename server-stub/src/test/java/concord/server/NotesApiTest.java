package concord.server;

import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.OnBothEngines;
import concord.engines.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import concord.model.Note;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the HTTP API, one test each, against the real server on loopback and a real database: a SQLite file
 * and a PostgreSQL database.
 */
@OnBothEngines
class NotesApiTest {

    @RegisterExtension
    static final Databases databases = new Databases();
    static ConcordServer server;
    static Http http;

    @Parameter
    Engine engine;

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        server = ConcordServer.create(databases.fresh(engine).serverConfig()).start();
        http = new Http(server.baseUri());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static Note created(String title, String body) {
        Http.Res r = http.create(title, body, "alice");
        assertEquals(201, r.status(), r::toString);
        return r.note();
    }

    private static void assertProblem(Http.Res r, int status, String type) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/problem+json"), r::toString);
        JsonNode p = r.json();
        assertEquals(type, p.get("type").asText(), r::toString);
        assertEquals(status, p.get("status").asInt());
        assertFalse(p.get("detail").asText().isBlank());
    }

    private static Note current(String id) {
        Http.Res r = http.get("/notes/" + id);
        assertEquals(200, r.status(), r::toString);
        return r.note();
    }

    @Test
    void postCreatesANoteWith201LocationAndETag() {
        Http.Res r = http.create("Shopping", "milk\n", "alice");
        assertEquals(201, r.status(), r::toString);
        Note n = r.note();
        assertEquals("/notes/" + n.id(), r.header("Location").orElseThrow());
        assertEquals(n.etag().header(), r.etag());
        assertEquals("Shopping", n.title());
        assertEquals("milk\n", n.body());
        assertEquals(1, n.version());
        assertEquals("alice", n.updatedBy());
        assertTrue(r.etag().startsWith("\"") && r.etag().endsWith("\""));
    }

    @Test
    void getReturnsTheNoteWithAStrongETagEqualToItsEtagField() {
        Note n = created("A", "a");
        Http.Res r = http.get("/notes/" + n.id());
        assertEquals(200, r.status());
        assertEquals(n, r.note());
        assertEquals(n.etag().header(), r.etag());
        assertFalse(r.etag().startsWith("W/"));
        assertTrue(r.contentType().startsWith("application/json"));
    }

    @Test
    void getOfAnUnknownNoteIs404() {
        assertProblem(http.get("/notes/never-created"), 404, "/problems/not-found");
    }

    @Test
    void getOfADeletedNoteIs410AndSaysWhoDeletedItAndWhen() {
        Note n = created("A", "a");
        java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        assertEquals(204, http.delete(n.id(), n.etag().header(), "alice").status());
        Http.Res r = http.get("/notes/" + n.id());
        assertProblem(r, 410, "/problems/gone");
        assertEquals("alice", r.json().get("deletedBy").asText());
        java.time.Instant at = java.time.Instant.parse(r.json().get("deletedAt").asText());
        assertFalse(at.isBefore(before) || at.isAfter(java.time.Instant.now()), at + " is when the delete ran");
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        Note n = created("Head", "some body");
        Http.Res get = http.get("/notes/" + n.id());
        Http.Res head = http.send("HEAD", "/notes/" + n.id(), null);
        assertEquals(200, head.status());
        assertEquals(get.etag(), head.etag());
        assertEquals(get.header("Content-Length"), head.header("Content-Length"));
        assertEquals("", head.body());
        assertEquals(404, http.send("HEAD", "/notes/nope", null).status());
    }

    @Test
    void getWithIfNoneMatchOfTheCurrentETagIs304WithoutBody() {
        Note n = created("A", "a");
        Http.Res r = http.get("/notes/" + n.id(), "If-None-Match", n.etag().header());
        assertEquals(304, r.status());
        assertEquals(n.etag().header(), r.etag());
        assertEquals("", r.body());
    }

    @Test
    void getWithIfNoneMatchUsesWeakComparisonAndListsAsRfc9110Says() {
        Note n = created("A", "a");
        assertEquals(304, http.get("/notes/" + n.id(), "If-None-Match", "W/" + n.etag().header()).status());
        assertEquals(304, http.get("/notes/" + n.id(), "If-None-Match", "\"x\", " + n.etag().header()).status());
        assertEquals(304, http.get("/notes/" + n.id(), "If-None-Match", "*").status());
        assertEquals(200, http.get("/notes/" + n.id(), "If-None-Match", "\"other\"").status());
    }

    @Test
    void putWithTheCurrentETagReplacesTheNoteAndReturnsANewETag() {
        Note n = created("A", "one");
        Http.Res r = http.update(n.id(), n.etag().header(), "A2", "two", "bob");
        assertEquals(200, r.status(), r::toString);
        Note updated = r.note();
        assertEquals("two", updated.body());
        assertEquals("A2", updated.title());
        assertEquals(2, updated.version());
        assertEquals("bob", updated.updatedBy());
        assertNotEquals(n.etag(), updated.etag());
        assertEquals(updated.etag().header(), r.etag());
        assertEquals(updated, current(n.id()));
    }

    @Test
    void staleIfMatchGets412WithTheCurrentNoteAndItsETagAndChangesNothing() {
        Note n = created("A", "base");
        Note theirs = http.update(n.id(), n.etag().header(), "A", "theirs", "bob").note();
        Http.Res r = http.update(n.id(), n.etag().header(), "A", "mine", "alice");
        assertProblem(r, 412, "/problems/precondition-failed");
        assertEquals(theirs.etag().header(), r.etag());
        Note reported = Http.JSON.convertValue(r.json().get("current"), Note.class);
        assertEquals(theirs, reported);
        assertEquals(theirs, current(n.id()));
    }

    @Test
    void putWithoutAnyPreconditionIs428AndChangesNothing() {
        Note n = created("A", "a");
        Http.Res r = http.send("PUT", "/notes/" + n.id(), Http.noteJson("A", "clobber"),
                "Content-Type", "application/json", "X-Concord-User", "eve");
        assertProblem(r, 428, "/problems/precondition-required");
        assertEquals(n, current(n.id()));
    }

    @Test
    void deleteWithoutAPreconditionIs428AndDeletesNothing() {
        Note n = created("A", "a");
        assertProblem(http.send("DELETE", "/notes/" + n.id(), null, "X-Concord-User", "eve"),
                428, "/problems/precondition-required");
        assertEquals(n, current(n.id()));
    }

    @Test
    void aWeakETagInIfMatchNeverMatches() {
        Note n = created("A", "a");
        Http.Res r = http.update(n.id(), "W/" + n.etag().header(), "A", "b", "alice");
        assertProblem(r, 412, "/problems/precondition-failed");
        assertEquals(n, current(n.id()));
    }

    @Test
    void anIfMatchListMatchesWhenAnyEntryIsCurrent() {
        Note n = created("A", "a");
        Http.Res r = http.update(n.id(), "\"v9-zz-nope\", W/" + n.etag().header() + ", " + n.etag().header(),
                "A", "b", "alice");
        assertEquals(200, r.status(), r::toString);
        assertEquals(412, http.update(n.id(), "\"x\", \"y\"", "A", "c", "alice").status());
    }

    @Test
    void ifMatchOnSeveralHeaderLinesIsOneList() {
        Note n = created("A", "a");
        Http.Res r = http.send("PUT", "/notes/" + n.id(), Http.noteJson("A", "b"), "Content-Type", "application/json",
                "X-Concord-User", "a", "If-Match", "\"x\"", "If-Match", n.etag().header());
        assertEquals(200, r.status(), r::toString);
    }

    @Test
    void ifMatchStarUpdatesAnExistingNote() {
        Note n = created("A", "a");
        Http.Res r = http.update(n.id(), "*", "A", "forced", "alice");
        assertEquals(200, r.status(), r::toString);
        assertEquals("forced", current(n.id()).body());
    }

    @Test
    void ifMatchOnAMissingNoteIs412WithoutACurrentMember() {
        for (String ifMatch : List.of("*", "\"v1-1-abc\"")) {
            Http.Res r = http.update("missing-note", ifMatch, "A", "b", "alice");
            assertProblem(r, 412, "/problems/precondition-failed");
            assertFalse(r.json().has("current"), r::toString);
            assertTrue(r.header("ETag").isEmpty());
        }
        assertEquals(404, http.get("/notes/missing-note").status());
    }

    @Test
    void ifMatchOnADeletedNoteIs412WithoutACurrentMember() {
        Note n = created("A", "a");
        http.delete(n.id(), n.etag().header(), "alice");
        Http.Res r = http.update(n.id(), n.etag().header(), "A", "resurrect", "alice");
        assertProblem(r, 412, "/problems/precondition-failed");
        assertFalse(r.json().has("current"));
        assertEquals(410, http.get("/notes/" + n.id()).status());
    }

    @Test
    void putWithIfNoneMatchStarCreatesANoteWithTheClientsId() {
        Http.Res r = http.createWithId("client-chosen_1", "Mine", "body", "carol");
        assertEquals(201, r.status(), r::toString);
        assertEquals("/notes/client-chosen_1", r.header("Location").orElseThrow());
        Note n = r.note();
        assertEquals("client-chosen_1", n.id());
        assertEquals(n, current("client-chosen_1"));
    }

    @Test
    void putWithIfNoneMatchStarOnAnExistingNoteIs412WithTheCurrentNote() {
        Note n = created("A", "a");
        Http.Res r = http.createWithId(n.id(), "B", "b", "bob");
        assertProblem(r, 412, "/problems/precondition-failed");
        assertEquals(n, Http.JSON.convertValue(r.json().get("current"), Note.class));
        assertEquals(n.etag().header(), r.etag());
        assertEquals(n, current(n.id()));
    }

    @Test
    void deleteWithTheCurrentETagIs204AndTheNoteIsGone() {
        Note n = created("A", "a");
        Http.Res r = http.delete(n.id(), n.etag().header(), "alice");
        assertEquals(204, r.status(), r::toString);
        assertEquals("", r.body());
        assertEquals(410, http.get("/notes/" + n.id()).status());
        assertFalse(http.get("/notes").body().contains(n.id()));
    }

    @Test
    void deleteWithAStaleETagIs412WithTheCurrentNoteAndDeletesNothing() {
        Note n = created("A", "a");
        Note theirs = http.update(n.id(), n.etag().header(), "A", "b", "bob").note();
        Http.Res r = http.delete(n.id(), n.etag().header(), "alice");
        assertProblem(r, 412, "/problems/precondition-failed");
        assertEquals(theirs, Http.JSON.convertValue(r.json().get("current"), Note.class));
        assertEquals(theirs.etag().header(), r.etag());
        assertEquals(theirs, current(n.id()));
    }

    @Test
    void aStaleETagFromBeforeDeleteAndRecreateNeverMatchesTheNewNote() {
        // ABA: same id, same content, new life; the old ETag must not match it
        Http.Res first = http.createWithId("aba-note", "Same", "same body", "alice");
        Note old = first.note();
        assertEquals(204, http.delete("aba-note", old.etag().header(), "alice").status());
        Note reborn = http.createWithId("aba-note", "Same", "same body", "alice").note();
        assertNotEquals(old.etag(), reborn.etag());
        Http.Res stale = http.update("aba-note", old.etag().header(), "Same", "stale overwrite", "mallory");
        assertProblem(stale, 412, "/problems/precondition-failed");
        assertEquals(reborn, current("aba-note"));
        assertEquals(old.version() + 1, reborn.version());
    }

    @Test
    void etagsAreUniqueAcrossEveryWriteOfEveryNote() {
        Set<String> seen = new HashSet<>();
        Note n = created("U", "0");
        seen.add(n.etag().opaque());
        for (int i = 1; i <= 20; i++) {
            n = http.update(n.id(), n.etag().header(), "U", "0", "alice").note();
            assertTrue(seen.add(n.etag().opaque()), "reused " + n.etag());
        }
        Note other = created("U", "0");
        assertTrue(seen.add(other.etag().opaque()));
    }

    @Test
    void etagsAreNotReusedWhenTheServerRestartsOnTheSameData() {
        TestDatabase db = databases.fresh(engine);
        Set<String> seen = new HashSet<>();
        for (int run = 0; run < 2; run++) {
            try (ConcordServer s = ConcordServer.create(db.serverConfig()).start()) {
                Http h = new Http(s.baseUri());
                Http.Res r = h.createWithId("restart", "t", "b", "a");
                Note n = r.status() == 201 ? r.note() : h.get("/notes/restart").note();
                n = h.update("restart", n.etag().header(), "t", "b" + run, "a").note();
                assertTrue(seen.add(n.etag().opaque()));
                assertEquals(run == 0 ? 2 : 3, n.version());
            }
        }
    }

    @Test
    void theListHasSummariesWithoutBodiesNewestFirst() {
        Note a = created("first", "body-a");
        Note b = created("second", "body-b");
        Note a2 = http.update(a.id(), a.etag().header(), "first", "body-a2", "alice").note();
        JsonNode list = http.get("/notes").json();
        List<String> ids = new ArrayList<>();
        for (JsonNode s : list) {
            assertFalse(s.has("body"), "summaries carry no body: " + s);
            ids.add(s.get("id").asText());
        }
        assertTrue(ids.indexOf(a2.id()) < ids.indexOf(b.id()), ids::toString);
        JsonNode first = list.get(0);
        assertEquals(a2.id(), first.get("id").asText());
        assertEquals(a2.etag().header(), first.get("etag").asText());
    }

    @Test
    void theListHasAnETagThatGives304UntilSomethingChanges() {
        created("L", "l");
        Http.Res list = http.get("/notes");
        String tag = list.etag();
        assertEquals(304, http.get("/notes", "If-None-Match", tag).status());
        created("L2", "l2");
        Http.Res after = http.get("/notes", "If-None-Match", tag);
        assertEquals(200, after.status());
        assertNotEquals(tag, after.etag());
    }

    @Test
    void versionsListsEverySavedVersionOldestFirstAndKeepsThemAfterDelete() {
        Note v1 = created("V", "one");
        Note v2 = http.update(v1.id(), v1.etag().header(), "V", "two", "bob").note();
        Note v3 = http.update(v1.id(), v2.etag().header(), "V", "three", "carol").note();
        http.delete(v1.id(), v3.etag().header(), "carol");
        JsonNode versions = http.get("/notes/" + v1.id() + "/versions").json();
        assertEquals(3, versions.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, versions.get(i).get("version").asLong());
            assertFalse(versions.get(i).has("body"));
        }
        assertEquals(v2.etag().header(), versions.get(1).get("etag").asText());
        assertEquals("bob", versions.get(1).get("updatedBy").asText());
    }

    @Test
    void aVersionIsServedWithItsOwnETagAndContent() {
        Note v1 = created("V", "one");
        http.update(v1.id(), v1.etag().header(), "V", "two", "bob");
        Http.Res r = http.get("/notes/" + v1.id() + "/versions/1");
        assertEquals(200, r.status());
        assertEquals(v1, r.note());
        assertEquals(v1.etag().header(), r.etag());
        assertProblem(http.get("/notes/" + v1.id() + "/versions/3"), 404, "/problems/not-found");
        assertProblem(http.get("/notes/" + v1.id() + "/versions/zero"), 400, "/problems/invalid-version");
        assertProblem(http.get("/notes/nope/versions"), 404, "/problems/not-found");
    }

    @Test
    void anUnknownRouteIs404ProblemJson() {
        assertProblem(http.get("/nothing/here"), 404, "/problems/not-found");
        assertProblem(http.get("/notes/a/b/c/d"), 404, "/problems/not-found");
    }

    @Test
    void aWrongMethodIs405WithAnAllowHeader() {
        Http.Res r = http.send("PATCH", "/notes/abc", "{}", "Content-Type", "application/json");
        assertProblem(r, 405, "/problems/method-not-allowed");
        assertEquals("GET, HEAD, PUT, DELETE, OPTIONS", r.header("Allow").orElseThrow());
        Http.Res post = http.send("POST", "/notes/abc/versions", "{}", "Content-Type", "application/json");
        assertProblem(post, 405, "/problems/method-not-allowed");
        assertEquals("GET, HEAD, OPTIONS", post.header("Allow").orElseThrow());
        Http.Res made = http.send("FROB", "/notes", null);
        assertProblem(made, 405, "/problems/method-not-allowed");
        assertEquals("GET, HEAD, POST, OPTIONS", made.header("Allow").orElseThrow());
    }

    @Test
    void optionsListsTheAllowedMethods() {
        Http.Res r = http.send("OPTIONS", "/notes", null);
        assertEquals(204, r.status());
        assertEquals("GET, HEAD, POST, OPTIONS", r.header("Allow").orElseThrow());
    }

    @Test
    void aWrongContentTypeIs415AndChangesNothing() {
        Note n = created("A", "a");
        Http.Res r = http.send("PUT", "/notes/" + n.id(), Http.noteJson("A", "b"), "Content-Type", "text/plain",
                "X-Concord-User", "a", "If-Match", n.etag().header());
        assertProblem(r, 415, "/problems/unsupported-media-type");
        assertEquals(n, current(n.id()));
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        String big = "x".repeat(1024 * 1024);
        Http.Res r = http.send("POST", "/notes", Http.noteJson("big", big), "Content-Type", "application/json",
                "X-Concord-User", "a");
        assertProblem(r, 413, "/problems/too-large");
    }

    @Test
    void aBodyJustUnderOneMebibyteIsAccepted() {
        String body = "y".repeat(1024 * 1024 - 100);
        Http.Res r = http.send("POST", "/notes", Http.noteJson("big", body), "Content-Type", "application/json",
                "X-Concord-User", "a");
        assertEquals(201, r.status(), () -> r.status() + " " + r.body().substring(0, Math.min(300, r.body().length())));
        assertEquals(body, current(r.note().id()).body());
    }

    @Test
    void aMalformedIfMatchIs400() {
        Note n = created("A", "a");
        for (String bad : List.of("abc", "\"unterminated", "*, \"a\"", "w/\"a\"", "\"a\" \"b\"")) {
            assertProblem(http.update(n.id(), bad, "A", "b", "a"), 400, "/problems/malformed-header");
        }
        assertEquals(n, current(n.id()));
    }

    @Test
    void writesRecordTheUserFromXConcordUser() {
        Note n = created("A", "a");
        assertEquals("alice", n.updatedBy());
        assertEquals("Bob Smith", http.update(n.id(), n.etag().header(), "A", "b", "Bob Smith").note().updatedBy());
        Http.Res anonymous = http.send("POST", "/notes", Http.noteJson("A", "b"), "Content-Type", "application/json");
        assertProblem(anonymous, 400, "/problems/missing-user");
    }

    @Test
    void notesSurviveARestartOnTheSameDatabase() {
        TestDatabase db = databases.fresh(engine);
        Note n;
        try (ConcordServer s = ConcordServer.create(db.serverConfig()).start()) {
            n = new Http(s.baseUri()).create("Durable", "kept", "alice").note();
        }
        try (ConcordServer s = ConcordServer.create(db.serverConfig()).start()) {
            assertEquals(n, new Http(s.baseUri()).get("/notes/" + n.id()).note());
        }
    }

    @Test
    void tagsAreStoredAndReturnedInOrder() {
        Http.Res r = http.send("POST", "/notes", "{\"title\":\"T\",\"body\":\"b\",\"tags\":[\"work\",\"urgent\"]}",
                "Content-Type", "application/json; charset=UTF-8", "X-Concord-User", "a");
        assertEquals(201, r.status(), r::toString);
        assertEquals(List.of("work", "urgent"), current(r.note().id()).tags());
    }
}
