package concord.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer at the edges of its rules: the first and last code point of each range it glues to the cluster
 * before it, and the code points just outside; a lone carriage return; punctuation carrying a combining mark.
 */
class TokenizerEdgesTest {

    private static final String THUMB = "\uD83D\uDC4D";

    @Test
    void skinToneModifiersFromTheFirstToTheLastStayWithTheirEmojiAndTheirNeighboursDoNot() {
        for (int tone : new int[] {0x1F3FB, 0x1F3FF}) {
            String withTone = THUMB + cp(tone);
            assertEquals(List.of(withTone, " "), tokens(withTone + " "), Integer.toHexString(tone));
        }
        for (int outside : new int[] {0x1F3FA, 0x1F400}) { // an amphora, a rat: symbols of their own
            assertEquals(List.of(THUMB, cp(outside)), tokens(THUMB + cp(outside)), Integer.toHexString(outside));
        }
    }

    @Test
    void emojiTagCharactersFromTheFirstToTheLastStayWithTheirFlag() {
        String blackFlag = "\uD83C\uDFF4";
        for (int tag : new int[] {0xE0020, 0xE007F}) {
            String flag = blackFlag + cp(0xE0067) + cp(tag);
            assertEquals(List.of(flag, "!"), tokens(flag + "!"), Integer.toHexString(tag));
        }
        assertEquals(2, tokens(blackFlag + cp(0xE0080)).size(), "U+E0080 is no tag character");
    }

    @Test
    void regionalIndicatorsFromAToZPairIntoFlagsAndAnOddOneStandsAlone() {
        String a = cp(0x1F1E6);
        String z = cp(0x1F1FF);
        assertEquals(List.of(a + z, z + a, a), tokens(a + z + z + a + a));
    }

    @Test
    void aLoneCarriageReturnAtTheEndAndAPunctuationMarkWithACombiningAccentAreTokensOfTheirOwn() {
        assertEquals(List.of("a", "\r"), tokens("a\r"));
        assertEquals(List.of("\r\n"), tokens("\r\n"));
        assertEquals(List.of("x", "!\u0301", "y"), tokens("x!\u0301y"), "the accent stays on the '!'");
    }

    @Test
    void aTokenIsAWordWhenItIsLettersDigitsOrAnIdeograph() {
        String text = "ab 12 \u65e5 ! _x";
        assertTrue(Tokenizer.isWord(text, 0, 2));
        assertTrue(Tokenizer.isWord(text, 3, 5));
        assertTrue(Tokenizer.isWord(text, 6, 7), "a Han character");
        assertTrue(Tokenizer.isWord(text, 10, 12), "an underscore starts a word");
        assertFalse(Tokenizer.isWord(text, 2, 3), "a space");
        assertFalse(Tokenizer.isWord(text, 8, 9), "punctuation");
        assertFalse(Tokenizer.isWord(text, 4, 4), "an empty range");
    }

    @Test
    void manyTokensAreAllKeptWhenTheBoundsGrow() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            sb.append("w").append(i).append(i % 2 == 0 ? " " : ",");
        }
        List<String> t = tokens(sb.toString());
        assertEquals(600, t.size());
        assertEquals(sb.toString(), String.join("", t));
    }

    private static String cp(int codePoint) {
        return new String(Character.toChars(codePoint));
    }

    private static List<String> tokens(String text) {
        Segments s = Tokenizer.tokens(text);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(s.piece(i));
        }
        return out;
    }
}
