package concord.ui.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinksTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://example.org/a?b=c#d", "HTTP://example.org", "mailto:alice@example.org"})
    void webAndMailLinksAreOpened(String url) {
        assertEquals(Optional.of(URI.create(url)), Links.openable(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>", "notes/other",
            "/etc/passwd", "https:///no-host", "http://exa mple.org", "", " ", "vbscript:x", "ftp://example.org"})
    void everythingElseIsNot(String url) {
        assertTrue(Links.openable(url).isEmpty(), url);
    }
}
