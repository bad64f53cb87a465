package concord.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of prose-like note text (headings, paragraphs, bullet and numbered lists) and of
 * the two edited sides of a three-way merge. Deterministic for a seed, so every run of the benchmark
 * merges the same bytes.
 */
final class MergeTextGenerator {

    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are or "
            + "his from at which but have an they you were her she there been one all we their has would when if "
            + "so no will can more about what up other into could some them time these two may then do first any "
            + "like now over such our man me even most made after also did many before must through back years "
            + "where much your way well down should because each just those people how too little state good very "
            + "make world still own see men work long get here between both life being under never day same another "
            + "know while last might us great old year off come since against go came right used take three meeting "
            + "notes draft review project budget release server client merge conflict version editor window team "
            + "schedule agenda decision follow summary question answer design test build deploy issue report plan "
            + "garden kitchen travel recipe morning evening weekend library museum river mountain village harbour "
            + "autumn winter spring summer letter chapter story paper colour music coffee bread market bicycle").split(" ");
    private static final String[] PUNCT = {".", ".", ".", ",", ";", ":", "!", "?"};

    private final Random random;

    MergeTextGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** Lines (each ending in "\n") of about {@code targetBytes} UTF-8 bytes in total. */
    List<String> document(int targetBytes) {
        List<String> lines = new ArrayList<>();
        long bytes = 0;
        int section = 1;
        while (bytes < targetBytes) {
            String block;
            int kind = random.nextInt(10);
            if (kind == 0) {
                block = "#".repeat(1 + random.nextInt(3)) + " " + section++ + ". " + capitalise(words(2 + random.nextInt(5))) + "\n";
                lines.add(block);
                bytes += block.length();
            } else if (kind <= 2) {
                int items = 2 + random.nextInt(6);
                boolean numbered = random.nextBoolean();
                for (int i = 1; i <= items; i++) {
                    String item = (numbered ? i + ". " : "- ") + sentence() + "\n";
                    lines.add(item);
                    bytes += item.length();
                }
            } else {
                // a paragraph: one sentence-ish line each, as notes wrapped by an editor look
                int sentences = 1 + random.nextInt(6);
                for (int i = 0; i < sentences; i++) {
                    String s = sentence() + (random.nextInt(3) == 0 ? " " + sentence() : "") + "\n";
                    lines.add(s);
                    bytes += s.length();
                }
            }
            lines.add("\n");
            bytes++;
        }
        return lines;
    }

    String sentence() {
        return capitalise(words(4 + random.nextInt(14))) + PUNCT[random.nextInt(PUNCT.length)];
    }

    String words(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(random.nextInt(12) == 0 ? ", " : " ");
            }
            sb.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Replaces one word of a line with another; keeps the line terminator. */
    String editWord(String line) {
        String body = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        String[] parts = body.split(" ", -1);
        if (parts.length < 2) {
            return sentence() + "\n";
        }
        int i = random.nextInt(parts.length);
        String replacement = WORDS[random.nextInt(WORDS.length)];
        String p = parts[i];
        int cut = p.length();
        while (cut > 0 && !Character.isLetterOrDigit(p.charAt(cut - 1))) {
            cut--;
        }
        parts[i] = replacement + p.substring(cut);
        return String.join(" ", parts) + "\n";
    }

    Random random() {
        return random;
    }
}
