package concord.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteSummary;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the real server over loopback, backed by a real SQLite file. */
class HttpNotesClientServerTest {

    @TempDir
    Path dataDir;

    private ConcordServer server;
    private HttpNotesClient alice;
    private HttpNotesClient bob;
    /** "METHOD /path -> status" of every exchange Alice's client had with the server, as seen on the wire. */
    private final List<String> aliceWire = new CopyOnWriteArrayList<>();

    private static final RetryPolicy QUICK_RETRY = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(50));

    @BeforeEach
    void start() {
        server = ConcordServer.create(ServerConfig.loopback(dataDir)).start();
        OkHttpClient recording = HttpNotesClient.defaultHttpClient().newBuilder()
                .addNetworkInterceptor(chain -> {
                    Response r = chain.proceed(chain.request());
                    aliceWire.add(chain.request().method() + " " + chain.request().url().encodedPath() + " -> " + r.code());
                    return r;
                })
                .build();
        alice = new HttpNotesClient(server.baseUri(), "alice", null, recording, QUICK_RETRY);
        bob = new HttpNotesClient(server.baseUri(), "bob", null, HttpNotesClient.defaultHttpClient(), QUICK_RETRY);
    }

    @AfterEach
    void stop() {
        // idle keep-alive connections would hold up the server's graceful stop for seconds
        alice.releaseIdleConnections();
        bob.releaseIdleConnections();
        server.close();
    }

    private static NoteContent content(String title, String body, String... tags) {
        return new NoteContent(title, body, List.of(tags));
    }

    private static <T> T ok(ApiResult<T> result) {
        ApiResult.Ok<T> ok = assertInstanceOf(ApiResult.Ok.class, result, () -> "expected Ok but got " + result);
        return ok.value();
    }

    // ------------------------------------------------------------------------------------- success

    @Test
    void aCreatedNoteReadsBackWithItsIdVersionETagAndAuthor() {
        Note created = ok(alice.create(content("Groceries", "milk\n", "home")));

        assertEquals(1, created.version());
        assertEquals("alice", created.updatedBy());
        assertEquals(content("Groceries", "milk\n", "home"), created.content());
        assertEquals(created, ok(bob.get(created.id())));
        assertEquals(created.etag(), ok(bob.head(created.id())));
    }

    @Test
    void createWithIdCreatesAndASecondCreateOfThatIdIsAConflictHoldingTheExistingNote() {
        Note first = ok(alice.createWithId("plan", content("Plan", "a")));

        ApiResult<Note> second = bob.createWithId("plan", content("Plan", "b"));

        assertEquals(new ApiResult.Conflict<>(first), second);
        assertEquals("a", ok(bob.get("plan")).body());
    }

    @Test
    void anUpdateWithTheCurrentETagIsOkAndReturnsTheNewVersion() {
        Note v1 = ok(alice.create(content("T", "one")));

        Note v2 = ok(alice.update(v1.id(), v1.etag(), content("T", "two", "x")));

        assertEquals(2, v2.version());
        assertNotEquals(v1.etag(), v2.etag());
        assertEquals(content("T", "two", "x"), v2.content());
        assertEquals(v2, ok(bob.get(v1.id())));
    }

    @Test
    void versionsListEverySaveOldestFirstAndEachCanBeRead() {
        Note v1 = ok(alice.create(content("T", "one")));
        Note v2 = ok(alice.update(v1.id(), v1.etag(), content("T", "two")));
        ok(bob.update(v1.id(), v2.etag(), content("T", "three")));

        List<NoteSummary> versions = ok(alice.versions(v1.id()));

        assertEquals(List.of(1L, 2L, 3L), versions.stream().map(NoteSummary::version).toList());
        assertEquals(List.of("alice", "alice", "bob"), versions.stream().map(NoteSummary::updatedBy).toList());
        assertEquals("two", ok(alice.version(v1.id(), 2)).body());
        assertEquals(v2.etag(), ok(alice.version(v1.id(), 2)).etag());
    }

    // ------------------------------------------------------------------------------------ conflicts

    @Test
    void aStaleUpdateGetsConflictWithTheServersCurrentNoteAndChangesNothing() {
        Note base = ok(alice.create(content("Groceries", "milk\n")));
        Note bobsView = ok(bob.get(base.id()));
        Note alicesSave = ok(alice.update(base.id(), base.etag(), content("Groceries", "milk\neggs\n")));

        ApiResult<Note> bobsSave = bob.update(base.id(), bobsView.etag(), content("Groceries", "milk\nbread\n"));

        assertEquals(new ApiResult.Conflict<>(alicesSave), bobsSave);
        assertEquals(alicesSave, ok(alice.get(base.id())));
        assertEquals(2, ok(alice.versions(base.id())).size());
    }

    @Test
    void aSaveRepeatedByHandAfterItWasAppliedIsOkNotAConflictWithItself() {
        Note base = ok(alice.create(content("T", "one")));
        Note saved = ok(alice.update(base.id(), base.etag(), content("T", "two", "b", "a")));

        // e.g. the first answer was lost, the user saw "unreachable" and pressed Save again with the old ETag
        assertEquals(new ApiResult.Ok<>(saved), alice.update(base.id(), base.etag(), content("T", "two", "a", "b")));
        assertEquals(new ApiResult.Ok<>(saved), alice.createWithId(base.id(), content("T", "two", "a", "b")));
        assertEquals(2, ok(alice.versions(base.id())).size());
    }

    @Test
    void aStaleDeleteGetsConflictAndTheNoteStays() {
        Note base = ok(alice.create(content("T", "one")));
        Note v2 = ok(bob.update(base.id(), base.etag(), content("T", "two")));

        assertEquals(new ApiResult.Conflict<>(v2), alice.delete(base.id(), base.etag()));
        assertEquals(v2, ok(alice.get(base.id())));
    }

    @Test
    void ofManyConcurrentUpdatesFromOneETagExactlyOneWinsAndTheOthersSeeItsNote() throws Exception {
        Note base = ok(alice.create(content("T", "base")));
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiResult<Note>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                HttpNotesClient c = i % 2 == 0 ? alice : bob; // one client instance shared by several threads
                String body = "writer " + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return c.update(base.id(), base.etag(), content("T", body));
                }));
            }
            go.countDown();
            List<Note> winners = new ArrayList<>();
            List<Note> seenByLosers = new ArrayList<>();
            for (Future<ApiResult<Note>> f : results) {
                ApiResult<Note> r = f.get(30, TimeUnit.SECONDS);
                if (r instanceof ApiResult.Ok<Note> o) {
                    winners.add(o.value());
                } else {
                    seenByLosers.add(assertInstanceOf(ApiResult.Conflict.class, r, r::toString).current());
                }
            }
            assertEquals(1, winners.size());
            assertEquals(writers - 1, seenByLosers.size());
            assertTrue(seenByLosers.stream().allMatch(winners.get(0)::equals));
            assertEquals(winners.get(0), ok(bob.get(base.id())));
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------- gone

    @Test
    void anUnknownNoteIsGone() {
        ApiResult.Gone<?> gone = assertInstanceOf(ApiResult.Gone.class, alice.get("nope"));
        assertEquals("note nope does not exist", gone.detail());
    }

    @Test
    void aDeletedNoteIsGoneForReadersUpdatersAndDeleters() {
        Note n = ok(alice.create(content("T", "one")));
        assertEquals(new ApiResult.Ok<Void>(null), alice.delete(n.id(), n.etag()));

        ApiResult.Gone<?> read = assertInstanceOf(ApiResult.Gone.class, bob.get(n.id()));
        assertEquals(alice.user(), read.deletedBy(), "a reader is told who deleted it");
        assertNotNull(read.deletedAt());
        assertInstanceOf(ApiResult.Gone.class, alice.get(n.id()), "the deleter's cache must not answer for it");
        assertInstanceOf(ApiResult.Gone.class, bob.update(n.id(), n.etag(), content("T", "two")));
        assertInstanceOf(ApiResult.Gone.class, bob.delete(n.id(), n.etag()));
    }

    @Test
    void anUpdateOfANoteThatNeverExistedIsGone() {
        ApiResult.Gone<?> gone = assertInstanceOf(ApiResult.Gone.class, alice.update("ghost", new ETag("v1-x"), content("T", "x")));
        assertTrue(gone.detail().contains("ghost"), gone.detail());
    }

    // ------------------------------------------------------------------------------- invalid, auth

    @Test
    void aTitleTooLongIsInvalidWithTheServersDetailAndCreatesNothing() {
        ApiResult<Note> r = alice.create(content("x".repeat(201), "body"));

        ApiResult.Invalid<?> invalid = assertInstanceOf(ApiResult.Invalid.class, r);
        assertEquals(400, invalid.status());
        assertTrue(invalid.detail().contains("'title'"), invalid.detail());
        assertEquals(List.of(), ok(alice.list()));
    }

    @Test
    void aVersionNumberBelowOneIsInvalid() {
        Note n = ok(alice.create(content("T", "one")));

        ApiResult.Invalid<?> invalid = assertInstanceOf(ApiResult.Invalid.class, alice.version(n.id(), 0));
        assertEquals(400, invalid.status());
    }

    @Test
    void withAUsersFileAWrongTokenIsUnauthorizedAndTheRightOneActsAsThatUser() throws IOException {
        Path users = Files.writeString(dataDir.resolve("users.txt"), "carol:carol-token-0123456789\n");
        Files.setPosixFilePermissions(users, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (ConcordServer secured = ConcordServer.create(ServerConfig.loopback(dataDir.resolve("secured")).withUsersFile(users)).start()) {
            HttpNotesClient wrong = HttpNotesClient.create(secured.baseUri(), "carol", "not-the-token-at-all");
            HttpNotesClient none = HttpNotesClient.create(secured.baseUri(), "carol", null);
            HttpNotesClient right = HttpNotesClient.create(secured.baseUri(), "someone", "carol-token-0123456789");

            assertEquals(new ApiResult.Unauthorized<>("the bearer token is not valid on this server"), wrong.list());
            assertInstanceOf(ApiResult.Unauthorized.class, none.create(content("T", "x")));
            assertEquals("carol", ok(right.create(content("T", "x"))).updatedBy());
            List.of(wrong, none, right).forEach(HttpNotesClient::releaseIdleConnections);
        }
    }

    // ----------------------------------------------------------------------------------- ETag cache

    @Test
    void pollingAnUnchangedListCostsA304AndStillReturnsTheList() {
        Note n = ok(bob.create(content("T", "one")));

        List<NoteSummary> first = ok(alice.list());
        List<NoteSummary> second = ok(alice.list());

        assertEquals(List.of(n.summary()), first);
        assertEquals(first, second);
        assertEquals(List.of("GET /notes -> 200", "GET /notes -> 304"), aliceWire);
    }

    @Test
    void aChangedListIsFetchedAgainAfterAnotherUsersWrite() {
        Note n = ok(bob.create(content("T", "one")));
        ok(alice.list());
        Note n2 = ok(bob.update(n.id(), n.etag(), content("T2", "two")));

        assertEquals(List.of(n2.summary()), ok(alice.list()));
        assertEquals(List.of("GET /notes -> 200", "GET /notes -> 200"), aliceWire);
    }

    @Test
    void readingAnUnchangedNoteAgainIsA304AndAChangedOneIsFetched() {
        Note n = ok(bob.create(content("T", "one")));
        assertEquals(n, ok(alice.get(n.id())));
        assertEquals(n, ok(alice.get(n.id())));
        Note n2 = ok(bob.update(n.id(), n.etag(), content("T", "two")));
        assertEquals(n2, ok(alice.get(n.id())));

        String path = "/notes/" + n.id();
        assertEquals(List.of("GET " + path + " -> 200", "GET " + path + " -> 304", "GET " + path + " -> 200"), aliceWire);
    }

    @Test
    void aNoteJustSavedIsNotDownloadedAgain() {
        Note n = ok(alice.create(content("T", "one")));
        Note n2 = ok(alice.update(n.id(), n.etag(), content("T", "two")));

        assertEquals(n2, ok(alice.get(n.id())));
        assertEquals("GET /notes/" + n.id() + " -> 304", aliceWire.get(aliceWire.size() - 1));
    }

    // ------------------------------------------------------------------------------------ unreachable

    @Test
    void whenNothingListensEveryCallIsUnreachableWithTheAddress() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port);
        HttpNotesClient client = new HttpNotesClient(nowhere, "alice", null, HttpNotesClient.defaultHttpClient(), QUICK_RETRY);

        String expected = "Cannot reach http://127.0.0.1:" + port + " (connection refused) after 3 attempts";
        assertEquals(new ApiResult.Unreachable<>(expected), client.list());
        assertEquals(new ApiResult.Unreachable<>(expected), client.update("n1", new ETag("v1"), content("T", "x")));
        // never sent at all, so it cannot have been applied: no "may have applied" warning, and no retry either
        assertEquals(new ApiResult.Unreachable<>("Cannot reach http://127.0.0.1:" + port + " (connection refused)"),
                client.create(content("T", "x")));
    }

    @Test
    void afterTheServerStopsTheClientSaysUnreachableAndAfterARestartItWorksAgain() {
        Note n = ok(alice.create(content("T", "one")));
        int port = server.port();
        alice.releaseIdleConnections();
        server.close();

        ApiResult.Unreachable<?> down = assertInstanceOf(ApiResult.Unreachable.class, alice.get(n.id()));
        assertTrue(down.reason().startsWith("Cannot reach http://127.0.0.1:" + port), down.reason());

        server = ConcordServer.create(ServerConfig.loopback(dataDir).withPort(port)).start();
        assertEquals(n, ok(alice.get(n.id())));
    }

    // ---------------------------------------------------------------- retries of writes after a timeout

    /** Alice's client through a proxy that swallows the answer to her first write. */
    private HttpNotesClient aliceThrough(DroppingProxy proxy) {
        OkHttpClient impatient = HttpNotesClient.defaultHttpClient().newBuilder()
                .readTimeout(Duration.ofSeconds(3)).build();
        return new HttpNotesClient(proxy.uri(), "alice", null, impatient, QUICK_RETRY);
    }

    @Test
    void aPutAppliedButUnansweredIsRetriedAndItsOwn412IsReportedAsSaved() throws IOException {
        Note base = ok(alice.create(content("T", "one")));
        try (DroppingProxy proxy = new DroppingProxy(server.baseUri(), line -> line.startsWith("PUT "), () -> { })) {
            ApiResult<Note> r = aliceThrough(proxy).update(base.id(), base.etag(), content("T", "two", "t"));

            Note saved = ok(r);
            assertEquals(content("T", "two", "t"), saved.content());
            assertEquals(saved, ok(bob.get(base.id())));
            assertEquals(List.of("PUT /notes/" + base.id() + " -> 200", "PUT /notes/" + base.id() + " -> 412"), proxy.forwarded);
            assertEquals(2, ok(bob.versions(base.id())).size(), "applied once");
        }
    }

    @Test
    void aRetriedPutThatFindsSomeoneElsesWriteIsStillAConflict() throws IOException {
        Note base = ok(alice.create(content("T", "one")));
        Note[] bobs = new Note[1];
        Runnable bobWritesInBetween = () -> {
            Note afterAlice = ok(bob.get(base.id()));
            bobs[0] = ok(bob.update(base.id(), afterAlice.etag(), content("T", "bob's")));
        };
        try (DroppingProxy proxy = new DroppingProxy(server.baseUri(), line -> line.startsWith("PUT "), bobWritesInBetween)) {
            ApiResult<Note> r = aliceThrough(proxy).update(base.id(), base.etag(), content("T", "alice's"));

            assertEquals(new ApiResult.Conflict<>(bobs[0]), r);
            assertEquals(3, ok(bob.versions(base.id())).size());
        }
    }

    @Test
    void aCreateWithIdAppliedButUnansweredIsReportedAsCreated() throws IOException {
        try (DroppingProxy proxy = new DroppingProxy(server.baseUri(), line -> line.startsWith("PUT "), () -> { })) {
            Note created = ok(aliceThrough(proxy).createWithId("fresh", content("Fresh", "new")));

            assertEquals(created, ok(bob.get("fresh")));
            assertEquals(List.of("PUT /notes/fresh -> 201", "PUT /notes/fresh -> 412"), proxy.forwarded);
        }
    }

    @Test
    void aDeleteAppliedButUnansweredIsReportedAsDone() throws IOException {
        Note n = ok(alice.create(content("T", "one")));
        try (DroppingProxy proxy = new DroppingProxy(server.baseUri(), line -> line.startsWith("DELETE "), () -> { })) {
            assertEquals(new ApiResult.Ok<Void>(null), aliceThrough(proxy).delete(n.id(), n.etag()));

            assertInstanceOf(ApiResult.Gone.class, bob.get(n.id()));
            assertEquals(List.of("DELETE /notes/" + n.id() + " -> 204", "DELETE /notes/" + n.id() + " -> 412"), proxy.forwarded);
        }
    }

    @Test
    void aPostAppliedButUnansweredIsNotRepeatedSoNoDuplicateNoteAppears() throws Exception {
        try (DroppingProxy proxy = new DroppingProxy(server.baseUri(), line -> line.startsWith("POST "), () -> { })) {
            ApiResult<Note> r = aliceThrough(proxy).create(content("Once", "only"));

            ApiResult.Unreachable<?> u = assertInstanceOf(ApiResult.Unreachable.class, r);
            assertTrue(u.reason().endsWith("the server may have applied the request"), u.reason());
            assertTrue(proxy.awaitDroppedRequestApplied(Duration.ofSeconds(30)));
            assertEquals(1, ok(bob.list()).size());
            assertEquals(List.of("POST /notes -> 201"), proxy.forwarded);
        }
    }
}
