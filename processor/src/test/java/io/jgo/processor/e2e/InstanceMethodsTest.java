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
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Instance @Go methods with private members and generic classes, run both ways. */
class InstanceMethodsTest {
    static TestCompiler.Result compiled;

    static String resource(String name) throws IOException {
        try (InputStream in = InstanceMethodsTest.class.getResourceAsStream("/programs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void compile() throws IOException {
        compiled = TestCompiler.compile(TestCompiler.sources("p.Account", resource("Account.java")));
    }

    @Test
    void compilesWithoutWarnings() {
        assertTrue(compiled.success, compiled.describe() + compiled.allGenerated());
        assertEquals(0, compiled.warnings().size(), compiled.describe());
    }

    @Test
    void privateMembersGoThroughHandlesNotReflection() {
        String generated = compiled.generatedSource("p.AccountGo");
        assertTrue(generated.contains("privateLookupIn"), generated);
        assertTrue(!generated.contains("setAccessible"), generated);
    }

    @RepeatedTest(5)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void scenarioGivesTheSameResultBothWays() {
        assertTrue(compiled.success, compiled.describe());
        ClassLoader l = compiled.loader();
        Run.Outcome plain = Run.plain(l, "p.Account", "scenario");
        assertNull(plain.thrown(), plain.toString());
        assertEquals(plain, Run.goroutine(l, "p.Account", "scenario"));
    }
}
