package concord.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code concord.app.Main server} in its own JVM, as {@code java -jar concord.jar server} runs it. Public for the
 * client-side tests that kill a real server process.
 */
public final class ServerProcess {

    public static final Pattern LISTENING = Pattern.compile("Concord server listening on (https?://127\\.0\\.0\\.1:\\d+)");

    public final Process process;
    public final URI baseUri;
    public final String firstLine;

    private ServerProcess(Process process, URI baseUri, String firstLine) {
        this.process = process;
        this.baseUri = baseUri;
        this.firstLine = firstLine;
    }

    public static ServerProcess start(Path dataDir, Path log, String... extraArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--data", dataDir.toString()));
        args.addAll(List.of(extraArgs));
        return start(args, java.util.Map.of(), log);
    }

    /** {@code server --port 0} with these arguments (e.g. {@code --db URL}) and these environment variables. */
    public static ServerProcess start(List<String> args, java.util.Map<String, String> env, Path log)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "concord.app.Main", "server", "--port", "0"));
        cmd.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process p = builder.start();
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(16);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.offer(line);
                }
            } catch (IOException ignored) {
                // the process died; the poll below times out or sees the lines read so far
            }
        }, "server-stdout");
        reader.setDaemon(true);
        reader.start();
        String first = lines.poll(60, TimeUnit.SECONDS);
        if (first == null) {
            p.destroyForcibly();
            throw new IllegalStateException("the server printed nothing within 60 s; see " + log);
        }
        Matcher m = LISTENING.matcher(first);
        if (!m.matches()) {
            p.destroyForcibly();
            throw new IllegalStateException("unexpected first line: " + first);
        }
        return new ServerProcess(p, URI.create(m.group(1)), first);
    }

    /** SIGTERM, then wait for the JVM to finish its shutdown hook. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** kill -9. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }
}
