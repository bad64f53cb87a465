package concord.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import concord.model.NoteContent;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns a write request's body into a {@link NoteContent}, or a precise 4xx. */
final class NoteBodies {

    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_TITLE = 200;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;

    /** The wire shape of a write body; every field is checked by hand afterwards for a precise message. */
    record NoteInput(String title, String body, List<String> tags) {
    }

    private final ObjectReader reader;
    private final LimitedBody limited;

    NoteBodies(ObjectMapper mapper, LimitedBody limited) {
        this.limited = limited;
        ObjectMapper strict = StrictJson.strictCopy(mapper);
        reader = strict.readerFor(NoteInput.class);
    }

    NoteContent read(Context ctx) {
        requireJson(ctx.header("Content-Type"));
        byte[] bytes = readLimited(ctx);
        if (bytes.length == 0) {
            throw ApiException.validation("the request body is empty; send a JSON object like "
                    + "{\"title\": \"…\", \"body\": \"…\", \"tags\": []}");
        }
        try {
            UnicodeText.requireUtf8(bytes);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(e.getMessage());
        }
        NoteInput in;
        try {
            in = reader.readValue(bytes);
        } catch (IOException e) {
            throw ApiException.validation(describe(e));
        }
        if (in == null) {
            throw ApiException.validation("the request body is JSON null; send a JSON object with title and body");
        }
        return validate(in);
    }

    static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw ApiException.unsupportedMediaType("a Content-Type header is required: application/json");
        }
        String[] parts = contentType.split(";");
        String media = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw ApiException.unsupportedMediaType("Content-Type must be application/json, not '" + contentType + "'");
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                String cs = p.substring("charset=".length()).replace("\"", "");
                if (!cs.equals("utf-8")) {
                    throw ApiException.unsupportedMediaType("only charset=utf-8 is accepted, not '" + cs + "'");
                }
            }
        }
    }

    private byte[] readLimited(Context ctx) {
        return limited.read(ctx, MAX_BODY_BYTES, size -> tooLarge(size));
    }

    private static ApiException tooLarge(String size) {
        return ApiException.tooLarge("the request body is " + size + "; the limit is " + MAX_BODY_BYTES
                + " bytes (1 MiB)");
    }

    private static NoteContent validate(NoteInput in) {
        if (in.title() == null) {
            throw ApiException.validation("'title' is required (a string)");
        }
        if (in.body() == null) {
            throw ApiException.validation("'body' is required (a string, may be empty)");
        }
        if (in.title().length() > MAX_TITLE) {
            throw ApiException.validation("'title' is " + in.title().length() + " characters; at most " + MAX_TITLE);
        }
        if (hasControl(in.title())) {
            throw ApiException.validation("'title' must be one line without control characters");
        }
        List<String> tags = in.tags() == null ? List.of() : in.tags();
        if (tags.size() > MAX_TAGS) {
            throw ApiException.validation("'tags' has " + tags.size() + " entries; at most " + MAX_TAGS);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null) {
                throw ApiException.validation("'tags[" + i + "]' is null; tags are non-empty strings");
            }
            if (tag.isBlank() || tag.length() > MAX_TAG || hasControl(tag)) {
                throw ApiException.validation("'tags[" + i + "]' must be 1 to " + MAX_TAG
                        + " characters, not blank, without control characters");
            }
            if (!seen.add(tag)) {
                throw ApiException.validation("'tags' lists '" + tag + "' twice");
            }
        }
        NoteContent content = new NoteContent(in.title(), in.body(), tags);
        try {
            requireScalarValues(content, "");
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(e.getMessage());
        }
        return content;
    }

    /** Every string of {@code note} is Unicode scalar values; {@code prefix} leads each field name in a message. */
    static void requireScalarValues(NoteContent note, String prefix) {
        UnicodeText.requireScalarValues("'" + prefix + "title'", note.title());
        UnicodeText.requireScalarValues("'" + prefix + "body'", note.body());
        for (int i = 0; i < note.tags().size(); i++) {
            UnicodeText.requireScalarValues("'" + prefix + "tags[" + i + "]'", note.tags().get(i));
        }
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    /** A one-line, client-readable account of what is wrong with the JSON, without Java class names. */
    private static String describe(IOException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'; a note has only title, body and tags";
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            MismatchedInputException m = (MismatchedInputException) e;
            String field = JsonErrors.path(m);
            if (field.isEmpty()) {
                return "the request body must be a JSON object with title and body" + JsonErrors.at(m.getLocation());
            }
            String expected = field.startsWith("tags") ? (field.equals("tags") ? "an array of strings" : "a string")
                    : "a string";
            return "'" + field + "' must be " + expected + JsonErrors.at(m.getLocation());
        }
        return JsonErrors.syntax(e);
    }
}
