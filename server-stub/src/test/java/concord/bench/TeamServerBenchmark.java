package concord.bench;

import concord.engines.TestPostgres;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import concord.store.PostgresSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Concord on PostgreSQL side by side with pgbench on the same database: conditional read-modify-write (GET, then
 * PUT with If-Match) by 8 clients on 8 notes of their own through 1 and through 3 instances, and pgbench's built-in
 * simple-update script ({@code pgbench -N}: per transaction an UPDATE, a SELECT and an INSERT, one commit) with the
 * same number of clients. Rounds alternate, so both see the same machine. Every Concord round checks that each
 * note's counter equals its successful PUTs (0 lost) and that no request failed (any answer but 200 or 412, any I/O
 * error), or the run fails: no figure is printed as if the work had been done.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=concord.bench.TeamServerBenchmark \
 *     [-Dbench.seconds=10] [-Dbench.warmup=3] [-Dbench.jitWarmup=20] [-Dbench.rounds=2] \
 *     [-Dbench.pgbench=/usr/lib/postgresql/15/bin/pgbench]
 * </pre>
 * The PostgreSQL server is the tests' embedded one (zonky, PostgreSQL 17, fsync and synchronous_commit on, as
 * shipped); pgbench is a client only, any version from 10 on works (Debian: {@code apt-get install
 * postgresql-client}, or the {@code postgresql} package, which puts it in /usr/lib/postgresql/NN/bin).
 */
public final class TeamServerBenchmark {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 10);
        int warmup = Integer.getInteger("bench.warmup", 3);
        int rounds = Integer.getInteger("bench.rounds", 2);
        int jitWarmup = Integer.getInteger("bench.jitWarmup", 20);
        String pgbench = System.getProperty("bench.pgbench", findPgbench());
        ServerBenchmark.Scenario scenario = ServerBenchmark.EIGHT_BY_EIGHT;

        boolean failed = false;
        try (TestPostgres postgres = TestPostgres.start()) {
            PostgresSettings db = postgres.createDatabase();
            String name = db.url().replaceAll(".*/([^/?]+)\\?.*", "$1");
            System.out.printf(Locale.ROOT, "PostgreSQL (embedded) on 127.0.0.1:%d, database %s; %d cores; load %.1f%n",
                    postgres.port(), name, Runtime.getRuntime().availableProcessors(), load());
            List<ConcordServer> instances = new ArrayList<>();
            Path unused = Files.createTempDirectory("concord-bench-unused");
            for (int i = 0; i < 3; i++) {
                instances.add(ConcordServer.create(ServerConfig.loopback(unused).withDatabase(db)).start());
            }
            // after Concord's migration: Flyway refuses to take over a schema that already holds other tables
            pgbench(pgbench, postgres.port(), name, "-i", "-q", "-s", "1");
            try {
                List<URI> one = List.of(instances.get(0).baseUri());
                List<URI> three = instances.stream().map(ConcordServer::baseUri).toList();
                if (jitWarmup > 0) {
                    System.out.printf(Locale.ROOT, "JIT warm-up: %d s of %s over 3 instances, not measured%n",
                            jitWarmup, scenario.name());
                    failed |= ServerBenchmark.run(three, scenario, 0, jitWarmup).errors() != 0;
                }
                List<Double> pg = new ArrayList<>();
                List<Double> c1 = new ArrayList<>();
                List<Double> c3 = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    System.out.printf(Locale.ROOT, "-- round %d of %d (load %.1f)%n", r, rounds, load());
                    double tps = pgbench(pgbench, postgres.port(), name, "-N", "-c", Integer.toString(scenario.clients()),
                            "-j", "2", "-T", Integer.toString(seconds + warmup));
                    System.out.printf(Locale.ROOT, "pgbench -N -c %d: %.0f transactions/s%n", scenario.clients(), tps);
                    pg.add(tps);
                    ServerBenchmark.Result a = ServerBenchmark.run(one, scenario, warmup, seconds);
                    ServerBenchmark.Result b = ServerBenchmark.run(three, scenario, warmup, seconds);
                    failed |= a.errors() != 0 || b.errors() != 0;
                    c1.add(a.perSecond());
                    c3.add(b.perSecond());
                }
                System.out.println();
                System.out.printf(Locale.ROOT, "%-44s %12s %12s%n", "", "per second", "vs pgbench");
                double base = mean(pg);
                System.out.printf(Locale.ROOT, "%-44s %12.0f %12s%n", "pgbench -N, " + scenario.clients() + " clients",
                        base, "1.00");
                System.out.printf(Locale.ROOT, "%-44s %12.0f %12.2f%n", "Concord, 1 instance, " + scenario.name(),
                        mean(c1), mean(c1) / base);
                System.out.printf(Locale.ROOT, "%-44s %12.0f %12.2f%n", "Concord, 3 instances, " + scenario.name(),
                        mean(c3), mean(c3) / base);
                System.out.println("each figure the mean of " + rounds + " rounds: pgbench " + pg + ", 1 instance " + c1
                        + ", 3 instances " + c3 + (failed ? "" : "; 0 errors, 0 lost updates (every counter exact)"));
            } finally {
                instances.forEach(ConcordServer::close);
            }
        }
        if (failed) {
            System.out.println("FAILED: errors or lost updates (see above); the figures above do not count");
            System.exit(1);
        }
        System.exit(0);
    }

    private static String findPgbench() {
        for (String v : List.of("17", "16", "15", "14", "13")) {
            Path p = Path.of("/usr/lib/postgresql", v, "bin", "pgbench");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return "pgbench";
    }

    /** Runs pgbench as the superuser (trusted on 127.0.0.1) and returns its tps, or 0 for a run without one. */
    private static double pgbench(String pgbench, int port, String db, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(pgbench, "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", "postgres"));
        cmd.addAll(List.of(args));
        cmd.add(db);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        Matcher m = TPS.matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
