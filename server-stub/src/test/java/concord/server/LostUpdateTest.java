package concord.server;

import concord.engines.Databases;
import concord.engines.Engine;
import concord.engines.OnBothEngines;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.Note;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 16 threads × 200 read-modify-write rounds on 2 shared notes, each round appending one unique line and retrying
 * on 412. If any update were lost, a line acknowledged with 200 would be missing from the final note.
 */
@OnBothEngines
class LostUpdateTest {

    @RegisterExtension
    static final Databases databases = new Databases();

    @Parameter
    Engine engine;

    static final int THREADS = 16;
    static final int ROUNDS = 200;

    @Test
    void concurrentAppendsWithIfMatchRetriesLoseNoAcknowledgedLine() throws Exception {
        try (ConcordServer server = ConcordServer.create(databases.fresh(engine).serverConfig()).start()) {
            runAgainst(List.of(server.baseUri()));
        }
    }

    /**
     * The rounds against these servers: round {@code r} of thread {@code t} goes through server {@code (t + r) % n},
     * so with several instances on one database every thread's consecutive rounds land on different instances.
     */
    static void runAgainst(List<URI> servers) throws Exception {
        Http setup = new Http(servers.get(0));
        String[] ids = {
                setup.createWithId("shared-0", "shared", "", "setup").note().id(),
                setup.createWithId("shared-1", "shared", "", "setup").note().id()};
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger[] successes = {new AtomicInteger(), new AtomicInteger()};
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                List<Http> clients = servers.stream().map(Http::new).toList();
                String id = ids[thread % 2];
                go.await();
                Note seen = clients.get(thread % clients.size()).get("/notes/" + id).note();
                for (int round = 0; round < ROUNDS; round++) {
                    Http http = clients.get((thread + round) % clients.size());
                    String line = "t" + thread + "-r" + round;
                    while (true) {
                        Http.Res r = http.update(id, seen.etag().header(), "shared", seen.body() + line + "\n",
                                "writer-" + thread);
                        if (r.status() == 200) {
                            seen = r.note();
                            acknowledged.add(id + "/" + line);
                            successes[thread % 2].incrementAndGet();
                            break;
                        }
                        assertEquals(412, r.status(), r::toString);
                        conflicts.incrementAndGet();
                        // the 412 carries the current note: merge onto it (here: just append again)
                        seen = Http.JSON.convertValue(r.json().get("current"), Note.class);
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> w : workers) {
            w.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertEquals(THREADS * ROUNDS, acknowledged.size());
        assertTrue(conflicts.get() > 0, "the test must actually produce conflicts to prove anything");
        for (int n = 0; n < 2; n++) {
            Note last = setup.get("/notes/" + ids[n]).note();
            List<String> lines = Arrays.asList(last.body().split("\n"));
            assertEquals(successes[n].get(), lines.size(), "one line per successful PUT on " + ids[n]);
            Set<String> unique = new HashSet<>(lines);
            assertEquals(lines.size(), unique.size(), "no line twice");
            for (String line : lines) {
                assertTrue(acknowledged.contains(ids[n] + "/" + line), "unacknowledged line " + line);
            }
            assertEquals(successes[n].get() + 1, last.version(), "one version per successful PUT");
            assertEquals(successes[n].get() + 1, setup.getAllPages("/notes/" + ids[n] + "/versions").size());
        }
        System.out.printf("lost-update test on %d server(s): %d successful PUTs, %d conflicts (412) retried%n",
                servers.size(), acknowledged.size(), conflicts.get());
    }
}
