package concord.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.DeletedNote;
import concord.model.MatchRange;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteSummary;
import concord.model.SearchHit;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HttpNotesLookup} against the real server on loopback: search, history newest first, deleted and restore. */
class HttpNotesLookupTest {

    @TempDir
    Path dataDir;

    private ConcordServer server;
    private HttpNotesClient alice;
    private HttpNotesLookup lookup;
    private final List<String> wire = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = ConcordServer.create(ServerConfig.loopback(dataDir)).start();
        OkHttpClient recording = HttpNotesClient.defaultHttpClient().newBuilder()
                .addNetworkInterceptor(chain -> {
                    wire.add(chain.request().method() + " " + chain.request().url());
                    return chain.proceed(chain.request());
                })
                .build();
        alice = new HttpNotesClient(server.baseUri(), "alice", null, recording,
                new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(50)));
        lookup = new HttpNotesLookup(alice);
    }

    @AfterEach
    void stop() {
        alice.releaseIdleConnections();
        server.close();
    }

    private static <T> T ok(ApiResult<T> result) {
        ApiResult.Ok<T> ok = assertInstanceOf(ApiResult.Ok.class, result, () -> "expected Ok but got " + result);
        return ok.value();
    }

    @Test
    void aBodyWordFindsTheNoteWithItsSnippetAndTheMatchMarked() {
        Note n = ok(alice.create(new NoteContent("Party", "Ask Ålice to bring the cake", List.of("home"))));
        List<SearchHit> hits = ok(lookup.search("ålice", 20)).items();
        assertEquals(1, hits.size());
        SearchHit hit = hits.get(0);
        assertEquals(n.id(), hit.id());
        assertEquals(n.etag(), hit.etag());
        assertEquals(List.of("home"), hit.tags());
        assertEquals("Ask Ålice to bring the cake", hit.snippet().text());
        assertEquals(List.of(new MatchRange(4, 9)), hit.snippet().highlights());
    }

    @Test
    void aQueryTheServerWouldRefuseIsInvalidWithoutARequest() {
        ApiResult.Invalid<?> invalid = assertInstanceOf(ApiResult.Invalid.class, lookup.search("   ", 20));
        assertEquals(400, invalid.status());
        assertTrue(invalid.detail().startsWith("The search holds no word"), invalid.detail());
        assertEquals(List.of(), wire);
    }

    @Test
    void everyHitIsReachedPageByPageInTheServersOrder() {
        for (int i = 0; i < 7; i++) {
            ok(alice.create(new NoteContent(i % 2 == 0 ? "Plum " + i : "Note " + i, "plum pudding", List.of())));
        }
        List<String> titles = new ArrayList<>();
        ResultPage<SearchHit> page = ok(lookup.search("plum", 3));
        titles.addAll(page.items().stream().map(SearchHit::title).toList());
        while (page.hasMore()) {
            page = ok(lookup.moreHits(page));
            titles.addAll(page.items().stream().map(SearchHit::title).toList());
        }
        assertEquals(List.of("Plum 6", "Plum 4", "Plum 2", "Plum 0", "Note 5", "Note 3", "Note 1"), titles);
        assertTrue(wire.stream().anyMatch(w -> w.contains("q=plum") && w.contains("cursor=")), wire::toString);
    }

    @Test
    void theHistoryComesNewestFirstAndOlderPagesFollow() {
        Note n = ok(alice.create(new NoteContent("T", "v1", List.of())));
        for (int v = 2; v <= 5; v++) {
            n = ok(alice.update(n.id(), n.etag(), new NoteContent("T", "v" + v, List.of())));
        }
        ResultPage<NoteSummary> page = ok(lookup.history(n.id(), 2));
        List<Long> versions = new ArrayList<>(page.items().stream().map(NoteSummary::version).toList());
        while (page.hasMore()) {
            page = ok(lookup.olderVersions(page));
            versions.addAll(page.items().stream().map(NoteSummary::version).toList());
        }
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), versions);
        assertInstanceOf(ApiResult.Gone.class, lookup.history("no-such-note", 10));
    }

    @Test
    void aDeletedNoteIsListedWithWhoAndRestoredWithItsLastContentOnce() {
        HttpNotesClient bob = new HttpNotesClient(server.baseUri(), "bob", null, HttpNotesClient.defaultHttpClient());
        Note n = ok(alice.create(new NoteContent("Recipe", "flour, water", List.of("kitchen", "bread"))));
        n = ok(alice.update(n.id(), n.etag(), new NoteContent("Recipe", "flour, water, salt", List.of("kitchen", "bread"))));
        ok(bob.delete(n.id(), n.etag()));
        bob.releaseIdleConnections();

        List<DeletedNote> gone = ok(lookup.deleted(50)).items();
        assertEquals(1, gone.size());
        DeletedNote d = gone.get(0);
        assertEquals("bob", d.deletedBy());
        assertEquals(2, d.version());
        assertFalse(ok(lookup.deleted(50)).hasMore());

        Note back = ok(lookup.restore(d));
        assertEquals("flour, water, salt", back.body());
        assertEquals(List.of("kitchen", "bread"), back.tags());
        assertEquals(3, back.version());
        assertEquals(List.of(), ok(lookup.deleted(50)).items());
        assertEquals(List.of(n.id()), ok(lookup.search("salt", 10)).items().stream().map(SearchHit::id).toList());
        assertEquals(back, ok(lookup.restore(d)), "restored twice (a double click): the same note, no new version");
    }

    @Test
    void aRestoreAfterSomeoneReCreatedTheNoteDifferentlyIsAConflictShowingTheirs() {
        Note n = ok(alice.create(new NoteContent("Plan", "mine", List.of())));
        ok(alice.delete(n.id(), n.etag()));
        DeletedNote d = ok(lookup.deleted(10)).items().get(0);
        HttpNotesClient bob = new HttpNotesClient(server.baseUri(), "bob", null, HttpNotesClient.defaultHttpClient());
        Note bobs = ok(bob.createWithId(n.id(), new NoteContent("Plan", "bob's", List.of())));
        bob.releaseIdleConnections();
        ApiResult.Conflict<?> conflict = assertInstanceOf(ApiResult.Conflict.class, lookup.restore(d));
        assertEquals(bobs, conflict.current());
    }
}
