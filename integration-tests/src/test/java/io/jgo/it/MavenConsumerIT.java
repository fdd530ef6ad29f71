package io.jgo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A consumer Maven project (src/test/resources/consumers/maven), built by a real {@code mvn package}
 * on JDK 17 and JDK 25, then run.
 *
 * <p>Where the consumer gets jgo from, and why: the reactor's jars and POMs are copied into a
 * <b>fresh local repository in a temporary folder</b> ({@code -Dmaven.repo.local} through a
 * settings file), laid out as {@code mvn install} would lay them out. Every other artifact (the
 * compiler plugin, javapoet, ...) comes from the shared {@code ~/.m2/repository}, which the
 * settings file names as a read-only {@code file://} mirror of every remote repository. So:
 * <ul>
 *   <li>nothing is ever written to the shared local repository: no stale {@code io.jgo} SNAPSHOT
 *       there can shadow the reactor's modules in other builds (the risk of {@code mvn install});
 *   <li>the consumer builds against exactly the jars this reactor just packaged;
 *   <li>the build needs no network: everything it needs is what the reactor build already fetched.
 * </ul>
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class MavenConsumerIT {

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aMavenConsumerWithAnnotationProcessorPathsBuildsAndRuns(int feature, @TempDir Path tmp) throws IOException {
        Path jdk = Jdks.home(feature);
        String version = System.getProperty("jgo.version");
        Path root = Path.of(System.getProperty("jgo.rootDir"));
        Path shared = Path.of(System.getProperty("jgo.sharedRepo", System.getProperty("user.home") + "/.m2/repository"));
        assertTrue(version != null && Files.isRegularFile(root.resolve("pom.xml")),
                "run through mvn verify: jgo.version and jgo.rootDir come from the pom");

        boolean sharedHadJgo = Files.exists(shared.resolve("io/jgo"));
        Path repo = tmp.resolve("repo");
        publish(repo, version, "jgo-parent", root.resolve("pom.xml"), null);
        publish(repo, version, "jgo-annotations", root.resolve("annotations/pom.xml"), JgoJars.annotations());
        publish(repo, version, "jgo-runtime", root.resolve("runtime/pom.xml"), JgoJars.runtime());
        // The shaded processor's published POM is the dependency-reduced one: it lists no JavaPoet.
        Path processorPom = root.resolve("processor/dependency-reduced-pom.xml");
        assertTrue(Files.isRegularFile(processorPom), processorPom + " is written when the processor is packaged");
        assertFalse(Files.readString(processorPom).contains("javapoet"), processorPom + " lists JavaPoet");
        publish(repo, version, "jgo-processor", processorPom, JgoJars.processor());

        Path settings = tmp.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror>
                      <id>shared-local-repository-read-only</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(repo, shared.toUri()), StandardCharsets.UTF_8);

        Path project = Consumers.copy("maven", tmp);
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("@jgo.version@", version));

        String mvn = System.getProperty("jgo.mvn", "mvn");
        Map<String, String> env = Map.of("JAVA_HOME", jdk.toString(), "MAVEN_OPTS", "-Xmx384m");
        Exec.run(project, env, 200, List.of(mvn, "-B", "-q", "-nsu", "-s", settings.toString(), "package"))
                .assertOk();

        Path jar = project.resolve("target/jgo-maven-consumer-1.0.jar");
        assertTrue(Files.isRegularFile(jar), "mvn package built " + jar);
        assertTrue(Files.isRegularFile(project.resolve("target/classes/demo/maven/MainGo.class")),
                "the processor ran from annotationProcessorPaths");
        String out = Exec.run(project, 60, Jdks.tool(jdk, "java"), "-Xmx256m", "-cp",
                JgoJars.join(List.of(jar, JgoJars.runtime())), "demo.maven.Main").assertOk().output();
        assertEquals("sumOfSquares=338350\njava=" + feature + "\n", out);

        assertFalse(!sharedHadJgo && Files.exists(shared.resolve("io/jgo")),
                "this build wrote io.jgo artifacts into the shared local repository, where they would shadow reactor builds");
    }

    /** Lays out one module as {@code mvn install} would: {@code io/jgo/<artifact>/<version>/...}. */
    private static void publish(Path repo, String version, String artifact, Path pom, Path jar) throws IOException {
        Path dir = repo.resolve("io/jgo").resolve(artifact).resolve(version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
