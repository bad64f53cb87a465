package concord.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ConcurrentMergeTest {

    @Test
    void oneMergerUsedFromManyThreadsAtOnceGivesEveryThreadTheSequentialResult() throws Exception {
        HistogramMerger merger = new HistogramMerger();
        List<String[]> cases = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String base = paragraph(i, "quick", "dog");
            cases.add(new String[] {base, paragraph(i, "slow", "dog"), paragraph(i, "quick", "cat" + i)});
            cases.add(new String[] {base, paragraph(i, "slow", "dog"), paragraph(i, "fast", "dog")});
        }
        List<MergeResult> expected = new ArrayList<>();
        for (String[] c : cases) {
            expected.add(merger.merge(c[0], c[1], c[2]));
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<MergeResult>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<MergeResult> mine = new ArrayList<>();
                    for (int round = 0; round < 20; round++) {
                        for (String[] c : cases) {
                            mine.add(merger.merge(c[0], c[1], c[2]));
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<MergeResult>> f : futures) {
                List<MergeResult> got = f.get(60, TimeUnit.SECONDS);
                for (int i = 0; i < got.size(); i++) {
                    assertEquals(expected.get(i % cases.size()), got.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String paragraph(int i, String adjective, String animal) {
        return "Note " + i + "\n\nThe " + adjective + " brown fox jumps over the lazy " + animal + ".\r\nEnd";
    }
}
