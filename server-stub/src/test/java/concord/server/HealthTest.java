package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.OnBothEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The load balancer's probes: answered without a token, and only they are. */
@OnBothEngines
class HealthTest {

    @RegisterExtension
    static final Databases databases = new Databases();

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    @Test
    void healthAndReadyAnswerWithoutATokenWhileEverythingElseStillNeedsOne() throws Exception {
        Path users = dir.resolve("users.txt");
        Files.writeString(users, "alice:0123456789abcdef0123\n");
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
        try (ConcordServer server = ConcordServer.create(databases.fresh(engine).serverConfig().withUsersFile(users))
                .start()) {
            Http http = new Http(server.baseUri());
            Http.Res health = http.get("/health");
            assertEquals(200, health.status(), health::toString);
            assertEquals("{\"status\":\"up\"}", health.body());
            assertEquals("no-store", health.header("Cache-Control").orElseThrow());
            Http.Res ready = http.get("/ready");
            assertEquals(200, ready.status(), ready::toString);
            assertEquals("{\"status\":\"ready\"}", ready.body());
            assertEquals(200, http.send("HEAD", "/ready", null).status());
            for (String path : new String[] {"/notes", "/events", "/health/x", "/ready?x=/notes"}) {
                Http.Res r = http.get(path, "Accept", "text/event-stream");
                assertTrue(r.status() == 401 || r.status() == 404 || path.startsWith("/ready"), path + " → " + r);
            }
            assertEquals(401, http.get("/notes").status());
            assertEquals(405, http.send("POST", "/health", "{}", "Content-Type", "application/json").status());
        }
    }
}
