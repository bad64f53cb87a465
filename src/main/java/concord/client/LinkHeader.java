package concord.client;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The {@code rel="next"} target of a {@code Link} header (RFC 8288), resolved against the request's URL. Only a
 * target on the same server is followed: a page must not send the user's token anywhere else.
 */
final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel\\s*=\\s*(\"[^\"]*\"|[^;\\s]+)", Pattern.CASE_INSENSITIVE);

    private LinkHeader() {
    }

    /** The next page's URL, empty when there is none. */
    static Optional<HttpUrl> next(String header, HttpUrl request) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = LINK.matcher(header);
        while (m.find()) {
            Matcher rel = REL_NEXT.matcher(m.group(2));
            while (rel.find()) {
                String value = rel.group(1).replace("\"", "");
                for (String r : value.split("\\s+")) {
                    if (r.equalsIgnoreCase("next")) {
                        HttpUrl target = request.resolve(m.group(1));
                        if (target == null || !sameOrigin(target, request)) {
                            throw new IllegalArgumentException("the server's next page is not on the same server: " + m.group(1));
                        }
                        return Optional.of(target);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }
}
