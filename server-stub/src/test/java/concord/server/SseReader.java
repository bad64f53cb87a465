package concord.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw Server-Sent Events reader over java.net.http, for looking at the wire itself: each event as its fields,
 * each comment line as it came. (The app's reader is concord.client.NotesFeed.)
 */
final class SseReader implements AutoCloseable {

    /** One event (or, with {@code comment} set, one comment line). */
    record Frame(String id, String event, String data, String comment) {
    }

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final HttpResponse<java.io.InputStream> response;
    private final Thread reader;

    private SseReader(HttpResponse<java.io.InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code /events} with these extra headers (name, value pairs) and starts reading. */
    static SseReader open(URI server, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.resolve("/events")).GET()
                .header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<java.io.InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            String body = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new IllegalStateException("GET /events: " + r.statusCode() + " " + body);
        }
        return new SseReader(r);
    }

    HttpResponse<java.io.InputStream> response() {
        return response;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null || event != null) {
                        frames.add(new Frame(id, event, data == null ? null : data.toString(), null));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    frames.add(new Frame(null, null, null, line.substring(1).strip()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String d = line.substring(5).strip();
                    data = data == null ? new StringBuilder(d) : data.append('\n').append(d);
                }
            }
        } catch (IOException closed) {
            // the stream ended
        }
        frames.add(new Frame(null, "(end)", null, null));
    }

    /** The next frame, waiting up to {@code seconds}; fails if none came. */
    Frame next(int seconds) throws InterruptedException {
        Frame f = frames.poll(seconds, TimeUnit.SECONDS);
        if (f == null) {
            throw new AssertionError("no event within " + seconds + " s");
        }
        return f;
    }

    /** The next frame that is an event (comments skipped). */
    Frame nextEvent(int seconds) throws InterruptedException {
        while (true) {
            Frame f = next(seconds);
            if (f.comment() == null) {
                return f;
            }
        }
    }

    /** The next {@code n} events. */
    List<Frame> events(int n, int seconds) throws InterruptedException {
        List<Frame> out = new ArrayList<>();
        while (out.size() < n) {
            out.add(nextEvent(seconds));
        }
        return out;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing
        }
        reader.interrupt();
    }
}
