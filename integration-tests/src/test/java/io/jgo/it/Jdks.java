package io.jgo.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the JDKs the integration tests build and run with: 17 (the oldest supported) and 25
 * (the newest tested; JDK 23+ changed how javac finds processors). System properties
 * {@code jgo.jdk17} / {@code jgo.jdk25} override the search; a JDK that is absent skips its tests
 * with a message.
 */
final class Jdks {
    private Jdks() {
    }

    static Path home(int feature) {
        String override = System.getProperty("jgo.jdk" + feature, "");
        if (!override.isBlank()) {
            return check(feature, Path.of(override));
        }
        if (Runtime.version().feature() == feature) {
            return Path.of(System.getProperty("java.home"));
        }
        List<String> candidates = List.of(
                "/usr/lib/jvm/java-" + feature + "-openjdk-amd64",
                "/usr/lib/jvm/temurin-" + feature + "-jdk-amd64",
                "/usr/lib/jvm/java-" + feature + "-openjdk",
                "/usr/lib/jvm/openjdk-" + feature);
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p.resolve("bin/javac"))) {
                return p;
            }
        }
        assumeTrue(false, "JDK " + feature + " not found (looked in " + candidates
                + "); set -Djgo.jdk" + feature + "=<its home> to test with it");
        return null;
    }

    private static Path check(int feature, Path home) {
        assumeTrue(Files.isExecutable(home.resolve("bin/javac")),
                "-Djgo.jdk" + feature + "=" + home + " has no bin/javac: skipping JDK " + feature);
        return home;
    }

    static String tool(Path home, String name) {
        return home.resolve("bin").resolve(name).toString();
    }
}
