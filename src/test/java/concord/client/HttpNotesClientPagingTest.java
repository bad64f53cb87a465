package concord.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.NoteContent;
import concord.model.NoteSummary;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import concord.store.SqliteNoteStore;
import concord.store.StoreFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client follows the server's pages, so the app keeps seeing every note and every version. */
class HttpNotesClientPagingTest {

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static <T> T ok(ApiResult<T> r) {
        assertInstanceOf(ApiResult.Ok.class, r, r::toString);
        return ((ApiResult.Ok<T>) r).value();
    }

    @Test
    void theListHoldsEveryNoteAcrossPagesAndAnUnchangedListIsOne304() {
        SqliteNoteStore store = SqliteNoteStore.open(dir);
        StoreFixtures.fill(store, 1200, "h", 1);
        List<String> requests = new CopyOnWriteArrayList<>();
        OkHttpClient http = HttpNotesClient.defaultHttpClient().newBuilder().addNetworkInterceptor(chain -> {
            okhttp3.Response r = chain.proceed(chain.request());
            requests.add(chain.request().url().encodedPath() + "?" + chain.request().url().encodedQuery() + " " + r.code());
            return r;
        }).build();
        try (ConcordServer server = ConcordServer.create(ServerConfig.loopback(dir), store).start()) {
            HttpNotesClient client = new HttpNotesClient(server.baseUri(), "bob", null, http, RetryPolicy.NONE);
            List<NoteSummary> all = ok(client.list());
            assertEquals(store.list().notes(), all, "every note once, newest first");
            assertEquals(3, requests.size(), requests::toString);

            requests.clear();
            assertEquals(all, ok(client.list()));
            assertEquals(List.of("/notes?null 304"), requests, "an unchanged listing costs one 304");
        }
    }

    @Test
    void aListingThatChangesBetweenPagesIsReadAgainSoTheNoteSavedMeanwhileIsNotMissed() {
        SqliteNoteStore store = SqliteNoteStore.open(dir);
        StoreFixtures.fill(store, 700, "h", 1);
        AtomicBoolean saved = new AtomicBoolean();
        OkHttpClient http = HttpNotesClient.defaultHttpClient().newBuilder().addNetworkInterceptor(chain -> {
            okhttp3.Response r = chain.proceed(chain.request());
            // right after the first page arrives, someone saves n0, the oldest note, which was on the second page
            if (chain.request().url().querySize() == 0 && saved.compareAndSet(false, true)) {
                store.write(tx -> tx.put("n0", new NoteContent("Saved meanwhile", "new", List.of()), "carol"));
            }
            return r;
        }).build();
        try (ConcordServer server = ConcordServer.create(ServerConfig.loopback(dir), store).start()) {
            HttpNotesClient client = new HttpNotesClient(server.baseUri(), "bob", null, http, RetryPolicy.NONE);
            List<NoteSummary> all = ok(client.list());
            assertTrue(saved.get());
            assertEquals(701, all.size());
            assertEquals(701, new HashSet<>(all.stream().map(NoteSummary::id).toList()).size(), "a note listed twice");
            assertEquals("Saved meanwhile", all.get(0).title(), "the note saved while paging is missing or stale");
            assertEquals(store.list().notes(), all);
        }
    }

    @Test
    void everyVersionIsListedAcrossPagesOldestFirst() {
        SqliteNoteStore store = SqliteNoteStore.open(dir);
        StoreFixtures.fill(store, 0, "h", 1100);
        try (ConcordServer server = ConcordServer.create(ServerConfig.loopback(dir), store).start()) {
            HttpNotesClient client = HttpNotesClient.create(server.baseUri(), "bob", null);
            List<NoteSummary> versions = ok(client.versions("h"));
            List<Long> numbers = new ArrayList<>();
            versions.forEach(v -> numbers.add(v.version()));
            assertEquals(1100, numbers.size());
            for (int i = 0; i < numbers.size(); i++) {
                assertEquals(i + 1, numbers.get(i));
            }
        }
    }

    @Test
    void aNextLinkIsFollowedOnlyToTheSameServer() {
        HttpUrl request = HttpUrl.get("http://127.0.0.1:8080/notes");
        assertEquals(HttpUrl.get("http://127.0.0.1:8080/notes?cursor=abc"),
                LinkHeader.next("</notes?cursor=abc>; rel=\"next\"", request).orElseThrow());
        assertEquals(HttpUrl.get("http://127.0.0.1:8080/notes?cursor=x"),
                LinkHeader.next("<http://127.0.0.1:8080/notes?cursor=x>; rel=next, </a>; rel=\"prev\"", request).orElseThrow());
        assertTrue(LinkHeader.next("</notes?cursor=abc>; rel=\"prev\"", request).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> LinkHeader.next("<http://evil.example/notes>; rel=\"next\"", request));
        assertThrows(IllegalArgumentException.class,
                () -> LinkHeader.next("<http://127.0.0.1:9999/notes>; rel=\"next\"", request));
    }
}
