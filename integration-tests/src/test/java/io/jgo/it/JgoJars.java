package io.jgo.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The reactor's own jars, found where the test's class path took them from (in a reactor
 * {@code mvn verify}, each module's {@code target/*.jar}), so that the tests never use an
 * {@code io.jgo} artifact from the shared local repository.
 */
final class JgoJars {
    private JgoJars() {
    }

    static Path annotations() {
        return jarOf("io.jgo.annotation.Go");
    }

    static Path runtime() {
        return jarOf("io.jgo.Jgo");
    }

    static Path processor() {
        return jarOf("io.jgo.processor.GoProcessor");
    }

    /** The test kit's jar. */
    static Path testKit() {
        return jarOf("io.jgo.test.GoTest");
    }

    /**
     * What javac needs on -processorpath: the processor jar alone, which carries its own
     * (relocated) JavaPoet and recognises the annotations by name.
     */
    static List<Path> processorPath() {
        return List.of(processor());
    }

    static String join(List<Path> paths) {
        StringBuilder b = new StringBuilder();
        for (Path p : paths) {
            b.append(b.length() == 0 ? "" : File.pathSeparator).append(p);
        }
        return b.toString();
    }

    static Path jarOf(String className) {
        try {
            Class<?> c = Class.forName(className, false, JgoJars.class.getClassLoader());
            Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertTrue(Files.isRegularFile(p), className + " was loaded from " + p + ", not from a jar: run the "
                    + "integration tests through 'mvn verify' (failsafe runs after the modules are packaged)");
            return p;
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new AssertionError(className + " is not on the test class path: " + e, e);
        }
    }
}
