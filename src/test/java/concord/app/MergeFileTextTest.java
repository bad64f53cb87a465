package concord.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MergeFileTextTest {

    @Test
    void validUtf8WithARealReplacementCharacterIsReadAsUtf8() {
        byte[] withReplacement = "caf\u00e9 \uFFFD ok\n".getBytes(StandardCharsets.UTF_8);
        MergeFileText text = MergeFileText.forInputs("a\n".getBytes(StandardCharsets.UTF_8), withReplacement);
        assertEquals(StandardCharsets.UTF_8, text.charset());
        assertEquals("caf\u00e9 \uFFFD ok\n", text.text(1));
    }

    @Test
    void oneMalformedInputMakesAllThreeLatin1SoEveryByteSurvives() {
        byte[] good = "na\u00efve\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'a', (byte) 0xC3, '(', '\n'}; // a lead byte without its continuation
        MergeFileText text = MergeFileText.forInputs(good, bad, good);
        assertEquals(StandardCharsets.ISO_8859_1, text.charset());
        assertArrayEquals(good, text.encode(text.text(0)));
        assertArrayEquals(bad, text.encode(text.text(1)));
        assertEquals(good.length, text.text(2).length(), "one char per byte");
    }
}
