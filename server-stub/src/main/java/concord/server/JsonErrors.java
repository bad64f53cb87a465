package concord.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.util.stream.Collectors;

/** Pieces of a client-readable account of a JSON error: member paths and positions, never Java class names. */
final class JsonErrors {

    private JsonErrors() {
    }

    /** The member's path, e.g. {@code items[3].note.title}. */
    static String path(JsonMappingException m) {
        return m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** " (line L, column C)", or nothing when the parser could not tell. */
    static String at(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    /** The fallback for errors that are not about one member: malformed JSON or an unreadable body. */
    static String syntax(IOException e) {
        if (e instanceof JsonProcessingException j) {
            String msg = j.getOriginalMessage();
            int nl = msg == null ? -1 : msg.indexOf('\n');
            if (nl >= 0) {
                msg = msg.substring(0, nl);
            }
            return "malformed JSON" + at(j.getLocation()) + ": " + msg;
        }
        return "the request body could not be read: " + e.getMessage();
    }
}
