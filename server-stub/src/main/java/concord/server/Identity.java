package concord.server;

import io.javalin.http.Context;
import java.util.Optional;

/** Who is making a request: from a Bearer token (users file) or from {@code X-Concord-User} (loopback only). */
final class Identity {

    static final String USER_HEADER = "X-Concord-User";
    private static final String ATTRIBUTE = "concord.user";
    private static final String CHALLENGE = "Bearer realm=\"concord\"";

    private final Optional<Users> users;

    Identity(Optional<Users> users) {
        this.users = users;
    }

    /** Served without credentials: a load balancer's probes, which reveal nothing about notes. */
    private static final java.util.Set<String> PUBLIC_PATHS = java.util.Set.of("/health", "/ready");

    /** Runs before every request: with a users file nothing is served without a valid token. */
    void authenticate(Context ctx) {
        if (PUBLIC_PATHS.contains(ctx.path())) {
            return;
        }
        requireAtMostOne(ctx, "Authorization");
        requireAtMostOne(ctx, USER_HEADER);
        if (users.isEmpty()) {
            String name = ctx.header(USER_HEADER);
            if (name != null) {
                String problem = nameProblem(name);
                if (problem != null) {
                    throw ApiException.badRequest("invalid-user", "the " + USER_HEADER + " header " + problem);
                }
                ctx.attribute(ATTRIBUTE, name);
            }
            return;
        }
        String auth = ctx.header("Authorization");
        if (auth == null || auth.isBlank()) {
            throw ApiException.unauthorized("this server needs 'Authorization: Bearer <token>'", CHALLENGE);
        }
        if (!auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
            throw ApiException.unauthorized("the Authorization header must be 'Bearer <token>'",
                    CHALLENGE + ", error=\"invalid_request\"");
        }
        String name = users.get().userFor(auth.substring(7).strip()).orElseThrow(() ->
                ApiException.unauthorized("the bearer token is not valid on this server",
                        CHALLENGE + ", error=\"invalid_token\""));
        ctx.attribute(ATTRIBUTE, name);
    }

    /** Two credentials are ambiguous: whichever one won, the other was silently ignored. */
    private static void requireAtMostOne(Context ctx, String header) {
        var values = ctx.req().getHeaders(header);
        if (values.hasMoreElements()) {
            values.nextElement();
            if (values.hasMoreElements()) {
                throw ApiException.badRequest("duplicate-header", "the request has more than one " + header
                        + " header; send exactly one");
            }
        }
    }

    /** The acting user, required for writes (they are recorded as {@code updatedBy}). */
    static String requireUser(Context ctx) {
        String name = ctx.attribute(ATTRIBUTE);
        if (name == null) {
            throw ApiException.badRequest("missing-user",
                    "a write needs the " + USER_HEADER + " header naming who makes it");
        }
        return name;
    }

    /** Why {@code name} is not acceptable as a user name, or null if it is. */
    static String nameProblem(String name) {
        if (name.isEmpty() || name.length() > 64) {
            return "must be 1 to 64 characters long";
        }
        if (!name.chars().allMatch(c -> c >= 0x20 && c < 0x7F) || name.indexOf(':') >= 0) {
            return "may contain only visible ASCII characters and spaces, and no ':'";
        }
        if (!name.strip().equals(name)) {
            return "must not start or end with a space";
        }
        return null;
    }
}
