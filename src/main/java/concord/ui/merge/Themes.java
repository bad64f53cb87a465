package concord.ui.merge;

import java.util.Objects;

/**
 * AtlantaFX's Primer stylesheets by resource URL. The AtlantaFX 2.1 theme classes are compiled for Java 21, so on
 * Java 17 {@code new PrimerLight()} fails; the CSS files in the same jar work with
 * {@code Application.setUserAgentStylesheet(Themes.PRIMER_DARK)}.
 */
public final class Themes {

    public static final String PRIMER_LIGHT = url("/atlantafx/base/theme/primer-light.css");
    public static final String PRIMER_DARK = url("/atlantafx/base/theme/primer-dark.css");

    private Themes() {
    }

    private static String url(String path) {
        return Objects.requireNonNull(Themes.class.getResource(path), path).toExternalForm();
    }
}
