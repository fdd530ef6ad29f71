package io.jgo.it.corpus;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The libraries of the corpus: their sources jars (Maven Central's {@code -sources} artifacts,
 * test dependencies of this module) unpacked, and what each needs on its class path.
 */
final class Corpus {
    /**
     * A library: its name, the jars whose names start with {@code artifact} (its sources and its
     * classes), and its packages.
     */
    record Library(String name, String artifact, List<String> packages) {
    }

    static final List<Library> LIBRARIES = List.of(
            new Library("commons-lang3", "commons-lang3-", List.of("org.apache.commons.lang3.")),
            new Library("commons-collections4", "commons-collections4-", List.of("org.apache.commons.collections4.")),
            new Library("guava", "guava-", List.of("com.google.common.", "com.google.thirdparty.")),
            new Library("commons-math3", "commons-math3-", List.of("org.apache.commons.math3.")));

    /** The dependencies of the libraries' sources (guava's annotations and failureaccess). */
    private static final List<String> DEPENDENCIES = List.of("failureaccess-", "jspecify-", "error_prone_annotations-",
            "j2objc-annotations-");

    private Corpus() {
    }

    /** Unpacks a library's sources jar under {@code dir} and lists its Java files, sorted. */
    static List<Path> sources(Library lib, Path dir) {
        Path jar = onClassPath(lib.artifact(), "-sources.jar");
        Path root = dir.resolve(lib.name());
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (e.isDirectory() || !name.endsWith(".java") || name.endsWith("module-info.java")
                        || name.endsWith("package-info.java")) {
                    continue;
                }
                Path to = root.resolve(name).normalize();
                if (!to.startsWith(root)) {
                    throw new IOException("entry outside the jar's root: " + name);
                }
                Files.createDirectories(to.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path root(Library lib, Path dir) {
        return dir.resolve(lib.name());
    }

    /**
     * The class path to compile a library's sources with: jgo's annotations and runtime, the
     * libraries' dependencies, and, when only a sample of its sources is compiled, the library's
     * own jar for the classes left out.
     */
    static List<Path> classPath(Library lib, boolean sample) {
        List<Path> cp = new ArrayList<>();
        cp.add(jarOf("io.jgo.annotation.Go"));
        cp.add(jarOf("io.jgo.Jgo"));
        for (String dep : DEPENDENCIES) {
            cp.add(onClassPath(dep, ".jar"));
        }
        if (sample) {
            cp.add(onClassPath(lib.artifact(), ".jar"));
        }
        return cp;
    }

    /** The jar (or classes directory) that a class of the test class path came from. */
    static Path jarOf(String className) {
        try {
            Class<?> c = Class.forName(className, false, Corpus.class.getClassLoader());
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new AssertionError(className + " is not on the test class path", e);
        }
    }

    /** The entry of the test class path whose file name starts with {@code prefix} and ends with {@code suffix}. */
    static Path onClassPath(String prefix, String suffix) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String file = Path.of(entry).getFileName().toString();
            boolean otherClassifier = suffix.equals(".jar") && (file.endsWith("-sources.jar") || file.endsWith("-tests.jar"));
            if (file.startsWith(prefix) && file.endsWith(suffix) && !otherClassifier
                    && Character.isDigit(file.charAt(prefix.length()))) {
                return Path.of(entry);
            }
        }
        throw new AssertionError("no " + prefix + "*" + suffix + " on the test class path (a test dependency of "
                + "integration-tests/pom.xml)");
    }
}
