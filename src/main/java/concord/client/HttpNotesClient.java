package concord.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteIds;
import concord.model.NoteSummary;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionRequest;
import concord.model.tx.TransactionResult;
import concord.wire.Problem;
import concord.wire.tx.TransactionJson;
import concord.wire.tx.TransactionRequestBody;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLException;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@link NotesApi} over HTTP (OkHttp + the shared Jackson mapping). Thread-safe: one instance per window
 * (user) is meant to be shared by all its background tasks.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Every outcome is an {@link ApiResult}; no exception escapes for an HTTP status or an I/O failure.
 *   <li>Retries: GET and HEAD are repeated after an I/O failure or a 503 (bounded by the {@link RetryPolicy}).
 *       Conditional writes ({@code PUT} with {@code If-Match}/{@code If-None-Match: *}, {@code DELETE} with
 *       {@code If-Match}) are repeated too, because the precondition makes a duplicate harmless, and the
 *       one misleading answer a duplicate can get is recognised: a 412 whose {@code current} note holds exactly
 *       the content we sent is our own write and is reported as {@link ApiResult.Ok}; a DELETE that finds the
 *       note gone after an attempt of its own may have reached the server is reported as done.
 *       {@code POST /notes} is never repeated (it would create a second note).
 *   <li>{@code GET /notes} and {@code GET /notes/{id}} keep the last ETag and value and send
 *       {@code If-None-Match}, so an unchanged answer is a body-less 304.
 * </ul>
 */
public final class HttpNotesClient implements NotesApi, NotesTransactions {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final String USER_HEADER = "X-Concord-User";
    private static final int CACHE_CAPACITY = 256;

    private final URI baseUri;
    private final HttpUrl baseUrl;
    private final String user;
    private final String bearerToken;
    private final OkHttpClient http;
    private final RetryPolicy retry;
    /** The shared mapping (concord.wire.Json) plus the transaction mix-ins. */
    private final ObjectMapper mapper = TransactionJson.newMapper();
    private final JavaType summaryList;
    /** path → (ETag, decoded value) of the last 200 for that path; guarded by its own monitor. */
    private final Map<String, Cached> etagCache;

    private record Cached(String etagHeader, Object value) {
    }

    /**
     * @param baseUri     the server, e.g. {@code http://127.0.0.1:8080}
     * @param user        sent as {@code X-Concord-User} on every request
     * @param bearerToken sent as {@code Authorization: Bearer …} when not null
     * @param http        the OkHttp client to use (see {@link #defaultHttpClient()}); may be shared
     */
    public HttpNotesClient(URI baseUri, String user, String bearerToken, OkHttpClient http) {
        this(baseUri, user, bearerToken, http, RetryPolicy.DEFAULT);
    }

    public HttpNotesClient(URI baseUri, String user, String bearerToken, OkHttpClient http, RetryPolicy retry) {
        this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        this.baseUrl = HttpUrl.get(baseUri.toString());
        this.user = requireHeaderValue(user, "user");
        if (user.length() > 64 || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a user name is 1 to 64 characters without ':': " + user);
        }
        this.bearerToken = bearerToken == null ? null : requireHeaderValue(bearerToken, "bearer token");
        this.http = Objects.requireNonNull(http, "http");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.summaryList = mapper.getTypeFactory().constructCollectionType(List.class, NoteSummary.class);
        this.etagCache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > CACHE_CAPACITY;
            }
        });
    }

    /** A client with {@link #defaultHttpClient()} and {@link RetryPolicy#DEFAULT}. */
    public static HttpNotesClient create(URI baseUri, String user, String bearerToken) {
        return new HttpNotesClient(baseUri, user, bearerToken, defaultHttpClient());
    }

    /**
     * Timeouts that fail a dead server within seconds instead of hanging a save forever; OkHttp's own
     * silent retry is off because this class decides what may be repeated; redirects are not followed
     * because a redirected PUT would silently lose its precondition semantics. Idle connections are dropped
     * after 20 s, before a server's usual 30 s idle timeout closes them under us: with OkHttp's retry off, a
     * POST on a connection the server already closed would otherwise fail for nothing.
     */
    public static OkHttpClient defaultHttpClient() {
        return new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(5, 20, TimeUnit.SECONDS))
                .connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(10))
                .writeTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(20))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    /**
     * Closes the idle keep-alive connections of this client's OkHttp pool (the client stays usable and opens
     * new ones when needed). Call it before stopping an embedded server, whose graceful stop otherwise waits
     * for those connections, or when a window closes.
     */
    public void releaseIdleConnections() {
        http.connectionPool().evictAll();
    }

    /** Drops every remembered ETag and value (the next reads are full 200s); for measurements and tests. */
    void forgetCachedAnswers() {
        etagCache.clear();
    }

    public URI baseUri() {
        return baseUri;
    }

    @Override
    public String user() {
        return user;
    }

    // ---------------------------------------------------------------------------------------------- routes

    /**
     * Every live note, following the server's pages ({@code Link: <…>; rel="next"}). The pages of one unchanged
     * listing carry the same ETag; if a later page's differs, the listing changed while it was read (a note saved
     * meanwhile moves to the front, behind the pages already read) and it is read again from the start. The whole
     * list is remembered under the first page's ETag, so an unchanged listing costs one body-less 304.
     */
    @Override
    public ApiResult<List<NoteSummary>> list() {
        HttpUrl first = url("notes");
        String key = first.encodedPath();
        ApiResult<List<NoteSummary>> result = null;
        for (int attempt = 1; attempt <= LISTING_ATTEMPTS; attempt++) {
            ApiResult<PageOf<NoteSummary>> page = execute(new Exchange<PageOf<NoteSummary>>("GET", first, null, Repeat.SAFE)
                    .cacheKey(key)
                    .reader(this::summaryPage));
            if (!(page instanceof ApiResult.Ok<PageOf<NoteSummary>> ok)) {
                return page.map(PageOf::items);
            }
            PageOf<NoteSummary> head = ok.value();
            if (head.next() == null) {
                return new ApiResult.Ok<>(head.items());
            }
            Pages<NoteSummary> rest = rest(head);
            if (rest.failure() != null) {
                etagCache.remove(key); // the cached first page alone must never pass for the whole list
                return rest.failure();
            }
            if (rest.consistent()) {
                etagCache.put(key, new Cached(head.etag(), new PageOf<>(rest.items(), null, head.etag())));
                return new ApiResult.Ok<>(rest.items());
            }
            etagCache.remove(key);
            result = new ApiResult.Ok<>(newestOfEach(rest.items()));
        }
        return result;
    }

    private static final int LISTING_ATTEMPTS = 3;
    private static final int MAX_PAGES = 10_000;

    /** One page as the server sent it; {@code next} is null on the last page. */
    private record PageOf<T>(List<T> items, HttpUrl next, String etag) {
    }

    /** Every page from {@code head} on, or the failure that stopped the reading. */
    private record Pages<T>(List<T> items, boolean consistent, ApiResult<List<T>> failure) {
    }

    private PageOf<NoteSummary> summaryPage(Response r, byte[] body) throws IOException {
        List<NoteSummary> items = mapper.readValue(body, summaryList);
        try {
            return new PageOf<>(List.copyOf(items), LinkHeader.next(r.header("Link"), r.request().url()).orElse(null),
                    r.header("ETag"));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private Pages<NoteSummary> rest(PageOf<NoteSummary> head) {
        List<NoteSummary> all = new java.util.ArrayList<>(head.items());
        boolean consistent = true;
        HttpUrl next = head.next();
        for (int pages = 1; next != null; pages++) {
            if (pages >= MAX_PAGES) {
                return new Pages<>(all, false, new ApiResult.Invalid<>(200, "The server's list did not end after "
                        + MAX_PAGES + " pages"));
            }
            ApiResult<PageOf<NoteSummary>> page = execute(new Exchange<PageOf<NoteSummary>>("GET", next, null, Repeat.SAFE)
                    .reader(this::summaryPage));
            if (!(page instanceof ApiResult.Ok<PageOf<NoteSummary>> ok)) {
                return new Pages<>(all, false, page.map(PageOf::items));
            }
            all.addAll(ok.value().items());
            consistent &= Objects.equals(head.etag(), ok.value().etag());
            next = ok.value().next();
        }
        return new Pages<>(List.copyOf(all), consistent, null);
    }

    /** The list read while it changed: each note once, in its newest version read, newest first. */
    private static List<NoteSummary> newestOfEach(List<NoteSummary> read) {
        Map<String, NoteSummary> byId = new LinkedHashMap<>();
        for (NoteSummary n : read) {
            byId.merge(n.id(), n, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return byId.values().stream()
                .sorted(java.util.Comparator.comparing(NoteSummary::updatedAt).reversed())
                .toList();
    }

    @Override
    public ApiResult<Note> get(String id) {
        if (!NoteIds.isValid(id)) {
            return invalidId(id);
        }
        HttpUrl url = url("notes", id);
        return execute(new Exchange<Note>("GET", url, null, Repeat.SAFE)
                .cacheKey(url.encodedPath())
                .reader(this::readNote));
    }

    /**
     * {@code HEAD /notes/{id}}: the note's current ETag without its body, e.g. to ask "did it change since I
     * loaded it?" cheaply.
     */
    public ApiResult<ETag> head(String id) {
        if (!NoteIds.isValid(id)) {
            return invalidId(id);
        }
        return execute(new Exchange<ETag>("HEAD", url("notes", id), null, Repeat.SAFE)
                .reader((r, body) -> {
                    String etag = r.header("ETag");
                    if (etag == null) {
                        throw new IOException("the answer has no ETag header");
                    }
                    return ETag.parseHeader(etag);
                }));
    }

    @Override
    public ApiResult<Note> create(NoteContent content) {
        Objects.requireNonNull(content, "content");
        // Never repeated: a POST that timed out may have created the note, and a second one would duplicate it.
        return execute(new Exchange<Note>("POST", url("notes"), json(content), Repeat.NEVER)
                .reader(this::readNoteAndRemember));
    }

    @Override
    public ApiResult<Note> createWithId(String id, NoteContent content) {
        Objects.requireNonNull(content, "content");
        if (!NoteIds.isValid(id)) {
            return invalidId(id);
        }
        return ownWriteIsOk(content).apply(execute(new Exchange<Note>("PUT", url("notes", id), json(content), Repeat.CONDITIONAL)
                .header("If-None-Match", "*")
                .reader(this::readNoteAndRemember)));
    }

    @Override
    public ApiResult<Note> update(String id, ETag ifMatch, NoteContent content) {
        Objects.requireNonNull(ifMatch, "ifMatch");
        Objects.requireNonNull(content, "content");
        if (!NoteIds.isValid(id)) {
            return invalidId(id);
        }
        return ownWriteIsOk(content).apply(execute(new Exchange<Note>("PUT", url("notes", id), json(content), Repeat.CONDITIONAL)
                .header("If-Match", ifMatch.header())
                .reader(this::readNoteAndRemember)));
    }

    @Override
    public ApiResult<Void> delete(String id, ETag ifMatch) {
        Objects.requireNonNull(ifMatch, "ifMatch");
        if (!NoteIds.isValid(id)) {
            return invalidId(id);
        }
        HttpUrl url = url("notes", id);
        ApiResult<Void> result = execute(new Exchange<Void>("DELETE", url, null, Repeat.CONDITIONAL)
                .header("If-Match", ifMatch.header())
                .reader((r, body) -> null)
                // An earlier attempt may have deleted it: "already gone" is then the success we asked for.
                .afterAmbiguous(r -> r instanceof ApiResult.Gone ? new ApiResult.Ok<>(null) : r));
        if (result.isOk()) {
            etagCache.remove(url.encodedPath());
        }
        return result;
    }

    /** Every kept version, oldest first, following the server's pages. */
    @Override
    public ApiResult<List<NoteSummary>> versions(String id) {
        if (!NoteIds.isValid(id)) {
            return invalidId(id);
        }
        ApiResult<PageOf<NoteSummary>> first = execute(new Exchange<PageOf<NoteSummary>>("GET",
                url("notes", id, "versions"), null, Repeat.SAFE).reader(this::summaryPage));
        if (!(first instanceof ApiResult.Ok<PageOf<NoteSummary>> ok)) {
            return first.map(PageOf::items);
        }
        if (ok.value().next() == null) {
            return new ApiResult.Ok<>(ok.value().items());
        }
        // versions are only ever added at the end, so the pages need no consistency check
        Pages<NoteSummary> all = rest(ok.value());
        return all.failure() != null ? all.failure() : new ApiResult.Ok<>(all.items());
    }

    @Override
    public ApiResult<Note> version(String id, long version) {
        if (!NoteIds.isValid(id)) {
            return invalidId(id);
        }
        return execute(new Exchange<Note>("GET", url("notes", id, "versions", Long.toString(version)), null, Repeat.SAFE)
                .reader(this::readNote));
    }

    /** A fresh idempotency token for {@link #transact}: keep it for as long as you retry the same request. */
    public static String newRequestToken() {
        return NotesTransactions.newRequestToken();
    }

    /**
     * {@code POST /transactions}: all items applied or none. {@code Ok(Committed)} carries each item's new ETag
     * and version in item order; {@code Ok(Canceled)} (the server's 409 {@code transaction-canceled}) carries
     * one reason per item, with the current note where the reason concerns it. A request the server refuses
     * (400, 413, or 409 {@code idempotent-parameter-mismatch}) is {@code Invalid}; so is a malformed request
     * (no items, more than 100, two items on one note, a bad token), which is not sent at all.
     *
     * <p>Retried after an I/O failure or a 503 with the same {@code clientRequestToken}, so the server replays
     * the first outcome instead of applying it twice. To retry by hand after {@code Unreachable}, call again
     * with the same token and items; use a new token for a changed request.
     */
    @Override
    public ApiResult<TransactionResult> transact(String clientRequestToken, List<TransactionItem> items) {
        Objects.requireNonNull(clientRequestToken, "clientRequestToken (see newRequestToken())");
        Objects.requireNonNull(items, "items");
        TransactionRequest request;
        try {
            request = new TransactionRequest(clientRequestToken, items);
        } catch (IllegalArgumentException e) {
            return new ApiResult.Invalid<>(400, "Not a valid transaction: " + e.getMessage());
        }
        return execute(new Exchange<TransactionResult>("POST", url("transactions"),
                json(TransactionRequestBody.of(request)), Repeat.IDEMPOTENT_BY_TOKEN)
                .reader((r, body) -> mapper.readValue(body, TransactionResult.Committed.class))
                .onError((status, problem, detail) -> {
                    if (status == 409 && problem != null && TransactionJson.CANCELED_TYPE.equals(problem.getType())) {
                        try {
                            return new ApiResult.Ok<>(TransactionJson.readCanceled(mapper, problem));
                        } catch (IllegalArgumentException e) {
                            return new ApiResult.Invalid<>(409, "The transaction was canceled, but the reasons could not be read: "
                                    + firstLine(e.getMessage()));
                        }
                    }
                    // here a 404/410 means a server without transactions, not a deleted note
                    if (status == 404 || status == 405 || status == 410 || status == 409) {
                        return new ApiResult.Invalid<>(status, status == 404 || status == 405
                                ? "This server does not support transactions (" + detail + ")" : detail);
                    }
                    return null;
                }));
    }

    // ------------------------------------------------------------------------------------------- machinery

    private enum Repeat {
        /** GET, HEAD: no side effects. */
        SAFE,
        /** PUT/DELETE with a precondition: a duplicate cannot apply twice, but may answer 412 to itself. */
        CONDITIONAL,
        /** POST with an idempotency token: the server replays the first outcome to a duplicate. */
        IDEMPOTENT_BY_TOKEN,
        /** POST: a duplicate would apply twice. */
        NEVER
    }

    /** A route's own reading of a non-2xx answer; null leaves it to the common mapping. */
    @FunctionalInterface
    private interface ErrorReader<T> {
        ApiResult<T> read(int status, Problem problem, String detail);
    }

    @FunctionalInterface
    private interface BodyReader<T> {
        T read(Response response, byte[] body) throws IOException;
    }

    /** One request and how to read, cache and repeat it. */
    private static final class Exchange<T> {
        final String method;
        final HttpUrl url;
        final byte[] body;
        final Repeat repeat;
        final Map<String, String> headers = new LinkedHashMap<>();
        String cacheKey;
        BodyReader<T> reader;
        UnaryOperator<ApiResult<T>> afterAmbiguous = UnaryOperator.identity();
        ErrorReader<T> onError = (status, problem, detail) -> null;

        Exchange(String method, HttpUrl url, byte[] body, Repeat repeat) {
            this.method = method;
            this.url = url;
            this.body = body;
            this.repeat = repeat;
        }

        Exchange<T> header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Exchange<T> cacheKey(String key) {
            this.cacheKey = key;
            return this;
        }

        Exchange<T> reader(BodyReader<T> r) {
            this.reader = r;
            return this;
        }

        Exchange<T> onError(ErrorReader<T> r) {
            this.onError = r;
            return this;
        }

        Exchange<T> afterAmbiguous(UnaryOperator<ApiResult<T>> f) {
            this.afterAmbiguous = f;
            return this;
        }
    }

    private <T> ApiResult<T> execute(Exchange<T> ex) {
        boolean earlierAttemptMayHaveArrived = false;
        for (int attempt = 1; ; attempt++) {
            Cached cached = ex.cacheKey == null ? null : etagCache.get(ex.cacheKey);
            IOException failure;
            try (Response response = http.newCall(request(ex, cached)).execute()) {
                byte[] body = response.body().bytes();
                ApiResult<T> result = interpret(ex, response, body, cached);
                if (earlierAttemptMayHaveArrived) {
                    result = ex.afterAmbiguous.apply(result);
                }
                // 503 is "busy, try again": worth another attempt for what may be repeated. The server may
                // still have committed, so a later 412 gets the same own-write check as after a timeout.
                boolean busy = response.code() == 503 && ex.repeat != Repeat.NEVER && attempt < retry.maxAttempts();
                if (!busy) {
                    return result;
                }
                earlierAttemptMayHaveArrived = true;
                failure = null;
            } catch (IOException e) {
                failure = e;
                earlierAttemptMayHaveArrived |= mayHaveArrived(e);
                if (ex.repeat == Repeat.NEVER || attempt >= retry.maxAttempts()) {
                    String after = !earlierAttemptMayHaveArrived ? ""
                            : ex.repeat == Repeat.NEVER ? "; the server may have applied the request"
                            : ex.repeat == Repeat.IDEMPOTENT_BY_TOKEN ? "; it may have been applied: retry with the same token to learn the outcome"
                            : ex.repeat == Repeat.CONDITIONAL ? "; it may have been applied, and sending it again is safe"
                            : "";
                    return new ApiResult.Unreachable<>(describe(e, attempt) + after);
                }
            }
            if (!pause(retry.backoffAfter(attempt))) {
                return new ApiResult.Unreachable<>("Interrupted while retrying " + display()
                        + (failure == null ? "" : " (" + describeCause(failure) + ")"));
            }
        }
    }

    private Request request(Exchange<?> ex, Cached cached) {
        Request.Builder b = new Request.Builder()
                .url(ex.url)
                .header("Accept", "application/json, application/problem+json")
                .header(USER_HEADER, user);
        if (bearerToken != null) {
            b.header("Authorization", "Bearer " + bearerToken);
        }
        ex.headers.forEach(b::header);
        if (cached != null) {
            b.header("If-None-Match", cached.etagHeader());
        }
        RequestBody body = ex.body == null ? null : RequestBody.create(ex.body, JSON);
        if (body == null && ex.method.equals("DELETE")) {
            return b.delete().build();
        }
        return b.method(ex.method, body).build();
    }

    @SuppressWarnings("unchecked")
    private <T> ApiResult<T> interpret(Exchange<T> ex, Response response, byte[] body, Cached cached) {
        int status = response.code();
        if (status == 304 && cached != null) {
            return new ApiResult.Ok<>((T) cached.value());
        }
        if (status >= 200 && status < 300) {
            T value;
            try {
                value = ex.reader.read(response, body);
            } catch (IOException | RuntimeException e) {
                return new ApiResult.Invalid<>(status, "The server's answer to " + ex.method + " " + ex.url.encodedPath()
                        + " could not be read: " + firstLine(e.getMessage()));
            }
            String etag = response.header("ETag");
            if (ex.cacheKey != null && etag != null && value != null) {
                etagCache.put(ex.cacheKey, new Cached(etag, value));
            }
            return new ApiResult.Ok<>(value);
        }
        Problem problem = problem(response, body);
        String detail = readableDetail(status, response, body, problem);
        ApiResult<T> own = ex.onError.read(status, problem, detail);
        if (own != null) {
            return own;
        }
        if (status == 404 || status == 410 || (status == 412 && currentOf(problem) == null)) {
            if (isNotePath(ex.url)) {
                etagCache.remove(ex.url.encodedPath());
            }
        }
        switch (status) {
            case 412 -> {
                Object current = currentOf(problem);
                if (current == null) {
                    return new ApiResult.Gone<>(detail);
                }
                try {
                    Note note = mapper.convertValue(current, Note.class);
                    rememberNote(note);
                    return new ApiResult.Conflict<>(note);
                } catch (IllegalArgumentException e) {
                    return new ApiResult.Invalid<>(412, "The note changed on the server, but its current version could not be read: "
                            + firstLine(e.getMessage()));
                }
            }
            case 404, 410 -> {
                return gone(detail, problem);
            }
            case 401, 403 -> {
                return new ApiResult.Unauthorized<>(detail);
            }
            default -> {
                return new ApiResult.Invalid<>(status, detail);
            }
        }
    }

    private Note readNote(Response response, byte[] body) throws IOException {
        com.fasterxml.jackson.databind.JsonNode tree = mapper.readTree(body);
        if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            // GET of a locked note adds "lock" (who holds it, until when): not a field of the note itself
            o.remove("lock");
        }
        return mapper.treeToValue(tree, Note.class);
    }

    private Note readNoteAndRemember(Response response, byte[] body) throws IOException {
        Note note = readNote(response, body);
        rememberNote(note);
        return note;
    }

    /** A write's answer is the note's newest state: a later GET can then be a 304. */
    private void rememberNote(Note note) {
        etagCache.put(url("notes", note.id()).encodedPath(), new Cached(note.etag().header(), note));
    }

    /**
     * A 412 whose current note holds exactly what we sent is our own earlier write (a timed-out attempt of
     * this call, or a save the user repeats after "unreachable"), or an identical text someone else saved:
     * either way the server holds the user's text, so it is reported as saved, not as a conflict to merge.
     */
    private static UnaryOperator<ApiResult<Note>> ownWriteIsOk(NoteContent sent) {
        return r -> r instanceof ApiResult.Conflict<Note> c && sameContent(c.current().content(), sent)
                ? new ApiResult.Ok<>(c.current())
                : r;
    }

    /**
     * Whether the server's current content is what we sent. Title and body exactly; tags as a set, so a
     * server that orders or de-duplicates tags still recognises our own write.
     */
    static boolean sameContent(NoteContent current, NoteContent sent) {
        return current.title().equals(sent.title())
                && current.body().equals(sent.body())
                && new java.util.HashSet<>(current.tags()).equals(new java.util.HashSet<>(sent.tags()));
    }

    private Problem problem(Response response, byte[] body) {
        String type = response.header("Content-Type", "");
        if (body.length == 0 || !type.toLowerCase(Locale.ROOT).contains("json")) {
            return null;
        }
        try {
            return mapper.readValue(body, Problem.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A 404/410, with who deleted the note and when if the problem says so (a member that cannot be read is left out). */
    private static <T> ApiResult<T> gone(String detail, Problem problem) {
        Object by = problem == null ? null : problem.extensions().get("deletedBy");
        Object at = problem == null ? null : problem.extensions().get("deletedAt");
        java.time.Instant when = null;
        if (at instanceof String s) {
            try {
                when = java.time.Instant.parse(s);
            } catch (java.time.format.DateTimeParseException e) {
                // not a time: the deletion is still a deletion
            }
        }
        return new ApiResult.Gone<>(detail, by instanceof String s ? s : null, when);
    }

    private static Object currentOf(Problem problem) {
        return problem == null ? null : problem.extensions().get("current");
    }

    private static String readableDetail(int status, Response response, byte[] body, Problem problem) {
        if (problem != null && problem.getDetail() != null && !problem.getDetail().isBlank()) {
            return problem.getDetail();
        }
        if (problem != null && problem.getTitle() != null && !problem.getTitle().isBlank()) {
            return problem.getTitle();
        }
        String reason = response.message().isBlank() ? reasonPhrase(status) : response.message();
        String text = new String(body, StandardCharsets.UTF_8).strip();
        String contentType = response.header("Content-Type", "").toLowerCase(Locale.ROOT);
        if (!text.isEmpty() && contentType.startsWith("text/plain")) {
            return "HTTP " + status + " " + reason + ": " + abbreviate(firstLine(text), 200);
        }
        return "HTTP " + status + " " + reason;
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }

    /** Connection refused or an unknown host means the request never left: it cannot have been applied. */
    private static boolean mayHaveArrived(IOException e) {
        return !(e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException);
    }

    private String describe(IOException e, int attempts) {
        String what;
        if (e instanceof UnknownHostException) {
            what = "Cannot reach " + display() + " (unknown host " + baseUrl.host() + ")";
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            what = "Cannot reach " + display() + " (" + (mentions(e, "refused") ? "connection refused" : describeCause(e)) + ")";
        } else if (e instanceof SocketTimeoutException || (e instanceof InterruptedIOException && mentions(e, "timeout"))) {
            what = "No answer from " + display() + " in time (timed out)";
        } else if (e instanceof SSLException) {
            what = "Cannot reach " + display() + " securely (" + describeCause(e) + ")";
        } else if (e instanceof ProtocolException) {
            what = display() + " did not answer in HTTP (" + describeCause(e) + ")";
        } else {
            what = "Lost the connection to " + display() + " (" + describeCause(e) + ")";
        }
        if (attempts > 1) {
            what += " after " + attempts + " attempts";
        }
        return what;
    }

    private static boolean mentions(Throwable e, String word) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static String describeCause(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : firstLine(m);
    }

    private String display() {
        String s = baseUri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean pause(Duration d) {
        if (d.isZero()) {
            return !Thread.currentThread().isInterrupted();
        }
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpUrl url(String... segments) {
        return urlBuilder(segments).build();
    }

    /** The server's URL with these path segments, to add query parameters to (for {@link HttpNotesLookup}). */
    HttpUrl.Builder urlBuilder(String... segments) {
        HttpUrl.Builder b = baseUrl.newBuilder();
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b;
    }

    /** Whether {@code url} is on this client's server (a page link is followed only there: it carries the token). */
    boolean isOwnServer(HttpUrl url) {
        return url.scheme().equals(baseUrl.scheme()) && url.host().equals(baseUrl.host()) && url.port() == baseUrl.port();
    }

    /** GET one page of a list, its items read as {@code itemType}, and where the next page is (for {@link HttpNotesLookup}). */
    <T> ApiResult<ResultPage<T>> page(HttpUrl url, Class<T> itemType) {
        JavaType type = mapper.getTypeFactory().constructCollectionType(List.class, itemType);
        return execute(new Exchange<ResultPage<T>>("GET", url, null, Repeat.SAFE).reader((r, body) -> {
            List<T> items = mapper.readValue(body, type);
            try {
                return new ResultPage<>(items, LinkHeader.next(r.header("Link"), r.request().url()).map(HttpUrl::uri));
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }));
    }

    private boolean isNotePath(HttpUrl url) {
        List<String> base = baseUrl.pathSegments();
        int offset = base.get(base.size() - 1).isEmpty() ? base.size() - 1 : base.size();
        List<String> s = url.pathSegments();
        return s.size() == offset + 2 && s.get(offset).equals("notes");
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> ApiResult<T> invalidId(String id) {
        // Checked here, not only by the server: "..", "/" or "?" in an id would change which URL we call.
        return new ApiResult.Invalid<>(400, "\"" + id + "\" is not a valid note id (1 to 64 letters, digits, '-' or '_')");
    }

    private static String requireHeaderValue(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || !value.equals(value.strip())) {
            throw new IllegalArgumentException("the " + what + " must not be blank or have surrounding spaces");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("the " + what + " may contain only printable ASCII characters: " + value);
            }
        }
        return value;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
