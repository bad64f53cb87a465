package concord.app;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import concord.merge.ConflictFavor;
import concord.merge.ConflictMarkerFormatter;
import concord.merge.MarkerOutput;
import concord.merge.MarkerStyle;
import concord.merge.MergeOptions;
import concord.merge.MergeResult;
import concord.merge.ThreeWayMerger;

/** One merge of three files: read, refuse binary, decode, merge, render markers, encode; and the atomic write. */
final class MergeFileJob {

    /** A merge that could not run; the message is git's wording without the {@code error: } prefix. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    /**
     * @param conflicts   conflict blocks written (git's exit status, before capping)
     * @param suggestions conflicts the engine proposes a resolution for, left as conflicts ({@code --refine=certain})
     */
    record Outcome(byte[] bytes, int conflicts, int suggestions) {
    }

    private final ThreeWayMerger merger;
    private final MarkerStyle style;
    private final ConflictFavor favor;
    private final MergeOptions options;
    private final int markerSize;

    /** @param style the conflict style; {@code null} is git's default (merge) */
    MergeFileJob(ThreeWayMerger merger, MarkerStyle style, ConflictFavor favor, MergeOptions options, int markerSize) {
        this.merger = merger;
        this.style = style;
        this.favor = favor;
        this.options = options;
        this.markerSize = markerSize;
    }

    /** @param labels mine, base, theirs labels (git defaults them to the file names as given) */
    Outcome merge(Path mine, Path base, Path theirs, String[] names, String[] labels) throws Failure {
        Path[] paths = {mine, base, theirs};
        byte[][] bytes = new byte[3][];
        // in git's order, stopping at the first bad input
        for (int i = 0; i < 3; i++) {
            bytes[i] = read(paths[i], names[i]);
            refuseBinary(bytes[i], names[i]);
        }
        return merge(bytes, labels);
    }

    /** git's check on each input as it is read. */
    static void refuseBinary(byte[] bytes, String name) throws Failure {
        if (MergeFileText.isBinary(bytes)) {
            throw new Failure("Cannot merge binary files: " + name);
        }
    }

    /** @param bytes mine, base, theirs, each already checked with {@link #refuseBinary} */
    Outcome merge(byte[][] bytes, String[] labels) throws Failure {
        MergeFileText text = MergeFileText.forInputs(bytes);
        MergeResult result;
        try {
            result = merger.merge(text.text(1), text.text(0), text.text(2), options);
        } catch (RuntimeException e) {
            throw new Failure("merge failed: " + e);
        }
        MarkerOutput out = new ConflictMarkerFormatter(style,
                text.label(labels[0]), text.label(labels[1]), text.label(labels[2]))
                .withMarkerSize(markerSize)
                .withFavor(favor)
                .render(result);
        // a suggestion is not written into the markers: see MergeFileCommand
        return new Outcome(text.encode(out.text()), out.conflicts(),
                favor == ConflictFavor.NONE ? result.suggestionCount() : 0);
    }

    private static byte[] read(Path path, String name) throws Failure {
        try {
            if (Files.isDirectory(path)) {
                throw new Failure("Could not read " + name + ": Is a directory");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new Failure("Could not stat " + name + ": No such file or directory");
        } catch (AccessDeniedException e) {
            throw new Failure("Could not open " + name + ": Permission denied");
        } catch (IOException e) {
            throw new Failure("Could not read " + name + ": " + reason(e));
        }
    }

    /**
     * Replaces {@code target} (through symlinks, like git's fopen) by a temporary file renamed over it, so a reader
     * never sees half a file; the new file keeps the old one's permissions.
     */
    static void writeAtomically(Path target, byte[] bytes, String name) throws Failure {
        Path real;
        Set<PosixFilePermission> perms = null;
        try {
            real = Files.exists(target) ? target.toRealPath() : target.toAbsolutePath();
            Path dir = real.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            if (Files.exists(real) && !Files.isWritable(real)) {
                // git opens the file for writing and fails; a rename would quietly replace a read-only file
                throw new Failure("Could not open " + name + " for writing: Permission denied");
            }
            if (Files.exists(real)) {
                PosixFileAttributeView view = Files.getFileAttributeView(real, PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (view != null) {
                    perms = view.readAttributes().permissions();
                }
            }
            // not Files.createTempFile: it makes the file 0600, and a new OUT should get the umask's mode
            Path tmp = dir.resolve("." + real.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + ".merge-tmp");
            try {
                Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                if (perms != null) {
                    Files.setPosixFilePermissions(tmp, perms);
                }
                try {
                    Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new Failure("Could not write to " + name + ": " + reason(e));
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
