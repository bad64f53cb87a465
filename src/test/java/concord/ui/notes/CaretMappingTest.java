package concord.ui.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CaretMappingTest {

    private static final String TEXT = "one\ntwo\nthree\n";

    @Test
    void aCaretInAnUnchangedLineKeepsItsLineAndColumnWhenLinesAreAddedAboveAndBelow() {
        String after = "zero\none\ntwo\nthree\nfour\n";
        int inTwo = TEXT.indexOf("two") + 2;
        assertEquals(after.indexOf("two") + 2, CaretMapping.map(TEXT, after, inTwo));
    }

    @Test
    void aCaretAfterRemovedLinesMovesUpWithItsLine() {
        assertEquals("one\n".length() + 1, CaretMapping.map(TEXT, "one\nthree\n", TEXT.indexOf("three") + 1));
    }

    @Test
    void aCaretInAChangedLineStaysOnThatLineAtTheSameColumnWhereItCan() {
        String after = "one\nTWO, longer\nthree\n";
        assertEquals(after.indexOf("TWO") + 2, CaretMapping.map(TEXT, after, TEXT.indexOf("two") + 2));
        String shorter = "one\nT\nthree\n";
        assertEquals(shorter.indexOf("T") + 1, CaretMapping.map(TEXT, shorter, TEXT.indexOf("two") + 2), "a shorter line: its end");
    }

    @Test
    void aCaretInALineThatWasDeletedGoesToWhereTheLineWas() {
        assertEquals("one\n".length(), CaretMapping.map(TEXT, "one\nthree\n", TEXT.indexOf("two") + 1));
    }

    @Test
    void theEndStaysTheEndAlsoWithoutAFinalLineBreak() {
        String before = "a\nb";
        String after = "x\na\nb";
        assertEquals(after.length(), CaretMapping.map(before, after, before.length()));
        assertEquals(TEXT.length() + 4, CaretMapping.map(TEXT, "new\n" + TEXT, TEXT.length()));
    }

    @Test
    void theSameTextKeepsTheCaretAndEmptyTextsWork() {
        assertEquals(5, CaretMapping.map(TEXT, TEXT, 5));
        assertEquals(0, CaretMapping.map("", "", 0));
        assertEquals(0, CaretMapping.map(TEXT, "", 6));
    }
}
