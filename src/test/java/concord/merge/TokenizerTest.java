package concord.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void wordsWhitespaceRunsPunctuationAndLineBreaksAreSeparateTokens() {
        assertEquals(List.of("Hello", ",", "  ", "world_2", "!", "\r\n", "\t", "next", "\n"),
                tokens("Hello,  world_2!\r\n\tnext\n"));
    }

    @Test
    void accentedWordsWithCombiningMarksStayWhole() {
        assertEquals(List.of("cafe\u0301", " ", "na\u00efve"), tokens("cafe\u0301 na\u00efve"));
    }

    @Test
    void emojiWithModifiersJoinersAndVariationSelectorsAreSingleTokens() {
        String thumb = "\uD83D\uDC4D\uD83C\uDFFD";
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        String heart = "\u2764\uFE0F";
        assertEquals(List.of(thumb, family, heart, " ", "ok"), tokens(thumb + family + heart + " ok"));
    }

    @Test
    void flagsPairTheirRegionalIndicators() {
        String de = "\uD83C\uDDE9\uD83C\uDDEA";
        String fr = "\uD83C\uDDEB\uD83C\uDDF7";
        assertEquals(List.of(de, fr, fr), tokens(de + fr + fr));
    }

    @Test
    void hanAndKanaCharactersAreTokensOfTheirOwn() {
        assertEquals(List.of("\u65e5", "\u672c", "\u3067", "abc"), tokens("\u65e5\u672c\u3067abc"));
    }

    @Test
    void tokensCoverTheTextExactly() {
        String text = "a\u0301\uD83D\uDC4D\uD83C\uDFFD, \r\n\r\u00a0 x";
        assertEquals(text, String.join("", tokens(text)));
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
