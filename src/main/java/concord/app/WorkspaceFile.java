package concord.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@link Workspace} as {@code workspace.json} in the Concord home. Written whole to a temporary file and moved over
 * the old one, so a crash mid-write leaves the previous workspace, never half of one. A file that cannot be read
 * (damaged, from a future version with other types) gives the defaults: forgetting where a window was is fine,
 * refusing to start is not.
 */
public final class WorkspaceFile {

    public static final String NAME = "workspace.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;

    public WorkspaceFile(Path concordHome) {
        this.file = concordHome.resolve(NAME);
    }

    public Path path() {
        return file;
    }

    /** The remembered workspace, or {@link Workspace#DEFAULT} when there is none or it cannot be read. Blocking. */
    public Workspace load() {
        if (!Files.isRegularFile(file)) {
            return Workspace.DEFAULT;
        }
        try {
            Workspace w = JSON.readValue(file.toFile(), Workspace.class);
            return w == null || w.windows() == null ? Workspace.DEFAULT : w;
        } catch (IOException | RuntimeException e) {
            System.getLogger(WorkspaceFile.class.getName()).log(System.Logger.Level.WARNING,
                    "ignoring the unreadable " + file + ": " + e.getMessage());
            return Workspace.DEFAULT;
        }
    }

    /** Writes it (temporary file, fsync, atomic rename). Blocking: call off the FX thread. */
    public void save(Workspace workspace) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), NAME, ".tmp");
        try {
            try (var out = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                out.write(java.nio.ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(workspace)));
                out.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
