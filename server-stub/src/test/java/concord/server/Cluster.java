package concord.server;

import concord.engines.TestDatabase;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Several Concord instances in this JVM on one PostgreSQL database, each with its own pool, port and feed. */
final class Cluster implements AutoCloseable {

    final List<ConcordServer> instances = new ArrayList<>();

    Cluster(TestDatabase db, int size) {
        this(db, size, ServerLimits.DEFAULT);
    }

    Cluster(TestDatabase db, int size, ServerLimits limits) {
        try {
            for (int i = 0; i < size; i++) {
                instances.add(ConcordServer.create(db.serverConfig().withLimits(limits)).start());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    URI uri(int i) {
        return instances.get(i).baseUri();
    }

    List<URI> uris() {
        return instances.stream().map(ConcordServer::baseUri).toList();
    }

    Http http(int i) {
        return new Http(uri(i));
    }

    @Override
    public void close() {
        instances.forEach(ConcordServer::close);
    }
}
