package concord.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A data directory held by one store at a time: an OS-level lock on {@value #LOCK_FILE} (released by the OS when
 * the process dies, so a kill -9 leaves nothing stale), and files only their owner can read — notes are private.
 *
 * <p>Without the lock, two server processes on one database would each keep their own ETag sequence and issue the
 * same tag twice. The lock is per process: a second store in the same JVM is refused too.
 */
public final class DataDirectory implements AutoCloseable {

    public static final String LOCK_FILE = "concord.lock";
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code dir} if needed (mode 700, parents included) and locks it.
     *
     * @throws DirectoryInUseException if another process (or another store in this one) holds it
     */
    public static DataDirectory lock(Path dir) {
        try {
            createPrivateDirectories(dir);
            Path lockFile = dir.resolve(LOCK_FILE);
            createPrivateFile(lockFile);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new DirectoryInUseException("the data directory " + dir.toAbsolutePath() + " is in use by another"
                        + " Concord server" + (holder.isEmpty() ? "" : " (" + holder + ")")
                        + "; stop that one first, or give this one another directory with --data");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("process " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            return new DataDirectory(dir, channel, lock);
        } catch (IOException e) {
            throw new StoreException("cannot lock the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Creates the directory and any missing parents readable by the owner only (where the file system has modes). */
    public static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (isPosix(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Creates an empty file readable by the owner only, unless it exists. */
    static void createPrivateFile(Path file) throws IOException {
        FileAttribute<?>[] attrs = isPosix(file.getParent())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
        try {
            Files.createFile(file, attrs);
        } catch (FileAlreadyExistsException ok) {
            // kept as it is: an existing database keeps the mode its owner gave it
        }
    }

    private static boolean isPosix(Path existingOrParent) {
        Path p = existingOrParent;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return p != null && Files.getFileStore(p).supportsFileAttributeView("posix");
        } catch (IOException e) {
            return false;
        }
    }

    /** Releases the lock (the lock file stays; it is only ever locked, never trusted for its content). */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock; the OS releases it at exit anyway
        }
    }
}
