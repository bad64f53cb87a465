package concord.model;

import java.util.Objects;

/**
 * A strong entity tag (RFC 9110 §8.8.3). {@link #opaque()} is the tag without quotes;
 * {@link #header()} is the quoted form used in headers and in JSON ({@code "etag": "\"v3-…\""}).
 * Weak tags are never represented here: strong comparison treats them as never matching.
 */
public record ETag(String opaque) {

    public ETag {
        Objects.requireNonNull(opaque, "opaque");
        if (!isValidOpaque(opaque)) {
            throw new IllegalArgumentException("not a valid entity-tag value: " + opaque);
        }
    }

    /** Parses the quoted header form, e.g. {@code "abc"}; rejects weak tags and anything unquoted. */
    public static ETag parseHeader(String quoted) {
        if (quoted == null || quoted.length() < 2 || quoted.charAt(0) != '"' || quoted.charAt(quoted.length() - 1) != '"') {
            throw new IllegalArgumentException("an entity tag must be a quoted string like \"abc\": " + quoted);
        }
        return new ETag(quoted.substring(1, quoted.length() - 1));
    }

    /** RFC 9110 etagc = %x21 / %x23-7E / obs-text; we keep to visible ASCII. */
    public static boolean isValidOpaque(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    public String header() {
        return '"' + opaque + '"';
    }

    /** The first characters, for a status bar. */
    public String shortForm() {
        return opaque.length() <= 10 ? opaque : opaque.substring(0, 10);
    }

    @Override
    public String toString() {
        return header();
    }
}
