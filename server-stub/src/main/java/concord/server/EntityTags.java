package concord.server;

import concord.model.ETag;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of an {@code If-Match} or {@code If-None-Match} header (RFC 9110 §13.1.1–2): {@code *} or a list
 * of entity tags, strong {@code "x"} or weak {@code W/"x"}.
 */
record EntityTags(boolean any, List<Tag> tags) {

    record Tag(String opaque, boolean weak) {
    }

    EntityTags {
        tags = List.copyOf(tags);
    }

    /** Strong comparison (If-Match): weak tags never match, so only the strong ones are kept. */
    List<ETag> strong() {
        List<ETag> out = new ArrayList<>();
        for (Tag t : tags) {
            if (!t.weak()) {
                out.add(new ETag(t.opaque()));
            }
        }
        return out;
    }

    /** Weak comparison (If-None-Match on GET/HEAD): the opaque parts are equal. */
    boolean matchesWeakly(ETag current) {
        return any || tags.stream().anyMatch(t -> t.opaque().equals(current.opaque()));
    }

    /**
     * Parses the (comma-joined) field value. Throws a 400 {@link ApiException} naming {@code header} and the
     * exact problem when it is malformed.
     */
    static EntityTags parse(String header, String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            throw malformed(header, value, "the value is empty; send * or one or more quoted entity tags like \"v1-abc\"");
        }
        if (v.equals("*")) {
            return new EntityTags(true, List.of());
        }
        List<Tag> tags = new ArrayList<>();
        int i = 0;
        int n = v.length();
        while (i < n) {
            // list elements may be empty (RFC 9110 §5.6.1): skip whitespace and stray commas
            char c = v.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            boolean weak = false;
            if (c == 'W' && i + 1 < n && v.charAt(i + 1) == '/') {
                weak = true;
                i += 2;
            }
            if (i >= n || v.charAt(i) != '"') {
                String what = c == '*' ? "* cannot be combined with entity tags"
                        : "expected a quoted entity tag at position " + (i + 1) + " (\"…\" or W/\"…\")";
                throw malformed(header, value, what);
            }
            int close = v.indexOf('"', i + 1);
            if (close < 0) {
                throw malformed(header, value, "an entity tag is missing its closing quote");
            }
            String opaque = v.substring(i + 1, close);
            if (!ETag.isValidOpaque(opaque)) {
                throw malformed(header, value, "an entity tag may contain only visible ASCII characters other than \"");
            }
            // "" is a syntactically valid tag that no note ever has: kept, it simply never matches
            tags.add(new Tag(opaque, weak));
            i = close + 1;
            while (i < n && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && v.charAt(i) != ',') {
                throw malformed(header, value, "entity tags must be separated by commas (after position " + i + ")");
            }
        }
        if (tags.isEmpty()) {
            throw malformed(header, value, "no entity tag found; send * or one or more quoted entity tags");
        }
        return new EntityTags(false, tags);
    }

    private static ApiException malformed(String header, String value, String why) {
        return ApiException.badRequest("malformed-header", "malformed " + header + " header '" + value + "': " + why);
    }
}
