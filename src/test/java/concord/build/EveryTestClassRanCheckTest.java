package concord.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Example;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build check that fails when a compiled test class did not run. */
@Tag("tagged-for-EveryTestClassRanCheckTest")
class EveryTestClassRanCheckTest {

    @TempDir
    Path dir;

    @Test
    void aTestClassWithoutAReportIsReportedAndOneWithAReportIsNot() throws IOException {
        Path classes = dir.resolve("classes");
        Path reports = dir.resolve("reports");
        copyClassFile(EveryTestClassRanCheckTest.class, classes);
        copyClassFile(EveryTestClassRanCheck.class, classes); // not a test class: never required
        Files.createDirectories(reports);

        List<String> before = EveryTestClassRanCheck.notRun(classes, reports, Set.of(), getClass().getClassLoader());
        Files.writeString(reports.resolve("TEST-" + EveryTestClassRanCheckTest.class.getName() + ".xml"), "<testsuite/>");
        List<String> after = EveryTestClassRanCheck.notRun(classes, reports, Set.of(), getClass().getClassLoader());

        assertEquals(List.of(EveryTestClassRanCheckTest.class.getName()), before);
        assertEquals(List.of(), after);
    }

    @Test
    void aClassTaggedWithAnExcludedGroupMayStayOut() {
        assertTrue(EveryTestClassRanCheck.mustRun(EveryTestClassRanCheckTest.class, Set.of("benchmark")));
        assertFalse(EveryTestClassRanCheck.mustRun(EveryTestClassRanCheckTest.class,
                Set.of("tagged-for-EveryTestClassRanCheckTest")));
    }

    @Test
    void abstractAndNestedClassesAreLeftToTheClassesThatRunThem() {
        assertFalse(EveryTestClassRanCheck.mustRun(AbstractWithExample.class, Set.of()));
        assertFalse(EveryTestClassRanCheck.mustRun(Inner.class, Set.of()), "@Nested runs with its outer class");
        assertFalse(EveryTestClassRanCheck.mustRun(EveryTestClassRanCheck.class, Set.of()), "no test methods");
    }

    @Nested
    class Inner {
        @Test
        void runsWithItsOuterClass() {
            assertEquals(EveryTestClassRanCheckTest.class, getClass().getEnclosingClass());
        }
    }

    abstract static class AbstractWithExample {
        @Example
        void inheritedExample() {
        }
    }

    private static void copyClassFile(Class<?> c, Path root) throws IOException {
        String relative = c.getName().replace('.', '/') + ".class";
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent());
        try (InputStream in = c.getClassLoader().getResourceAsStream(relative)) {
            Files.copy(in, target);
        }
    }
}
