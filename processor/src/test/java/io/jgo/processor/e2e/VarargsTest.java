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

/**
 * Suspending variable-arity methods with a generic element type (a @Go method over Chan<T>...,
 * a @Suspending method over a class's E...), called with 0, 1 and n arguments and with an array.
 */
class VarargsTest {
    static TestCompiler.Result compiled;

    @BeforeAll
    static void compile() throws IOException {
        compiled = TestCompiler.compile(TestCompiler.sources("p.Varargs", InstanceMethodsTest.resource("Varargs.java")));
    }

    @Test
    void compilesWithoutWarningsUnderXlintAll() {
        assertTrue(compiled.success, compiled.describe() + compiled.allGenerated());
        assertEquals(0, compiled.warnings().size(), compiled.describe() + compiled.allGenerated());
    }

    @Test
    void theTwinGetsTheArrayOfTheReceiversElementTypeAndTheEntryPointIsSafeVarargs() {
        String g = compiled.generatedSource("p.VarargsGo");
        assertTrue(g.contains("box.putAll(new Integer[] {2, 3, 4}, this)"), g);
        assertTrue(g.contains("box.putAll(new Integer[] {}, this)"), g);
        assertTrue(g.contains("box.putAll(new Integer[] {5, 6}, this)"), g);
        assertTrue(g.contains("@SafeVarargs\n    @SuppressWarnings(\"varargs\")\n    public static <T> Task<T> first(Chan<T>... chans)"), g);
    }

    @RepeatedTest(3)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void sameResultAsPlainJava() {
        assertTrue(compiled.success, compiled.describe());
        ClassLoader l = compiled.loader();
        Run.Outcome plain = Run.plain(l, "p.Varargs", "calls");
        assertNull(plain.thrown(), plain.toString());
        assertEquals("null null from b from a 0:[] 1:[x] 2:[x, y] 2:[p, q] 0146[1, 2, 3, 4, 5, 6]", plain.value());
        assertEquals(plain, Run.goroutine(l, "p.Varargs", "calls"));
    }
}
