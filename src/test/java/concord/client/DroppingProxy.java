package concord.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A loopback HTTP proxy in front of the real server that plays one network fault: the first request matching
 * {@code dropAnswerOf} is forwarded and applied by the server, but its answer is never delivered, so the
 * client times out not knowing whether its write happened. Later requests wait until the server has answered
 * that first one (then {@code betweenAttempts} runs), so a retry deterministically arrives after the write.
 */
final class DroppingProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive", "date");

    /** What the server answered to each forwarded request, e.g. {@code "PUT /notes/a -> 412"}. */
    final List<String> forwarded = new CopyOnWriteArrayList<>();

    private final URI target;
    private final Predicate<String> dropAnswerOf;
    private final Runnable betweenAttempts;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final OkHttpClient upstream = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30))
            .retryOnConnectionFailure(false).followRedirects(false).build();
    private final AtomicBoolean dropped = new AtomicBoolean();
    private final CountDownLatch firstApplied = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);

    /** @param dropAnswerOf tested against {@code "METHOD /path"} */
    DroppingProxy(URI target, Predicate<String> dropAnswerOf, Runnable betweenAttempts) throws IOException {
        this.target = target;
        this.dropAnswerOf = dropAnswerOf;
        this.betweenAttempts = betweenAttempts;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String line = ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath();
            boolean drop = dropAnswerOf.test(line) && dropped.compareAndSet(false, true);
            if (!drop && dropped.get() && !firstApplied.await(30, TimeUnit.SECONDS)) {
                throw new IOException("the dropped request never completed upstream");
            }
            Answer answer = forward(ex);
            forwarded.add(line + " -> " + answer.status());
            if (drop) {
                betweenAttempts.run();
                firstApplied.countDown();
                closing.await(); // never answer: the client times out
                return;
            }
            answer.headers().forEach(pair -> {
                if (!HOP_BY_HOP.contains(pair.getFirst().toLowerCase(Locale.ROOT))) {
                    ex.getResponseHeaders().add(pair.getFirst(), pair.getSecond());
                }
            });
            byte[] body = answer.body();
            boolean noBody = body.length == 0 || answer.status() == 204 || answer.status() == 304
                    || ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(answer.status(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ex.close();
        }
    }

    private record Answer(int status, okhttp3.Headers headers, byte[] body) {
    }

    private Answer forward(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String method = ex.getRequestMethod();
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        RequestBody requestBody = method.equals("GET") || method.equals("HEAD") || (body.length == 0 && method.equals("DELETE"))
                ? null : RequestBody.create(body, type == null ? null : MediaType.get(type));
        Request.Builder b = new Request.Builder().url(target.resolve(ex.getRequestURI().getRawPath()).toString())
                .method(method, requestBody);
        ex.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("Content-Type")) {
                values.forEach(v -> b.addHeader(name, v));
            }
        });
        try (Response r = upstream.newCall(b.build()).execute()) {
            return new Answer(r.code(), r.headers(), r.body().bytes());
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
        upstream.connectionPool().evictAll();
    }
}
