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

/**
 * Suspending function types (programs/Functions.java): lambdas and method references of
 * GoRunnable and its siblings, stored, passed, called many times, recursively, from other
 * goroutines, and the runtime calls that take them; each run as plain Java and as a goroutine.
 */
class FunctionsTest {
    static TestCompiler.Result compiled;

    @BeforeAll
    static void compile() throws IOException {
        compiled = TestCompiler.compile(TestCompiler.sources("p.Functions",
                InstanceMethodsTest.resource("Functions.java")));
    }

    @Test
    void compilesWithoutWarnings() {
        assertTrue(compiled.success, compiled.describe() + compiled.allGenerated());
        assertEquals(0, compiled.warnings().size(), compiled.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"storedAndCalledManyTimes", "passedToHelpers", "callablesAndFunctions", "recursive",
            "calledFromAnotherGoroutine", "onceThatSuspends", "afterFuncSends", "errGroup", "waitGroupGo",
            "contextAfterFunc", "methodReferences", "checkedExceptions", "goInsideNestedPlainLambdas",
            "calledFromPlainCode", "closuresOfClosures", "instanceCaptureDriver", "selectWithBodies",
            "selectDefaultAndTimeout", "selectBodyThrows", "bareVarargsSelect", "spilledBeforeASuspension",
            "controlFlowInside", "genericDriver", "selectLoopWithAStopCase"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sameResultAsPlainJava(String method) {
        assertTrue(compiled.success, compiled.describe() + compiled.allGenerated());
        ClassLoader l = compiled.loader();
        Object[] args = method.equals("storedAndCalledManyTimes") ? new Object[] {3}
                : method.equals("recursive") ? new Object[] {12} : new Object[0];
        Run.Outcome plain = Run.plain(l, "p.Functions", method, args);
        assertNull(plain.thrown(), plain.toString());
        assertEquals(plain, Run.goroutineWithin(30, l, "p.Functions", method, args), method);
    }

    /** The goroutine runs are repeated: functions called from many goroutines at once. */
    @RepeatedTest(5)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentUsesRepeated() {
        assertTrue(compiled.success, compiled.describe());
        ClassLoader l = compiled.loader();
        assertEquals("returned sum 63", Run.goroutineWithin(30, l, "p.Functions", "calledFromAnotherGoroutine").toString());
        assertEquals("returned 1 [init, after, after, after, after]",
                Run.goroutineWithin(30, l, "p.Functions", "onceThatSuspends").toString());
        assertEquals("returned 55", Run.goroutineWithin(30, l, "p.Functions", "waitGroupGo").toString());
        assertEquals("returned 3 java.io.IOException: task 1",
                Run.goroutineWithin(30, l, "p.Functions", "errGroup").toString());
    }

    @Test
    void aFunctionIsAFrameAndItsCallASuspendingCall() {
        String generated = compiled.generatedSource("p.FunctionsGo");
        assertTrue(generated.contains("Fn.<Integer>consumer("), generated);
        assertTrue(generated.contains("class StoredAndCalledManyTimes_Fn1 extends Frame<Void>"), generated);
        assertTrue(generated.contains(".accept(i, this)"), generated);
    }
}
