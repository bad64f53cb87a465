package concord.server;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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
     * Decodes {@code bytes} as strict UTF-8. Decoding here, and parsing the JSON from the result, also stops the
     * parser from guessing another encoding (UTF-16, UTF-32) from the first bytes.
     *
     * @throws IllegalArgumentException saying where the bytes stop being UTF-8
     */
    static String decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            throw new IllegalArgumentException("the request body is not valid UTF-8: byte " + at + " (0x"
                    + String.format("%02X", bytes[at] & 0xff) + ") does not start or continue a well-formed"
                    + " UTF-8 character; send the text as UTF-8");
        }
        decoder.flush(out);
        String text = out.flip().toString();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            throw new IllegalArgumentException("the request body starts with a byte order mark (EF BB BF);"
                    + " send JSON as UTF-8 without one");
        }
        return text;
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
