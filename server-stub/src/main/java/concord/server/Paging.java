package concord.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code ?limit=N&cursor=C} of the paged lists and their {@code Link: <…>; rel="next"} (RFC 8288). A cursor is
 * opaque to clients: the position where the next page starts, tagged with the list it belongs to, so a cursor of
 * one list handed to another is refused instead of silently skipping items.
 */
final class Paging {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    private final String kind;
    private final int defaultLimit;
    private final int maxLimit;

    /** {@code kind}: which list the cursors belong to, e.g. "notes" or "versions". */
    Paging(String kind) {
        this(kind, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** A list whose items cost more to make (search results read bodies): smaller pages. */
    Paging(String kind, int defaultLimit, int maxLimit) {
        this.kind = kind;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    /** The page asked for: its size and where it starts (empty for the first page). */
    record Request(int limit, boolean limitGiven, OptionalLong position) {
    }

    Request parse(Context ctx) {
        String limitText = single(ctx, "limit");
        String cursor = single(ctx, "cursor");
        int limit = defaultLimit;
        if (limitText != null) {
            if (!limitText.matches("[0-9]{1,4}") || Integer.parseInt(limitText) < 1 || Integer.parseInt(limitText) > maxLimit) {
                throw ApiException.badRequest("invalid-limit", "limit must be a whole number from 1 to " + maxLimit
                        + ", not '" + limitText + "'");
            }
            limit = Integer.parseInt(limitText);
        }
        return new Request(limit, limitText != null, cursor == null ? OptionalLong.empty() : OptionalLong.of(decode(cursor)));
    }

    /** Adds {@code Link: <path?…cursor=…>; rel="next"} when a page follows. */
    void linkNext(Context ctx, Request asked, OptionalLong next) {
        linkNext(ctx, asked, next, "");
    }

    /** The same, keeping the list's own parameters ({@code kept}: already encoded, e.g. {@code q=milk&}). */
    void linkNext(Context ctx, Request asked, OptionalLong next, String kept) {
        if (next.isPresent()) {
            String query = kept + (asked.limitGiven() ? "limit=" + asked.limit() + "&" : "") + "cursor=" + encode(next.getAsLong());
            ctx.header("Link", "<" + ctx.path() + "?" + query + ">; rel=\"next\"");
        }
    }

    String encode(long position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + position).getBytes(StandardCharsets.US_ASCII));
    }

    private long decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(kind + ":") && text.substring(kind.length() + 1).matches("[0-9]{1,19}")) {
                long position = Long.parseLong(text.substring(kind.length() + 1));
                if (encode(position).equals(cursor)) {
                    return position;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        throw ApiException.badRequest("invalid-cursor", "'" + cursor + "' is not a cursor of this list;"
                + " use the URL of a Link: rel=\"next\" header as it is");
    }

    static String single(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        if (values.size() > 1) {
            throw ApiException.badRequest("duplicate-parameter", "'" + name + "' is given " + values.size()
                    + " times; give it once");
        }
        return values.isEmpty() ? null : values.get(0);
    }
}
