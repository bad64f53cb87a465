package concord.server;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A text parameter of the query string, decoded strictly: percent-escapes must be well formed and the bytes they
 * make strict UTF-8. The server's usual query decoding would turn a byte that is no UTF-8 into U+FFFD, so that a
 * search would quietly look for something the user never typed; here it is refused with a 400 that says where.
 */
final class QueryText {

    private QueryText() {
    }

    /** The parameter's decoded value, or null when it is absent; a 400 if it is given twice or cannot be decoded. */
    static String single(Context ctx, String name) {
        String raw = ctx.queryString();
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String found = null;
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (!key.equals(name)) {
                continue;
            }
            if (found != null) {
                throw ApiException.badRequest("duplicate-parameter", "'" + name + "' is given more than once; give it once");
            }
            found = decode(name, eq < 0 ? "" : pair.substring(eq + 1));
        }
        return found;
    }

    private static String decode(String name, String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw ApiException.badRequest("invalid-query", "the parameter '" + name + "' has a '%' at position "
                            + (i + 1) + " that is not followed by two hex digits; percent-encode the text as UTF-8");
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                // Jetty hands on a raw non-ASCII query as it came (ISO-8859-1 or UTF-8 decoded): take it as UTF-8 text
                int cp = raw.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i += Character.charCount(cp) - 1;
            }
        }
        byte[] decoded = bytes.toByteArray();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("invalid-query", "the parameter '" + name + "' is not valid UTF-8 once"
                    + " percent-decoded (overlong forms, encoded surrogates and bytes that start no character are"
                    + " refused); percent-encode the text as UTF-8");
        }
    }
}
