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

    private MergeFileText(Charset charset) {
        this.charset = charset;
    }

    static MergeFileText forInputs(byte[]... inputs) {
        for (byte[] in : inputs) {
            if (!isUtf8(in)) {
                return new MergeFileText(StandardCharsets.ISO_8859_1);
            }
        }
        return new MergeFileText(StandardCharsets.UTF_8);
    }

    Charset charset() {
        return charset;
    }

    String decode(byte[] bytes) {
        return new String(bytes, charset);
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

    static boolean isUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && bytes[i] >= 0) {
            i++;
        }
        if (i == bytes.length) {
            return true; // ASCII: the common case, without building a second copy
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
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
