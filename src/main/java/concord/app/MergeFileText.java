package concord.app;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes to text and back without losing a byte. UTF-8 when all three inputs are valid UTF-8 (so the sub-line
 * refinement sees real characters); otherwise ISO-8859-1 for all three, which maps every byte to one char and
 * back, so the line-level merge compares exactly the bytes git compares.
 */
final class MergeFileText {

    private final Charset charset;
    private final String[] texts;

    private MergeFileText(Charset charset, String[] texts) {
        this.charset = charset;
        this.texts = texts;
    }

    /** Decodes the inputs, all in one charset; {@link #text(int)} gives them back in the same order. */
    static MergeFileText forInputs(byte[]... inputs) {
        String[] texts = new String[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            texts[i] = utf8(inputs[i]);
            if (texts[i] == null) {
                for (int k = 0; k < inputs.length; k++) {
                    texts[k] = new String(inputs[k], StandardCharsets.ISO_8859_1);
                }
                return new MergeFileText(StandardCharsets.ISO_8859_1, texts);
            }
        }
        return new MergeFileText(StandardCharsets.UTF_8, texts);
    }

    String text(int i) {
        return texts[i];
    }

    Charset charset() {
        return charset;
    }

    byte[] encode(String text) {
        return text.getBytes(charset);
    }

    /**
     * A label as the bytes git would write for it: the argument's UTF-8 bytes. In ISO-8859-1 mode those bytes are
     * carried as one char each so that encoding the output writes them unchanged.
     */
    String label(String label) {
        if (label == null || charset.equals(StandardCharsets.UTF_8)) {
            return label;
        }
        return new String(label.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /**
     * The text, or {@code null} when the bytes are not valid UTF-8. One decoding pass: the JDK's own decoder
     * replaces malformed input by U+FFFD, so only a text that contains U+FFFD (rare, and never in ASCII or
     * Latin-1 text, where the search ends at once) is checked again strictly.
     */
    static String utf8(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** git's buffer_is_binary: a NUL byte among the first 8000 bytes. */
    static boolean isBinary(byte[] bytes) {
        int n = Math.min(bytes.length, 8000);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

}
