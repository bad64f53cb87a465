package concord.app;

import concord.client.ApiResult;
import concord.client.NotesApi;
import concord.model.NoteContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sample notes of the demo (assets/samples, packaged as concord/samples). Seeded through the HTTP API,
 * once per data directory, so a user who deletes them does not get them back on the next start.
 */
final class EmbeddedSamples {

    static final String MARKER = "samples-seeded";
    private static final String ROOT = "/concord/samples/";

    record Sample(String id, NoteContent content) {
    }

    private EmbeddedSamples() {
    }

    /** Seeds the samples unless this data directory already had them; returns how many were created. */
    static int seedOnce(Path dataDir, NotesApi api) {
        Path marker = dataDir.resolve(MARKER);
        if (Files.exists(marker)) {
            return 0;
        }
        int created = 0;
        for (Sample s : load()) {
            ApiResult<?> r = api.createWithId(s.id(), s.content());
            if (r instanceof ApiResult.Ok) {
                created++;
            } else if (!(r instanceof ApiResult.Conflict)) {
                throw new IllegalStateException("could not seed sample note " + s.id() + ": " + r);
            }
        }
        try {
            Files.writeString(marker, "The sample notes were created; delete this file to get them again.\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return created;
    }

    /** index.txt lists the files; each is "# Title", an optional "tags: a, b" line, a blank line, the body. */
    static List<Sample> load() {
        List<Sample> samples = new ArrayList<>();
        for (String line : read("index.txt").split("\n")) {
            String file = line.strip();
            if (file.isEmpty() || file.startsWith("#")) {
                continue;
            }
            samples.add(parse(file.replaceFirst("\\.[^.]*$", ""), read(file)));
        }
        return samples;
    }

    static Sample parse(String id, String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int i = 0;
        String title = lines[i].startsWith("# ") ? lines[i++].substring(2).strip() : id;
        List<String> tags = List.of();
        if (i < lines.length && lines[i].startsWith("tags:")) {
            tags = Arrays.stream(lines[i++].substring(5).split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        }
        if (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        String body = String.join("\n", Arrays.asList(lines).subList(i, lines.length));
        return new Sample(id, new NoteContent(title, body, tags));
    }

    private static String read(String name) {
        try (InputStream in = EmbeddedSamples.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + ROOT + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
