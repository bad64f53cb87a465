package concord.app;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * merge-file's {@code --object-id}: the three inputs read as blobs of a repository, and the result written as one,
 * through JGit. Names are anything git's rev parsing takes and JGit resolves ({@code 1a2b3c}, {@code HEAD:notes.md},
 * {@code main~1:README.md}).
 */
final class GitBlobs implements AutoCloseable {

    /** A name that does not resolve to a blob; {@link #fatal} as git dies on it (status 128), else an error (255). */
    static final class Missing extends Exception {
        final boolean fatal;

        Missing(String message, boolean fatal) {
            super(message);
            this.fatal = fatal;
        }
    }

    private final Repository repository;

    private GitBlobs(Repository repository) {
        this.repository = repository;
    }

    static GitBlobs open(Path gitDir) throws IOException {
        return new GitBlobs(new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).setup().build());
    }

    /** The blob's bytes, with git merge-file's messages for what is not one. */
    byte[] read(String name) throws Missing {
        ObjectId id;
        try {
            id = repository.resolve(name);
        } catch (IOException | RuntimeException e) {
            id = null;
        }
        if (id == null) {
            throw new Missing("object '" + name + "' does not exist", false);
        }
        try {
            ObjectLoader loader = repository.open(id);
            if (loader.getType() != Constants.OBJ_BLOB) {
                throw new Missing("unable to read blob object " + id.name(), true);
            }
            return loader.getCachedBytes(Integer.MAX_VALUE);
        } catch (MissingObjectException e) {
            throw new Missing("unable to read blob object " + id.name(), true);
        } catch (IOException e) {
            throw new Missing("unable to read blob object " + id.name() + ": " + e.getMessage(), true);
        }
    }

    /** Writes {@code bytes} as a blob (or finds it already there) and returns its id. */
    ObjectId write(byte[] bytes) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId id = inserter.insert(Constants.OBJ_BLOB, bytes);
            inserter.flush();
            return id;
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
