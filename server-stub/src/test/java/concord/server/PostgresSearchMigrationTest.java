package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL database that holds notes written before the search migration (schema V1 only) is migrated when a
 * server opens it: the notes that were there are found at once, and the notes deleted before are listed as deleted
 * (with who and when if the change log still held the deletion).
 */
class PostgresSearchMigrationTest {

    @RegisterExtension
    static final Databases databases = new Databases();

    @Test
    void notesWrittenBeforeTheSearchMigrationAreFoundAndDeletedOnesListed() {
        TestDatabase db = databases.fresh(Engine.POSTGRESQL);
        Flyway.configure().dataSource(db.settings().url(), null, db.settings().password().orElseThrow())
                .locations("classpath:concord/store/postgresql").target("1").load().migrate();
        db.execute(
                // a live note in two versions, a note deleted within the change log's day, one deleted long ago
                "INSERT INTO versions VALUES ('live', 1, 1, 'Shopping', '{food}', now(), 'alice'),"
                        + " ('live', 2, 2, 'Shopping', '{food,weekly}', now(), 'bob'),"
                        + " ('recent', 1, 3, 'Recent', '{}', now(), 'alice'),"
                        + " ('ancient', 1, 4, 'Ancient', '{}', now(), 'alice')",
                "INSERT INTO bodies VALUES ('live', 2, convert_to('carrots and parsnips', 'UTF8')),"
                        + " ('recent', 1, convert_to('parsnip soup', 'UTF8')),"
                        + " ('ancient', 1, convert_to('parsnip wine', 'UTF8'))",
                "INSERT INTO notes VALUES ('live', 2, 2, false), ('recent', 1, 5, true), ('ancient', 1, 6, true)",
                "INSERT INTO changes VALUES (1, 'recent', 1, 5, true, '2026-12-01T10:00:00Z', 'carol')",
                "SELECT setval('concord_seq', 6)");

        try (ConcordServer server = ConcordServer.create(db.serverConfig()).start()) {
            Http http = new Http(server.baseUri());
            assertEquals(List.of("live"), ids(http.get("/notes?q=parsnip").json()), "only the live note");
            assertEquals(List.of("live"), ids(http.get("/notes?q=weekly").json()), "its current tags");
            JsonNode gone = http.get("/notes?deleted=true").json();
            assertEquals(List.of("ancient", "recent"), ids(gone), "most recently deleted first");
            assertTrue(gone.get(0).get("deletedBy").isNull(), "nobody knows who deleted it: " + gone);
            assertEquals("carol", gone.get(1).get("deletedBy").asText());
            assertEquals("2026-12-01T10:00:00Z", gone.get(1).get("deletedAt").asText());

            Http.Res restored = http.createWithId("recent", "Recent", "parsnip soup", "dave");
            assertEquals(201, restored.status(), restored::toString);
            assertEquals(List.of("recent", "live"), ids(http.get("/notes?q=parsnip").json()),
                    "restored and found; equal scores go newest first");
            assertEquals(List.of("ancient"), ids(http.get("/notes?deleted=true").json()));
        }
    }

    private static List<String> ids(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("id").asText()));
        return out;
    }
}
