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
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import concord.model.Note;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed requests, one row each: every one gets a 4xx {@code application/problem+json} with a detail, and the
 * database (dumped in full, straight from the SQLite file or the PostgreSQL tables) is the same afterwards.
 */
@OnBothEngines
class BadInputTest {

    @RegisterExtension
    static final Databases databases = new Databases();
    static TestDatabase db;
    static ConcordServer server;
    static Http http;
    static Note fixed;
    static String etag;

    @Parameter
    Engine engine;

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        db = databases.fresh(engine);
        server = ConcordServer.create(db.serverConfig()).start();
        http = new Http(server.baseUri());
        Note v1 = http.createWithId("fixed", "Fixed", "one\n", "alice").note();
        fixed = http.update("fixed", v1.etag().header(), "Fixed", "one\ntwo\n", "bob").note();
        etag = fixed.etag().header();
        Note gone = http.createWithId("gone", "Gone", "x", "alice").note();
        http.delete("gone", gone.etag().header(), "alice");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    /** A malformed request: what to send and which 4xx it must get. */
    record Bad(String name, String method, String path, byte[] body, List<String> headers, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String J = "application/json";

    private static Bad put(String name, String json, int status) {
        return new Bad(name, "PUT", "/notes/fixed", json.getBytes(StandardCharsets.UTF_8),
                List.of("Content-Type", J, "X-Concord-User", "eve", "If-Match", "\"CURRENT\""), status);
    }

    private static Bad putHeaders(String name, int status, String... headers) {
        return new Bad(name, "PUT", "/notes/fixed", "{\"title\":\"T\",\"body\":\"B\"}".getBytes(StandardCharsets.UTF_8),
                List.of(headers), status);
    }

    private static Bad req(String name, String method, String path, int status, String... headers) {
        return new Bad(name, method, path, null, List.of(headers), status);
    }

    static Stream<Bad> badRequests() {
        List<Bad> all = new ArrayList<>();
        // the body
        all.add(put("truncated JSON", "{\"title\":\"a\",", 400));
        all.add(put("not JSON at all", "title=a&body=b", 400));
        all.add(put("trailing garbage after the object", "{\"title\":\"a\",\"body\":\"b\"} x", 400));
        all.add(put("a JSON array", "[]", 400));
        all.add(put("a JSON string", "\"note\"", 400));
        all.add(put("JSON null", "null", 400));
        all.add(put("an empty body", "", 400));
        all.add(put("whitespace only", "   \n ", 400));
        all.add(put("missing title", "{\"body\":\"b\"}", 400));
        all.add(put("missing body", "{\"title\":\"t\"}", 400));
        all.add(put("title null", "{\"title\":null,\"body\":\"b\"}", 400));
        all.add(put("title a number", "{\"title\":5,\"body\":\"b\"}", 400));
        all.add(put("title a boolean", "{\"title\":true,\"body\":\"b\"}", 400));
        all.add(put("title an object", "{\"title\":{},\"body\":\"b\"}", 400));
        all.add(put("body a number", "{\"title\":\"t\",\"body\":1.5}", 400));
        all.add(put("body an array", "{\"title\":\"t\",\"body\":[\"b\"]}", 400));
        all.add(put("tags a string", "{\"title\":\"t\",\"body\":\"b\",\"tags\":\"x\"}", 400));
        all.add(put("tags with a number", "{\"title\":\"t\",\"body\":\"b\",\"tags\":[1]}", 400));
        all.add(put("tags with null", "{\"title\":\"t\",\"body\":\"b\",\"tags\":[null]}", 400));
        all.add(put("a blank tag", "{\"title\":\"t\",\"body\":\"b\",\"tags\":[\" \"]}", 400));
        all.add(put("a duplicate tag", "{\"title\":\"t\",\"body\":\"b\",\"tags\":[\"a\",\"a\"]}", 400));
        all.add(put("a 51-character tag", "{\"title\":\"t\",\"body\":\"b\",\"tags\":[\"" + "x".repeat(51) + "\"]}", 400));
        all.add(put("21 tags", "{\"title\":\"t\",\"body\":\"b\",\"tags\":[" + String.join(",",
                Collections.nCopies(21, "\"t\"")).replace("\"t\"", "\"t%d\"").formatted(
                Stream.iterate(0, i -> i + 1).limit(21).toArray()) + "]}", 400));
        all.add(put("an unknown field", "{\"title\":\"t\",\"body\":\"b\",\"color\":\"red\"}", 400));
        all.add(put("a client-set version", "{\"title\":\"t\",\"body\":\"b\",\"version\":9}", 400));
        all.add(put("a duplicate field", "{\"title\":\"t\",\"title\":\"u\",\"body\":\"b\"}", 400));
        all.add(put("a 201-character title", "{\"title\":\"" + "x".repeat(201) + "\",\"body\":\"b\"}", 400));
        all.add(put("a title with a line break", "{\"title\":\"a\\nb\",\"body\":\"b\"}", 400));
        all.add(put("single-quoted JSON", "{'title':'t','body':'b'}", 400));
        all.add(put("a comment in JSON", "{\"title\":\"t\",/*x*/\"body\":\"b\"}", 400));
        all.add(new Bad("invalid UTF-8", "PUT", "/notes/fixed",
                new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', ',',
                        '"', 'b', 'o', 'd', 'y', '"', ':', '"', 'b', '"', '}'},
                List.of("Content-Type", J, "X-Concord-User", "eve", "If-Match", "\"CURRENT\""), 400));
        // content type and size
        all.add(putHeaders("text/plain content type", 415, "Content-Type", "text/plain", "X-Concord-User", "eve",
                "If-Match", "\"CURRENT\""));
        all.add(putHeaders("no content type", 415, "X-Concord-User", "eve", "If-Match", "\"CURRENT\""));
        all.add(putHeaders("a Latin-1 charset", 415, "Content-Type", "application/json; charset=ISO-8859-1",
                "X-Concord-User", "eve", "If-Match", "\"CURRENT\""));
        all.add(putHeaders("form encoding", 415, "Content-Type", "application/x-www-form-urlencoded",
                "X-Concord-User", "eve", "If-Match", "\"CURRENT\""));
        all.add(new Bad("a body over 1 MiB", "PUT", "/notes/fixed",
                ("{\"title\":\"t\",\"body\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8),
                List.of("Content-Type", J, "X-Concord-User", "eve", "If-Match", "\"CURRENT\""), 413));
        all.add(new Bad("a chunked body over 1 MiB", "POST", "/notes", null,
                List.of("Content-Type", J, "X-Concord-User", "eve", "chunked", "yes"), 413));
        // preconditions
        all.add(putHeaders("no precondition on PUT", 428, "Content-Type", J, "X-Concord-User", "eve"));
        all.add(req("no precondition on DELETE", "DELETE", "/notes/fixed", 428, "X-Concord-User", "eve"));
        all.add(putHeaders("a stale If-Match", 412, "Content-Type", J, "X-Concord-User", "eve",
                "If-Match", "\"v1-1-stale\""));
        all.add(putHeaders("a weak If-Match of the current tag", 412, "Content-Type", J, "X-Concord-User", "eve",
                "If-Match", "W/\"CURRENT\""));
        all.add(putHeaders("If-None-Match * on an existing note", 412, "Content-Type", J, "X-Concord-User", "eve",
                "If-None-Match", "*"));
        all.add(req("a stale If-Match on DELETE", "DELETE", "/notes/fixed", 412, "X-Concord-User", "eve",
                "If-Match", "\"v1-1-stale\""));
        all.add(req("If-Match on a deleted note", "DELETE", "/notes/gone", 412, "X-Concord-User", "eve",
                "If-Match", "*"));
        all.add(putHeaders("an unquoted If-Match", 400, "Content-Type", J, "X-Concord-User", "eve",
                "If-Match", "CURRENT"));
        all.add(putHeaders("an unterminated If-Match", 400, "Content-Type", J, "X-Concord-User", "eve",
                "If-Match", "\"abc"));
        all.add(putHeaders("* mixed with tags", 400, "Content-Type", J, "X-Concord-User", "eve",
                "If-Match", "*, \"CURRENT\""));
        all.add(putHeaders("a lower-case weak prefix", 400, "Content-Type", J, "X-Concord-User", "eve",
                "If-Match", "w/\"CURRENT\""));
        all.add(putHeaders("tags without a comma", 400, "Content-Type", J, "X-Concord-User", "eve",
                "If-Match", "\"a\" \"CURRENT\""));
        // obs-text is legal in an entity tag (RFC 9110 §8.8.3), it just never matches one of ours
        all.add(putHeaders("a non-ASCII entity tag", 412, "Content-Type", J, "X-Concord-User", "eve",
                "If-Match", "\"caf\u00e9\""));
        all.add(putHeaders("only commas", 400, "Content-Type", J, "X-Concord-User", "eve", "If-Match", " , ,"));
        all.add(putHeaders("both If-Match and If-None-Match", 400, "Content-Type", J, "X-Concord-User", "eve",
                "If-Match", "\"CURRENT\"", "If-None-Match", "*"));
        all.add(putHeaders("If-None-Match with a tag on PUT", 400, "Content-Type", J, "X-Concord-User", "eve",
                "If-None-Match", "\"CURRENT\""));
        all.add(req("If-None-Match on DELETE", "DELETE", "/notes/fixed", 400, "X-Concord-User", "eve",
                "If-None-Match", "*"));
        all.add(req("a malformed If-None-Match on GET", "GET", "/notes/fixed", 400, "If-None-Match", "abc"));
        // ids, versions, routes, methods
        all.add(req("a 65-character id", "GET", "/notes/" + "a".repeat(65), 400));
        all.add(req("an id with a dot", "GET", "/notes/bad.id", 400));
        all.add(req("an id with a space", "GET", "/notes/bad%20id", 400));
        all.add(req("an id with a non-ASCII letter", "GET", "/notes/caf%C3%A9", 400));
        all.add(new Bad("PUT to an invalid id", "PUT", "/notes/x~y", "{\"title\":\"t\",\"body\":\"b\"}".getBytes(
                StandardCharsets.UTF_8), List.of("Content-Type", J, "X-Concord-User", "eve", "If-None-Match", "*"), 400));
        all.add(req("version zero", "GET", "/notes/fixed/versions/0", 400));
        all.add(req("a negative version", "GET", "/notes/fixed/versions/-1", 400));
        all.add(req("a version that is not a number", "GET", "/notes/fixed/versions/two", 400));
        all.add(req("a version beyond long", "GET", "/notes/fixed/versions/99999999999999999999", 400));
        all.add(req("an unknown route", "GET", "/users", 404));
        all.add(req("a nested unknown route", "PUT", "/notes/fixed/body", 404, "Content-Type", J));
        all.add(req("PATCH on a note", "PATCH", "/notes/fixed", 405, "Content-Type", J));
        all.add(req("POST on a note", "POST", "/notes/fixed", 405, "Content-Type", J));
        all.add(req("DELETE on the collection", "DELETE", "/notes", 405, "If-Match", "*"));
        all.add(req("PUT on a version", "PUT", "/notes/fixed/versions/1", 405, "If-Match", "*"));
        // identity
        all.add(new Bad("a write without X-Concord-User", "PUT", "/notes/fixed",
                "{\"title\":\"t\",\"body\":\"b\"}".getBytes(StandardCharsets.UTF_8),
                List.of("Content-Type", J, "If-Match", "\"CURRENT\""), 400));
        all.add(putHeaders("a 65-character user name", 400, "Content-Type", J, "X-Concord-User", "u".repeat(65),
                "If-Match", "\"CURRENT\""));
        all.add(putHeaders("a user name with a colon", 400, "Content-Type", J, "X-Concord-User", "a:b",
                "If-Match", "\"CURRENT\""));
        all.add(putHeaders("a user name with a tab", 400, "Content-Type", J, "X-Concord-User", "bo\tb",
                "If-Match", "\"CURRENT\""));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rawRequests")
    void aRequestJettyRejectsBeforeRoutingStillGetsAProblem(String name, String raw, int status) throws Exception {
        String before = dump();
        String response;
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            s.shutdownOutput();
            response = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertTrue(response.startsWith("HTTP/1.1 " + status), response);
        assertTrue(response.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/problem+json"), response);
        assertTrue(response.contains("\"status\":" + status), response);
        assertEquals(before, dump());
    }

    static Stream<Arguments> rawRequests() {
        String end = "Host: 127.0.0.1\r\nConnection: close\r\n\r\n";
        return Stream.of(
                Arguments.of("a bad percent-escape", "GET /notes/%zz HTTP/1.1\r\n" + end, 400),
                Arguments.of("an encoded NUL", "GET /notes/%00 HTTP/1.1\r\n" + end, 400),
                Arguments.of("a lone percent sign", "DELETE /% HTTP/1.1\r\nIf-Match: *\r\n" + end, 400),
                Arguments.of("20 kB of headers", "GET /notes HTTP/1.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n" + end, 431),
                Arguments.of("a header without a colon", "GET /notes HTTP/1.1\r\nNoColonHere\r\n" + end, 400));
    }

    @Test
    void thereAreAtLeastFortyMalformedRequests() {
        assertTrue(badRequests().count() >= 40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aMalformedRequestGetsA4xxProblemAndChangesNothing(Bad bad) throws Exception {
        String before = dump();
        HttpRequest.Builder b = http.request(bad.path());
        boolean chunked = false;
        for (int i = 0; i < bad.headers().size(); i += 2) {
            String name = bad.headers().get(i);
            String value = bad.headers().get(i + 1).replace("\"CURRENT\"", etag);
            if (name.equals("chunked")) {
                chunked = true;
            } else {
                b.header(name, value);
            }
        }
        HttpRequest.BodyPublisher body;
        if (chunked) {
            byte[] big = ("{\"title\":\"t\",\"body\":\"" + "z".repeat(1024 * 1024 + 10) + "\"}").getBytes(StandardCharsets.UTF_8);
            body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big));
        } else {
            body = bad.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bad.body());
        }
        Http.Res r = http.send(b.method(bad.method(), body).build());

        assertEquals(bad.status(), r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/problem+json"), r::toString);
        JsonNode p = r.json();
        assertEquals(bad.status(), p.get("status").asInt());
        assertTrue(p.get("type").asText().startsWith("/problems/"), r::toString);
        assertFalse(p.path("detail").asText().isBlank(), r::toString);
        assertEquals(before, dump(), "the store changed");
        assertEquals(fixed, http.get("/notes/fixed").note());
    }

    /** Every row of every table, straight from the SQLite file. */
    static String dump() throws SQLException {
        return db.dump();
    }
}
