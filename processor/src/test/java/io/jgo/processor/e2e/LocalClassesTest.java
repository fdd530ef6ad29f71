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
 * Local classes, anonymous classes and lambdas that capture locals living across suspension
 * points: each instance sees the value its variable had when it was created, as in plain Java.
 */
class LocalClassesTest {
    static TestCompiler.Result compiled;

    @BeforeAll
    static void compile() throws IOException {
        compiled = TestCompiler.compile(TestCompiler.sources("p.LocalClasses", InstanceMethodsTest.resource("LocalClasses.java")));
    }

    @Test
    void compilesWithoutWarnings() {
        assertTrue(compiled.success, compiled.describe() + compiled.allGenerated());
        assertEquals(0, compiled.warnings().size(), compiled.describe());
    }

    @Test
    void aCapturingLocalClassCopiesTheFrameFieldsWhenInstantiated() {
        String g = compiled.generatedSource("p.LocalClassesGo");
        assertTrue(g.contains("private final int base = Adder.this.base;")
                || g.contains("private final int base = AdderFrame.this.base;"), g);
    }

    @RepeatedTest(3)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void sameResultAsPlainJava() {
        assertTrue(compiled.success, compiled.describe());
        ClassLoader l = compiled.loader();
        Run.Outcome plain = Run.plain(l, "p.LocalClasses", "scenario");
        assertNull(plain.thrown(), plain.toString());
        assertEquals("b7+ 8 27 107 | 1 2 5 11 12 25 21 22 45 | p3:1 p3:4", plain.value());
        assertEquals(plain, Run.goroutine(l, "p.LocalClasses", "scenario"));
    }
}
