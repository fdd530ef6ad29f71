package io.jgo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A consumer Maven project (src/test/resources/consumers/maven), built by a real {@code mvn package}
 * on JDK 17 and JDK 25, then run. It imports jgo-bom and names jgo's artifacts without versions,
 * the processor included, as docs/getting-started.md shows.
 *
 * <p>Where the consumer gets jgo from, and why: the reactor's jars and POMs are copied into a
 * <b>fresh local repository in a temporary folder</b> ({@code -Dmaven.repo.local} through a
 * settings file), laid out as {@code mvn install} would lay them out. Every other artifact (the
 * compiler plugin and its dependencies) comes from the shared {@code ~/.m2/repository}, which the
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
        publish(repo, version, "jgo-bom", root.resolve("bom/pom.xml"), null);
        publish(repo, version, "jgo-annotations", root.resolve("annotations/pom.xml"), JgoJars.annotations());
        publish(repo, version, "jgo-runtime", root.resolve("runtime/pom.xml"), JgoJars.runtime());
        publish(repo, version, "jgo-test", root.resolve("jgo-test/pom.xml"), JgoJars.testKit());
        // The shaded processor's published POM is the dependency-reduced one: nothing that would
        // follow the processor jar onto a processor path (JavaPoet is inside the jar).
        Path processorPom = root.resolve("processor/dependency-reduced-pom.xml");
        assertTrue(Files.isRegularFile(processorPom), processorPom + " is written when the processor is packaged");
        List<String> deps = dependencies(processorPom);
        assertTrue(deps.contains("auto-service-annotations:provided"), processorPom + " was read: " + deps);
        assertEquals(List.of(), deps.stream().filter(d -> d.endsWith(":compile") || d.endsWith(":runtime")).toList(),
                processorPom + ": dependencies that users would get with the processor");
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

        // The project's own JUnit tests ran in `mvn package`, with the test kit: one runtime per
        // test, virtual time, the leak check.
        Path report = project.resolve("target/surefire-reports/TEST-demo.maven.MainTest.xml");
        assertTrue(Files.isRegularFile(report), "the consumer's tests ran: " + report);
        String xml = Files.readString(report);
        assertTrue(xml.contains("tests=\"3\"") && xml.contains("failures=\"0\"") && xml.contains("errors=\"0\""),
                "the consumer's tests passed:\n" + xml.substring(0, Math.min(xml.length(), 600)));

        assertFalse(!sharedHadJgo && Files.exists(shared.resolve("io/jgo")),
                "this build wrote io.jgo artifacts into the shared local repository, where they would shadow reactor builds");
    }

    /** The {@code artifactId:scope} of each dependency a POM declares (not its managed ones). */
    private static List<String> dependencies(Path pom) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            List<String> out = new ArrayList<>();
            for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals("dependencies")) {
                    NodeList deps = e.getElementsByTagName("dependency");
                    for (int i = 0; i < deps.getLength(); i++) {
                        Element d = (Element) deps.item(i);
                        if (d.getParentNode() != e) {
                            continue; // an exclusion's
                        }
                        NodeList scope = d.getElementsByTagName("scope");
                        out.add(d.getElementsByTagName("artifactId").item(0).getTextContent() + ":"
                                + (scope.getLength() == 0 ? "compile" : scope.item(0).getTextContent()));
                    }
                }
            }
            return out;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("cannot read " + pom + ": " + e, e);
        }
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
