package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.TestDatabase;
import concord.engines.TestPostgres;
import concord.model.Note;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of one instance (a JVM of its own, started as {@code concord.jar server --db}) while writers go through it
 * and two others: every write any instance acknowledged is there afterwards, and the others never stop serving.
 */
class ClusterCrashTest {

    static final int WRITERS = 6;
    static final int ACKS_BEFORE_KILL = 200;
    static final int ACKS_AFTER_KILL_EACH = 20;

    @RegisterExtension
    static final Databases databases = new Databases();

    @TempDir
    Path dir;

    record Ack(String id, long version, String body) {
    }

    @Test
    void killMinus9OfOneInstanceUnderLoadLosesNoAcknowledgedWriteAndTheOthersKeepServing() throws Exception {
        TestDatabase db = databases.fresh(Engine.POSTGRESQL);
        Path log = dir.resolve("victim.log");
        ServerProcess victim = ServerProcess.start(db.serverArgs(), Map.of("CONCORD_DB_PASSWORD", TestPostgres.PASSWORD), log);
        try (Cluster others = new Cluster(db, 2)) {
            List<Http> all = List.of(new Http(victim.baseUri), others.http(0), others.http(1));
            Queue<Ack> acks = new ConcurrentLinkedQueue<>();
            CountDownLatch enough = new CountDownLatch(ACKS_BEFORE_KILL);
            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger afterKill = new AtomicInteger();
            AtomicInteger throughVictim = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String id = "crash-" + w;
                Thread t = new Thread(() -> {
                    try {
                        Note n = others.http(0).createWithId(id, "crash", "0", "writer").note();
                        acks.add(new Ack(id, n.version(), n.body()));
                        int mine = 0;
                        for (int i = 1; mine < ACKS_AFTER_KILL_EACH; i++) {
                            boolean down = killed.get();
                            Http via = down ? all.get(1 + i % 2) : all.get(i % 3);
                            try {
                                Http.Res u = via.update(id, n.etag().header(), "crash", n.body() + "\n" + i, "writer");
                                if (u.status() != 200) {
                                    throw new AssertionError(u.toString());
                                }
                                n = u.note();
                                acks.add(new Ack(id, n.version(), n.body()));
                                if (via == all.get(0)) {
                                    throughVictim.incrementAndGet();
                                }
                                enough.countDown();
                                if (down) {
                                    mine++;
                                    afterKill.incrementAndGet();
                                }
                            } catch (UncheckedIOException lost) {
                                // the victim died under this request: unacknowledged, maybe applied; read again
                                n = others.http(0).get("/notes/" + id).note();
                            }
                        }
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }, "writer-" + w);
                t.start();
                writers.add(t);
            }
            assertTrue(enough.await(120, TimeUnit.SECONDS), "the writers did not get going; see " + log);
            victim.kill(); // kill -9 while writers are mid-request on it
            killed.set(true);
            for (Thread t : writers) {
                t.join(TimeUnit.MINUTES.toMillis(3));
                assertTrue(!t.isAlive(), "a writer hangs");
            }
            assertTrue(failures.isEmpty(), () -> "writers failed: " + failures);
            assertEquals(WRITERS * ACKS_AFTER_KILL_EACH, afterKill.get(), "the other instances kept serving");

            Http check = others.http(1);
            List<Ack> acknowledged = new ArrayList<>(acks);
            for (Ack a : acknowledged) {
                Http.Res r = check.get("/notes/" + a.id() + "/versions/" + a.version());
                assertEquals(200, r.status(), () -> "acknowledged write lost: " + a + " → " + r);
                assertEquals(a.body(), r.note().body());
            }
            assertTrue(throughVictim.get() > 0, "the killed instance acknowledged writes before it died");
            System.out.printf("cluster crash test: %d acknowledged writes (%d by the instance then killed),"
                    + " all present after kill -9; %d served by the others afterwards%n", acknowledged.size(),
                    throughVictim.get(), afterKill.get());
        } finally {
            victim.kill();
        }
    }
}
