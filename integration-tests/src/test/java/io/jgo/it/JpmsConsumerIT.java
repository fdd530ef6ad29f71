package io.jgo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A consumer that is itself a module (src/test/resources/consumers/modular: a
 * {@code module-info.java} with {@code requires io.jgo; requires static io.jgo.annotation;}),
 * built and run as docs/getting-started.md tells a new user to, on JDK 17 and JDK 25: javac with
 * jgo-runtime and jgo-annotations on the <b>module path</b> and the processor jar alone on
 * {@code --processor-path}, then {@code java --module-path ... -m consumer/...}. It fails if the
 * two jars split a package, if a package generated code uses is not exported, or if the
 * processor jar needs anything beside it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JpmsConsumerIT {

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aModularConsumerBuildsOnTheModulePathAndRunsWithJavaM(int feature, @TempDir Path tmp) {
        Path jdk = Jdks.home(feature);
        Path project = Consumers.copy("modular", tmp);
        Path classes = tmp.resolve("mods/consumer");
        String modulePath = JgoJars.join(List.of(JgoJars.runtime(), JgoJars.annotations()));
        Exec.run(project, Map.of(), 60, Exec.list(Jdks.tool(jdk, "javac"), "--release", "17", "-d", classes,
                "--module-path", modulePath,
                "--processor-path", JgoJars.processor(),
                "-Xlint:all", "-Werror",
                Consumers.javaFiles(project.resolve("src")))).assertOk();
        assertTrue(classes.resolve("module-info.class").toFile().isFile(), "javac compiled module consumer");
        assertTrue(classes.resolve("demo/modular/MainGo.class").toFile().isFile(),
                "the processor generated demo.modular.MainGo inside the module");

        // At run time the annotations are absent (requires static): only the runtime is needed.
        String out = Exec.run(project, 60, Jdks.tool(jdk, "java"), "-Xmx256m",
                "--module-path", classes + File.pathSeparator + JgoJars.runtime(),
                "-m", "consumer/demo.modular.Main").assertOk().output();
        assertEquals("sum=5050\nselect=timeout\ndeadlock: dump names stuck\nmodules: consumer uses io.jgo\n"
                + "java=" + feature + "\n", out);
    }
}
