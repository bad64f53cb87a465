package concord.server.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import concord.model.Note;
import concord.wire.tx.TransactionJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A real HTTP/1.1 client for the transaction tests (java.net.http), speaking JSON as a client would. */
final class TxClient {

    static final ObjectMapper JSON = TransactionJson.newMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20))
            .build();
    private final URI base;
    private final String user;

    TxClient(URI base, String user) {
        this.base = base;
        this.user = user;
    }

    record Res(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        Note note() {
            try {
                return JSON.readValue(body, Note.class);
            } catch (IOException e) {
                throw new AssertionError("not a note: " + body, e);
            }
        }

        String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Res send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        b.header("X-Concord-User", user);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Res transact(String json) {
        return send("POST", "/transactions", json, "Content-Type", "application/json");
    }

    Res transact(ObjectNode request) {
        return transact(request.toString());
    }

    Res get(String path) {
        return send("GET", path, null);
    }

    /** The live note, or null if GET says 404/410. */
    Note note(String id) {
        Res r = get("/notes/" + id);
        if (r.status() == 404 || r.status() == 410) {
            return null;
        }
        if (r.status() != 200) {
            throw new AssertionError("GET /notes/" + id + ": " + r);
        }
        return r.note();
    }

    Note create(String id, String title, String body, List<String> tags) {
        Res r = send("PUT", "/notes/" + id, noteJson(title, body, tags).toString(),
                "Content-Type", "application/json", "If-None-Match", "*");
        if (r.status() != 201) {
            throw new AssertionError("create " + id + ": " + r);
        }
        return r.note();
    }

    Res putNote(String id, String ifMatch, String title, String body, List<String> tags) {
        return send("PUT", "/notes/" + id, noteJson(title, body, tags).toString(),
                "Content-Type", "application/json", "If-Match", ifMatch);
    }

    /** Number of saved versions of a note (0 if it never existed). */
    int versionCount(String id) {
        Res r = get("/notes/" + id + "/versions");
        return r.status() == 404 ? 0 : r.json().size();
    }

    // ------------------------------------------------------------ request builders

    static ObjectNode request(String token, ObjectNode... items) {
        ObjectNode req = JSON.createObjectNode();
        if (token != null) {
            req.put("clientRequestToken", token);
        }
        ArrayNode array = req.putArray("items");
        for (ObjectNode item : items) {
            array.add(item);
        }
        return req;
    }

    static ObjectNode request(String token, List<ObjectNode> items) {
        return request(token, items.toArray(ObjectNode[]::new));
    }

    static ObjectNode noteJson(String title, String body, List<String> tags) {
        ObjectNode note = JSON.createObjectNode().put("title", title).put("body", body);
        ArrayNode t = note.putArray("tags");
        tags.forEach(t::add);
        return note;
    }

    static ObjectNode create(String id, String title, String body) {
        ObjectNode item = JSON.createObjectNode().put("op", "put").put("id", id).put("ifNoneMatch", "*");
        item.set("note", noteJson(title, body, List.of()));
        return item;
    }

    static ObjectNode update(String id, String ifMatch, String title, String body, List<String> tags) {
        ObjectNode item = JSON.createObjectNode().put("op", "update").put("id", id).put("ifMatch", ifMatch);
        item.set("note", noteJson(title, body, tags));
        return item;
    }

    static ObjectNode update(Note n, String newBody) {
        return update(n.id(), n.etag().header(), n.title(), newBody, n.tags());
    }

    static ObjectNode delete(String id, String ifMatch) {
        return JSON.createObjectNode().put("op", "delete").put("id", id).put("ifMatch", ifMatch);
    }

    static ObjectNode check(String id, String ifMatch) {
        return JSON.createObjectNode().put("op", "conditionCheck").put("id", id).put("ifMatch", ifMatch);
    }
}
