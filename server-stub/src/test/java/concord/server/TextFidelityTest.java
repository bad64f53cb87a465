package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.Map;
import concord.engines.Engine;
import concord.engines.TestPostgres;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Text fidelity over the real server: a note is stored exactly as sent (the same code points, read back under the
 * same ETag) or refused with a 400 problem that changes nothing — never altered. The rule, from
 * {@link UnicodeText}: refused are bytes that are not strict UTF-8, a leading byte order mark, and unpaired
 * surrogates; everything else (controls in a body, U+FEFF inside text, non-characters, astral characters) is kept.
 *
 * <p>On both store engines: every property draws the engine as one of its parameters. jqwik cannot see JUnit
 * Jupiter's extension store, where the other tests keep the run's PostgreSQL, so this class starts one of its own.
 */
class TextFidelityTest {

    static TestPostgres postgres;
    static final Map<Engine, ConcordServer> servers = new EnumMap<>(Engine.class);
    static final Map<Engine, Http> clients = new EnumMap<>(Engine.class);
    static final AtomicLong ids = new AtomicLong();
    /** The client of the engine the current try runs on. */
    static Http http;

    @BeforeContainer
    static void start() throws Exception {
        postgres = TestPostgres.start();
        ServerConfig sqlite = ServerConfig.loopback(Files.createTempDirectory("fidelity"));
        servers.put(Engine.SQLITE, ConcordServer.create(sqlite).start());
        servers.put(Engine.POSTGRESQL, ConcordServer.create(sqlite.withDatabase(postgres.createDatabase())).start());
        servers.forEach((engine, server) -> clients.put(engine, new Http(server.baseUri())));
    }

    @AfterContainer
    static void stop() {
        servers.values().forEach(ConcordServer::close);
        postgres.close();
    }

    private static void on(Engine engine) {
        http = clients.get(engine);
    }

    /** Characters chosen to break things: controls, surrogates (paired and not), BOM, non-characters, astral. */
    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(2),
                Arbitraries.of("\u007f", "\u0080", "\u009f", "\u00a0", "\u00ad", "\u2028", "\u2029", "\u200b",
                        "\u202e", "\ufeff", "\ufffd", "\ufffe", "\uffff", "\ufdd0", "\ufdef", "é", "e\u0301"),
                Arbitraries.of("\ud800", "\udbff", "\udc00", "\udfff"), // unpaired
                Arbitraries.of("\ud83d\ude00", "\ud83f\udffe", "\udbff\udfff", "\ud800\udc00"), // astral, U+1FFFE, U+10FFFF
                Arbitraries.strings().alpha().numeric().withChars(' ', '"', '\\', '/').ofMaxLength(6),
                Arbitraries.strings().withCharRange('\u0100', '\ud7ff').ofMaxLength(3));
        return piece.list().ofMaxSize(12).map(parts -> String.join("", parts));
    }

    @Property(tries = 400)
    void aBodyIsStoredWithTheSameCodePointsOrRefusedAndNothingChanges(@ForAll("hostileText") String body,
                                                                         @ForAll boolean escapeEverything,
                                                                         @ForAll Engine engine) {
        on(engine);
        String id = "f" + ids.incrementAndGet();
        String json = "{\"title\":\"t\",\"body\":\"" + jsonString(body, escapeEverything) + "\"}";
        Http.Res put = putBytes(id, json.getBytes(StandardCharsets.UTF_8));
        boolean mustAccept = !hasLoneSurrogate(body);
        if (mustAccept) {
            assertEquals(201, put.status(), put::toString);
            assertEquals(body, put.note().body(), "the answer altered the text");
            Http.Res get = http.get("/notes/" + id);
            assertEquals(put.etag(), get.etag());
            assertEquals(body.codePoints().boxed().toList(), get.note().body().codePoints().boxed().toList(),
                    "the stored text differs from what was acknowledged");
            Http.Res version = http.get("/notes/" + id + "/versions/1");
            assertEquals(body, version.note().body());
        } else {
            assertRefused(put, id);
        }
    }

    @Property(tries = 400)
    void rawBytesAreAcceptedOnlyAsStrictUtf8AndThenKeptExactly(@ForAll("bytes") byte[] raw, @ForAll Engine engine) {
        on(engine);
        String id = "b" + ids.incrementAndGet();
        byte[] head = "{\"title\":\"t\",\"body\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer all = ByteBuffer.allocate(head.length + raw.length + tail.length).put(head).put(raw).put(tail);
        Http.Res put = putBytes(id, all.array());
        String strict = strictUtf8(raw);
        boolean valid = strict != null && strict.chars().noneMatch(c -> c < 0x20 || c == '"' || c == '\\');
        if (valid) {
            assertEquals(201, put.status(), put::toString);
            assertEquals(strict, http.get("/notes/" + id).note().body());
        } else {
            assertRefused(put, id);
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> sequences = Arbitraries.of(
                new byte[] {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
                new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong '/'
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate (CESU-8)
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
                new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBE}, // U+FFFE, a non-character: valid
                new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, // U+1F600
                new byte[] {(byte) 0xC3, (byte) 0xA9}, // é
                new byte[] {(byte) 0xC3}, // truncated
                new byte[] {(byte) 0x80}, // a lone continuation byte
                new byte[] {(byte) 0xFE}, new byte[] {(byte) 0xFF},
                new byte[] {'a'}, new byte[] {' '}, new byte[] {0});
        return sequences.list().ofMaxSize(6).map(list -> {
            int n = list.stream().mapToInt(b -> b.length).sum();
            ByteBuffer buf = ByteBuffer.allocate(n);
            list.forEach(buf::put);
            return buf.array();
        });
    }

    @Example
    void theDefectsOfTheIssueAreRefusedOnBothEngines() {
        for (Engine engine : Engine.values()) {
            on(engine);
            theDefectsOfTheIssueAreRefused();
        }
    }

    private void theDefectsOfTheIssueAreRefused() {
        // "x\ud800y" was answered 201 and then served as "x?y" under the same ETag
        assertRefused(putBytes("e1", "{\"title\":\"t\",\"body\":\"x\\ud800y\"}".getBytes(StandardCharsets.UTF_8)), "e1");
        // overlong C0 AF was accepted as '/'
        assertRefused(putBytes("e2", concat("{\"title\":\"t\",\"body\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}")), "e2");
        // a UTF-16 body was accepted
        assertRefused(putBytes("e3", "{\"title\":\"t\",\"body\":\"b\"}".getBytes(StandardCharsets.UTF_16LE)), "e3");
        assertRefused(putBytes("e4", "{\"title\":\"t\",\"body\":\"b\"}".getBytes(StandardCharsets.UTF_16)), "e4");
        // a UTF-8 byte order mark in front of the JSON
        assertRefused(putBytes("e5", concat("", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{\"title\":\"t\",\"body\":\"b\"}")), "e5");
        // an unpaired surrogate in a title, a tag, and in a transaction
        assertRefused(putBytes("e6", "{\"title\":\"\\udc00\",\"body\":\"b\"}".getBytes(StandardCharsets.UTF_8)), "e6");
        assertRefused(putBytes("e7", "{\"title\":\"t\",\"body\":\"b\",\"tags\":[\"\\ud800\"]}".getBytes(StandardCharsets.UTF_8)), "e7");
        Http.Res tx = http.send(http.request("/transactions").header("Content-Type", "application/json")
                .header("X-Concord-User", "alice").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"items\":[{\"op\":\"put\",\"id\":\"e8\",\"ifNoneMatch\":\"*\",\"note\":{\"title\":\"t\",\"body\":\"\\ud800\"}}]}"))
                .build());
        assertEquals(400, tx.status(), tx::toString);
        assertTrue(tx.body().contains("unpaired surrogate"), tx::toString);
        assertEquals(404, http.get("/notes/e8").status());
    }

    private static void assertRefused(Http.Res put, String id) {
        assertEquals(400, put.status(), put::toString);
        assertTrue(put.contentType().startsWith("application/problem+json"), put::toString);
        JsonNode p = put.json();
        assertTrue(!p.path("detail").asText().isBlank(), put::toString);
        assertEquals(404, http.get("/notes/" + id).status(), "a refused write left a note behind");
    }

    private static Http.Res putBytes(String id, byte[] body) {
        return http.send(http.request("/notes/" + id).header("Content-Type", "application/json")
                .header("X-Concord-User", "alice").header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static byte[] concat(String a, byte[] mid, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] z = b.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(x.length + mid.length + z.length).put(x).put(mid).put(z).array();
    }

    /**
     * JSON string content: controls, quote and backslash escaped, and unpaired surrogates (UTF-8 cannot carry them,
     * so a client can only send them escaped); everything else escaped too if asked, else sent as UTF-8.
     */
    static String jsonString(String s, boolean escapeEverything) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone = Character.isSurrogate(c) && UnicodeText.loneSurrogateAt(s.substring(i, Math.min(s.length(), i + 2))) == 0
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || lone || escapeEverything && c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static boolean hasLoneSurrogate(String s) {
        return UnicodeText.loneSurrogateAt(s) >= 0;
    }

    /** Java's strict decoder: null where the bytes are not UTF-8. */
    static String strictUtf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static List<Integer> codePoints(String s) {
        return s.codePoints().boxed().toList();
    }
}
