package io.jgo.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.processor.testing.Run;
import io.jgo.processor.testing.TestCompiler;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Regression tests for the sample-app author's reports (programs/Reported.java), run both ways. */
class ReportedTest {
    static TestCompiler.Result compiled;

    @BeforeAll
    static void compile() throws IOException {
        compiled = TestCompiler.compile(TestCompiler.sources("p.Reported",
                InstanceMethodsTest.resource("Reported.java")));
    }

    @Test
    void compilesWithoutWarnings() {
        assertTrue(compiled.success, compiled.describe() + compiled.allGenerated());
        assertEquals(0, compiled.warnings().size(), compiled.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"goWithExpressionArguments", "genericStatics", "varargsSelect"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void sameResultAsPlainJava(String method) {
        assertTrue(compiled.success, compiled.describe());
        ClassLoader l = compiled.loader();
        Run.Outcome plain = Run.plain(l, "p.Reported", method);
        assertNull(plain.thrown(), plain.toString());
        assertEquals(plain, Run.goroutine(l, "p.Reported", method), method);
    }

    /**
     * Go evaluates the operands of {@code go f(args)} in the spawner, at the go statement. Plain
     * Java runs the lambda later on its thread, so these are checked against Go's semantics only.
     */
    @RepeatedTest(3)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void goArgumentsAreEvaluatedByTheSpawnerAtTheGoStatement() {
        assertTrue(compiled.success, compiled.describe());
        ClassLoader l = compiled.loader();
        assertEquals("returned 43 drained=true", Run.goroutine(l, "p.Reported", "goWithSuspendingArgument").toString());
        assertEquals("returned got 10", Run.goroutine(l, "p.Reported", "goArgumentsEvaluatedAtSpawn").toString());
    }

    @Test
    void aSuspendingArgumentOfASpawnSuspendsTheSpawner() {
        String generated = compiled.generatedSource("p.ReportedGo");
        // in.recv() is a state boundary of goWithSuspendingArgument's frame, then put's frame is spawned
        assertTrue(generated.contains("in.recv(this)") || generated.contains(".recv(this)"), generated);
        assertTrue(generated.contains("Jgo.go(ReportedGo.put("), generated);
    }
}
