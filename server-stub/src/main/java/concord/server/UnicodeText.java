package concord.server;

/**
 * The text rules of request bodies: a body is stored exactly as sent (the same code points) or refused, never
 * altered. So the bytes must be well-formed UTF-8 (no overlong forms, no encoded surrogates, nothing past
 * U+10FFFF), without a byte order mark, and every string must be Unicode scalar values: a {@code \ud800} escape
 * without its other half names no character, and storing it would turn it into something else.
 *
 * <p>Accepted as they are: every scalar value, including controls in a body, U+FEFF inside text and the
 * non-characters (U+FFFE, U+FDD0…): Unicode allows them in interchange, and refusing them would be the server
 * deciding what people may write.
 */
final class UnicodeText {

    private UnicodeText() {
    }

    /**
     * Checks that {@code bytes} are strict UTF-8 (RFC 3629: no overlong forms, no encoded surrogates, nothing past
     * U+10FFFF) without a byte order mark or a raw NUL. Checked in place, without decoding a copy: the parser then
     * reads the same bytes, and since a JSON text in UTF-16 or UTF-32 always has a NUL byte or a byte order mark,
     * the parser can no longer take the body for one of those.
     *
     * @throws IllegalArgumentException saying where the bytes stop being acceptable
     */
    static void requireUtf8(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            throw new IllegalArgumentException("the request body starts with a byte order mark (EF BB BF);"
                    + " send JSON as UTF-8 without one");
        }
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i] & 0xff;
            if (b >= 0x01 && b < 0x80) {
                i++;
                continue;
            }
            int need;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                if (b == 0xE0) {
                    min2 = 0xA0; // shorter forms are overlong
                } else if (b == 0xED) {
                    max2 = 0x9F; // ED A0..BF would encode a surrogate
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                if (b == 0xF0) {
                    min2 = 0x90;
                } else if (b == 0xF4) {
                    max2 = 0x8F; // beyond U+10FFFF
                }
            } else {
                throw notUtf8(bytes, i);
            }
            if (i + need >= n) {
                throw notUtf8(bytes, i);
            }
            int second = bytes[i + 1] & 0xff;
            if (second < min2 || second > max2) {
                throw notUtf8(bytes, i);
            }
            for (int k = 2; k <= need; k++) {
                int c = bytes[i + k] & 0xff;
                if (c < 0x80 || c > 0xBF) {
                    throw notUtf8(bytes, i);
                }
            }
            i += need + 1;
        }
    }

    private static IllegalArgumentException notUtf8(byte[] bytes, int at) {
        if (bytes[at] == 0) {
            return new IllegalArgumentException("the request body has a NUL byte at byte " + at
                    + "; JSON in UTF-8 has none (write \\u0000 inside a string)");
        }
        return new IllegalArgumentException("the request body is not valid UTF-8: byte " + at + " (0x"
                + String.format("%02X", bytes[at] & 0xff) + ") does not start a well-formed UTF-8 character;"
                + " send the text as UTF-8");
    }

    /** Checks a decoded string; {@code field} names it in the message, e.g. {@code 'body'}. */
    static void requireScalarValues(String field, String s) {
        int at = loneSurrogateAt(s);
        if (at >= 0) {
            throw new IllegalArgumentException(field + " contains an unpaired surrogate (\\u"
                    + String.format("%04x", (int) s.charAt(at)) + ") at character " + at
                    + ": it is not a character and cannot be stored as sent; send Unicode text only");
        }
    }

    /** The index of the first surrogate without its other half, or -1. */
    static int loneSurrogateAt(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

}
