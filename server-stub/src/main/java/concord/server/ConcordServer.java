package concord.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import concord.store.NoteLeases;
import concord.store.NoteStore;
import concord.store.PostgresNoteStore;
import concord.store.SqliteNoteStore;
import concord.wire.Json;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseHandler;
import concord.wire.FeedEvents;
import java.util.OptionalLong;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.security.KeyStore;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The notes server: Javalin routes in front of a {@link NoteStore}. {@link #create} builds everything without
 * binding a port, so tests, the desktop app's embedded mode and {@code concord.jar server} share one code path.
 */
public final class ConcordServer implements AutoCloseable {

    /** How long {@link #close()} lets in-flight requests finish. */
    private static final long STOP_TIMEOUT_MS = 10_000;

    /** The methods a route table may answer; any other standard method gets 405 with {@code Allow}. */
    private static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST,
            HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE, HandlerType.QUERY);

    private final ServerConfig config;
    private final NoteStore store;
    private final Javalin app;
    private final LimitedBody bodies;
    private final EventFeed feed;
    private final Sweeper sweeper;
    private volatile boolean started;
    private boolean closed;

    private ConcordServer(ServerConfig config, NoteStore store, Optional<Users> users, Clock clock) {
        this.config = config;
        this.store = store;
        ObjectMapper mapper = Json.newMapper();
        this.bodies = new LimitedBody(config.limits());
        NoteRoutes notes = new NoteRoutes(store, mapper, bodies, clock);
        NoteLeases leases = new NoteLeases(store);
        LockRoutes locks = new LockRoutes(store, leases, mapper, bodies, clock);
        PresenceRoutes presence = new PresenceRoutes(store, mapper, bodies, config.limits().presenceTtl());
        this.sweeper = new Sweeper(leases, store.presence());
        Identity identity = new Identity(users);
        Map<Pattern, String> allowByPath = new LinkedHashMap<>();
        Problems problems = new Problems(mapper, path -> allowByPath.entrySet().stream()
                .filter(e -> e.getKey().matcher(path).matches()).map(Map.Entry::getValue).findFirst());
        TransactionRoutes transactions = new TransactionRoutes(store, clock, bodies);
        HealthRoutes health = new HealthRoutes(store);
        this.feed = new EventFeed(store.changes(), store.presence(), mapper, config.feed(), clock);
        SseHandler events = new SseHandler(0, client -> feed.subscribe(client, lastEventId(client.ctx())));
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.modifyServer(server -> {
                // graceful stop: refuse new requests, let the ones in flight finish, then close
                server.insertHandler(new GracefulHandler());
                server.insertHandler(new AsteriskRequests(mapper));
                server.setStopTimeout(STOP_TIMEOUT_MS);
                server.setErrorHandler(new JettyProblems(mapper));
            });
            cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JettyProblems(mapper)));
            config.tls().ifPresent(files -> {
                KeyStore keys = PemKeyStore.load(files); // read now: a bad file fails the start, not the first request
                cfg.jetty.addConnector((server, http) -> httpsConnector(server, http, keys, config));
            });
            RoutesConfig r = cfg.routes;
            r.before(identity::authenticate);
            r.after(bodies::release);
            resource(r, allowByPath, "/notes", Map.of(
                    HandlerType.GET, notes::list,
                    HandlerType.HEAD, notes::list,
                    HandlerType.POST, notes::create));
            resource(r, allowByPath, "/notes/{id}", Map.of(
                    HandlerType.GET, notes::get,
                    HandlerType.HEAD, notes::get,
                    HandlerType.PUT, notes::put,
                    HandlerType.DELETE, notes::delete));
            resource(r, allowByPath, "/notes/{id}/lock", Map.of(
                    HandlerType.GET, locks::get,
                    HandlerType.HEAD, locks::get,
                    HandlerType.PUT, locks::put,
                    HandlerType.DELETE, locks::delete));
            resource(r, allowByPath, "/notes/{id}/presence", Map.of(
                    HandlerType.GET, presence::get,
                    HandlerType.HEAD, presence::get,
                    HandlerType.PUT, presence::put,
                    HandlerType.DELETE, presence::delete));
            resource(r, allowByPath, "/notes/{id}/versions", Map.of(
                    HandlerType.GET, notes::versions,
                    HandlerType.HEAD, notes::versions));
            resource(r, allowByPath, "/notes/{id}/versions/{version}", Map.of(
                    HandlerType.GET, notes::version,
                    HandlerType.HEAD, notes::version));
            resource(r, allowByPath, "/transactions", Map.of(HandlerType.POST, transactions::post));
            resource(r, allowByPath, "/events", Map.of(HandlerType.GET, ctx -> {
                requireEventStream(ctx);
                events.handle(ctx);
            }));
            resource(r, allowByPath, "/health", Map.of(HandlerType.GET, health::health, HandlerType.HEAD, health::health));
            resource(r, allowByPath, "/ready", Map.of(HandlerType.GET, health::ready, HandlerType.HEAD, health::ready));
            problems.install(r);
        });
    }

    /**
     * Builds the server for {@code config} (opening the database and reading the users file) without binding.
     *
     * @throws IllegalArgumentException if the configuration is unsafe or unreadable, e.g. a non-loopback address
     *                                  without a users file
     */
    public static ConcordServer create(ServerConfig config) {
        Optional<Users> users = loadUsers(config);
        // with a database nothing is kept in (or locked in) the data directory: instances are interchangeable
        NoteStore store = config.database().isPresent()
                ? PostgresNoteStore.open(config.database().get(), config.retention())
                : SqliteNoteStore.open(config.dataDir(), config.retention());
        return new ConcordServer(config, store, users, Clock.systemUTC());
    }

    /** The same with a given store (it is closed with the server). */
    public static ConcordServer create(ServerConfig config, NoteStore store) {
        return new ConcordServer(config, store, loadUsers(config), Clock.systemUTC());
    }

    /** The same with the clock that decides when transaction tokens expire (for tests). */
    public static ConcordServer create(ServerConfig config, NoteStore store, Clock clock) {
        return new ConcordServer(config, store, loadUsers(config), clock);
    }

    private static Optional<Users> loadUsers(ServerConfig config) {
        boolean loopback = isLoopback(config.host());
        if (config.usersFile().isEmpty()) {
            if (!loopback) {
                throw new IllegalArgumentException("refusing to listen on " + config.host()
                        + " without --users: without tokens anyone who can reach the port could write as anyone."
                        + " Bind to 127.0.0.1 or pass --users FILE");
            }
            return Optional.empty();
        }
        if (!loopback && config.tls().isEmpty() && !config.plainHttpBehindProxy()) {
            throw new IllegalArgumentException("refusing to serve plain HTTP on " + config.host()
                    + ": bearer tokens would cross the network in clear. Pass --tls-cert FILE --tls-key FILE,"
                    + " or --plain-http-behind-proxy if a proxy in front of this server terminates TLS");
        }
        try {
            return Optional.of(Users.load(config.usersFile().get()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the users file " + config.usersFile().get() + ": " + e, e);
        }
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown bind address '" + host + "'", e);
        }
    }

    /** Registers {@code handlers} for one path; OPTIONS lists them, every other method is 405 with Allow. */
    private static void resource(RoutesConfig r, Map<Pattern, String> allowByPath, String path,
                                 Map<HandlerType, Handler> handlers) {
        Map<HandlerType, Handler> ordered = new LinkedHashMap<>();
        METHODS.stream().filter(handlers::containsKey).forEach(m -> ordered.put(m, handlers.get(m)));
        String allow = ordered.keySet().stream().map(HandlerType::name).collect(Collectors.joining(", "))
                + ", OPTIONS";
        for (HandlerType m : METHODS) {
            Handler h = ordered.get(m);
            r.addHttpHandler(m, path, h != null ? h : ctx -> {
                throw ApiException.methodNotAllowed(m.name(), ctx.path(), allow);
            });
        }
        r.addHttpHandler(HandlerType.OPTIONS, path, ctx -> options(ctx, allow));
        // for methods Javalin has no route type for (TRACE, made-up ones), which it reports as 404
        allowByPath.put(Pattern.compile(path.replaceAll("\\{[^}]+}", "[^/]+") + "/?"), allow);
    }

    /** HTTPS only: with a TLS connector Javalin adds no plain one. */
    private static ServerConnector httpsConnector(Server server, HttpConfiguration http, KeyStore keys,
                                                  ServerConfig config) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keys);
        tls.setKeyStorePassword(new String(PemKeyStore.PASSWORD));
        HttpConfiguration https = new HttpConfiguration(http);
        // no SNI host check: clients reach an instance by IP or through a balancer under another name
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(config.host());
        connector.setPort(config.port());
        return connector;
    }

    /** Only an event stream is served at /events; Javalin's SSE handler would silently answer nothing otherwise. */
    private static void requireEventStream(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains(FeedEvents.MEDIA_TYPE)) {
            throw ApiException.notAcceptable("/events is a stream of Server-Sent Events: send 'Accept: "
                    + FeedEvents.MEDIA_TYPE + "'");
        }
    }

    /**
     * Where a reconnecting client left off. Anything but a position this server gave out (garbage, a negative
     * number) is taken as "too old to replay": the client gets {@code event: resync} and reads the notes afresh.
     */
    private static OptionalLong lastEventId(Context ctx) {
        String id = ctx.header("Last-Event-ID");
        if (id == null || id.isEmpty()) {
            return OptionalLong.empty();
        }
        if (id.length() <= 18 && id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.of(Long.parseLong(id));
        }
        return OptionalLong.of(Long.MIN_VALUE);
    }

    private static void options(Context ctx, String allow) {
        ctx.header("Allow", allow);
        ctx.status(204);
        NoteRoutes.noContentType(ctx);
    }

    /** Binds the configured address and port and starts serving. */
    public synchronized ConcordServer start() {
        if (closed) {
            throw new IllegalStateException("the server is closed");
        }
        if (!started) {
            feed.start();
            sweeper.start();
            app.start(config.host(), config.port());
            started = true;
        }
        return this;
    }

    /** The bound port (after {@link #start()}). */
    public int port() {
        if (!started) {
            throw new IllegalStateException("the server is not started");
        }
        return app.port();
    }

    /** E.g. {@code http://127.0.0.1:43123}. */
    public URI baseUri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create(config.scheme() + "://" + host + ":" + port());
    }

    public ServerConfig config() {
        return config;
    }

    /** The request body bytes held right now, and the most ever held at once (bounded by the limits' budget). */
    public record BodyMemory(long inFlight, long peak) {
    }

    /** How many clients follow the change feed right now. */
    public int feedSubscribers() {
        return feed.subscriberCount();
    }

    public BodyMemory bodyMemory() {
        return new BodyMemory(bodies.inFlight(), bodies.peak());
    }

    /** Stops accepting, lets in-flight requests finish, then closes the database. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // the streams first: an open event stream would hold the graceful stop for its whole timeout
            feed.close();
            sweeper.close();
            if (started) {
                app.stop();
            }
        } finally {
            store.close();
        }
    }
}
