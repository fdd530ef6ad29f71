package io.jgo.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.processor.testing.Run;
import io.jgo.processor.testing.TestCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every construct the processor must transform rather than refuse (loops with labelled break and
 * continue, both switch forms, try/catch/finally with suspensions in any block, suspensions
 * inside expressions, generics, instance methods, varargs, checked exceptions, captured locals,
 * nested and recursive calls; docs/processor.md, "Statements" to "Calls"), compiled with the
 * processor and run both as plain Java and as a goroutine: the two must agree (value, or
 * exception class and message).
 */
class ConstructsTest {
    static TestCompiler.Result compiled;

    @BeforeAll
    static void compile() throws IOException {
        String source;
        try (InputStream in = ConstructsTest.class.getResourceAsStream("/programs/Constructs.java")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        compiled = TestCompiler.compile(TestCompiler.sources("p.Constructs", source));
    }

    @Test
    void compilesWithoutWarnings() {
        assertTrue(compiled.success, compiled.describe() + compiled.allGenerated());
        assertEquals(0, compiled.warnings().size(), compiled.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"evaluationOrder", "shortCircuits", "assignments", "loops", "switchesAll", "tries",
            "finallyOverridesReturn", "resources", "recursion", "genericsAndVarargs", "lambdasCaptureValues",
            "goroutinesWithBlocks", "patterns", "exceptionsFromCallee", "uncaught", "channelsAndRange",
            "localClassesAndAnonymous", "checkedExceptions", "selects", "printing"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void sameResultAsPlainJava(String method) {
        assertTrue(compiled.success, compiled.describe());
        ClassLoader l = compiled.loader();
        Run.Outcome plain = Run.plain(l, "p.Constructs", method);
        Run.Outcome go = Run.goroutine(l, "p.Constructs", method);
        if (!method.equals("uncaught")) {
            assertNull(plain.thrown(), plain.toString());
        }
        assertEquals(plain, go, method);
    }
}
