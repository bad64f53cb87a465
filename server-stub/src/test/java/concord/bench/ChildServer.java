package concord.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code concord.jar server} in a JVM of its own, so a benchmark can read what that process alone did: the bytes it
 * read ({@code /proc/PID/io} rchar) and its resident memory ({@code /proc/PID/status}). {@code bench.serverJar}
 * runs another build (e.g. the one before a change) instead of this classpath.
 */
final class ChildServer implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Concord server listening on (http://\\S+)");

    final Process process;
    final URI baseUri;

    private ChildServer(Process process, URI baseUri) {
        this.process = process;
        this.baseUri = baseUri;
    }

    static ChildServer start(Path dataDir, List<String> jvmOptions, String... serverArgs) throws Exception {
        String jar = System.getProperty("bench.serverJar");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(jar != null ? List.of("-cp", jar) : List.of("-cp", System.getProperty("java.class.path")));
        cmd.addAll(List.of("concord.app.Main", "server", "--port", "0", "--data", dataDir.toString()));
        cmd.addAll(List.of(serverArgs));
        Path log = Files.createTempFile("child-server", ".log");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        Matcher m = line == null ? null : LISTENING.matcher(line);
        if (m == null || !m.matches()) {
            p.destroyForcibly();
            throw new IllegalStateException("the server did not start: " + line + "; see " + log);
        }
        return new ChildServer(p, URI.create(m.group(1)));
    }

    /** Bytes the process has read through read(2) and friends (files and sockets), from /proc/PID/io. */
    long bytesRead() throws IOException {
        return procField("io", "rchar:");
    }

    /** Resident memory now, in bytes. */
    long rss() throws IOException {
        return procField("status", "VmRSS:") * 1024;
    }

    /** The most resident memory the process ever had, in bytes. */
    long peakRss() throws IOException {
        return procField("status", "VmHWM:") * 1024;
    }

    private long procField(String file, String field) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), file))) {
            if (l.startsWith(field)) {
                return Long.parseLong(l.substring(field.length()).strip().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + field + " in /proc/" + process.pid() + "/" + file);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
