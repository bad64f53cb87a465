package concord.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concord.model.NoteIds;
import concord.model.NoteLock;
import concord.model.Presence;
import concord.wire.Json;
import concord.wire.LockBodies;
import concord.wire.PresenceBodies;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The live side of a notes server: the opt-in lock ({@code /notes/{id}/lock}) and presence
 * ({@code /notes/{id}/presence}). Blocking calls, made off the UI thread; none is retried (a lock taken twice is
 * refused, not doubled; presence is renewed anyway). Writes under a lock go through {@link HttpNotesClient} with
 * the lock's token.
 */
public final class HttpLiveClient {

    private static final MediaType JSON = MediaType.get("application/json");

    /** What became of a request for a note's lock. */
    public sealed interface LockOutcome {
        /** Taken or renewed: held until {@code expiresAt}; {@code token} lets its holder renew, release and write. */
        record Granted(String holder, Instant expiresAt, String token) implements LockOutcome {
            public NoteLock lock() {
                return new NoteLock(holder, expiresAt);
            }

            @Override
            public String toString() {
                return "Granted[" + holder + " until " + expiresAt + "]"; // never the token
            }
        }

        /** Released (or it had run out already). */
        record Released() implements LockOutcome {
        }

        /** 423: someone else holds it. */
        record HeldByOther(NoteLock lock) implements LockOutcome {
        }

        /** 412 on a renewal: the token's lease ran out or was released; take the lock afresh. */
        record NotHeld(String detail) implements LockOutcome {
        }

        /** 404/410: the note is not there. */
        record Gone(String detail) implements LockOutcome {
        }

        /** Anything else (no answer, a refused request): {@code detail} says what. */
        record Failed(String detail) implements LockOutcome {
        }
    }

    private final HttpUrl base;
    private final String user;
    private final String bearerToken;
    private final OkHttpClient http;
    private final ObjectMapper mapper = Json.newMapper();

    public HttpLiveClient(URI baseUri, String user, String bearerToken, OkHttpClient http) {
        this.base = HttpUrl.get(Objects.requireNonNull(baseUri, "baseUri").toString());
        this.user = Objects.requireNonNull(user, "user");
        this.bearerToken = bearerToken;
        this.http = Objects.requireNonNull(http, "http");
    }

    // ------------------------------------------------------------------ the lock

    /** Takes the note's lock for {@code duration} (1 s to 1 h, whole seconds). */
    public LockOutcome lock(String id, Duration duration) {
        return lockRequest(id, duration, null);
    }

    /** Renews a lock this client holds, for {@code duration} from now. */
    public LockOutcome renew(String id, String token, Duration duration) {
        return lockRequest(id, duration, Objects.requireNonNull(token, "token"));
    }

    /** Releases a lock; a lock that ran out meanwhile counts as released. */
    public LockOutcome release(String id, String token) {
        Request.Builder b = request(url(id, "lock")).header(LockBodies.TOKEN_HEADER, token).delete();
        return call(b.build(), (status, body) -> status == 204 ? new LockOutcome.Released() : lockFailure(status, body),
                LockOutcome.Failed::new);
    }

    /** Who holds the note's lock now, if anyone; empty also when it could not be read. */
    public java.util.Optional<NoteLock> currentLock(String id) {
        LockOutcome o = call(request(url(id, "lock")).get().build(), (status, body) -> status == 200
                ? new LockOutcome.HeldByOther(mapper.readValue(body, NoteLock.class)) : lockFailure(status, body),
                LockOutcome.Failed::new);
        return o instanceof LockOutcome.HeldByOther h ? java.util.Optional.of(h.lock()) : java.util.Optional.empty();
    }

    private LockOutcome lockRequest(String id, Duration duration, String token) {
        long seconds = duration.toSeconds();
        if (seconds < LockBodies.MIN_SECONDS || seconds > LockBodies.MAX_SECONDS) {
            throw new IllegalArgumentException("a lease lasts 1 s to 1 h: " + duration);
        }
        Request.Builder b = request(url(id, "lock"))
                .put(RequestBody.create("{\"seconds\":" + seconds + "}", JSON));
        if (token != null) {
            b.header(LockBodies.TOKEN_HEADER, token);
        }
        return call(b.build(), (status, body) -> {
            if (status == 200) {
                LockBodies.Granted g = mapper.readValue(body, LockBodies.Granted.class);
                return new LockOutcome.Granted(g.holder(), g.expiresAt(), g.token());
            }
            return lockFailure(status, body);
        }, LockOutcome.Failed::new);
    }

    private LockOutcome lockFailure(int status, byte[] body) throws IOException {
        JsonNode problem = body.length == 0 ? mapper.nullNode() : mapper.readTree(body);
        String detail = problem.path("detail").asText("HTTP " + status);
        return switch (status) {
            case 423 -> new LockOutcome.HeldByOther(new NoteLock(problem.path("holder").asText(),
                    Instant.parse(problem.path("expiresAt").asText())));
            case 412 -> new LockOutcome.NotHeld(detail);
            case 404, 410 -> new LockOutcome.Gone(detail);
            default -> new LockOutcome.Failed(detail);
        };
    }

    // ------------------------------------------------------------------ presence

    /** Announces viewing or editing (renew it within the server's 30 s); false if the server did not take it. */
    public boolean announce(String id, Presence.State state) {
        if (state == Presence.State.LEFT) {
            return leave(id);
        }
        Request r = request(url(id, "presence"))
                .put(RequestBody.create("{\"state\":\"" + state.wireName() + "\"}", JSON)).build();
        return call(r, (status, body) -> status == 204, reason -> false);
    }

    /** Says this user left the note. */
    public boolean leave(String id) {
        return call(request(url(id, "presence")).delete().build(), (status, body) -> status == 204, reason -> false);
    }

    /** Who is in the note now, the longest there first; empty if it could not be read. */
    public List<Presence> present(String id) {
        List<Presence> out = call(request(url(id, "presence")).get().build(), (status, body) -> {
            List<Presence> list = new ArrayList<>();
            if (status == 200) {
                for (PresenceBodies.Entry e : mapper.readValue(body, PresenceBodies.Entry[].class)) {
                    Presence.State s = Presence.State.fromWireName(e.state());
                    if (s != null) {
                        list.add(new Presence(id, e.user(), s, e.since()));
                    }
                }
            }
            return list;
        }, reason -> List.of());
        return out;
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface Reader<T> {
        T read(int status, byte[] body) throws IOException;
    }

    /** One call; {@code failed} makes the answer from a reason when there was no readable answer. */
    private <T> T call(Request request, Reader<T> reader, java.util.function.Function<String, T> failed) {
        try (Response r = http.newCall(request).execute()) {
            byte[] body = r.body() == null ? new byte[0] : r.body().bytes();
            return reader.read(r.code(), body);
        } catch (IOException | RuntimeException e) {
            return failed.apply(request.method() + " " + request.url().encodedPath() + " failed: " + e.getMessage());
        }
    }

    private HttpUrl url(String id, String what) {
        if (!NoteIds.isValid(id)) {
            throw new IllegalArgumentException("not a note id: " + id);
        }
        return base.newBuilder().addPathSegment("notes").addPathSegment(id).addPathSegment(what).build();
    }

    private Request.Builder request(HttpUrl url) {
        Request.Builder b = new Request.Builder().url(url)
                .header("Accept", "application/json, application/problem+json")
                .header("X-Concord-User", user);
        if (bearerToken != null) {
            b.header("Authorization", "Bearer " + bearerToken);
        }
        return b;
    }
}
