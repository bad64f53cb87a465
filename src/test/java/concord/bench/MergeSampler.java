package concord.bench;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A poor man's sampling profiler: reads one thread's stack every few milliseconds while it works and
 * counts, per method, the samples where it is on top (self) and anywhere on the stack (inclusive).
 * Enough to say which phase of the merge the time goes to, with no agent or extra tool.
 */
final class MergeSampler implements AutoCloseable {

    private final Thread target;
    private final Thread sampler;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Integer> self = new HashMap<>();
    private final Map<String, Integer> inclusive = new HashMap<>();
    private int samples;

    MergeSampler(Thread target, long intervalMillis) {
        this.target = target;
        this.sampler = new Thread(() -> {
            while (running.get()) {
                sample();
                try {
                    Thread.sleep(intervalMillis); // pacing of the sampler itself, not synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "merge-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private synchronized void sample() {
        StackTraceElement[] stack = target.getStackTrace();
        if (stack.length == 0 || target.getState() == Thread.State.WAITING || target.getState() == Thread.State.TIMED_WAITING) {
            return;
        }
        samples++;
        self.merge(frame(stack[0]), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (StackTraceElement e : stack) {
            String f = frame(e);
            if (seen.add(f)) {
                inclusive.merge(f, 1, Integer::sum);
            }
        }
    }

    private static String frame(StackTraceElement e) {
        return e.getClassName() + "." + e.getMethodName();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        sampler.interrupt();
        sampler.join();
    }

    synchronized void print(PrintStream out, int top) {
        out.printf("  %d samples%n  self (top of stack):%n", samples);
        printTop(out, self, top, s -> true);
        out.printf("  inclusive, concord.* and org.eclipse.jgit.* frames only:%n");
        printTop(out, inclusive, top, s -> s.startsWith("concord.merge") || s.startsWith("concord.app") || s.startsWith("org.eclipse.jgit"));
    }

    private void printTop(PrintStream out, Map<String, Integer> counts, int top, java.util.function.Predicate<String> keep) {
        counts.entrySet().stream()
                .filter(e -> keep.test(e.getKey()))
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(top)
                .forEach(e -> out.printf("    %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
    }
}
