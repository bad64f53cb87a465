package concord.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteIds;
import concord.model.DeletedNote;
import concord.model.NoteSummary;
import concord.model.SearchHit;
import concord.model.SearchQuery;
import concord.model.Snippet;
import concord.store.Listing;
import concord.store.Page;
import concord.store.NoteState;
import concord.store.NoteStore;
import concord.store.Precondition;
import concord.store.SearchMatch;
import concord.store.WriteOutcome;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The handlers of the notes API: each parses, asks the store, and answers; failures are thrown. */
final class NoteRoutes {

    private static final String JSON = "application/json";

    private final NoteStore store;
    private final ObjectMapper mapper;
    private final NoteBodies bodies;
    private final java.time.Clock clock;
    private final Paging notePages = new Paging("notes");
    private final Paging versionPages = new Paging("versions");
    private final Paging newestVersionPages = new Paging("versions-newest");
    /** A search reads part of each result's body: pages of at most 100. */
    private final Paging searchPages = new Paging("search", 20, 100);
    private final Paging deletedPages = new Paging("deleted");

    NoteRoutes(NoteStore store, ObjectMapper mapper, LimitedBody limited, java.time.Clock clock) {
        this.store = store;
        this.clock = clock;
        this.mapper = mapper;
        this.bodies = new NoteBodies(mapper, limited);
    }

    /**
     * GET|HEAD /notes: a page of the live notes, newest first. Every page of one unchanged listing carries the
     * listing's tag, so a client following the links can tell that the listing did not change while it read.
     */
    void list(Context ctx) {
        String q = QueryText.single(ctx, "q");
        boolean deleted = flag(ctx, "deleted");
        if (q != null && deleted) {
            throw ApiException.badRequest("invalid-query", "a search covers the live notes: give q or deleted=true, not both");
        }
        if (q != null) {
            search(ctx, q);
            return;
        }
        if (deleted) {
            deleted(ctx);
            return;
        }
        Paging.Request page = notePages.parse(ctx);
        Listing listing = store.list(page.position().orElse(NoteStore.FIRST), page.limit());
        ETag tag = new ETag(listing.tag());
        if (notModified(ctx, tag)) {
            return;
        }
        ctx.header("ETag", tag.header());
        notePages.linkNext(ctx, page, listing.next());
        json(ctx, 200, listing.notes());
    }

    /**
     * GET|HEAD /notes?q=…: the live notes that hold every word of {@code q}, best first (a title hit above a body
     * hit), each with an excerpt of its body around the match; paged like the listing, the query kept in the links.
     */
    private void search(Context ctx, String q) {
        SearchQuery query;
        try {
            query = SearchQuery.parse(q);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-query", e.getMessage());
        }
        Paging.Request page = searchPages.parse(ctx);
        Page<SearchMatch> found = store.search(query, page.position().orElse(NoteStore.FIRST), page.limit());
        List<SearchHit> hits = found.items().stream()
                .map(m -> SearchHit.of(m.note(), Snippet.of(m.bodyStart(), query))).toList();
        searchPages.linkNext(ctx, page, found.next(), "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&");
        json(ctx, 200, hits);
    }

    /**
     * GET|HEAD /notes?deleted=true: the notes deleted on the server, most recently deleted first, with their last
     * version and who deleted them when. Restoring one is a create under its id with that version's content.
     */
    private void deleted(Context ctx) {
        Paging.Request page = deletedPages.parse(ctx);
        Page<DeletedNote> gone = store.deleted(page.position().orElse(NoteStore.FIRST), page.limit());
        deletedPages.linkNext(ctx, page, gone.next(), "deleted=true&");
        json(ctx, 200, gone.items());
    }

    /** A true/false parameter; absent is false. */
    private static boolean flag(Context ctx, String name) {
        String value = Paging.single(ctx, name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.badRequest("invalid-parameter", "'" + name + "' is true or false, not '" + value + "'");
    }

    /** POST /notes */
    void create(Context ctx) {
        String user = Identity.requireUser(ctx);
        Note note = store.create(bodies.read(ctx), user);
        ctx.header("Location", "/notes/" + note.id());
        sendNote(ctx, 201, note);
    }

    /**
     * GET|HEAD /notes/{id}, with {@code "lock": {"holder", "expiresAt"}} while someone holds a lock on it. The ETag is
     * the note's, which a lock does not change; so while a lock is held the answer is never a 304 (the client's
     * copy may predate the lock). A 304 says the note is unchanged, not its lock: the feed and GET
     * /notes/{id}/lock say that.
     */
    void get(Context ctx) {
        String id = id(ctx);
        NoteStore.Found found = store.findWithLock(id);
        Note note = live(id, found.state());
        if (found.lock().isEmpty() && notModified(ctx, note.etag())) {
            return;
        }
        if (found.lock().isEmpty()) {
            sendNote(ctx, 200, note);
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode body = mapper.valueToTree(note);
        body.set("lock", mapper.valueToTree(found.lock().get()));
        sendBypassingAutomatic304(ctx, note, body);
    }

    /**
     * Javalin answers 304 by itself, after the handler, when a result's ETag equals the request's If-None-Match. A
     * locked note's answer must reach the client (its copy may predate the lock) under the note's own ETag (the one
     * its holder writes with), so its bytes go to the servlet's stream, with no Javalin result to check.
     */
    private void sendBypassingAutomatic304(Context ctx, Note note, Object value) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a locked note", e);
        }
        ctx.status(200);
        ctx.header("ETag", note.etag().header());
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(JSON);
        ctx.res().setContentLength(bytes.length);
        if (ctx.method() == io.javalin.http.HandlerType.HEAD) {
            return;
        }
        try {
            ctx.res().getOutputStream().write(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("writing a locked note's answer failed", e);
        }
    }

    /**
     * PUT /notes/{id}: replace under If-Match, or create under If-None-Match: *. While someone else holds a lock on the
     * note (and the request carries no {@code Concord-Lock} with its token), 423; the precondition is checked first.
     */
    void put(Context ctx) {
        String id = id(ctx);
        Precondition pre = writePrecondition(ctx, true);
        String user = Identity.requireUser(ctx);
        String lockToken = LockRoutes.token(ctx);
        WriteOutcome outcome = store.put(id, pre, lockToken, bodies.read(ctx), user);
        if (outcome instanceof WriteOutcome.Locked locked) {
            throw ApiException.locked(id, locked.lock(), clock.instant());
        }
        if (outcome instanceof WriteOutcome.Written w) {
            if (w.created()) {
                ctx.header("Location", "/notes/" + id);
            }
            sendNote(ctx, w.created() ? 201 : 200, w.note());
        } else {
            throw failed(id, pre, (WriteOutcome.PreconditionFailed) outcome);
        }
    }

    /** DELETE /notes/{id} under If-Match. */
    void delete(Context ctx) {
        String id = id(ctx);
        Precondition pre = writePrecondition(ctx, false);
        String user = Identity.requireUser(ctx);
        WriteOutcome outcome = store.delete(id, pre, LockRoutes.token(ctx), user);
        if (outcome instanceof WriteOutcome.Locked locked) {
            throw ApiException.locked(id, locked.lock(), clock.instant());
        }
        if (outcome instanceof WriteOutcome.PreconditionFailed f) {
            throw failed(id, pre, f);
        }
        ctx.status(204);
        noContentType(ctx);
    }

    /**
     * GET|HEAD /notes/{id}/versions: a page of the kept versions, oldest first; with {@code order=newest}, newest
     * first (a history view reads only the pages it shows).
     */
    void versions(Context ctx) {
        String id = id(ctx);
        String order = Paging.single(ctx, "order");
        if (order != null && !order.equals("oldest") && !order.equals("newest")) {
            throw ApiException.badRequest("invalid-parameter", "'order' is oldest (the default) or newest, not '" + order + "'");
        }
        boolean newest = "newest".equals(order);
        Paging pages = newest ? newestVersionPages : versionPages;
        Paging.Request page = pages.parse(ctx);
        Optional<Page<NoteSummary>> found = newest
                ? store.versionsNewestFirst(id, page.position().orElse(NoteStore.FIRST), page.limit())
                : store.versions(id, page.position().orElse(0), page.limit());
        Page<NoteSummary> versions = found.orElseThrow(() -> ApiException.notFound("note " + id + " does not exist"));
        pages.linkNext(ctx, page, versions.next(), newest ? "order=newest&" : "");
        json(ctx, 200, versions.items());
    }

    /** GET|HEAD /notes/{id}/versions/{version} */
    void version(Context ctx) {
        String id = id(ctx);
        String raw = ctx.pathParam("version");
        long v;
        try {
            v = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            v = -1;
        }
        // ASCII digits only: Long.parseLong also reads fullwidth and Arabic-Indic digits, so /versions/１ was version 1
        if (v < 1 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.badRequest("invalid-version", "a version is a positive whole number, not '" + raw + "'");
        }
        long version = v;
        Note note = store.version(id, version).orElseThrow(() ->
                ApiException.notFound("note " + id + " has no version " + version));
        if (notModified(ctx, note.etag())) {
            return;
        }
        sendNote(ctx, 200, note);
    }

    // ------------------------------------------------------------------ helpers

    static String id(Context ctx) {
        String id = ctx.pathParam("id");
        if (!NoteIds.isValid(id)) {
            throw ApiException.badRequest("invalid-id",
                    "'" + id + "' is not a note id: 1 to 64 characters from A-Z a-z 0-9 _ -");
        }
        return id;
    }

    private static Note live(String id, NoteState state) {
        if (state instanceof NoteState.Live l) {
            return l.note();
        }
        if (state instanceof NoteState.Deleted d) {
            ApiException gone = ApiException.gone("note " + id + " was deleted"
                    + (d.deletedBy() == null ? "" : " by " + d.deletedBy()));
            if (d.deletedBy() != null) {
                gone.extension("deletedBy", d.deletedBy()).extension("deletedAt", d.deletedAt().toString());
            }
            throw gone;
        }
        throw ApiException.notFound("note " + id + " does not exist");
    }

    /** If-None-Match on a read (weak comparison, RFC 9110 §13.1.2): 304 with the ETag and no body. */
    private static boolean notModified(Context ctx, ETag current) {
        String inm = joined(ctx, "If-None-Match");
        if (inm == null) {
            return false;
        }
        if (!EntityTags.parse("If-None-Match", inm).matchesWeakly(current)) {
            return false;
        }
        ctx.status(304);
        ctx.header("ETag", current.header());
        noContentType(ctx);
        return true;
    }

    /**
     * The precondition of a PUT or DELETE. Without one the request is refused with 428: a client that forgot
     * it must not overwrite someone else's edit.
     */
    private static Precondition writePrecondition(Context ctx, boolean isPut) {
        String ifMatch = joined(ctx, "If-Match");
        String ifNoneMatch = joined(ctx, "If-None-Match");
        if (ifMatch != null && ifNoneMatch != null) {
            throw ApiException.badRequest("conflicting-preconditions",
                    "send either If-Match (to update) or If-None-Match: * (to create), not both");
        }
        if (ifMatch != null) {
            EntityTags tags = EntityTags.parse("If-Match", ifMatch);
            return tags.any() ? new Precondition.IfMatchAny() : new Precondition.IfMatch(tags.strong());
        }
        if (ifNoneMatch != null) {
            if (!isPut) {
                throw ApiException.badRequest("unsupported-precondition",
                        "DELETE takes If-Match with the ETag you last read, not If-None-Match");
            }
            EntityTags tags = EntityTags.parse("If-None-Match", ifNoneMatch);
            if (!tags.any()) {
                throw ApiException.badRequest("unsupported-precondition",
                        "on PUT, If-None-Match must be * (create only if the note does not exist)");
            }
            return new Precondition.IfNoneMatchAny();
        }
        throw ApiException.preconditionRequired(isPut
                ? "PUT needs If-Match: <the ETag you last read> to update, or If-None-Match: * to create"
                : "DELETE needs If-Match: <the ETag you last read>");
    }

    private static ApiException failed(String id, Precondition pre, WriteOutcome.PreconditionFailed f) {
        Optional<Note> current = f.current();
        if (current.isEmpty()) {
            return ApiException.preconditionFailed("note " + id + " does not exist (it was deleted or never created)");
        }
        Note note = current.get();
        String detail = pre instanceof Precondition.IfNoneMatchAny
                ? "note " + id + " already exists; update it with If-Match: " + note.etag().header()
                : "note " + id + " has changed: its current ETag is " + note.etag().header()
                        + " (version " + note.version() + " by " + note.updatedBy() + "); nothing was changed";
        return ApiException.preconditionFailed(detail)
                .header("ETag", note.etag().header())
                .extension("current", note);
    }

    /** All field lines of a header joined by commas, as RFC 9110 §5.3 allows; null if absent. */
    private static String joined(Context ctx, String name) {
        List<String> values = Collections.list(ctx.req().getHeaders(name));
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** 204 and 304 carry no content, so no Content-Type either. */
    static void noContentType(Context ctx) {
        ctx.res().setContentType(null);
    }

    private void sendNote(Context ctx, int status, Note note) {
        ctx.header("ETag", note.etag().header());
        json(ctx, status, note);
    }

    private void json(Context ctx, int status, Object value) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
        ctx.status(status);
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(JSON);
        ctx.result(bytes);
    }
}
