package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One rule for where Concord's data lives, for the app and the server alike. */
class ConcordHomeTest {

    private static Path resolve(Map<String, String> properties, Map<String, String> environment) {
        return ConcordHome.resolve(properties::get, environment::get);
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironmentVariableWhichWinsOverTheHomeDirectory() {
        Map<String, String> props = Map.of("user.home", "/home/ann", "concord.home", "/data/prop");
        Map<String, String> env = Map.of("CONCORD_HOME", "/data/env");
        assertEquals(Path.of("/data/prop"), resolve(props, env));
        assertEquals(Path.of("/data/env"), resolve(Map.of("user.home", "/home/ann"), env));
        assertEquals(Path.of("/home/ann/.concord"), resolve(Map.of("user.home", "/home/ann"), Map.of()));
    }

    @Test
    void aBlankValueCountsAsUnsetSoAnEmptyPropertyFromTheBuildFallsThrough() {
        Map<String, String> env = Map.of("CONCORD_HOME", "/data/env");
        assertEquals(Path.of("/data/env"), resolve(Map.of("user.home", "/h", "concord.home", ""), env));
        assertEquals(Path.of("/h/.concord"), resolve(Map.of("user.home", "/h", "concord.home", " "), Map.of("CONCORD_HOME", "")));
    }

    @Test
    void aRelativeDirectoryIsTakenFromTheWorkingDirectory() {
        assertEquals(Path.of("rel").toAbsolutePath(), resolve(Map.of("user.home", "/h"), Map.of("CONCORD_HOME", "rel")));
    }

    @Test
    void theServersDefaultDataDirectoryIsTheHomesServerFolder() {
        assertEquals(ConcordHome.resolve().resolve("server"), ServerMain.defaultDataDir());
    }
}
