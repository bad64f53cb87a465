package concord.build;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.annotation.Testable;

/**
 * A build step, run by Maven right after surefire (see the pom): fails the build when a compiled test class
 * did not run. Not a JUnit test itself.
 *
 * <p>Why after the run instead of comparing file names with surefire's include patterns: what counts is what
 * actually ran. Surefire writes one report per class it ran ({@code TEST-<class>.xml}); this compares those
 * reports with every concrete class that has a method JUnit would run — one whose annotation is meta-annotated
 * {@link Testable}, which is how Jupiter's {@code @Test}, {@code @ParameterizedTest}, {@code @RepeatedTest},
 * {@code @TestFactory}, {@code @TestTemplate} and jqwik's {@code @Property} and {@code @Example} all mark
 * themselves. So a class left out by a name pattern, an exclude, a static nested class surefire skips, or a
 * test engine missing from the classpath all fail the build, whatever the reason. Classes tagged with a group
 * the default run excludes (benchmarks) are allowed to stay out. {@code @Nested} classes run with their outer
 * class and are checked through it.
 *
 * <p>Skipped when the run was narrowed on purpose: {@code -Dtest=...}, {@code -Dgroups=...}, {@code -DskipTests},
 * {@code -Dmaven.test.skip}. The reports directory is emptied before each run (pom), so a report left by an
 * earlier run cannot vouch for a class that no longer runs.
 *
 * <p>Arguments: the test classes directory, the surefire reports directory, and the excluded groups
 * (comma-separated, as surefire's {@code excludedGroups}).
 */
public final class EveryTestClassRanCheck {

    private EveryTestClassRanCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: EveryTestClassRanCheck <test-classes> <surefire-reports> <excluded groups>");
        }
        String narrowed = narrowedBy();
        if (narrowed != null) {
            System.out.println("[every test class ran] not checked: the run was narrowed by " + narrowed);
            return;
        }
        Path classes = Path.of(args[0]);
        Path reports = Path.of(args[1]);
        Set<String> excludedGroups = Arrays.stream(args[2].split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        List<String> missing = notRun(classes, reports, excludedGroups, EveryTestClassRanCheck.class.getClassLoader());
        if (!missing.isEmpty()) {
            throw new IllegalStateException(missing.size() + " test class(es) have tests but did not run in this build: "
                    + missing + ". Name them so that the surefire includes in pom.xml match them (…Test, …Tests,"
                    + " …Properties), or make a static nested test class a @Nested inner class.");
        }
        System.out.println("[every test class ran] every test class in " + classes + " has a report in " + reports);
    }

    /** The system property that narrowed this run on purpose, or null. */
    static String narrowedBy() {
        for (String p : List.of("test", "groups", "skipTests", "maven.test.skip", "it.test")) {
            String v = System.getProperty(p);
            if (v != null && !v.equals("false")) {
                return "-D" + p + (v.isEmpty() ? "" : "=" + v);
            }
        }
        return null;
    }

    /** The test classes under {@code classes} that have no surefire report in {@code reports}, sorted. */
    static List<String> notRun(Path classes, Path reports, Set<String> excludedGroups, ClassLoader loader)
            throws IOException {
        Set<String> ran = new TreeSet<>();
        if (Files.isDirectory(reports)) {
            try (Stream<Path> files = Files.list(reports)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("TEST-") && n.endsWith(".xml"))
                        .forEach(n -> ran.add(n.substring("TEST-".length(), n.length() - ".xml".length())));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : classNames(classes)) {
            Class<?> c;
            try {
                c = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load test class " + name + ": " + e, e);
            }
            if (mustRun(c, excludedGroups) && !ran.contains(name)) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** Whether JUnit would run {@code c} on its own: concrete, not @Nested, with a test method not excluded by tag. */
    static boolean mustRun(Class<?> c, Set<String> excludedGroups) {
        if (c.isInterface() || c.isAnnotation() || c.isEnum() || Modifier.isAbstract(c.getModifiers())
                || c.isAnonymousClass() || c.isLocalClass() || c.isAnnotationPresent(Nested.class)
                || tagged(c, excludedGroups)) {
            return false;
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (isTestable(m) && !tagged(m, excludedGroups)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isTestable(Method m) {
        for (Annotation a : m.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(Testable.class)) {
                return true;
            }
        }
        return false;
    }

    private static boolean tagged(java.lang.reflect.AnnotatedElement e, Set<String> groups) {
        for (Tag t : e.getAnnotationsByType(Tag.class)) {
            if (groups.contains(t.value())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> classNames(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString())
                    .map(s -> s.substring(0, s.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .filter(s -> !s.endsWith("package-info") && !s.endsWith("module-info"))
                    .sorted()
                    .toList();
        }
    }
}
