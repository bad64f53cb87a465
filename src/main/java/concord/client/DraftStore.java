package concord.client;

import java.util.List;
import java.util.Optional;

/**
 * Local drafts for one (server, user). Blocking disk I/O: call off the FX thread. Writes are atomic
 * (temp file, fsync, rename) so a crash leaves the previous or the new draft, never a torn one.
 */
public interface DraftStore {

    void save(Draft draft);

    Optional<Draft> load(String key);

    /** Every draft, oldest first. Unreadable files are skipped (and kept on disk), never deleted. */
    List<Draft> all();

    void remove(String key);
}
