package concord.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.function.Supplier;
import javafx.application.Application;

/**
 * The AtlantaFX Primer themes. atlantafx-base is pinned to 2.0.1: 2.1.0 is compiled for Java 21
 * (class file 65), and javafx-maven-plugin drops such a jar from the module path, so {@code mvn javafx:run}
 * started without any theme.
 */
public enum Theme {
    LIGHT(PrimerLight::new),
    DARK(PrimerDark::new);

    private final Supplier<atlantafx.base.theme.Theme> theme;

    Theme(Supplier<atlantafx.base.theme.Theme> theme) {
        this.theme = theme;
    }

    public String stylesheet() {
        return theme.get().getUserAgentStylesheet();
    }

    /** For every window of the application at once. */
    public void apply() {
        Application.setUserAgentStylesheet(stylesheet());
    }
}
