package io.jgo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain {@code javac} builds, as docs/getting-started.md tells users to run them, on JDK 17 and
 * JDK 25: the processor on {@code -processorpath}, the runtime on the class path.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JavacConsumerIT {

    private static List<String> javac(Path jdk, Path out, String classPath, List<String> extra, List<String> sources) {
        return Exec.list(Jdks.tool(jdk, "javac"), "--release", "17", "-d", out, "-cp", classPath, extra, sources);
    }

    private static String jgoClassPath() {
        return JgoJars.join(List.of(JgoJars.annotations(), JgoJars.runtime()));
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aConsumerBuiltWithJavacProcessorPathRunsAsGoroutines(int feature, @TempDir Path tmp) {
        Path jdk = Jdks.home(feature);
        Path project = Consumers.copy("plain", tmp);
        Path classes = tmp.resolve("classes");
        Exec.run(project, Map.of(), 60, javac(jdk, classes, jgoClassPath(),
                List.of("-processorpath", JgoJars.join(JgoJars.processorPath())),
                Consumers.javaFiles(project.resolve("src")))).assertOk();
        assertTrue(classes.resolve("demo/DemoGo.class").toFile().isFile(), "the processor generated demo.DemoGo");

        String out = Exec.run(project, 60, Jdks.tool(jdk, "java"), "-Xmx256m",
                "-cp", classes + java.io.File.pathSeparator + JgoJars.runtime(), "demo.Demo").assertOk().output();
        assertEquals("sum=5050\nnotes=50\nselect=timeout,ready\nas threads: same\njava=" + feature + "\n", out);
    }

    /**
     * The JDK 23+ rule that docs/troubleshooting.md explains: a processor that is only on the class
     * path does not run, and the user sees {@code cannot find symbol} for the generated class;
     * {@code -proc:full} (or -processorpath) fixes it. On JDK 17 the class path alone still works.
     */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aProcessorOnlyOnTheClassPathRunsOnJdk17ButNotOnJdk23Plus(int feature, @TempDir Path tmp) {
        Path jdk = Jdks.home(feature);
        Path project = Consumers.copy("plain", tmp);
        String everything = JgoJars.join(List.of(JgoJars.annotations(), JgoJars.runtime(), JgoJars.processor()));
        List<String> sources = Consumers.javaFiles(project.resolve("src"));

        Exec.Result plain = Exec.run(project, Map.of(), 60, javac(jdk, tmp.resolve("a"), everything, List.of(), sources));
        if (feature >= 23) {
            assertNotEquals(0, plain.exitCode(), plain.output());
            assertTrue(plain.output().contains("cannot find symbol"), plain.output());
            assertTrue(plain.output().contains("DemoGo"), plain.output());
            Exec.run(project, Map.of(), 60, javac(jdk, tmp.resolve("b"), everything, List.of("-proc:full"), sources))
                    .assertOk();
        } else {
            plain.assertOk();
        }
    }

    /**
     * Cross-jar {@code @Go} calls: a library jar built with the processor, and an application whose
     * {@code @Go} code calls the library's {@code @Go} methods, compiled against the jar alone. The
     * application's deadlock dump shows the library's frame under the application's, which proves
     * the call was a suspending call, not a plain (blocking) one.
     */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void anApplicationCallsTheGoMethodsOfALibraryJar(int feature, @TempDir Path tmp) {
        Path jdk = Jdks.home(feature);
        String processorPath = JgoJars.join(JgoJars.processorPath());

        Path lib = Consumers.copy("lib", tmp);
        Exec.run(lib, Map.of(), 60, javac(jdk, lib.resolve("classes"), jgoClassPath(),
                List.of("-processorpath", processorPath), Consumers.javaFiles(lib.resolve("src")))).assertOk();
        Path libJar = tmp.resolve("demo-lib.jar");
        Exec.run(lib, 60, Jdks.tool(jdk, "jar"), "--create", "--file", libJar.toString(),
                "-C", lib.resolve("classes").toString(), ".").assertOk();

        Path app = Consumers.copy("app", tmp);
        String appCp = jgoClassPath() + java.io.File.pathSeparator + libJar;
        Exec.run(app, Map.of(), 60, javac(jdk, app.resolve("classes"), appCp,
                List.of("-processorpath", processorPath), Consumers.javaFiles(app.resolve("src")))).assertOk();
        Path appJar = tmp.resolve("demo-app.jar");
        Exec.run(app, 60, Jdks.tool(jdk, "jar"), "--create", "--file", appJar.toString(),
                "-C", app.resolve("classes").toString(), ".").assertOk();

        String out = Exec.run(app, 60, Jdks.tool(jdk, "java"), "-Xmx256m", "-cp",
                JgoJars.join(List.of(appJar, libJar, JgoJars.runtime())), "demo.app.App").assertOk().output();
        assertTrue(out.startsWith("total=500500\n"), out);
        assertTrue(out.contains("deadlock dump:"), out);
        int libFrame = out.indexOf("demo.lib.Lib.waitFor");
        int appFrame = out.indexOf("demo.app.App.stuck");
        assertTrue(libFrame >= 0 && appFrame > libFrame, "the dump lists the library's frame, then its caller's:\n" + out);
        assertTrue(out.contains("Lib.java:") && out.contains("App.java:"), out);
    }
}
