package concord.wire;

import java.time.Instant;

/** The bodies of {@code /notes/{id}/presence}, shared by the server and the client. */
public final class PresenceBodies {

    private PresenceBodies() {
    }

    /** {@code PUT}: {@code viewing} or {@code editing}. */
    public record Request(String state) {
    }

    /** One entry of {@code GET}: who is there, doing what, since when. */
    public record Entry(String user, String state, Instant since) {
    }
}
