package concord.ui.markdown;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;

/**
 * CommonMark with GitHub's tables and ~~strikethrough~~ (commonmark-java: it follows the spec, has no dependencies
 * and its extensions are exactly these two; flexmark would bring dozens of modules for features a note does not
 * need). Raw HTML in a note is kept as text by the renderer, never interpreted.
 */
public final class MarkdownParser {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(),
            StrikethroughExtension.builder().requireTwoTildes(true).build());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();

    /** The document tree of {@code markdown}. Thread-safe: parse off the FX thread for a long note. */
    public Node parse(String markdown) {
        return parser.parse(markdown == null ? "" : markdown);
    }
}
