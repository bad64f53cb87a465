package concord.server;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * Reads request bodies within three limits: a size per request (413), a budget of body bytes all requests hold
 * together (503 + Retry-After beyond it, so memory stays bounded whatever the heap), and a deadline for the whole
 * body (408, so a client trickling a byte at a time cannot keep a thread for as long as it likes).
 *
 * <p>A request's share of the budget is held from the moment its body is accepted until its response is done
 * ({@link #release}), because the parsed note lives that long.
 */
final class LimitedBody {

    /**
     * An oversized body up to this size is read and thrown away before the 413 goes out: a client still
     * sending when the server answers and closes gets a connection reset, and never sees the 413.
     * Beyond it the connection is simply closed (a client that may send that much should use
     * {@code Expect: 100-continue}, which gets the 413 before any body is sent).
     */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;
    private static final String RESERVED = "concord.body.reserved";
    private static final int STEP = 64 * 1024;

    private final long capacity;
    private final Duration deadline;
    private long inFlight;
    private long peak;

    LimitedBody(ServerLimits limits) {
        this.capacity = limits.bodyBytesInFlight();
        this.deadline = limits.bodyDeadline();
    }

    /** The body, at most {@code max} bytes. */
    byte[] read(Context ctx, int max, Function<String, ApiException> tooLarge) {
        long declared = ctx.req().getContentLengthLong();
        // Reading the body of an Expect: 100-continue request would invite the client to send it after all.
        boolean drain = !"100-continue".equalsIgnoreCase(ctx.header("Expect"));
        long due = System.nanoTime() + deadline.toNanos();
        Deadline timer = new Deadline(ctx, due);
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > max) {
                if (drain && declared <= DRAIN_LIMIT) {
                    skipUpTo(in, declared, timer);
                }
                throw tooLarge.apply(declared + " bytes");
            }
            if (declared >= 0) {
                if (!reserve(ctx, declared)) {
                    if (drain) {
                        skipUpTo(in, declared, timer);
                    }
                    throw busy();
                }
                byte[] bytes = new byte[(int) declared];
                int n = 0;
                while (n < bytes.length) {
                    int r = timer.read(in, bytes, n, bytes.length - n);
                    if (r < 0) {
                        throw ApiException.badRequest("unreadable-body", "the request body ended after " + n
                                + " of the " + declared + " bytes its Content-Length announced");
                    }
                    n += r;
                }
                return bytes;
            }
            return readChunked(ctx, in, max, tooLarge, drain, timer);
        } catch (IOException e) {
            if (timer.expired() || isTimeout(e)) {
                throw requestTimeout();
            }
            throw ApiException.badRequest("unreadable-body", "the request body could not be read: " + e.getMessage());
        } finally {
            timer.restore();
        }
    }

    /** A body without Content-Length: its share of the budget grows as it arrives. */
    private byte[] readChunked(Context ctx, InputStream in, int max, Function<String, ApiException> tooLarge,
                               boolean drain, Deadline timer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[STEP];
        while (true) {
            if (!reserve(ctx, STEP)) {
                if (drain) {
                    skipUpTo(in, DRAIN_LIMIT, timer);
                }
                throw busy();
            }
            int r = timer.read(in, chunk, 0, chunk.length);
            if (r < 0) {
                return out.toByteArray();
            }
            out.write(chunk, 0, r);
            if (out.size() > max) {
                if (drain) {
                    skipUpTo(in, DRAIN_LIMIT - out.size(), timer);
                }
                throw tooLarge.apply("more than " + max + " bytes");
            }
        }
    }

    private synchronized boolean reserve(Context ctx, long bytes) {
        if (inFlight + bytes > capacity) {
            return false;
        }
        inFlight += bytes;
        peak = Math.max(peak, inFlight);
        Long held = ctx.attribute(RESERVED);
        ctx.attribute(RESERVED, (held == null ? 0 : held) + bytes);
        return true;
    }

    /** Runs after every request, answered or failed: gives its share of the budget back. */
    void release(Context ctx) {
        Long held = ctx.attribute(RESERVED);
        if (held != null) {
            ctx.attribute(RESERVED, null);
            synchronized (this) {
                inFlight -= held;
            }
        }
    }

    synchronized long inFlight() {
        return inFlight;
    }

    synchronized long peak() {
        return peak;
    }

    private ApiException busy() {
        return new ApiException(503, "/problems/busy", "Service Unavailable",
                "the server is receiving as many request bodies as it holds at once (" + capacity
                        + " bytes); nothing was done, send it again in a moment")
                .header("Retry-After", "1");
    }

    private ApiException requestTimeout() {
        return new ApiException(408, "/problems/request-timeout", "Request Timeout",
                "the request body did not arrive within " + deadline.toSeconds() + " s; nothing was done")
                .header("Connection", "close");
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static void skipUpTo(InputStream in, long limit, Deadline timer) throws IOException {
        byte[] sink = new byte[STEP];
        long left = limit;
        int n;
        while (left > 0 && (n = timer.read(in, sink, 0, (int) Math.min(sink.length, left))) > 0) {
            left -= n;
        }
    }

    /**
     * The request's deadline, applied to every blocking read: the connection's idle timeout is lowered to the time
     * left, so even a read that waits for a byte that never comes ends at the deadline.
     */
    private static final class Deadline {
        private final long due;
        private final EndPoint endPoint;
        private final long idleTimeout;

        Deadline(Context ctx, long due) {
            this.due = due;
            EndPoint ep = null;
            try {
                ep = ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData()
                        .getConnection().getEndPoint();
            } catch (RuntimeException notJetty) {
                // then only the checks between reads apply
            }
            this.endPoint = ep;
            this.idleTimeout = ep == null ? 0 : ep.getIdleTimeout();
        }

        int read(InputStream in, byte[] b, int off, int len) throws IOException {
            long left = TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime());
            if (left <= 0) {
                throw new IOException(new TimeoutException("the request's deadline has passed"));
            }
            if (endPoint != null) {
                endPoint.setIdleTimeout(idleTimeout > 0 ? Math.min(idleTimeout, left) : left);
            }
            return in.read(b, off, len);
        }

        boolean expired() {
            return System.nanoTime() - due >= 0;
        }

        void restore() {
            if (endPoint != null) {
                endPoint.setIdleTimeout(idleTimeout);
            }
        }
    }
}
