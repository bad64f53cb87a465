package concord.ui.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.client.ApiResult;
import concord.client.NotesApi;
import concord.client.NotesTransactions;
import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteSummary;
import concord.model.tx.CancellationCode;
import concord.model.tx.CancellationReason;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionResult;
import concord.model.tx.WrittenItem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the view models may rely on from {@link NotesApi} and {@link NotesTransactions}, written once and run
 * against the in-memory fake ({@link InMemoryNotesApiContractTest}) and against the real server through the HTTP
 * client ({@code ServerNotesApiContractTest}), so that the fake cannot drift from the server unnoticed.
 */
abstract class NotesApiContract {

    /** The notes API as {@code user} sees it; every user of one test shares one server. */
    abstract NotesApi api(String user);

    abstract NotesTransactions transactions(String user);

    private static NoteContent content(String body) {
        return new NoteContent("Plan", body, List.of("work"));
    }

    @SuppressWarnings("unchecked")
    private static <T> T ok(ApiResult<T> r) {
        return ((ApiResult.Ok<T>) assertInstanceOf(ApiResult.Ok.class, r, () -> "expected Ok, got " + r)).value();
    }

    @Test
    void aNoteCreatedWithAnIdReadsBackAsWrittenAtVersionOne() {
        NotesApi alice = api("alice");
        Note created = ok(alice.createWithId("plan", content("one\n")));

        assertEquals("plan", created.id());
        assertEquals(1, created.version());
        assertEquals("alice", created.updatedBy());
        assertEquals(content("one\n"), created.content());
        assertEquals(created, ok(api("bob").get("plan")));
    }

    @Test
    void anUpdateWithTheCurrentEtagWritesTheNextVersionUnderANewEtag() {
        NotesApi alice = api("alice");
        Note v1 = ok(alice.createWithId("plan", content("one\n")));
        Note v2 = ok(api("bob").update("plan", v1.etag(), content("two\n")));

        assertEquals(2, v2.version());
        assertEquals("bob", v2.updatedBy());
        assertNotEquals(v1.etag(), v2.etag());
        assertEquals(v2, ok(alice.get("plan")));
    }

    @Test
    void anUpdateWithAStaleEtagIsAConflictCarryingTheCurrentNoteAndChangesNothing() {
        NotesApi alice = api("alice");
        Note v1 = ok(alice.createWithId("plan", content("one\n")));
        Note v2 = ok(api("bob").update("plan", v1.etag(), content("bob's\n")));

        ApiResult<Note> stale = alice.update("plan", v1.etag(), content("alice's\n"));

        assertEquals(new ApiResult.Conflict<>(v2), stale);
        assertEquals(v2, ok(alice.get("plan")));
    }

    @Test
    void aStaleUpdateWhoseTextTheServerAlreadyHoldsIsReportedAsSaved() {
        NotesApi alice = api("alice");
        Note v1 = ok(alice.createWithId("plan", content("one\n")));
        Note v2 = ok(alice.update("plan", v1.etag(), content("two\n")));

        // the same save again (as after a timeout whose first attempt had landed): no second version
        assertEquals(new ApiResult.Ok<>(v2), alice.update("plan", v1.etag(), content("two\n")));
        assertEquals(2, ok(alice.versions("plan")).size());
    }

    @Test
    void creatingAnIdThatExistsIsAConflictUnlessItHoldsTheSameText() {
        Note existing = ok(api("alice").createWithId("plan", content("one\n")));

        assertEquals(new ApiResult.Conflict<>(existing), api("bob").createWithId("plan", content("other\n")));
        assertEquals(new ApiResult.Ok<>(existing), api("bob").createWithId("plan", content("one\n")));
    }

    @Test
    void aDeletedNoteIsGoneForReadsUpdatesAndDeletes() {
        NotesApi alice = api("alice");
        Note v1 = ok(alice.createWithId("plan", content("one\n")));

        assertEquals(new ApiResult.Ok<Void>(null), alice.delete("plan", v1.etag()));

        assertInstanceOf(ApiResult.Gone.class, alice.get("plan"));
        assertInstanceOf(ApiResult.Gone.class, alice.update("plan", v1.etag(), content("two\n")));
        assertInstanceOf(ApiResult.Gone.class, api("bob").delete("plan", v1.etag()));
        assertTrue(ok(alice.list()).stream().noneMatch(s -> s.id().equals("plan")));
    }

    @Test
    void aDeleteWithAStaleEtagIsAConflictAndKeepsTheNote() {
        NotesApi alice = api("alice");
        Note v1 = ok(alice.createWithId("plan", content("one\n")));
        Note v2 = ok(alice.update("plan", v1.etag(), content("two\n")));

        assertEquals(new ApiResult.Conflict<Void>(v2), api("bob").delete("plan", v1.etag()));
        assertEquals(v2, ok(alice.get("plan")));
    }

    @Test
    void aNoteThatNeverExistedIsGone() {
        NotesApi alice = api("alice");
        assertInstanceOf(ApiResult.Gone.class, alice.get("never"));
        assertInstanceOf(ApiResult.Gone.class, alice.update("never", new ETag("v1-x"), content("x\n")));
        assertInstanceOf(ApiResult.Gone.class, alice.versions("never"));
        assertInstanceOf(ApiResult.Gone.class, alice.version("never", 1));
    }

    @Test
    void anIdThatIsNotAValidNoteIdIsRefusedAsInvalid() {
        NotesApi alice = api("alice");
        for (String id : List.of("../x", "has space", "")) {
            ApiResult.Invalid<?> get = assertInstanceOf(ApiResult.Invalid.class, alice.get(id), id);
            assertEquals(400, get.status());
            assertInstanceOf(ApiResult.Invalid.class, alice.createWithId(id, content("x\n")), id);
        }
    }

    @Test
    void everyVersionStaysReadableOldestFirstAlsoAfterADelete() {
        NotesApi alice = api("alice");
        Note v1 = ok(alice.createWithId("plan", content("one\n")));
        Note v2 = ok(alice.update("plan", v1.etag(), content("two\n")));
        ok(alice.delete("plan", v2.etag()));

        List<NoteSummary> versions = ok(alice.versions("plan"));

        assertEquals(List.of(v1.summary(), v2.summary()), versions);
        assertEquals(v1, ok(alice.version("plan", 1)));
        assertEquals(v2, ok(alice.version("plan", 2)));
        assertInstanceOf(ApiResult.Gone.class, alice.version("plan", 3));
    }

    @Test
    void aNoteReCreatedAfterADeleteGoesOnCountingVersionsUnderAnEtagNeverSeenBefore() {
        NotesApi alice = api("alice");
        Note v1 = ok(alice.createWithId("plan", content("one\n")));
        Note v2 = ok(alice.update("plan", v1.etag(), content("two\n")));
        ok(alice.delete("plan", v2.etag()));

        Note again = ok(api("bob").createWithId("plan", content("one\n")));

        assertEquals(3, again.version());
        assertTrue(!again.etag().equals(v1.etag()) && !again.etag().equals(v2.etag()),
                "an old ETag must never match the new note");
        assertInstanceOf(ApiResult.Conflict.class, alice.update("plan", v1.etag(), content("stale\n")));
        assertEquals(3, ok(alice.versions("plan")).size());
    }

    @Test
    void theListShowsLiveNotesMostRecentlyChangedFirst() {
        NotesApi alice = api("alice");
        Note a = ok(alice.createWithId("a", content("a\n")));
        ok(alice.createWithId("b", content("b\n")));
        Note c = ok(alice.createWithId("c", content("c\n")));
        Note a2 = ok(alice.update("a", a.etag(), content("a2\n")));
        ok(alice.delete("c", c.etag()));

        List<NoteSummary> listed = ok(alice.list());

        assertEquals(List.of("a", "b"), listed.stream().map(NoteSummary::id).toList());
        assertEquals(a2.summary(), listed.get(0));
    }

    @Test
    void aTransactionWritesEveryItemOrNoneAndSaysWhyForEachItem() {
        NotesApi alice = api("alice");
        Note a = ok(alice.createWithId("a", content("a\n")));
        Note b = ok(alice.createWithId("b", content("b\n")));
        Note b2 = ok(api("bob").update("b", b.etag(), content("bob's b\n")));
        NotesTransactions tx = transactions("alice");

        TransactionResult.Canceled canceled = assertInstanceOf(TransactionResult.Canceled.class, ok(tx.transact("t-1",
                List.of(TransactionItem.update("a", a.etag(), content("a2\n")),
                        TransactionItem.update("b", b.etag(), content("b2\n")),
                        TransactionItem.delete("gone", new ETag("v1-x"))))));

        assertEquals(List.of(CancellationCode.None, CancellationCode.ConditionalCheckFailed, CancellationCode.NotFound),
                canceled.reasons().stream().map(CancellationReason::code).toList());
        assertEquals(b2, canceled.reasons().get(1).current());
        assertEquals(a, ok(alice.get("a")), "nothing written");

        TransactionResult.Committed committed = assertInstanceOf(TransactionResult.Committed.class, ok(tx.transact("t-2",
                List.of(TransactionItem.update("a", a.etag(), content("a2\n")),
                        TransactionItem.delete("b", b2.etag()),
                        TransactionItem.create("new", content("new\n"))))));

        Note a2 = ok(alice.get("a"));
        assertEquals(List.of(new WrittenItem("a", a2.etag(), 2), new WrittenItem("b", null, 2),
                new WrittenItem("new", ok(alice.get("new")).etag(), 1)), committed.items());
        assertEquals("alice", a2.updatedBy());
        assertInstanceOf(ApiResult.Gone.class, alice.get("b"));
    }

    @Test
    void aTransactionRepeatedWithItsTokenReplaysTheFirstOutcomeAndAppliesNothingTwice() {
        Note a = ok(api("alice").createWithId("a", content("a\n")));
        NotesTransactions tx = transactions("alice");
        List<TransactionItem> items = List.of(TransactionItem.update("a", a.etag(), content("a2\n")));

        TransactionResult first = ok(tx.transact("token-1", items));
        TransactionResult again = ok(tx.transact("token-1", items));

        assertInstanceOf(TransactionResult.Committed.class, first);
        assertEquals(first, again);
        assertEquals(2, ok(api("alice").get("a")).version(), "applied once");
    }

    @Test
    void aTokenReusedForADifferentRequestIsRefusedAndNothingIsWritten() {
        Note a = ok(api("alice").createWithId("a", content("a\n")));
        NotesTransactions tx = transactions("alice");
        ok(tx.transact("token-1", List.of(TransactionItem.conditionCheck("a", a.etag()))));

        ApiResult<TransactionResult> reused = tx.transact("token-1",
                List.of(TransactionItem.update("a", a.etag(), content("changed\n"))));

        ApiResult.Invalid<?> refused = assertInstanceOf(ApiResult.Invalid.class, reused);
        assertEquals(409, refused.status());
        assertEquals(a, ok(api("alice").get("a")));
    }

    @Test
    void aTokenBelongsToItsUserSoAnotherUsersSameTokenIsARequestOfItsOwn() {
        Note a = ok(api("alice").createWithId("a", content("a\n")));
        TransactionResult alices = ok(transactions("alice").transact("token-1",
                List.of(TransactionItem.conditionCheck("a", a.etag()))));

        // Bob's token-1 is not Alice's: neither her outcome replayed nor refused as a mismatch, but applied afresh
        TransactionResult bobs = ok(transactions("bob").transact("token-1",
                List.of(TransactionItem.update("a", a.etag(), content("bob\n")))));

        assertInstanceOf(TransactionResult.Committed.class, alices);
        assertInstanceOf(TransactionResult.Committed.class, bobs);
        Note now = ok(api("alice").get("a"));
        assertEquals("bob\n", now.body());
        assertEquals("bob", now.updatedBy());
        // and Alice's token still replays her own first outcome, not Bob's
        assertEquals(alices, ok(transactions("alice").transact("token-1",
                List.of(TransactionItem.conditionCheck("a", a.etag())))));
    }

    @Test
    void aCanceledTransactionRepeatedWithItsTokenStaysCanceledEvenOnceItWouldPass() {
        NotesApi alice = api("alice");
        ok(alice.createWithId("a", content("a\n")));
        NotesTransactions tx = transactions("alice");
        List<TransactionItem> createA = List.of(TransactionItem.create("a", content("mine\n")));

        TransactionResult first = ok(tx.transact("token-1", createA));
        Note a = ok(alice.get("a"));
        ok(alice.delete("a", a.etag()));
        TransactionResult again = ok(tx.transact("token-1", createA));

        assertInstanceOf(TransactionResult.Canceled.class, first);
        assertEquals(first, again);
        assertInstanceOf(ApiResult.Gone.class, alice.get("a"), "the replay wrote nothing");
    }

    @Test
    void etagsAreUniqueAcrossNotesAndVersions() {
        NotesApi alice = api("alice");
        Set<ETag> seen = new HashSet<>();
        for (String id : List.of("a", "b", "c")) {
            Note n = ok(alice.createWithId(id, content(id + "\n")));
            assertTrue(seen.add(n.etag()));
            assertTrue(seen.add(ok(alice.update(id, n.etag(), content(id + "2\n"))).etag()));
        }
    }
}
