package concord.server;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where Concord keeps its data on this machine, for every entry point (the desktop app and its embedded server,
 * {@code concord.jar server}): the system property {@code concord.home} if set (e.g. {@code -Dconcord.home=DIR},
 * also through {@code mvn -Dconcord.home=DIR javafx:run}), else the environment variable {@code CONCORD_HOME},
 * else {@code ~/.concord}. A blank value counts as unset.
 */
public final class ConcordHome {

    public static final String PROPERTY = "concord.home";
    public static final String VARIABLE = "CONCORD_HOME";

    private ConcordHome() {
    }

    /** The data root of this process. */
    public static Path resolve() {
        return resolve(System::getProperty, System::getenv);
    }

    /** The same from the given system properties and environment. */
    static Path resolve(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String property = properties.apply(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property.strip()).toAbsolutePath();
        }
        String variable = environment.apply(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable.strip()).toAbsolutePath();
        }
        return Path.of(properties.apply("user.home"), ".concord");
    }
}
