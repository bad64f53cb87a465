package concord.ui.markdown;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which links of a note the preview hands to the system browser: absolute http, https and mailto URLs only. A
 * {@code file:}, {@code javascript:} or relative link, or anything that is no URI, is not opened (the preview says
 * so instead), so a shared note cannot make a click run a program or open a local file.
 */
public final class Links {

    private static final Set<String> OPENABLE = Set.of("http", "https", "mailto");

    private Links() {
    }

    /** The URI to open for a link's destination, or empty when it is not one the preview opens. */
    public static Optional<URI> openable(String destination) {
        if (destination == null || destination.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(destination.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !OPENABLE.contains(scheme.toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
            if (!scheme.equalsIgnoreCase("mailto") && (uri.getHost() == null || uri.getHost().isEmpty())) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
