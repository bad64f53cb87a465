package concord.server;

import concord.store.PostgresSettings;
import concord.store.Retention;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a {@link ConcordServer}.
 *
 * @param host      the address to bind, e.g. {@code 127.0.0.1} or {@code ::1} (without brackets)
 * @param port      the TCP port; 0 picks a free one
 * @param dataDir   where the SQLite database lives
 * @param usersFile token → user name file; empty means identities come from {@code X-Concord-User}, which is
 *                  only allowed on a loopback address
 * @param limits    what requests may take of memory and time
 * @param retention how many versions of each note to keep (all by default)
 * @param database  the PostgreSQL database shared by several instances; empty means SQLite in {@code dataDir}
 *                  (which is then unused and not locked when a database is given)
 * @param tls       serve HTTPS with this certificate and key; empty means plain HTTP
 * @param plainHttpBehindProxy a non-loopback address may serve plain HTTP because a proxy in front terminates TLS
 */
public record ServerConfig(String host, int port, Path dataDir, Optional<Path> usersFile, ServerLimits limits,
                           Retention retention, Optional<PostgresSettings> database, Optional<TlsFiles> tls,
                           boolean plainHttpBehindProxy) {

    public static final String LOOPBACK = "127.0.0.1";

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(usersFile, "usersFile");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(tls, "tls");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the bind address is empty; give an address such as 127.0.0.1 or ::1");
        }
        if (host.startsWith("[") || host.endsWith("]")) {
            throw new IllegalArgumentException("give an IPv6 bind address without brackets: " + host);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
    }

    public ServerConfig(String host, int port, Path dataDir, Optional<Path> usersFile) {
        this(host, port, dataDir, usersFile, ServerLimits.DEFAULT, Retention.keepAll(), Optional.empty(),
                Optional.empty(), false);
    }

    /** The certificate chain and private key of an HTTPS server, both PEM files. */
    public record TlsFiles(Path certificate, Path privateKey) {
        public TlsFiles {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    /** 127.0.0.1, a free port, no users file. */
    public static ServerConfig loopback(Path dataDir) {
        return new ServerConfig(LOOPBACK, 0, dataDir, Optional.empty());
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, usersFile, limits, retention, database, tls, plainHttpBehindProxy);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, dataDir, usersFile, limits, retention, database, tls, plainHttpBehindProxy);
    }

    public ServerConfig withUsersFile(Path file) {
        return new ServerConfig(host, port, dataDir, Optional.of(file), limits, retention, database, tls, plainHttpBehindProxy);
    }

    public ServerConfig withLimits(ServerLimits newLimits) {
        return new ServerConfig(host, port, dataDir, usersFile, newLimits, retention, database, tls, plainHttpBehindProxy);
    }

    public ServerConfig withRetention(Retention newRetention) {
        return new ServerConfig(host, port, dataDir, usersFile, limits, newRetention, database, tls, plainHttpBehindProxy);
    }

    public ServerConfig withDatabase(PostgresSettings settings) {
        return new ServerConfig(host, port, dataDir, usersFile, limits, retention, Optional.of(settings), tls,
                plainHttpBehindProxy);
    }

    public ServerConfig withTls(TlsFiles files) {
        return new ServerConfig(host, port, dataDir, usersFile, limits, retention, database, Optional.of(files),
                plainHttpBehindProxy);
    }

    public ServerConfig withPlainHttpBehindProxy(boolean behindProxy) {
        return new ServerConfig(host, port, dataDir, usersFile, limits, retention, database, tls, behindProxy);
    }

    /** How the change feed runs. */
    EventFeed.Settings feed() {
        return new EventFeed.Settings(limits.feedBufferedEvents(), limits.feedKeepAlive(), EventFeed.Settings.KEEP_CHANGES);
    }

    /** "http" or "https". */
    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }
}
