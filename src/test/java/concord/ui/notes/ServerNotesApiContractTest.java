package concord.ui.notes;

import concord.client.HttpNotesClient;
import concord.client.NotesApi;
import concord.client.NotesTransactions;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The contract against the real server over loopback HTTP, on SQLite on disk, through the real client. */
class ServerNotesApiContractTest extends NotesApiContract {

    @TempDir
    Path data;
    private ConcordServer server;
    private final Map<String, HttpNotesClient> clients = new HashMap<>();

    @BeforeEach
    void start() {
        server = ConcordServer.create(ServerConfig.loopback(data)).start();
    }

    @AfterEach
    void stop() {
        clients.values().forEach(HttpNotesClient::releaseIdleConnections);
        server.close();
    }

    private HttpNotesClient client(String user) {
        return clients.computeIfAbsent(user, u -> HttpNotesClient.create(server.baseUri(), u, null));
    }

    @Override
    NotesApi api(String user) {
        return client(user);
    }

    @Override
    NotesTransactions transactions(String user) {
        return client(user);
    }
}
