package concord.wire.tx;

import com.fasterxml.jackson.annotation.JsonInclude;
import concord.model.NoteContent;
import concord.model.tx.EntityMatch;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionRequest;
import java.util.List;

/**
 * The JSON shape of {@code POST /transactions}, field for field and unchecked: every member is a plain
 * string so that a malformed value reaches {@link TransactionValidator}, which can say exactly what is
 * wrong with which item, instead of failing inside Jackson.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransactionRequestBody(String clientRequestToken, List<ItemBody> items) {

    /** One item as sent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemBody(String op, String id, String ifMatch, String ifNoneMatch, NoteBody note, String lockToken) {

        public ItemBody(String op, String id, String ifMatch, String ifNoneMatch, NoteBody note) {
            this(op, id, ifMatch, ifNoneMatch, note, null);
        }
    }

    /** An item's note content as sent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NoteBody(String title, String body, List<String> tags) {
    }

    /** The wire form of a (valid) request, for a client to send. */
    public static TransactionRequestBody of(TransactionRequest request) {
        return new TransactionRequestBody(request.clientRequestToken(),
                request.items().stream().map(TransactionRequestBody::item).toList());
    }

    private static ItemBody item(TransactionItem item) {
        EntityMatch ifMatch = item.ifMatch();
        NoteContent note = item.note();
        return new ItemBody(item.op().wireName(), item.id(),
                ifMatch == null ? null : ifMatch.header(),
                item.ifNoneMatch() ? "*" : null,
                note == null ? null : new NoteBody(note.title(), note.body(), note.tags()), item.lockToken());
    }
}
