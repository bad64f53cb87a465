package concord.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system for a test: a tmpfs of a fixed size mounted on a fresh directory, so that a write
 * really fails with ENOSPC the way it does on a full disk. Mounting needs root (or CAP_SYS_ADMIN); where that is
 * missing {@link #mount} says why, and the test skips with that reason.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** The mounted directory, or a reason why none could be mounted. */
    public sealed interface Mounted permits Ok, Refused {
    }

    public record Ok(SmallDisk disk) implements Mounted {
    }

    public record Refused(String why) implements Mounted {
    }

    /** Mounts a tmpfs of {@code bytes} on {@code dir} (created if missing). */
    public static Mounted mount(Path dir, long bytes) {
        try {
            Files.createDirectories(dir);
            String out = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0700", "tmpfs", dir.toString()));
            if (out != null) {
                return new Refused("cannot mount a tmpfs on " + dir + " (needs root or CAP_SYS_ADMIN): " + out);
            }
            return new Ok(new SmallDisk(dir));
        } catch (IOException e) {
            return new Refused("cannot run mount: " + e.getMessage());
        }
    }

    public Path dir() {
        return dir;
    }

    /** Fills the file system with a file of zeros until ENOSPC, leaving {@code leave} bytes free at most. */
    public Path ballast(String name, long leave) throws IOException {
        Path file = dir.resolve(name);
        long free = Files.getFileStore(dir).getUsableSpace();
        long size = Math.max(0, free - leave);
        byte[] chunk = new byte[64 * 1024];
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
        return file;
    }

    public long free() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    @Override
    public void close() throws IOException {
        String out = run(List.of("umount", "-l", dir.toString()));
        if (out != null) {
            throw new IOException("umount " + dir + " failed: " + out);
        }
    }

    /** Null when the command succeeded, else what it printed. */
    private static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", cmd) + " did not finish in 30 s";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    }
}
