package concord.ui.notes;

import concord.client.NotesApi;
import concord.client.NotesTransactions;

/** The in-memory fake the view-model tests use, held to the same contract as the real server. */
class InMemoryNotesApiContractTest extends NotesApiContract {

    private final InMemoryNotesApi server = new InMemoryNotesApi();

    @Override
    NotesApi api(String user) {
        return server.as(user);
    }

    @Override
    NotesTransactions transactions(String user) {
        return server.transactionsAs(user);
    }
}
