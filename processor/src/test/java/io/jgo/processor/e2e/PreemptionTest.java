package io.jgo.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.Jgo;
import io.jgo.processor.testing.Run;
import io.jgo.processor.testing.TestCompiler;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loops without a suspension point are preemptible: a pure CPU loop does not starve another
 * goroutine on a single P, and the preemption path (save, yield, restore) keeps every loop form's
 * meaning, compared with plain Java threads.
 */
class PreemptionTest {
    static TestCompiler.Result compiled;

    @BeforeAll
    static void compile() throws IOException {
        compiled = TestCompiler.compile(TestCompiler.sources("p.Preemption", InstanceMethodsTest.resource("Preemption.java")));
    }

    @Test
    void compilesWithoutWarnings() {
        assertTrue(compiled.success, compiled.describe() + compiled.allGenerated());
        assertEquals(0, compiled.warnings().size(), compiled.describe());
    }

    @Test
    void aLoopWithoutSuspensionGetsACheckAndStaysAJavaLoop() {
        String g = compiled.generatedSource("p.PreemptionGo");
        assertTrue(g.contains("case 1: { // while, line 24 (a Java loop with a preemption check)"), g);
        // the slow path saves the local n, yields, and a state of its own restores n
        assertTrue(g.contains("n$p = n;"), g);
        assertTrue(g.contains("resumed after preemption, line 24"), g);
    }

    /** Kinds: while, for(;;), do, nested with a label, for-each in a loop, a spawned block. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSpinningGoroutineDoesNotStarveAnotherOnOneProc(int kind) {
        assertTrue(compiled.success, compiled.describe());
        ClassLoader l = compiled.loader();
        Run.Outcome plain = Run.plain(l, "p.Preemption", "noStarvation", kind);
        assertNull(plain.thrown(), plain.toString());
        int procs = Jgo.gomaxprocs(1);
        int runs = 4;
        int yielded = 0;
        try {
            for (int i = 0; i < runs; i++) {
                assertEquals(plain, Run.goroutine(l, "p.Preemption", "noStarvation", kind));
                yielded += requestStillPending(l) ? 0 : 1;
            }
        } finally {
            Jgo.gomaxprocs(procs);
        }
        // without the check every run ends with the request pending (measured: 0 of 24 yield)
        assertTrue(yielded > 0, "the spinner never yielded to the monitor's request in " + runs + " runs");
        assertEquals("other done while the spinner spins: true; spinner stopped after some iterations",
                plain.value());
    }

    private static boolean requestStillPending(ClassLoader l) {
        try {
            Field f = l.loadClass("p.Preemption").getDeclaredField("requestStillPending");
            f.setAccessible(true);
            return f.getBoolean(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @RepeatedTest(3)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void everyLoopFormKeepsItsMeaningWhenItYields() {
        assertTrue(compiled.success, compiled.describe());
        ClassLoader l = compiled.loader();
        Run.Outcome plain = Run.plain(l, "p.Preemption", "forcedPaths");
        assertNull(plain.thrown(), plain.toString());
        assertEquals(plain, Run.goroutine(l, "p.Preemption", "forcedPaths"));
    }
}
