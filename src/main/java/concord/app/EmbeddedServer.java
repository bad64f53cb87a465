package concord.app;

import concord.client.ApiResult;
import concord.client.HttpNotesClient;
import concord.client.RetryPolicy;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import concord.store.DataDirectory;
import concord.store.DirectoryInUseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The demo's server: started in this process on 127.0.0.1, or — when another Concord already serves the
 * same data directory — that one, found through the port file it wrote. Two processes must not open one
 * SQLite database as two servers.
 */
final class EmbeddedServer implements AutoCloseable {

    static final String PORT_FILE = "embedded-server.uri";

    private final URI baseUri;
    private final ConcordServer owned;
    private final Path portFile;

    private EmbeddedServer(URI baseUri, ConcordServer owned, Path portFile) {
        this.baseUri = baseUri;
        this.owned = owned;
        this.portFile = portFile;
    }

    /** Reuses a live server on {@code dataDir} or starts one (preferring the port it had last time). */
    static EmbeddedServer startOrReuse(Path dataDir) {
        try {
            DataDirectory.createPrivateDirectories(dataDir); // notes are private: 700, as the server creates it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        Path portFile = dataDir.resolve(PORT_FILE);
        Optional<URI> previous = readPortFile(portFile);
        if (previous.isPresent() && answers(previous.get())) {
            return new EmbeddedServer(previous.get(), null, portFile);
        }
        ConcordServer server;
        try {
            server = startPreferring(dataDir, previous.map(URI::getPort).orElse(0));
        } catch (DirectoryInUseException inUse) {
            // another process holds the directory: it is starting (its port file not yet written) or serving
            return awaitOther(portFile, inUse);
        }
        writePortFile(portFile, server.baseUri());
        return new EmbeddedServer(server.baseUri(), server, portFile);
    }

    /** Reuses the server of the process that holds the data directory, once it has written its port file. */
    private static EmbeddedServer awaitOther(Path portFile, DirectoryInUseException inUse) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            Optional<URI> uri = readPortFile(portFile);
            if (uri.isPresent() && answers(uri.get())) {
                return new EmbeddedServer(uri.get(), null, portFile);
            }
            try {
                Thread.sleep(200); // polling another process's start-up: there is nothing to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw inUse;
    }

    private static ConcordServer startPreferring(Path dataDir, int port) {
        if (port > 0) {
            // The same port as last time keeps the server's URL stable across runs.
            ConcordServer server = ConcordServer.create(ServerConfig.loopback(dataDir).withPort(port));
            try {
                return server.start();
            } catch (RuntimeException portTaken) {
                server.close();
            }
        }
        return ConcordServer.create(ServerConfig.loopback(dataDir)).start();
    }

    /** Whether a Concord server answers at {@code uri} (a GET /notes that parses). */
    static boolean answers(URI uri) {
        HttpNotesClient probe = new HttpNotesClient(uri, "concord-probe", null, HttpNotesClient.defaultHttpClient(), RetryPolicy.NONE);
        return probe.list() instanceof ApiResult.Ok;
    }

    private static Optional<URI> readPortFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            URI uri = URI.create(text);
            return uri.getPort() > 0 ? Optional.of(uri) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void writePortFile(Path file, URI uri) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, uri.toString() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    URI baseUri() {
        return baseUri;
    }

    /** True when this process runs the server (false when it reuses another process's). */
    boolean ownsServer() {
        return owned != null;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
            try {
                // Only our own file: another process may have started a server since.
                if (readPortFile(portFile).map(baseUri::equals).orElse(false)) {
                    Files.deleteIfExists(portFile);
                }
            } catch (IOException e) {
                // A stale port file is harmless: the next start probes it and finds no server.
            }
        }
    }
}
