package concord.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import concord.model.Note;
import concord.model.NoteContent;
import concord.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Drafts as one JSON file per key in one directory. Thread-safe (no shared mutable state besides the files).
 *
 * <p>Each save writes a temp file in the same directory, forces it to disk, renames it over the old file
 * atomically and then forces the directory, so after a crash the file holds the previous or the new draft,
 * never a torn mix, and an acknowledged save survives a power cut. Files that cannot be read (corrupt,
 * from a newer version) are skipped and left where they are: a parse error never deletes anyone's text.
 * Disk failures on save/remove are thrown as {@link UncheckedIOException}.
 */
public final class FileDraftStore implements DraftStore {

    private static final System.Logger LOG = System.getLogger(FileDraftStore.class.getName());

    /** Draft files end in this; temp files do not, so a half-written one is never read as a draft. */
    static final String SUFFIX = ".draft.json";
    private static final int FORMAT = 1;
    private static final int MAX_PLAIN_NAME = 180;

    private final Path dir;
    private final ObjectMapper mapper = Json.newMapper();
    private final WriteHook hook;
    private final Opener opener;

    /**
     * Called once half of a draft's bytes are written, before the rest: where tests inject a failure (a full
     * disk) or a crash (kill -9 of the process) in the middle of a write. Does nothing in the app.
     */
    @FunctionalInterface
    interface WriteHook {
        void halfWritten(Path file) throws IOException;
    }

    /**
     * Opens the channels of draft files and of directories (to fsync them): where tests watch that every save
     * forces the file before the rename and the directory after it. {@code FileChannel::open} in the app.
     */
    @FunctionalInterface
    interface Opener {
        FileChannel open(Path path, java.nio.file.OpenOption... options) throws IOException;
    }

    /** The file's shape; {@code format} lets a later version recognise (and not misread) older files. */
    private record DraftFile(int format, String key, Note base, NoteContent mine, Instant savedAt) {
    }

    public FileDraftStore(Path dir) {
        this(dir, file -> { });
    }

    FileDraftStore(Path dir, WriteHook hook) {
        this(dir, hook, FileChannel::open);
    }

    FileDraftStore(Path dir, WriteHook hook, Opener opener) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        this.hook = Objects.requireNonNull(hook, "hook");
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /**
     * The store for one user of one server under {@code root}: {@code root/<host>_<port>-<hash>/<user>-<hash>}.
     * The readable parts help a person find their drafts; the hashes keep {@code http://a:1/} and
     * {@code https://a:1/}, or users "Bob" and "bob" on a case-insensitive disk, apart.
     */
    public static FileDraftStore forServerAndUser(Path root, URI server, String user) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(user, "user");
        String normalized = normalize(server);
        URI u = URI.create(normalized);
        String serverPart = readable(u.getHost() == null ? "server" : u.getHost()) + "_" + u.getPort() + "-" + shortHash(normalized);
        String userPart = readable(user) + "-" + shortHash(user);
        return new FileDraftStore(root.resolve(serverPart).resolve(userPart));
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void save(Draft draft) {
        Objects.requireNonNull(draft, "draft");
        Path target = fileFor(draft.key());
        Path tmp = null;
        try {
            createDirectory();
            byte[] bytes = mapper.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new DraftFile(FORMAT, draft.key(), draft.base(), draft.mine(), draft.savedAt()));
            tmp = Files.createTempFile(dir, ".", ".tmp");
            try (FileChannel ch = opener.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes, 0, bytes.length / 2);
                writeFully(ch, buf);
                hook.halfWritten(tmp);
                writeFully(ch, buf.limit(bytes.length));
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the draft of \"" + draft.key() + "\" in " + dir + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temp file is never read as a draft; leaving it is harmless
                }
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    @Override
    public Optional<Draft> load(String key) {
        Objects.requireNonNull(key, "key");
        Path file = fileFor(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return read(file).filter(d -> d.key().equals(key));
    }

    @Override
    public List<Draft> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Draft> drafts = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    read(file).ifPresent(drafts::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the drafts in " + dir + ": " + e.getMessage(), e);
        }
        drafts.sort(Comparator.comparing(Draft::savedAt).thenComparing(Draft::key));
        return List.copyOf(drafts);
    }

    @Override
    public void remove(String key) {
        Objects.requireNonNull(key, "key");
        try {
            if (Files.deleteIfExists(fileFor(key))) {
                syncDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the draft of \"" + key + "\" from " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The file of a key: an injective, case-insensitive-safe escaping, hashed only when too long for a name. */
    Path fileFor(String key) {
        return dir.resolve(fileName(key));
    }

    static String fileName(String key) {
        StringBuilder sb = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                sb.append((char) c);
            } else {
                // Upper case is escaped too, so "Abc" and "abc" stay two files on a case-insensitive disk.
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        String name = sb.length() == 0 ? "%" : sb.toString();
        if (name.length() > MAX_PLAIN_NAME) {
            // '~' never appears in an escaped name, so hashed names cannot collide with plain ones.
            name = "~" + hash(key);
        }
        return name + SUFFIX;
    }

    private Optional<Draft> read(Path file) {
        try {
            DraftFile f = mapper.readValue(Files.readAllBytes(file), DraftFile.class);
            if (f.format() != FORMAT || f.key() == null || f.mine() == null || f.savedAt() == null) {
                LOG.log(System.Logger.Level.WARNING, "Skipping draft file {0}: unknown format {1} or missing fields (kept on disk)",
                        file, f.format());
                return Optional.empty();
            }
            return Optional.of(new Draft(f.key(), f.base(), f.mine(), f.savedAt()));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // removed between listing and reading
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Skipping unreadable draft file {0} (kept on disk): {1}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private void createDirectory() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path firstMissing = dir;
        while (firstMissing.getParent() != null && !Files.isDirectory(firstMissing.getParent())) {
            firstMissing = firstMissing.getParent();
        }
        Files.createDirectories(dir);
        // Make each new directory's entry durable in its parent, or a crash could lose the folder with its drafts.
        for (Path p = dir; p != null && p.getParent() != null; p = p.getParent()) {
            syncDirectory(p.getParent());
            if (p.equals(firstMissing)) {
                break;
            }
        }
    }

    /**
     * fsync a directory so a rename or delete in it is durable. Works on Linux and macOS; some platforms
     * (Windows) cannot open a directory as a channel, and there the rename itself is the best we can do.
     */
    private void syncDirectory(Path directory) {
        try (FileChannel ch = opener.open(directory, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Cannot fsync directory {0}: {1}", directory, e.getMessage());
        }
    }

    private static String normalize(URI server) {
        String scheme = server.getScheme() == null ? "http" : server.getScheme().toLowerCase(Locale.ROOT);
        String host = server.getHost() == null ? "" : server.getHost().toLowerCase(Locale.ROOT);
        int port = server.getPort() != -1 ? server.getPort() : scheme.equals("https") ? 443 : 80;
        String path = server.getRawPath() == null ? "" : server.getRawPath().replaceAll("/+$", "");
        return scheme + "://" + host + ":" + port + path;
    }

    private static String readable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
            if (sb.length() >= 32) {
                break;
            }
            sb.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ? c : '_');
        }
        String r = sb.toString().replaceAll("^\\.+", "_");
        return r.isEmpty() ? "_" : r;
    }

    private static String shortHash(String s) {
        return hash(s).substring(0, 10);
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
