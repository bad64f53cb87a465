package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code --users}: every request needs a valid Bearer token, and the token decides who wrote. */
class AuthTest {

    static final String ALICE = "alice-token-0123456789";
    static final String BOB = "bob-token-9876543210ab";

    @TempDir
    static Path dir;
    static ConcordServer server;
    static Http http;

    @BeforeAll
    static void start() throws IOException {
        Path users = dir.resolve("users.txt");
        Files.writeString(users, "# Concord users\n\nalice:" + ALICE + "\n  Bob Smith : " + BOB + "  \n");
        ownerOnly(users);
        server = ConcordServer.create(ServerConfig.loopback(dir.resolve("data")).withUsersFile(users)).start();
        http = new Http(server.baseUri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assert401(Http.Res r) {
        assertEquals(401, r.status(), r::toString);
        assertTrue(r.header("WWW-Authenticate").orElseThrow().startsWith("Bearer"), r::toString);
        assertTrue(r.contentType().startsWith("application/problem+json"));
        assertEquals("/problems/unauthorized", r.json().get("type").asText());
    }

    @Test
    void aRequestWithoutATokenIs401WithABearerChallenge() {
        assert401(http.get("/notes"));
        assert401(http.get("/notes/x"));
        assert401(http.get("/no/such/route"));
        assert401(http.create("t", "b", "alice"));
    }

    @Test
    void aWrongTokenIs401() {
        assert401(http.get("/notes", "Authorization", "Bearer " + ALICE + "x"));
        assert401(http.get("/notes", "Authorization", "Bearer " + ALICE.substring(1)));
        assert401(http.get("/notes", "Authorization", "Bearer "));
    }

    @Test
    void anotherSchemeIs401() {
        assert401(http.get("/notes", "Authorization", "Basic YWxpY2U6c2VjcmV0"));
    }

    @Test
    void theTokenNotTheHeaderDecidesWhoWrote() {
        Http.Res r = http.send("POST", "/notes", Http.noteJson("T", "b"), "Content-Type", "application/json",
                "Authorization", "Bearer " + BOB, "X-Concord-User", "alice");
        assertEquals(201, r.status(), r::toString);
        assertEquals("Bob Smith", r.note().updatedBy());
        Http.Res a = http.send("PUT", "/notes/" + r.note().id(), Http.noteJson("T", "c"),
                "Content-Type", "application/json", "Authorization", "bearer " + ALICE, "If-Match", r.etag());
        assertEquals(200, a.status(), a::toString);
        assertEquals("alice", a.note().updatedBy());
    }

    @Test
    void aNonLoopbackAddressWithoutAUsersFileIsRefused(@TempDir Path data) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                ConcordServer.create(ServerConfig.loopback(data).withHost("0.0.0.0")));
        assertTrue(e.getMessage().contains("--users"), e.getMessage());
    }

    @Test
    void aMalformedUsersFileIsRefusedWithItsLineNumber(@TempDir Path d) throws IOException {
        Path users = d.resolve("users");
        Files.writeString(users, "# ok\nalice:" + ALICE + "\nbob-without-token\n");
        ownerOnly(users);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                ConcordServer.create(ServerConfig.loopback(d.resolve("data")).withUsersFile(users)));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        Files.writeString(users, "alice:short\n");
        assertThrows(IllegalArgumentException.class, () ->
                ConcordServer.create(ServerConfig.loopback(d.resolve("data")).withUsersFile(users)));
        Files.writeString(users, "alice:" + ALICE + "\nbob:" + ALICE + "\n");
        assertThrows(IllegalArgumentException.class, () ->
                ConcordServer.create(ServerConfig.loopback(d.resolve("data")).withUsersFile(users)));
    }

    static void ownerOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
}
