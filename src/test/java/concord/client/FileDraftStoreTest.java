package concord.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDraftStoreTest {

    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-11-26T14:30:00.123456789Z");

    private static Note base(String id) {
        return new Note(id, "Groceries", "milk\neggs\n", List.of("home", "shop"), 3,
                new ETag("v3-abc"), Instant.parse("2026-11-26T14:00:00Z"), "alice");
    }

    private static Draft draft(String key, Note base, String body, Instant at) {
        return new Draft(key, base, new NoteContent("Groceries", body, List.of("home")), at);
    }

    @Test
    void aDraftWithABaseComesBackExactlyAsSaved() {
        FileDraftStore store = new FileDraftStore(dir);
        Draft d = draft("n1", base("n1"), "milk\neggs\nbread — ünïcödé ✓\n", T0);

        store.save(d);

        assertEquals(Optional.of(d), store.load("n1"));
        assertEquals(List.of(d), store.all());
    }

    @Test
    void aDraftOfANewNoteWithoutABaseComesBackWithANullBase() {
        FileDraftStore store = new FileDraftStore(dir);
        Draft d = draft("new-6f1c1a52-3e0b-4d0e-9a57-0d6c5a1e2b3f", null, "first words", T0);

        store.save(d);

        Draft loaded = store.load(d.key()).orElseThrow();
        assertEquals(d, loaded);
        assertTrue(loaded.isNewNote());
    }

    @Test
    void saveReplacesTheDraftAndLeavesNoTempFilesBehind() throws IOException {
        FileDraftStore store = new FileDraftStore(dir);
        for (int i = 0; i < 20; i++) {
            store.save(draft("n1", base("n1"), "version " + i, T0.plusSeconds(i)));
        }

        assertEquals("version 19", store.load("n1").orElseThrow().mine().body());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("n1" + FileDraftStore.SUFFIX),
                    files.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
    }

    @Test
    void aSaveThatFailsHalfwayThroughItsWriteKeepsThePreviousDraftIntactAndLeavesNoTempFile() throws IOException {
        List<Path> written = new ArrayList<>();
        boolean[] diskFull = {false};
        FileDraftStore store = new FileDraftStore(dir, file -> {
            written.add(file);
            if (diskFull[0]) {
                throw new IOException("No space left on device");
            }
        });
        Draft previous = draft("n1", base("n1"), "previous text\n".repeat(2000), T0);
        store.save(previous);
        diskFull[0] = true;

        java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
                () -> store.save(draft("n1", base("n1"), "next text\n".repeat(2000), T0.plusSeconds(1))));

        assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains("n1"), e.getMessage());
        assertEquals(Optional.of(previous), store.load("n1"));
        assertEquals(Optional.of(previous), new FileDraftStore(dir).load("n1"), "also for the next start of the app");
        for (Path file : written) {
            assertNotEquals(store.fileFor("n1"), file, "the half-written bytes never go to the draft file itself");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("n1" + FileDraftStore.SUFFIX),
                    files.map(p -> p.getFileName().toString()).collect(Collectors.toList()), "the temp file is removed");
        }
    }

    /**
     * What makes an acknowledged save survive a power cut, which no kill -9 can show: the new file is forced to
     * disk before it replaces the old one (or a crash could leave the name pointing at unwritten blocks), and the
     * directory is forced after the rename and after a removal (or the rename itself could be lost), as is the
     * parent of every directory the first save creates. Each force is recorded with the draft the key then loads.
     */
    @Test
    void everySaveForcesTheNewFileBeforeTheRenameAndTheDirectoryAfterIt() throws IOException {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path store = root.resolve("a").resolve("b");
        List<String> forces = new ArrayList<>();
        FileDraftStore[] drafts = new FileDraftStore[1];
        drafts[0] = new FileDraftStore(store, file -> { }, (path, options) -> new ObservedChannel(
                java.nio.channels.FileChannel.open(path, options), () -> forces.add(
                        (Files.isDirectory(path) ? "dir " + dir.relativize(path) : "new file")
                                + " while n1 loads " + drafts[0].load("n1").map(d -> d.mine().body()).orElse("nothing"))));

        drafts[0].save(draft("n1", null, "one", T0));
        assertEquals(List.of("dir root/a while n1 loads nothing", "dir root while n1 loads nothing",
                "new file while n1 loads nothing", "dir root/a/b while n1 loads one"), forces, "first save");

        forces.clear();
        drafts[0].save(draft("n1", null, "two", T0));
        assertEquals(List.of("new file while n1 loads one", "dir root/a/b while n1 loads two"), forces, "next save");

        forces.clear();
        drafts[0].remove("n1");
        assertEquals(List.of("dir root/a/b while n1 loads nothing"), forces, "remove");
        forces.clear();
        drafts[0].remove("n1");
        assertEquals(List.of(), forces, "nothing to remove: nothing to force");
    }

    @Test
    void theFoldersOfAServerAndAUserAreReadableCutAt32CharactersAndApartForEveryServerPath() {
        FileDraftStore plain = FileDraftStore.forServerAndUser(dir, URI.create("http://Notes.Example:8080"), "az09-.");
        assertTrue(plain.directory().getParent().getFileName().toString().startsWith("notes.example_8080-"));
        assertTrue(plain.directory().getFileName().toString().startsWith("az09-.-"));
        FileDraftStore odd = FileDraftStore.forServerAndUser(dir, URI.create("http://h:1"), "`{/:@[");
        assertTrue(odd.directory().getFileName().toString().startsWith("______-"), odd.directory().toString());
        FileDraftStore longName = FileDraftStore.forServerAndUser(dir, URI.create("http://h:1"), "x".repeat(40));
        assertTrue(longName.directory().getFileName().toString().startsWith("x".repeat(32) + "-"), longName.directory().toString());
        assertTrue(!longName.directory().getFileName().toString().startsWith("x".repeat(33)));
        assertNotEquals(FileDraftStore.forServerAndUser(dir, URI.create("http://h:1/a"), "u").directory(),
                FileDraftStore.forServerAndUser(dir, URI.create("http://h:1/b"), "u").directory(), "two servers under one host");
        assertEquals(FileDraftStore.forServerAndUser(dir, URI.create("http://h/a/"), "u").directory(),
                FileDraftStore.forServerAndUser(dir, URI.create("http://h:80/a"), "u").directory(), "default port, trailing slash");
        assertEquals(FileDraftStore.forServerAndUser(dir, URI.create("https://h/"), "u").directory(),
                FileDraftStore.forServerAndUser(dir, URI.create("https://h:443"), "u").directory());
    }

    @Test
    void aKeyOfPlainCharactersKeepsItsReadableNameUpToTheLimitAndIsHashedBeyondIt() {
        assertEquals("az09-_" + FileDraftStore.SUFFIX, FileDraftStore.fileName("az09-_"));
        assertEquals("%60%7B%2F%3A%40%5B%2E" + FileDraftStore.SUFFIX, FileDraftStore.fileName("`{/:@[."),
                "the neighbours of the plain ranges are escaped");
        String longest = "k".repeat(180);
        assertEquals(longest + FileDraftStore.SUFFIX, FileDraftStore.fileName(longest));
        String hashed = FileDraftStore.fileName(longest + "k");
        assertTrue(hashed.startsWith("~") && hashed.length() == 1 + 64 + FileDraftStore.SUFFIX.length(), hashed);
        assertTrue(FileDraftStore.fileName("%".repeat(60)).startsWith("%25"), "60 escaped characters (180) stay readable");
        assertTrue(FileDraftStore.fileName("%".repeat(61)).startsWith("~"));
    }

    @Test
    void allListsTheOldestDraftFirst() {
        FileDraftStore store = new FileDraftStore(dir);
        store.save(draft("b", null, "2", T0.plusSeconds(2)));
        store.save(draft("c", null, "3", T0.plusSeconds(3)));
        store.save(draft("a", null, "1", T0.plusSeconds(1)));

        assertEquals(List.of("a", "b", "c"), store.all().stream().map(Draft::key).collect(Collectors.toList()));
    }

    @Test
    void aCorruptDraftFileIsSkippedAndLeftOnDiskUntouched() throws IOException {
        FileDraftStore store = new FileDraftStore(dir);
        Draft good = draft("good", base("good"), "fine", T0);
        store.save(good);
        byte[] garbage = "{\"format\":1,\"key\":\"bad\",\"mine\":{\"title\":\"tr".getBytes(StandardCharsets.UTF_8);
        Path corrupt = dir.resolve("bad" + FileDraftStore.SUFFIX);
        Files.write(corrupt, garbage);
        Path future = dir.resolve("future" + FileDraftStore.SUFFIX);
        Files.writeString(future, "{\"format\":2,\"key\":\"future\",\"somethingNew\":true}");

        assertEquals(List.of(good), store.all());
        assertEquals(Optional.empty(), store.load("bad"));
        assertArrayEquals(garbage, Files.readAllBytes(corrupt));
        assertTrue(Files.exists(future));
    }

    @Test
    void aTempFileLeftByACrashBeforeTheRenameIsNotMistakenForADraft() throws IOException {
        FileDraftStore store = new FileDraftStore(dir);
        Draft previous = draft("n1", base("n1"), "previous", T0);
        store.save(previous);
        Path leftover = dir.resolve(".12345.tmp");
        Files.writeString(leftover, "{\"format\":1,\"key\":\"n1\",\"mine\":{\"tit");

        assertEquals(List.of(previous), store.all());
        assertEquals(Optional.of(previous), store.load("n1"));
        assertTrue(Files.exists(leftover));
    }

    @Test
    void removeDeletesOnlyThatDraftAndToleratesAMissingOne() {
        FileDraftStore store = new FileDraftStore(dir);
        store.save(draft("a", null, "1", T0));
        store.save(draft("b", null, "2", T0.plusSeconds(1)));

        store.remove("a");
        store.remove("never-saved");

        assertEquals(Optional.empty(), store.load("a"));
        assertEquals(List.of("b"), store.all().stream().map(Draft::key).collect(Collectors.toList()));
    }

    @Test
    void keysDifferingInCaseOrHoldingPathCharactersGetTheirOwnFilesInsideTheStore() throws IOException {
        FileDraftStore store = new FileDraftStore(dir.resolve("store"));
        List<String> keys = List.of("Abc", "abc", "ABC", "../escape", "a/b", "a\\b", "con", ".", "..", "%41bc",
                "ünï", "x".repeat(300), "x".repeat(301), " spaced ");
        for (int i = 0; i < keys.size(); i++) {
            store.save(draft(keys.get(i), null, "body " + i, T0.plusSeconds(i)));
        }

        for (int i = 0; i < keys.size(); i++) {
            assertEquals("body " + i, store.load(keys.get(i)).orElseThrow().mine().body(), keys.get(i));
        }
        assertEquals(keys, store.all().stream().map(Draft::key).collect(Collectors.toList()));
        Set<String> lowerCaseNames = new HashSet<>();
        try (Stream<Path> files = Files.list(dir.resolve("store"))) {
            files.forEach(f -> lowerCaseNames.add(f.getFileName().toString().toLowerCase()));
        }
        assertEquals(keys.size(), lowerCaseNames.size(), "file names must differ even on a case-insensitive disk");
        try (Stream<Path> outside = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("store")), outside.collect(Collectors.toList()));
        }
    }

    @Test
    void aFileRenamedToAnotherKeysNameIsNotLoadedAsThatKey() throws IOException {
        FileDraftStore store = new FileDraftStore(dir);
        store.save(draft("a", null, "of a", T0));
        Files.copy(store.fileFor("a"), store.fileFor("b"));

        assertEquals(Optional.empty(), store.load("b"));
    }

    @Test
    void concurrentSavesOfDifferentKeysFromManyThreadsAllSurvive() throws Exception {
        FileDraftStore store = new FileDraftStore(dir);
        int threads = 8;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        // each key is written twice so renames over existing files race too
                        store.save(draft("t" + thread + "-" + i, null, "first", T0.plusMillis(i)));
                        store.save(draft("t" + thread + "-" + i, null, "second " + thread + "/" + i, T0.plusMillis(i)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Draft> all = store.all();
        assertEquals(threads * perThread, all.size());
        for (Draft d : all) {
            String[] parts = d.key().substring(1).split("-");
            assertEquals("second " + parts[0] + "/" + parts[1], d.mine().body());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.allMatch(f -> f.getFileName().toString().endsWith(FileDraftStore.SUFFIX)), "no temp files left");
        }
    }

    @Test
    void concurrentSavesOfTheSameKeyLeaveOneCompleteDraft() throws Exception {
        FileDraftStore store = new FileDraftStore(dir);
        int threads = 6;
        String big = "line\n".repeat(20_000);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                String body = t + ":" + big;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 10; i++) {
                        store.save(draft("same", null, body, T0));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        String body = store.load("same").orElseThrow().mine().body();
        assertTrue(body.endsWith(":" + big) && body.length() == big.length() + 2, "one writer's whole text, not a mix");
    }

    @Test
    void aStoreInAMissingDirectoryIsEmptyAndCreatesTheDirectoryOnFirstSave() {
        FileDraftStore store = new FileDraftStore(dir.resolve("a").resolve("b"));
        assertEquals(List.of(), store.all());
        assertEquals(Optional.empty(), store.load("x"));

        store.save(draft("x", null, "1", T0));

        assertTrue(Files.isDirectory(dir.resolve("a").resolve("b")));
        assertEquals(1, store.all().size());
    }

    @Test
    void eachServerAndUserGetsItsOwnFolderAndTheSamePairFindsItsDraftsAgain() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        FileDraftStore alice = FileDraftStore.forServerAndUser(dir, URI.create("http://127.0.0.1:8080"), "Alice");
        alice.save(draft("n1", null, "alice's", now));

        FileDraftStore again = FileDraftStore.forServerAndUser(dir, URI.create("http://127.0.0.1:8080/"), "Alice");
        assertEquals(alice.directory(), again.directory());
        assertEquals("alice's", again.load("n1").orElseThrow().mine().body());

        List<FileDraftStore> others = List.of(
                FileDraftStore.forServerAndUser(dir, URI.create("http://127.0.0.1:8080"), "alice"),
                FileDraftStore.forServerAndUser(dir, URI.create("http://127.0.0.1:8080"), "Bob"),
                FileDraftStore.forServerAndUser(dir, URI.create("https://127.0.0.1:8080"), "Alice"),
                FileDraftStore.forServerAndUser(dir, URI.create("http://127.0.0.1:8081"), "Alice"),
                FileDraftStore.forServerAndUser(dir, URI.create("http://localhost:8080"), "Alice"),
                FileDraftStore.forServerAndUser(dir, URI.create("http://127.0.0.1:8080"), "../../Alice"));
        Set<String> dirs = new HashSet<>(); // lower-cased: distinct even on a case-insensitive disk
        dirs.add(dir.relativize(alice.directory()).toString().toLowerCase());
        for (FileDraftStore other : others) {
            assertTrue(other.all().isEmpty());
            assertTrue(other.directory().startsWith(dir), other.directory().toString());
            dirs.add(dir.relativize(other.directory()).toString().toLowerCase());
        }
        assertEquals(others.size() + 1, dirs.size());
        assertTrue(alice.directory().getParent().getFileName().toString().startsWith("127.0.0.1_8080-"));
        assertTrue(alice.directory().getFileName().toString().startsWith("alice-"));
    }
}
