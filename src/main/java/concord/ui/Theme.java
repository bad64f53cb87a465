package concord.ui;

import java.util.Objects;
import javafx.application.Application;

/**
 * The AtlantaFX Primer themes. Applied through their stylesheets rather than the {@code PrimerLight}
 * classes: atlantafx-base 2.1.0's classes are compiled for Java 21 (class file 65) and do not load on
 * Java 17, while its CSS is plain resources.
 */
public enum Theme {
    LIGHT("/atlantafx/base/theme/primer-light.css"),
    DARK("/atlantafx/base/theme/primer-dark.css");

    private final String resource;

    Theme(String resource) {
        this.resource = resource;
    }

    public String stylesheet() {
        return Objects.requireNonNull(Theme.class.getResource(resource), resource).toExternalForm();
    }

    /** For every window of the application at once. */
    public void apply() {
        Application.setUserAgentStylesheet(stylesheet());
    }
}
