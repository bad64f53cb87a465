package concord.wire.tx;

import concord.model.ETag;
import concord.model.NoteContent;
import concord.model.NoteIds;
import concord.model.NoteLock;
import concord.model.tx.EntityMatch;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionOp;
import concord.model.tx.TransactionRequest;
import concord.wire.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a {@code POST /transactions} body before anything runs, item by item as each single-note request
 * would be checked, and turns it into a {@link TransactionRequest}. Pure: no I/O, no clock, no state,
 * so the client can run the same checks before it sends.
 */
public final class TransactionValidator {

    /** A single note's content may not exceed what one single-note request may carry. */
    public static final int MAX_NOTE_BYTES = 1024 * 1024;
    // the same limits as a single-note write (concord.server.NoteBodies), so an item is valid exactly when
    // the single request for it would be
    public static final int MAX_TITLE = 200;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG = 50;

    private static final String OPS = Arrays.stream(TransactionOp.values()).map(TransactionOp::wireName)
            .collect(Collectors.joining(", "));

    /** What the validator found. */
    public sealed interface Outcome {
    }

    public record Valid(TransactionRequest request) implements Outcome {
    }

    /** Every problem found, in document order; {@code duplicateId} is set when two items share a note. */
    public record Invalid(List<Violation> violations, String duplicateId) implements Outcome {
        public Invalid {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid request has at least one violation");
            }
        }

        /** The 400 problem: the first violation as {@code detail}, all of them under {@code errors}. */
        public Problem problem() {
            String detail = violations.size() == 1
                    ? violations.get(0).message()
                    : violations.get(0).message() + " (and " + (violations.size() - 1) + " more problem"
                            + (violations.size() == 2 ? "" : "s") + ", see errors)";
            Problem problem = new Problem("/problems/validation", "Invalid transaction", 400, detail)
                    .with("errors", violations.stream()
                            .map(v -> Map.of("pointer", v.pointer(), "detail", v.message())).toList());
            if (duplicateId != null) {
                problem.with("id", duplicateId);
            }
            return problem;
        }
    }

    /** One problem: a JSON pointer into the body (RFC 6901) and a sentence for a human. */
    public record Violation(String pointer, String message) {
    }

    public Outcome validate(TransactionRequestBody body) {
        List<Violation> violations = new ArrayList<>();
        if (body == null) {
            return new Invalid(List.of(new Violation("", "the body must be a JSON object with an \"items\" array")), null);
        }
        String token = body.clientRequestToken();
        if (token != null && !TransactionRequest.isValidToken(token)) {
            violations.add(new Violation("/clientRequestToken", "clientRequestToken must be 1 to "
                    + TransactionRequest.MAX_TOKEN_LENGTH + " characters of A-Z a-z 0-9 _ -, got " + quote(token)));
        }
        List<TransactionRequestBody.ItemBody> items = body.items();
        if (items == null) {
            violations.add(new Violation("/items", "items is required: an array of 1 to "
                    + TransactionRequest.MAX_ITEMS + " items"));
            return new Invalid(violations, null);
        }
        if (items.isEmpty()) {
            violations.add(new Violation("/items", "a transaction needs at least 1 item"));
            return new Invalid(violations, null);
        }
        if (items.size() > TransactionRequest.MAX_ITEMS) {
            violations.add(new Violation("/items", "a transaction has at most " + TransactionRequest.MAX_ITEMS
                    + " items; this one has " + items.size()));
            return new Invalid(violations, null);
        }
        List<TransactionItem> valid = new ArrayList<>(items.size());
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        String duplicateId = null;
        for (int i = 0; i < items.size(); i++) {
            TransactionItem item = validateItem(i, items.get(i), violations);
            if (item == null) {
                continue;
            }
            Integer earlier = firstIndexOfId.putIfAbsent(item.id(), i);
            if (earlier != null) {
                violations.add(new Violation("/items/" + i + "/id", "items[" + earlier + "] and items[" + i
                        + "] are both on note " + quote(item.id()) + "; a transaction may touch each note at most once"));
                if (duplicateId == null) {
                    duplicateId = item.id();
                }
                continue;
            }
            valid.add(item);
        }
        if (!violations.isEmpty()) {
            return new Invalid(violations, duplicateId);
        }
        return new Valid(new TransactionRequest(token, valid));
    }

    private static TransactionItem validateItem(int i, TransactionRequestBody.ItemBody item, List<Violation> out) {
        String at = "/items/" + i;
        String name = "items[" + i + "]";
        if (item == null) {
            out.add(new Violation(at, name + " must be an object, not null"));
            return null;
        }
        int before = out.size();
        TransactionOp op = null;
        if (item.op() == null) {
            out.add(new Violation(at + "/op", name + ".op is required: one of " + OPS));
        } else {
            op = TransactionOp.fromWireName(item.op());
            if (op == null) {
                out.add(new Violation(at + "/op", name + ".op " + quote(item.op()) + " is not one of " + OPS));
            }
        }
        String what = op == null ? name : name + " (" + op.wireName() + ")";
        if (item.id() == null) {
            out.add(new Violation(at + "/id", name + ".id is required"));
        } else if (!NoteIds.isValid(item.id())) {
            out.add(new Violation(at + "/id", name + ".id " + quote(item.id())
                    + " is not a valid note id: 1 to 64 characters of A-Z a-z 0-9 _ -"));
        }
        EntityMatch ifMatch = null;
        if (item.ifMatch() != null) {
            ifMatch = parseIfMatch(at, name, item.ifMatch(), out);
        }
        boolean ifNoneMatch = false;
        if (item.ifNoneMatch() != null) {
            if (!"*".equals(item.ifNoneMatch())) {
                out.add(new Violation(at + "/ifNoneMatch", name + ".ifNoneMatch must be \"*\" (the note must not exist), got "
                        + quote(item.ifNoneMatch())));
            } else if (op != null && op != TransactionOp.PUT) {
                out.add(new Violation(at + "/ifNoneMatch", what + ": ifNoneMatch is only allowed on put, to create a note"));
            } else {
                ifNoneMatch = true;
            }
        }
        if (item.ifMatch() != null && item.ifNoneMatch() != null) {
            out.add(new Violation(at, what + " has both ifMatch and ifNoneMatch; give one"));
        } else if (item.ifMatch() == null && item.ifNoneMatch() == null && op != null) {
            out.add(new Violation(at, op == TransactionOp.PUT
                    ? what + " needs ifMatch (replace that version) or ifNoneMatch: \"*\" (create); "
                            + "a write without a precondition could overwrite someone's work"
                    : what + " needs ifMatch: the quoted ETag of the version it was based on, or \"*\""));
        }
        NoteContent content = null;
        if (op != null) {
            if (op.carriesContent()) {
                content = validateNote(at, what, item.note(), out);
            } else if (item.note() != null) {
                out.add(new Violation(at + "/note", what + " takes no note"));
            }
        }
        if (item.lockToken() != null && !NoteLock.isValidToken(item.lockToken())) {
            out.add(new Violation(at + "/lockToken", name + ".lockToken must be the token of a lock on the note (1 to 128"
                    + " characters of A-Z a-z 0-9 _ -), got " + quote(item.lockToken())));
        }
        if (out.size() > before) {
            return null;
        }
        return new TransactionItem(op, item.id(), ifMatch, ifNoneMatch, content, item.lockToken());
    }

    private static EntityMatch parseIfMatch(String at, String name, String value, List<Violation> out) {
        if (value.equals("*")) {
            return EntityMatch.any();
        }
        if (value.startsWith("W/")) {
            out.add(new Violation(at + "/ifMatch", name + ".ifMatch " + quote(value)
                    + " is a weak entity tag; transactions compare strongly, so a weak tag never matches: send the note's strong ETag"));
            return null;
        }
        try {
            return EntityMatch.of(ETag.parseHeader(value));
        } catch (IllegalArgumentException e) {
            out.add(new Violation(at + "/ifMatch", name + ".ifMatch " + quote(value)
                    + " is not a single quoted entity tag like \"\\\"abc\\\"\" nor \"*\""));
            return null;
        }
    }

    private static NoteContent validateNote(String at, String what, TransactionRequestBody.NoteBody note, List<Violation> out) {
        if (note == null) {
            out.add(new Violation(at + "/note", what + " needs a note: {\"title\", \"body\", \"tags\"}"));
            return null;
        }
        int before = out.size();
        if (note.title() == null) {
            out.add(new Violation(at + "/note/title", what + ": note.title is required"));
        }
        if (note.body() == null) {
            out.add(new Violation(at + "/note/body", what + ": note.body is required"));
        }
        if (note.title() != null && note.title().length() > MAX_TITLE) {
            out.add(new Violation(at + "/note/title", what + ": note.title is " + note.title().length()
                    + " characters; at most " + MAX_TITLE));
        } else if (note.title() != null && hasControl(note.title())) {
            out.add(new Violation(at + "/note/title", what + ": note.title must be one line without control characters"));
        }
        List<String> tags = note.tags() == null ? List.of() : note.tags();
        if (tags.size() > MAX_TAGS) {
            out.add(new Violation(at + "/note/tags", what + ": note.tags has " + tags.size() + " entries; at most " + MAX_TAGS));
        }
        Set<String> seen = new HashSet<>();
        for (int t = 0; t < tags.size(); t++) {
            String tag = tags.get(t);
            String tagAt = at + "/note/tags/" + t;
            if (tag == null) {
                out.add(new Violation(tagAt, what + ": note.tags[" + t + "] must be a string, not null"));
            } else if (tag.isBlank() || tag.length() > MAX_TAG || hasControl(tag)) {
                out.add(new Violation(tagAt, what + ": note.tags[" + t + "] must be 1 to " + MAX_TAG
                        + " characters, not blank, without control characters"));
            } else if (!seen.add(tag)) {
                out.add(new Violation(tagAt, what + ": note.tags lists " + quote(tag) + " twice"));
            }
        }
        if (out.size() > before) {
            return null;
        }
        long bytes = utf8Length(note.title()) + utf8Length(note.body());
        for (String tag : tags) {
            bytes += utf8Length(tag);
        }
        if (bytes > MAX_NOTE_BYTES) {
            out.add(new Violation(at + "/note", what + ": the note is " + bytes + " bytes; one note may have at most "
                    + MAX_NOTE_BYTES + " bytes (1 MiB), as in a single-note request"));
            return null;
        }
        return new NoteContent(note.title(), note.body(), tags);
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    private static long utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String quote(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return "'" + shown + "'";
    }
}
