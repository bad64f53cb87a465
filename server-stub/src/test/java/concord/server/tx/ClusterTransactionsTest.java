package concord.server.tx;

import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.TestDatabase;
import concord.server.ConcordServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transactions through two instances, a reader on a third: no listing ever shows half of one. */
class ClusterTransactionsTest {

    @RegisterExtension
    static final Databases databases = new Databases();

    @Test
    void concurrentTransactionsThroughTwoInstancesStayAtomicForAReaderOnAThird() throws Exception {
        TestDatabase db = databases.fresh(Engine.POSTGRESQL);
        try (ConcordServer a = ConcordServer.create(db.serverConfig()).start();
             ConcordServer b = ConcordServer.create(db.serverConfig()).start();
             ConcordServer c = ConcordServer.create(db.serverConfig()).start()) {
            TransactionAtomicityUnderConcurrencyTest.runAgainst(List.of(a.baseUri(), b.baseUri()), c.baseUri());
        }
    }
}
