package concord.wire.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import concord.model.ETag;
import concord.model.NoteContent;
import concord.model.tx.EntityMatch;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionOp;
import concord.model.tx.TransactionRequest;
import concord.wire.Problem;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransactionValidatorTest {

    private final ObjectMapper mapper = TransactionJson.newMapper();
    private final TransactionValidator validator = new TransactionValidator();

    private TransactionValidator.Outcome validate(String json) throws Exception {
        return validator.validate(mapper.readValue(json.replace('\'', '"'), TransactionRequestBody.class));
    }

    private static String items(String... items) {
        return "{'items':[" + String.join(",", items) + "]}";
    }

    private static String update(String id) {
        return "{'op':'update','id':'" + id + "','ifMatch':'\\'v1\\'','note':{'title':'t','body':'b'}}";
    }

    @Test
    void aWellFormedRequestBecomesTypedItemsInOrder() throws Exception {
        String json = "{'clientRequestToken':'tok-1','items':["
                + "{'op':'put','id':'a','ifNoneMatch':'*','note':{'title':'A','body':'x','tags':['t']}},"
                + "{'op':'put','id':'b','ifMatch':'\\'e-b\\'','note':{'title':'B','body':'y'}},"
                + "{'op':'update','id':'c','ifMatch':'*','note':{'title':'C','body':'z'}},"
                + "{'op':'delete','id':'d','ifMatch':'\\'e-d\\''},"
                + "{'op':'conditionCheck','id':'e','ifMatch':'\\'e-e\\''}]}";
        var outcome = assertInstanceOf(TransactionValidator.Valid.class, validate(json));
        TransactionRequest expected = new TransactionRequest("tok-1", List.of(
                TransactionItem.create("a", new NoteContent("A", "x", List.of("t"))),
                TransactionItem.put("b", new ETag("e-b"), new NoteContent("B", "y", List.of())),
                new TransactionItem(TransactionOp.UPDATE, "c", EntityMatch.any(), false, new NoteContent("C", "z", List.of())),
                TransactionItem.delete("d", new ETag("e-d")),
                TransactionItem.conditionCheck("e", new ETag("e-e"))));
        assertEquals(expected, outcome.request());
    }

    @Test
    void aValidRequestSurvivesTheRoundTripThroughItsWireForm() throws Exception {
        TransactionRequest request = new TransactionRequest("r", List.of(
                TransactionItem.create("n1", new NoteContent("T \"q\"", "line\nline", List.of("x", "y"))),
                TransactionItem.update("n2", new ETag("abc-2"), new NoteContent("U", "", List.of())),
                TransactionItem.delete("n3", new ETag("z")),
                TransactionItem.conditionCheck("n4", new ETag("k"))));
        String json = mapper.writeValueAsString(TransactionRequestBody.of(request));
        var outcome = validator.validate(mapper.readValue(json, TransactionRequestBody.class));
        assertEquals(new TransactionValidator.Valid(request), outcome);
    }

    @Test
    void oneHundredItemsAreAccepted() throws Exception {
        String json = items(IntStream.range(0, 100).mapToObj(i -> update("n" + i)).toArray(String[]::new));
        var outcome = assertInstanceOf(TransactionValidator.Valid.class, validate(json));
        assertEquals(100, outcome.request().items().size());
    }

    @Test
    void oneHundredAndOneItemsAreRejectedSayingTheLimitAndTheCount() throws Exception {
        String json = items(IntStream.range(0, 101).mapToObj(i -> update("n" + i)).toArray(String[]::new));
        Problem problem = invalid(json).problem();
        assertEquals(400, problem.getStatus());
        assertEquals("/problems/validation", problem.getType());
        assertEquals("a transaction has at most 100 items; this one has 101", problem.getDetail());
    }

    @Test
    void twoItemsOnTheSameNoteAreRejectedNamingTheIdAndBothIndexes() throws Exception {
        var invalid = invalid(items(update("a"), update("dup"), update("b"), update("dup")));
        assertEquals("dup", invalid.duplicateId());
        Problem problem = invalid.problem();
        assertEquals("dup", problem.extensions().get("id"));
        assertEquals("items[1] and items[3] are both on note 'dup'; a transaction may touch each note at most once",
                problem.getDetail());
    }

    @Test
    void everyViolationIsListedWithItsPointer() throws Exception {
        var invalid = invalid(items(
                "{'op':'update','id':'bad id','ifMatch':'\\'v\\'','note':{'title':'t','body':'b'}}",
                update("ok"),
                "{'op':'delete','id':'d'}"));
        assertEquals(List.of("/items/0/id", "/items/2"),
                invalid.violations().stream().map(TransactionValidator.Violation::pointer).toList());
        @SuppressWarnings("unchecked")
        List<Map<String, String>> errors = (List<Map<String, String>>) invalid.problem().extensions().get("errors");
        assertEquals(2, errors.size());
        assertTrue(invalid.problem().getDetail().endsWith("(and 1 more problem, see errors)"), invalid.problem().getDetail());
    }

    static Stream<Arguments> malformedRequests() {
        String note = ",'note':{'title':'t','body':'b'}";
        return Stream.of(
                Arguments.of("{}", "/items", "items is required"),
                Arguments.of("{'items':[]}", "/items", "at least 1 item"),
                Arguments.of("{'items':[null]}", "/items/0", "must be an object"),
                Arguments.of(items("{'id':'a','ifMatch':'*'" + note + "}"), "/items/0/op", "op is required: one of put, update, delete, conditionCheck"),
                Arguments.of(items("{'op':'upsert','id':'a','ifMatch':'*'" + note + "}"), "/items/0/op", "'upsert' is not one of"),
                Arguments.of(items("{'op':'update','ifMatch':'*'" + note + "}"), "/items/0/id", "id is required"),
                Arguments.of(items("{'op':'update','id':'a/b','ifMatch':'*'" + note + "}"), "/items/0/id", "'a/b' is not a valid note id"),
                Arguments.of(items("{'op':'update','id':'" + "x".repeat(65) + "','ifMatch':'*'" + note + "}"), "/items/0/id", "not a valid note id"),
                Arguments.of(items("{'op':'update','id':'a','ifMatch':'v1'" + note + "}"), "/items/0/ifMatch", "not a single quoted entity tag"),
                Arguments.of(items("{'op':'update','id':'a','ifMatch':'W/\\'v1\\''" + note + "}"), "/items/0/ifMatch", "weak entity tag"),
                Arguments.of(items("{'op':'update','id':'a','ifMatch':'\\'a\\', \\'b\\''" + note + "}"), "/items/0/ifMatch", "not a single quoted entity tag"),
                Arguments.of(items("{'op':'update','id':'a','ifMatch':''" + note + "}"), "/items/0/ifMatch", "not a single quoted entity tag"),
                Arguments.of(items("{'op':'put','id':'a','ifNoneMatch':'\\'v\\''" + note + "}"), "/items/0/ifNoneMatch", "must be \"*\""),
                Arguments.of(items("{'op':'update','id':'a','ifNoneMatch':'*'" + note + "}"), "/items/0/ifNoneMatch", "only allowed on put"),
                Arguments.of(items("{'op':'put','id':'a','ifMatch':'*','ifNoneMatch':'*'" + note + "}"), "/items/0", "both ifMatch and ifNoneMatch"),
                Arguments.of(items("{'op':'put','id':'a'" + note + "}"), "/items/0", "put) needs ifMatch (replace that version) or ifNoneMatch"),
                Arguments.of(items("{'op':'update','id':'a'" + note + "}"), "/items/0", "update) needs ifMatch"),
                Arguments.of(items("{'op':'delete','id':'a'}"), "/items/0", "delete) needs ifMatch"),
                Arguments.of(items("{'op':'conditionCheck','id':'a'}"), "/items/0", "conditionCheck) needs ifMatch"),
                Arguments.of(items("{'op':'put','id':'a','ifNoneMatch':'*'}"), "/items/0/note", "needs a note"),
                Arguments.of(items("{'op':'update','id':'a','ifMatch':'*','note':{'body':'b'}}"), "/items/0/note/title", "note.title is required"),
                Arguments.of(items("{'op':'put','id':'a','ifMatch':'*','note':{'title':'t'}}"), "/items/0/note/body", "note.body is required"),
                Arguments.of(items("{'op':'put','id':'a','ifMatch':'*','note':{'title':'t','body':'b','tags':['x',null]}}"), "/items/0/note/tags/1", "must be a string"),
                Arguments.of(items("{'op':'put','id':'a','ifMatch':'*','note':{'title':'" + "t".repeat(201) + "','body':'b'}}"), "/items/0/note/title", "201 characters; at most 200"),
                Arguments.of(items("{'op':'put','id':'a','ifMatch':'*','note':{'title':'two\\nlines','body':'b'}}"), "/items/0/note/title", "one line without control characters"),
                Arguments.of(items("{'op':'put','id':'a','ifMatch':'*','note':{'title':'t','body':'b','tags':["
                        + IntStream.range(0, 21).mapToObj(i -> "'t" + i + "'").collect(Collectors.joining(",")) + "]}}"), "/items/0/note/tags", "21 entries; at most 20"),
                Arguments.of(items("{'op':'put','id':'a','ifMatch':'*','note':{'title':'t','body':'b','tags':['x','  ']}}"), "/items/0/note/tags/1", "not blank"),
                Arguments.of(items("{'op':'put','id':'a','ifMatch':'*','note':{'title':'t','body':'b','tags':['" + "x".repeat(51) + "']}}"), "/items/0/note/tags/0", "1 to 50 characters"),
                Arguments.of(items("{'op':'put','id':'a','ifMatch':'*','note':{'title':'t','body':'b','tags':['a\\u001fb']}}"), "/items/0/note/tags/0", "without control characters"),
                Arguments.of(items("{'op':'put','id':'a','ifMatch':'*','note':{'title':'t','body':'b','tags':['x','y','x']}}"), "/items/0/note/tags/2", "lists 'x' twice"),
                Arguments.of(items("{'op':'delete','id':'a','ifMatch':'*'" + note + "}"), "/items/0/note", "delete) takes no note"),
                Arguments.of(items("{'op':'conditionCheck','id':'a','ifMatch':'*'" + note + "}"), "/items/0/note", "conditionCheck) takes no note"),
                Arguments.of("{'clientRequestToken':'has space','items':[" + update("a") + "]}", "/clientRequestToken", "1 to 64 characters"),
                Arguments.of("{'clientRequestToken':'','items':[" + update("a") + "]}", "/clientRequestToken", "1 to 64 characters"),
                Arguments.of("{'clientRequestToken':'" + "t".repeat(65) + "','items':[" + update("a") + "]}", "/clientRequestToken", "1 to 64 characters"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("malformedRequests")
    void eachMalformedRequestIsRejectedWithAPreciseMessageAtTheRightPointer(String json, String pointer, String fragment) throws Exception {
        var invalid = invalid(json);
        var first = invalid.violations().get(0);
        assertEquals(pointer, first.pointer(), () -> "violations: " + invalid.violations());
        assertTrue(first.message().contains(fragment), () -> "message: " + first.message());
        assertEquals(first.message().length() > 0, invalid.problem().getDetail().startsWith(first.message()));
    }

    @Test
    void aNoteLargerThanOneMebibyteIsRejectedForItsItem() throws Exception {
        String big = "x".repeat(TransactionValidator.MAX_NOTE_BYTES);
        var invalid = invalid(items(update("a"), "{'op':'update','id':'b','ifMatch':'*','note':{'title':'t','body':'" + big + "'}}"));
        assertEquals("/items/1/note", invalid.violations().get(0).pointer());
        assertTrue(invalid.violations().get(0).message().contains("at most 1048576 bytes"));
    }

    @Test
    void aTokenOfSixtyFourAllowedCharactersIsAccepted() throws Exception {
        String token = "aZ09_-".repeat(10) + "abcd";
        var valid = assertInstanceOf(TransactionValidator.Valid.class,
                validate("{'clientRequestToken':'" + token + "','items':[" + update("a") + "]}"));
        assertEquals(token, valid.request().clientRequestToken());
    }

    @Test
    void aProblemListsAllErrorsAsPointerAndDetail() throws Exception {
        var invalid = invalid(items("{'op':'x','id':'-'}", "{'op':'delete','id':'+','ifMatch':'*'}"));
        @SuppressWarnings("unchecked")
        List<Map<String, String>> errors = (List<Map<String, String>>) invalid.problem().extensions().get("errors");
        assertEquals(invalid.violations().stream().map(v -> Map.of("pointer", v.pointer(), "detail", v.message())).collect(Collectors.toList()),
                errors);
    }

    private TransactionValidator.Invalid invalid(String json) throws Exception {
        return assertInstanceOf(TransactionValidator.Invalid.class, validate(json));
    }
}
