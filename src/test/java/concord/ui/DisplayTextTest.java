package concord.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DisplayTextTest {

    @Test
    void anAuthorIsShownByName() {
        assertEquals("Alice", DisplayText.author("Alice"));
        assertEquals("Bob Smith", DisplayText.author("Bob Smith"));
    }

    @Test
    void aMissingOrBlankAuthorIsSomeone() {
        assertEquals("Someone", DisplayText.author(null));
        assertEquals("Someone", DisplayText.author(""));
        assertEquals("Someone", DisplayText.author("  "));
    }

    @Test
    void aTitleIsShownWithoutTheSpacesAroundIt() {
        assertEquals("Groceries", DisplayText.title("Groceries"));
        assertEquals("Weekend trip", DisplayText.title("  Weekend trip \t"));
    }

    @Test
    void aMissingOrBlankTitleIsUntitled() {
        assertEquals("Untitled", DisplayText.title(null));
        assertEquals("Untitled", DisplayText.title(""));
        assertEquals("Untitled", DisplayText.title(" \t "));
    }

    @Test
    void aNumberOfNotesIsSingularForOne() {
        assertEquals("1 note", DisplayText.notes(1));
        assertEquals("0 notes", DisplayText.notes(0));
        assertEquals("3 notes", DisplayText.notes(3));
    }
}
