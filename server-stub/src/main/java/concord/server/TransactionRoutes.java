package concord.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import concord.model.tx.TransactionResult;
import concord.store.IdempotencyTokens;
import concord.store.NoteStore;
import concord.store.NoteTransactions;
import concord.wire.tx.TransactionJson;
import concord.wire.tx.TransactionRequestBody;
import concord.wire.tx.TransactionValidator;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;

/**
 * {@code POST /transactions}: several notes written all or nothing, with the rules of DynamoDB's
 * TransactWriteItems. The checks a request can fail before anything runs are done here (400/413/415);
 * the atomic part is {@link NoteTransactions}, one unit of work in the store's writer.
 */
final class TransactionRoutes {

    /** The whole request, all items together (DynamoDB's limit too). */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final NoteTransactions transactions;
    private final ObjectMapper mapper;
    private final ObjectReader reader;
    private final TransactionValidator validator = new TransactionValidator();

    private final LimitedBody limited;

    TransactionRoutes(NoteStore store, Clock clock, LimitedBody limited) {
        this.limited = limited;
        this.mapper = TransactionJson.newMapper();
        ObjectMapper strict = StrictJson.strictCopy(mapper);
        this.reader = strict.readerFor(TransactionRequestBody.class);
        this.transactions = new NoteTransactions(store, new IdempotencyTokens(IdempotencyTokens.DEFAULT_TTL),
                new JsonOutcomeCodec(mapper), clock);
    }

    /** POST /transactions */
    void post(Context ctx) {
        NoteBodies.requireJson(ctx.header("Content-Type"));
        String user = Identity.requireUser(ctx);
        TransactionRequestBody body = parse(readLimited(ctx));
        TransactionValidator.Outcome checked = validator.validate(body);
        if (checked instanceof TransactionValidator.Invalid invalid) {
            var problem = invalid.problem();
            ApiException e = new ApiException(400, problem.getType(), problem.getTitle(), problem.getDetail());
            problem.extensions().forEach(e::extension);
            throw e;
        }
        var request = ((TransactionValidator.Valid) checked).request();
        for (int i = 0; i < request.items().size(); i++) {
            var note = request.items().get(i).note();
            if (note != null) {
                try {
                    NoteBodies.requireScalarValues(note, "items[" + i + "].note.");
                } catch (IllegalArgumentException e) {
                    throw invalid(e.getMessage());
                }
            }
        }
        NoteTransactions.Execution execution = transactions.execute(request, user);
        if (execution instanceof NoteTransactions.TokenMismatch mismatch) {
            throw new ApiException(409, TransactionJson.MISMATCH_TYPE, "Idempotent parameter mismatch",
                    "clientRequestToken '" + mismatch.token() + "' was used in the last "
                            + IdempotencyTokens.DEFAULT_TTL.toMinutes() + " minutes for a different request;"
                            + " nothing was applied. Use a new token for a new request")
                    .extension("clientRequestToken", mismatch.token());
        }
        TransactionResult result = ((NoteTransactions.Done) execution).result();
        if (result instanceof TransactionResult.Canceled canceled) {
            var problem = TransactionJson.canceledProblem(canceled);
            throw new ApiException(409, problem.getType(), problem.getTitle(), problem.getDetail())
                    // as a tree of our mapper, so a reason of None stays {"code":"None"}
                    .extension(TransactionJson.CANCELLATION_REASONS, mapper.valueToTree(canceled.reasons()));
        }
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a transaction result", e);
        }
        ctx.status(200);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json");
        ctx.result(bytes);
    }

    private TransactionRequestBody parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw invalid("the request body is empty; send a JSON object like {\"clientRequestToken\": \"…\", "
                    + "\"items\": [{\"op\": \"update\", \"id\": \"…\", \"ifMatch\": \"\\\"…\\\"\", \"note\": {…}}]}");
        }
        try {
            UnicodeText.requireUtf8(bytes);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        try {
            TransactionRequestBody body = reader.readValue(bytes);
            if (body == null) {
                throw invalid("the request body is JSON null; send a JSON object with an \"items\" array");
            }
            return body;
        } catch (IOException e) {
            throw invalid(describe(e));
        }
    }

    private static ApiException invalid(String detail) {
        return new ApiException(400, "/problems/validation", "Invalid transaction", detail);
    }

    private byte[] readLimited(Context ctx) {
        return limited.read(ctx, MAX_BODY_BYTES, size -> tooLarge(size));
    }

    private static ApiException tooLarge(String size) {
        return ApiException.tooLarge("the transaction is " + size + "; the limit for all items together is "
                + MAX_BODY_BYTES + " bytes (4 MiB)");
    }

    /** A one-line account of what is wrong with the JSON, naming the member by its path, without Java names. */
    private static String describe(IOException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String where = JsonErrors.path(u);
            int dot = where.lastIndexOf('.');
            String owner = dot < 0 ? "" : where.substring(0, dot);
            String known = owner.isEmpty() ? "clientRequestToken and items"
                    : owner.endsWith(".note") ? "title, body and tags" : "op, id, ifMatch, ifNoneMatch, note and lockToken";
            return "unknown field '" + where + "'" + JsonErrors.at(u.getLocation()) + "; "
                    + (owner.isEmpty() ? "a transaction" : owner) + " has only " + known;
        }
        if (e instanceof MismatchedInputException m) {
            String field = JsonErrors.path(m);
            if (field.isEmpty()) {
                return "the request body must be a JSON object with an \"items\" array" + JsonErrors.at(m.getLocation());
            }
            String expected = field.equals("items") ? "an array of items"
                    : field.matches("items\\[\\d+]") ? "an object"
                    : field.endsWith(".note") ? "an object with title, body and tags"
                    : field.endsWith(".tags") ? "an array of strings" : "a string";
            return "'" + field + "' must be " + expected + JsonErrors.at(m.getLocation());
        }
        return JsonErrors.syntax(e);
    }
}
