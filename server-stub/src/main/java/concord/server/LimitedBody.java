package concord.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/** Reads a request body up to a limit, answering 413 beyond it in a way the client can actually read. */
final class LimitedBody {

    /**
     * An oversized body up to this size is read and thrown away before the 413 goes out: a client still
     * sending when the server answers and closes gets a connection reset, and never sees the 413.
     * Beyond it the connection is simply closed (a client that may send that much should use
     * {@code Expect: 100-continue}, which gets the 413 before any body is sent).
     */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private LimitedBody() {
    }

    static byte[] read(Context ctx, int max, Function<String, ApiException> tooLarge) {
        long declared = ctx.req().getContentLengthLong();
        // Reading the body of an Expect: 100-continue request would invite the client to send it after all.
        boolean drain = !"100-continue".equalsIgnoreCase(ctx.header("Expect"));
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > max) {
                if (drain && declared <= DRAIN_LIMIT) {
                    skipUpTo(in, declared);
                }
                throw tooLarge.apply(declared + " bytes");
            }
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                if (drain) {
                    skipUpTo(in, DRAIN_LIMIT - bytes.length);
                }
                throw tooLarge.apply("more than " + max + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable-body", "the request body could not be read: " + e.getMessage());
        }
    }

    private static void skipUpTo(InputStream in, long limit) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long left = limit;
        int n;
        while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
            left -= n;
        }
    }
}
