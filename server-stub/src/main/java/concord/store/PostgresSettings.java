package concord.store;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the PostgreSQL engine finds its database.
 *
 * @param url            {@code jdbc:postgresql://HOST:PORT/DB?user=NAME}, without a password: a command line is
 *                       visible to every user of the machine, so the password comes separately
 * @param password       the password, if the database asks for one
 * @param poolSize       connections each instance keeps at most (plus one that listens for other instances' changes)
 * @param connectTimeout how long a request waits for a connection before it is answered 503; also the limit for
 *                       opening one, so an unreachable database never makes a request hang
 */
public record PostgresSettings(String url, Optional<String> password, int poolSize, Duration connectTimeout) {

    public static final int DEFAULT_POOL_SIZE = 16;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    public PostgresSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("a database URL looks like jdbc:postgresql://HOST:PORT/DB?user=NAME, not '"
                    + url + "'");
        }
        if (url.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*")) {
            throw new IllegalArgumentException("the database URL carries a password; give it in the environment variable"
                    + " CONCORD_DB_PASSWORD or in a file named by --db-password-file instead: a command line is visible"
                    + " to every user of the machine");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool needs at least one connection: " + poolSize);
        }
        if (connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("the connect timeout must be at least 250 ms: " + connectTimeout);
        }
    }

    public PostgresSettings(String url, Optional<String> password) {
        this(url, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECT_TIMEOUT);
    }

    public PostgresSettings withPoolSize(int size) {
        return new PostgresSettings(url, password, size, connectTimeout);
    }

    public PostgresSettings withConnectTimeout(Duration timeout) {
        return new PostgresSettings(url, password, poolSize, timeout);
    }

    /** The URL for log lines and messages (it holds no password). */
    @Override
    public String toString() {
        return url;
    }
}
