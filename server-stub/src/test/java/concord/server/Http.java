package concord.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concord.model.Note;
import concord.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A tiny real HTTP/1.1 client for the tests (java.net.http), so they talk to the server as clients do. */
final class Http {

    static final ObjectMapper JSON = Json.newMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    /** A response: status, headers and body as text. */
    record Res(int status, HttpResponse<String> raw) {
        String body() {
            return raw.body();
        }

        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        String etag() {
            return header("ETag").orElseThrow(() -> new AssertionError("no ETag header; status " + status));
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + raw.body(), e);
            }
        }

        Note note() {
            try {
                return JSON.readValue(raw.body(), Note.class);
            } catch (IOException e) {
                throw new AssertionError("not a note: " + raw.body(), e);
            }
        }

        @Override
        public String toString() {
            return status + " " + raw.headers().map() + " " + raw.body();
        }
    }

    /** Builds and sends a request; {@code headers} are name, value pairs. */
    Res send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b.build());
    }

    Res send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    Res get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** Every item of a paged list, following {@code Link: <…>; rel="next"} from {@code path} to the last page. */
    java.util.List<JsonNode> getAllPages(String path) {
        java.util.List<JsonNode> items = new java.util.ArrayList<>();
        URI next = base.resolve(path);
        java.util.regex.Pattern rel = java.util.regex.Pattern.compile("<([^>]+)>; rel=\"next\"");
        while (next != null) {
            Res r = send(HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(30)).GET().build());
            if (r.status() != 200) {
                throw new AssertionError(next + ": " + r);
            }
            r.json().forEach(items::add);
            URI current = next;
            next = r.header("Link").map(l -> {
                java.util.regex.Matcher m = rel.matcher(l);
                return m.find() ? current.resolve(m.group(1)) : null;
            }).orElse(null);
        }
        return items;
    }

    Res create(String title, String body, String user) {
        return send("POST", "/notes", noteJson(title, body), "Content-Type", "application/json", "X-Concord-User", user);
    }

    Res update(String id, String ifMatch, String title, String body, String user) {
        return send("PUT", "/notes/" + id, noteJson(title, body), "Content-Type", "application/json",
                "X-Concord-User", user, "If-Match", ifMatch);
    }

    Res createWithId(String id, String title, String body, String user) {
        return send("PUT", "/notes/" + id, noteJson(title, body), "Content-Type", "application/json",
                "X-Concord-User", user, "If-None-Match", "*");
    }

    Res delete(String id, String ifMatch, String user) {
        return send("DELETE", "/notes/" + id, null, "X-Concord-User", user, "If-Match", ifMatch);
    }

    static String noteJson(String title, String body) {
        try {
            return JSON.writeValueAsString(new java.util.LinkedHashMap<>(java.util.Map.of("title", title, "body", body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
