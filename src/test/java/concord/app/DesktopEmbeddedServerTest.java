package concord.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.client.ApiResult;
import concord.client.HttpNotesClient;
import concord.model.NoteSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's embedded server: started once per data directory, found again by a second start, seeded once. */
class DesktopEmbeddedServerTest {

    @TempDir
    Path dataDir;

    private static List<NoteSummary> list(EmbeddedServer s) {
        return ((ApiResult.Ok<List<NoteSummary>>) HttpNotesClient.create(s.baseUri(), "Checker", null).list()).value();
    }

    @Test
    void aSecondStartOnTheSameDataDirectoryReusesTheRunningServer() {
        try (EmbeddedServer first = EmbeddedServer.startOrReuse(dataDir)) {
            assertTrue(first.ownsServer());
            assertEquals(first.baseUri().toString(), Files.exists(dataDir.resolve(EmbeddedServer.PORT_FILE))
                    ? readPortFile() : "no port file");
            try (EmbeddedServer second = EmbeddedServer.startOrReuse(dataDir)) {
                assertFalse(second.ownsServer(), "the second start found the first server");
                assertEquals(first.baseUri(), second.baseUri());
            }
            assertTrue(EmbeddedServer.answers(first.baseUri()), "closing the reuser leaves the owner's server running");
        }
        assertFalse(Files.exists(dataDir.resolve(EmbeddedServer.PORT_FILE)), "the owner removes its port file");
    }

    @Test
    void aStalePortFileIsProbedAndReplacedByANewServerOnTheSamePort() throws Exception {
        int port;
        try (EmbeddedServer first = EmbeddedServer.startOrReuse(dataDir)) {
            port = first.baseUri().getPort();
        }
        Files.writeString(dataDir.resolve(EmbeddedServer.PORT_FILE), "http://127.0.0.1:" + port + "\n");
        try (EmbeddedServer again = EmbeddedServer.startOrReuse(dataDir)) {
            assertTrue(again.ownsServer(), "nothing answered at the old address, so a server was started");
            assertEquals(port, again.baseUri().getPort(), "the previous port is preferred, so the URL stays the same");
        }
    }

    @Test
    void theSampleNotesAreSeededThroughTheApiOnTheFirstStartOnly() {
        try (EmbeddedServer s = EmbeddedServer.startOrReuse(dataDir)) {
            HttpNotesClient api = HttpNotesClient.create(s.baseUri(), "Concord", null);
            int created = EmbeddedSamples.seedOnce(dataDir, api);
            assertEquals(EmbeddedSamples.load().size(), created);
            assertTrue(created >= 3 && created <= 5, "3 to 5 samples");
            List<NoteSummary> notes = list(s);
            assertEquals("Welcome to Concord", notes.get(0).title(), "the welcome note is the newest");
            assertTrue(notes.stream().allMatch(n -> "Concord".equals(n.updatedBy())));

            api.delete("groceries", notes.stream().filter(n -> n.id().equals("groceries")).findFirst().orElseThrow().etag());
            assertEquals(0, EmbeddedSamples.seedOnce(dataDir, api), "a deleted sample does not come back");
            assertEquals(created - 1, list(s).size());
        }
    }

    @Test
    void theWelcomeNoteWalksANewUserThroughTodaysConflictFlowTheMergeDialog() {
        String welcome = EmbeddedSamples.load().stream().filter(s -> s.id().equals("welcome")).findFirst().orElseThrow()
                .content().body();
        for (String step : List.of("merge dialog", "F7", "Save merged (Alt+S)", "Keep mine", "Take theirs", "Esc")) {
            assertTrue(welcome.contains(step), "the welcome note tells about " + step);
        }
    }

    @Test
    void theEmbeddedServersDataDirectoryIsCreatedForItsOwnerOnly() throws Exception {
        Path home = dataDir.resolve("home");
        try (EmbeddedServer s = EmbeddedServer.startOrReuse(home.resolve("server"))) {
            assertTrue(s.ownsServer());
            for (Path p : List.of(home, home.resolve("server"))) {
                assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(p)), p.toString());
            }
        }
    }

    @Test
    void aSampleFileHasATitleLineAnOptionalTagsLineAndABody() {
        EmbeddedSamples.Sample s = EmbeddedSamples.parse("x", "# Title here\ntags: a, b ,\n\nline 1\nline 2\n");
        assertEquals("Title here", s.content().title());
        assertEquals(List.of("a", "b"), s.content().tags());
        assertEquals("line 1\nline 2\n", s.content().body());
    }

    private String readPortFile() {
        try {
            return Files.readString(dataDir.resolve(EmbeddedServer.PORT_FILE)).strip();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
