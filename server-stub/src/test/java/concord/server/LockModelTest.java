package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random sequences of what windows do with locks — take, renew, release, write with or without the token, write
 * from a stale copy, write in a transaction — against a model of the rules, checked after every step: each answer's
 * status is the model's, the lock GET shows is the model's holder, and the note holds exactly the last
 * acknowledged write. Three windows, two of them the same user (a lock belongs to a window's token, not a user).
 * Leases last ten minutes here: running out is {@link LockApiTest}'s.
 */
class LockModelTest {

    static ConcordServer server;
    static Http http;
    static final AtomicLong tries = new AtomicLong();

    @BeforeContainer
    static void start() throws Exception {
        server = ConcordServer.create(ServerConfig.loopback(Files.createTempDirectory("lock-model"))).start();
        http = new Http(server.baseUri());
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    enum Kind { TAKE, RENEW, RELEASE, WRITE_WITH_TOKEN, WRITE_WITHOUT_TOKEN, STALE_WRITE, TX_WITH_TOKEN, TX_WITHOUT_TOKEN }

    record Step(Kind kind, int window, int note) {
    }

    static final String[] USERS = {"alice", "alice", "bob"};

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 1)).as(Step::new).list().ofMinSize(1).ofMaxSize(25);
    }

    /** The model of one note. */
    static final class Model {
        String id;
        String etag;
        String staleEtag;
        String body;
        String holderToken; // null: not locked
        String holder;
    }

    @Property(tries = 40)
    void everyAnswerAndEveryLockShownFollowTheRules(@ForAll("steps") List<Step> steps) {
        long t = tries.incrementAndGet();
        List<Model> notes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Model m = new Model();
            m.id = "m" + t + "-" + i;
            Http.Res created = http.createWithId(m.id, "T", "b0", "setup");
            assertEquals(201, created.status(), created::toString);
            m.etag = created.etag();
            m.staleEtag = m.etag;
            m.body = "b0";
            notes.add(m);
        }
        // the token each window last received for each note (maybe released or replaced since)
        Map<String, String> tokens = new HashMap<>();
        int n = 0;
        for (Step s : steps) {
            n++;
            Model m = notes.get(s.note());
            String user = USERS[s.window()];
            String key = s.window() + "/" + s.note();
            String mine = tokens.get(key);
            boolean heldByMe = m.holderToken != null && m.holderToken.equals(mine);
            String where = "step " + n + " " + s + " of " + steps;
            switch (s.kind()) {
                case TAKE -> {
                    Http.Res r = LockApiTest.lock(http, m.id, user, 600);
                    if (m.holderToken != null) {
                        LockApiTest.assertLocked(r, m.holder);
                    } else {
                        assertEquals(200, r.status(), where + ": " + r);
                        m.holderToken = r.json().get("token").asText();
                        m.holder = user;
                        tokens.put(key, m.holderToken);
                    }
                }
                case RENEW -> {
                    if (mine == null) {
                        continue;
                    }
                    Http.Res r = LockApiTest.lock(http, m.id, user, "{\"seconds\":600}", mine);
                    if (heldByMe) {
                        assertEquals(200, r.status(), where + ": " + r);
                        assertEquals(mine, r.json().get("token").asText());
                    } else if (m.holderToken != null) {
                        LockApiTest.assertLocked(r, m.holder);
                    } else {
                        assertEquals(412, r.status(), where + ": " + r);
                    }
                }
                case RELEASE -> {
                    if (mine == null) {
                        continue;
                    }
                    Http.Res r = LockApiTest.release(http, m.id, user, mine);
                    if (m.holderToken != null && !heldByMe) {
                        LockApiTest.assertLocked(r, m.holder);
                    } else {
                        assertEquals(204, r.status(), where + ": " + r);
                        m.holderToken = null;
                        m.holder = null;
                    }
                }
                case WRITE_WITH_TOKEN, WRITE_WITHOUT_TOKEN -> {
                    String token = s.kind() == Kind.WRITE_WITH_TOKEN ? mine : null;
                    String body = "b" + n;
                    List<String> h = new ArrayList<>(List.of("Content-Type", "application/json", "X-Concord-User",
                            user, "If-Match", m.etag));
                    if (token != null) {
                        h.addAll(List.of("Concord-Lock", token));
                    }
                    Http.Res r = http.send("PUT", "/notes/" + m.id, Http.noteJson("T", body), h.toArray(String[]::new));
                    if (m.holderToken != null && !m.holderToken.equals(token)) {
                        LockApiTest.assertLocked(r, m.holder);
                    } else {
                        assertEquals(200, r.status(), where + ": " + r);
                        m.staleEtag = m.etag;
                        m.etag = r.etag();
                        m.body = body;
                    }
                }
                case STALE_WRITE -> {
                    if (m.staleEtag.equals(m.etag)) {
                        continue;
                    }
                    Http.Res r = http.send("PUT", "/notes/" + m.id, Http.noteJson("T", "stale"), "Content-Type",
                            "application/json", "X-Concord-User", user, "If-Match", m.staleEtag,
                            "Concord-Lock", mine == null ? "none" : mine);
                    assertEquals(412, r.status(), where + ": a stale copy never writes, locked or not: " + r);
                }
                case TX_WITH_TOKEN, TX_WITHOUT_TOKEN -> {
                    String token = s.kind() == Kind.TX_WITH_TOKEN ? mine : null;
                    String body = "t" + n;
                    String item = "{\"op\":\"update\",\"id\":\"" + m.id + "\",\"ifMatch\":"
                            + Http.JSON.valueToTree(m.etag) + ",\"note\":{\"title\":\"T\",\"body\":\"" + body + "\"}"
                            + (token == null ? "" : ",\"lockToken\":\"" + token + "\"") + "}";
                    Http.Res r = http.send("POST", "/transactions", "{\"items\":[" + item + "]}",
                            "Content-Type", "application/json", "X-Concord-User", user);
                    if (m.holderToken != null && !m.holderToken.equals(token)) {
                        assertEquals(409, r.status(), where + ": " + r);
                        JsonNode reason = r.json().get("cancellationReasons").get(0);
                        assertEquals("Locked", reason.get("code").asText(), where);
                        assertEquals(m.holder, reason.get("lock").get("holder").asText(), where);
                    } else {
                        assertEquals(200, r.status(), where + ": " + r);
                        m.staleEtag = m.etag;
                        m.etag = r.json().get("items").get(0).get("etag").asText();
                        m.body = body;
                    }
                }
            }
            for (Model each : notes) {
                Http.Res got = http.get("/notes/" + each.id);
                assertEquals(each.etag, got.etag(), where);
                assertEquals(each.body, got.json().get("body").asText(), where);
                JsonNode lock = got.json().get("lock");
                if (each.holder == null) {
                    assertEquals(null, lock, where + ": no lock shown");
                } else {
                    assertEquals(each.holder, lock.get("holder").asText(), where);
                }
            }
        }
    }
}
