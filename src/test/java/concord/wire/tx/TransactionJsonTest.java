package concord.wire.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import concord.model.ETag;
import concord.model.Note;
import concord.model.tx.CancellationReason;
import concord.model.tx.TransactionResult;
import concord.model.tx.WrittenItem;
import concord.wire.Problem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionJsonTest {

    private final ObjectMapper mapper = TransactionJson.newMapper();

    @Test
    void aCommittedResultIsTheItemsArrayAndADeletedItemHasNoEtag() throws Exception {
        var committed = new TransactionResult.Committed(List.of(
                new WrittenItem("a", new ETag("v2-x"), 2), new WrittenItem("b", null, 5)));
        assertEquals("{\"items\":[{\"id\":\"a\",\"etag\":\"\\\"v2-x\\\"\",\"version\":2},{\"id\":\"b\",\"version\":5}]}",
                mapper.writeValueAsString(committed));
        assertEquals(committed, mapper.readValue(mapper.writeValueAsString(committed), TransactionResult.Committed.class));
    }

    @Test
    void aReasonOfNoneIsJustItsCode() throws Exception {
        assertEquals("{\"code\":\"None\"}", mapper.writeValueAsString(CancellationReason.none()));
    }

    @Test
    void aCanceledProblemSurvivesTheRoundTripWithEveryReasonInOrder() throws Exception {
        Note current = new Note("b", "B", "body", List.of("t"), 3, new ETag("v3-y"), Instant.parse("2026-11-26T12:00:00Z"), "bob");
        var canceled = new TransactionResult.Canceled(List.of(CancellationReason.none(),
                CancellationReason.conditionalCheckFailed(current, "changed"), CancellationReason.notFound("gone")));
        Problem problem = TransactionJson.canceledProblem(canceled);
        assertEquals("Transaction canceled, nothing was changed: 2 of 3 items failed their condition; "
                + "the first is items[1] (ConditionalCheckFailed): changed", problem.getDetail());
        Problem read = mapper.readValue(mapper.writeValueAsString(problem), Problem.class);
        assertEquals(TransactionJson.CANCELED_TYPE, read.getType());
        assertEquals(409, read.getStatus());
        assertEquals(canceled, TransactionJson.readCanceled(mapper, read));
    }

    @Test
    void bothKindsOfOutcomeSurviveTheStoredForm() {
        Note current = new Note("b", "B", "body", List.of(), 3, new ETag("v3-y"), Instant.parse("2026-11-26T12:00:00Z"), "bob");
        var canceled = new TransactionResult.Canceled(List.of(CancellationReason.conditionalCheckFailed(current, "m"),
                CancellationReason.none()));
        var committed = new TransactionResult.Committed(List.of(new WrittenItem("a", new ETag("v1-z"), 1)));
        assertEquals(canceled, TransactionJson.decodeOutcome(mapper, TransactionJson.encodeOutcome(mapper, canceled)));
        assertEquals(committed, TransactionJson.decodeOutcome(mapper, TransactionJson.encodeOutcome(mapper, committed)));
    }
}
