package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.OnBothEngines;
import concord.model.Note;
import java.io.IOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /notes?q=…} against the real server on both engines: what is found, when, in which order, with which
 * excerpt, and what a hostile query gets (results or a precise 400, never a 500). Each test uses words of its own,
 * so the notes of the other tests never match.
 */
@OnBothEngines
class SearchApiTest {

    @RegisterExtension
    static final Databases databases = new Databases();
    static ConcordServer server;
    static Http http;
    private static final AtomicInteger words = new AtomicInteger();

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

    /** A word no other test uses (letters only, so it is one word to every engine). */
    private static String word(String stem) {
        int n = words.incrementAndGet();
        StringBuilder suffix = new StringBuilder();
        for (int k = n; k > 0; k /= 26) {
            suffix.append((char) ('a' + k % 26));
        }
        return stem + suffix;
    }

    private static Note create(String title, String body, String... tags) {
        String json = "{\"title\":" + quote(title) + ",\"body\":" + quote(body) + ",\"tags\":["
                + String.join(",", Stream.of(tags).map(SearchApiTest::quote).toList()) + "]}";
        Http.Res r = http.send("POST", "/notes", json, "Content-Type", "application/json", "X-Concord-User", "alice");
        assertEquals(201, r.status(), r::toString);
        return r.note();
    }

    private static String quote(String s) {
        try {
            return Http.JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Http.Res search(String q) {
        return http.get("/notes?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    }

    private static List<String> ids(String q) {
        Http.Res r = search(q);
        assertEquals(200, r.status(), r::toString);
        List<String> ids = new ArrayList<>();
        r.json().forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    @Test
    void aSavedWordIsFoundAtOnceAndAReplacedOneNoLonger() {
        String first = word("pumpernickel");
        String second = word("sourdough");
        Note n = create("Bread", "buy " + first + " today");
        assertEquals(List.of(n.id()), ids(first), "found by the first search after the save was acknowledged");
        Http.Res updated = http.update(n.id(), n.etag().header(), "Bread", "buy " + second + " today", "bob");
        assertEquals(200, updated.status(), updated::toString);
        assertEquals(List.of(n.id()), ids(second));
        assertEquals(List.of(), ids(first), "only the current version is searched");
    }

    @Test
    void aDeletedNoteIsNotFoundAndARecreatedOneIsAgain() {
        String w = word("quince");
        Note n = create("Jam", w + " jam");
        assertEquals(204, http.delete(n.id(), n.etag().header(), "bob").status());
        assertEquals(List.of(), ids(w));
        assertEquals(201, http.createWithId(n.id(), "Jam", w + " again", "alice").status());
        assertEquals(List.of(n.id()), ids(w));
    }

    @Test
    void titlesAndTagsAreFoundAndEveryWordMustOccurSomewhere() {
        String inTitle = word("Holiday");
        String inTag = word("errand");
        String inBody = word("passport");
        Note n = create("Plan the " + inTitle, "renew the " + inBody, inTag);
        assertEquals(List.of(n.id()), ids(inTitle.toLowerCase(Locale.ROOT)));
        assertEquals(List.of(n.id()), ids(inTag));
        assertEquals(List.of(n.id()), ids(inTitle + " " + inTag + " " + inBody), "all three words, in three places");
        assertEquals(List.of(), ids(inTitle + " " + word("absent")), "one word missing: not found");
    }

    @Test
    void aTitleHitRanksAboveATagHitAboveABodyHitWhateverTheirAge() {
        String w = word("kumquat");
        Note title = create("All about " + w, "nothing else here");
        Note tag = create("Tagged", "nothing here either", w);
        Note body = create("Mentions", (w + " ").repeat(30));
        assertEquals(List.of(title.id(), tag.id(), body.id()), ids(w));
        Note newerTitle = create(w + " again", "");
        assertEquals(List.of(newerTitle.id(), title.id(), tag.id(), body.id()), ids(w), "equal scores: newest first");
    }

    @Test
    void partsOfWordsAreFoundInAnyScriptIgnoringCase() {
        String w = word("Zwiebel");
        Note german = create("Äpfel und " + w, "Grüße");
        Note japanese = create("日記", "東京都に住んでいます " + w.toLowerCase(Locale.ROOT));
        assertEquals(List.of(german.id()), ids("äpfel " + w.substring(0, 7)), "a word's start, other case");
        assertEquals(List.of(german.id()), ids("RÜßE " + w), "a word's end, upper case");
        assertEquals(List.of(japanese.id()), ids("住んで " + w), "inside a run of kanji and kana");
        assertEquals(List.of(japanese.id()), ids("東京 " + w), "a two-character word, not indexed but found");
        assertEquals(List.of(german.id(), japanese.id()), ids(w.toUpperCase(Locale.ROOT)),
                "title hit (3) above body hit (1)");
    }

    @Test
    void aPhraseInQuotesMatchesAsAWholeAndQueryCharactersAreLiteral() {
        String w = word("marmalade");
        Note a = create("Recipe", "bitter " + w + " with 100% fruit_sugar (NEAR \"x\") *");
        create("Other", "bitter lemon " + w);
        assertEquals(List.of(a.id()), ids("\"bitter " + w + "\""));
        assertEquals(List.of(a.id()), ids(w + " 100%"), "% is a character, not a wildcard");
        assertEquals(List.of(a.id()), ids(w + " t_s"), "_ is a character, not a wildcard");
        assertEquals(List.of(a.id()), ids(w + " (NEAR"), "FTS syntax is text");
        assertEquals(List.of(a.id()), ids(w + " *"));
        assertEquals(2, ids(w + " \"").size(), "an empty phrase is ignored");
    }

    @Test
    void eachHitHasAnExcerptOfItsBodyWithTheMatchesMarked() {
        String w = word("rhubarb");
        String body = "Lorem ipsum dolor sit amet. ".repeat(20) + "Then the " + w + " crumble,\n\nserved warm. "
                + "Consectetur adipiscing elit. ".repeat(20);
        create("Dessert", body);
        JsonNode hit = search(w).json().get(0);
        String text = hit.at("/snippet/text").asText();
        assertTrue(text.startsWith("…") && text.endsWith("…"), text);
        assertTrue(text.contains("the " + w + " crumble, served warm."), "one line: " + text);
        assertTrue(text.length() < 200, text);
        JsonNode h = hit.at("/snippet/highlights/0");
        assertEquals(w, text.substring(h.get("start").asInt(), h.get("end").asInt()));
        assertEquals(1, hit.at("/snippet/highlights").size());
        assertFalse(hit.has("body"), "a hit carries an excerpt, not the body");
    }

    @Test
    void searchResultsComeInLinkedPagesHoldingEveryHitOnceBestFirst() {
        String w = word("damson");
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            made.add(create(i % 3 == 0 ? w + " " + i : "Note " + i, "a " + w + " in the body").id());
        }
        List<JsonNode> all = http.getAllPages("/notes?limit=5&q=" + w);
        List<String> ids = all.stream().map(n -> n.get("id").asText()).toList();
        assertEquals(12, ids.size());
        assertEquals(made, new HashSet<>(ids));
        assertEquals(ids, ids(w), "the pages in order are the one-page answer in order");
        assertTrue(all.subList(0, 4).stream().allMatch(n -> n.get("title").asText().startsWith(w)), "title hits first");
        Http.Res first = http.get("/notes?limit=5&q=" + w);
        assertTrue(first.header("Link").orElseThrow().contains("q=" + w), first::toString);
    }

    @Test
    void aSearchNeverMissesAnAcknowledgedSaveWhileOthersWrite() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 8; i++) {
                        String w = word("crabapple");
                        Note n = create("Concurrent", "note " + w);
                        assertEquals(List.of(n.id()), ids(w), "searched right after its 201");
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBodyWithANulCharacterIsIndexedAroundIt() {
        String w = word("medlar");
        Note n = create("Nul", "before\u0000" + w + " after");
        assertEquals(List.of(n.id()), ids(w));
    }

    // ------------------------------------------------------------------ hostile queries

    static Stream<Arguments> hostileQueries() {
        return Stream.of(
                Arguments.of("FTS operators", "a OR b NOT c", 200),
                Arguments.of("a column filter", "title:x", 200),
                Arguments.of("NEAR and parentheses", "NEAR(a b, 2)", 200),
                Arguments.of("a lone quote", "\"", 400),
                Arguments.of("an unbalanced quote", "\"open phrase", 200),
                Arguments.of("quotes inside a word", "a\"b\"c", 200),
                Arguments.of("a star, a caret, a minus", "* ^x -y", 200),
                Arguments.of("SQL", "'; DROP TABLE notes; --", 200),
                Arguments.of("backslashes", "\\ \\\\ \\%", 200),
                Arguments.of("an emoji and a combining accent", "😀 e\u0301", 200),
                Arguments.of("right-to-left text", "שלום مرحبا", 200),
                Arguments.of("only spaces", "   ", 400),
                Arguments.of("empty", "", 400),
                Arguments.of("a control character", "a\u0007b", 400),
                Arguments.of("201 characters", "x".repeat(201), 400),
                Arguments.of("200 characters", "y".repeat(200), 200),
                Arguments.of("17 words", "w ".repeat(17), 200),
                Arguments.of("17 different words", String.join(" ", Stream.iterate("a", s -> s + "a").limit(17).toList()), 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileQueries")
    void aHostileQueryGetsResultsOrAPrecise400(String name, String q, int status) {
        assertAnswer(search(q), status);
    }

    static Stream<Arguments> hostileRawQueries() {
        return Stream.of(
                Arguments.of("an encoded NUL", "q=a%00b", 400),
                Arguments.of("an overlong slash", "q=%C0%AF", 400),
                Arguments.of("an encoded surrogate", "q=%ED%A0%80", 400),
                Arguments.of("a byte that starts nothing", "q=%FF", 400),
                Arguments.of("a truncated sequence", "q=%E6%97", 400),
                Arguments.of("a bad escape", "q=%zz", 400),
                Arguments.of("a lone percent sign", "q=100%", 400),
                Arguments.of("q twice", "q=a&q=b", 400),
                Arguments.of("q with deleted=true", "q=a&deleted=true", 400),
                Arguments.of("a plus for a space", "q=a+b", 200),
                Arguments.of("a bad limit", "q=a&limit=1001", 400),
                Arguments.of("a cursor of another list", "q=a&cursor=bm90ZXM6NQ", 400),
                Arguments.of("6,000 characters", "q=" + "z".repeat(6_000), 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRawQueries")
    void aHostileRawQueryGetsResultsOrAPrecise400(String name, String query, int status) throws IOException {
        String response;
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET /notes?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Concord-User: eve\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(response.startsWith("HTTP/1.1 " + status), response);
        if (status != 200) {
            assertTrue(response.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), response);
            assertTrue(response.contains("\"detail\":\""), response);
        }
    }

    @Test
    void aQueryTooLongForTheServerIsRefusedBeforeRoutingWithAProblemNotA500() throws IOException {
        // on a connection of its own: the server closes it after refusing, which must not break the shared client's
        String response;
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET /notes?q=" + "z".repeat(40_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Concord-User: eve\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(response.matches("(?s)HTTP/1\\.1 (414|431|400) .*"), response);
        assertTrue(response.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), response);
        assertEquals(200, search("anything").status(), "the server goes on answering");
    }

    private static void assertAnswer(Http.Res r, int status) {
        assertEquals(status, r.status(), r::toString);
        if (status == 400) {
            assertTrue(r.contentType().startsWith("application/problem+json"), r::toString);
            assertEquals("/problems/invalid-query", r.json().get("type").asText(), r::toString);
            assertFalse(r.json().get("detail").asText().isBlank());
        } else {
            assertTrue(r.json().isArray(), r::toString);
        }
    }
}
