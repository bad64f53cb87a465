package concord.ui.merge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.client.ApiResult;
import concord.client.HttpNotesClient;
import concord.model.Note;
import concord.model.NoteContent;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import java.nio.file.Path;
import java.util.List;

/** A real embedded notes server on loopback, backed by SQLite in a temp dir, and real HTTP clients for it. */
final class ServerFixture implements AutoCloseable {

    final ConcordServer server;

    ServerFixture(Path dataDir) {
        server = ConcordServer.create(ServerConfig.loopback(dataDir)).start();
    }

    HttpNotesClient client(String user) {
        return HttpNotesClient.create(server.baseUri(), user, null);
    }

    static <T> T ok(ApiResult<T> r) {
        assertTrue(r instanceof ApiResult.Ok<T>, () -> "expected Ok, got " + r);
        return ((ApiResult.Ok<T>) r).value();
    }

    /** Creates a note as {@code user} and returns it (the base both sides start from). */
    Note create(String user, String title, String body, List<String> tags) {
        return ok(client(user).create(new NoteContent(title, body, tags)));
    }

    /** Another user saves over {@code base}: the version the dialog will call "theirs". */
    Note save(String user, Note base, NoteContent content) {
        return ok(client(user).update(base.id(), base.etag(), content));
    }

    Note current(String id) {
        return ok(client("reader").get(id));
    }

    @Override
    public void close() {
        server.close();
    }
}
