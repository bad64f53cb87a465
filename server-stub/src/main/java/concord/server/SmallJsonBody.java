package concord.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import java.io.IOException;

/** The small JSON bodies of lock and presence requests: read with the same strict policy as notes, or a precise 4xx. */
final class SmallJsonBody {

    static final int MAX_BYTES = 1024;

    private final ObjectMapper strict;
    private final LimitedBody limited;

    SmallJsonBody(ObjectMapper mapper, LimitedBody limited) {
        this.strict = StrictJson.strictCopy(mapper).disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        this.limited = limited;
    }

    /** The body as {@code type}; {@code example} shows the client what to send instead. */
    <T> T read(Context ctx, Class<T> type, String example) {
        NoteBodies.requireJson(ctx.header("Content-Type"));
        byte[] bytes = limited.read(ctx, MAX_BYTES, size -> ApiException.tooLarge("the request body is " + size
                + "; send a small JSON object like " + example));
        if (bytes.length == 0) {
            throw ApiException.invalidRequest("the request body is empty; send " + example);
        }
        try {
            UnicodeText.requireUtf8(bytes);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest(e.getMessage());
        }
        T value;
        try {
            value = strict.readValue(bytes, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.invalidRequest("unknown field '" + e.getPropertyName() + "'; send " + example);
        } catch (MismatchedInputException e) {
            String field = JsonErrors.path(e);
            throw ApiException.invalidRequest((field.isEmpty() ? "the request body" : "'" + field + "'")
                    + " has the wrong type" + JsonErrors.at(e.getLocation()) + "; send " + example);
        } catch (IOException e) {
            throw ApiException.invalidRequest(JsonErrors.syntax(e) + "; send " + example);
        }
        if (value == null) {
            throw ApiException.invalidRequest("the request body is JSON null; send " + example);
        }
        return value;
    }
}
