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
 * Ordinary Java that a frame once got wrong: each method of programs/fidelity compiles, and runs
 * as a goroutine exactly as it runs plain.
 */
class FidelityTest {
    static TestCompiler.Result compiled;

    @BeforeAll
    static void compile() throws IOException {
        compiled = TestCompiler.compile(TestCompiler.sources("p.Fidelity", read("Fidelity.java"), "q.Base",
                read("Base.java"), "p.Gen", read("Gen.java"), "p.Corpus", read("Corpus.java")));
    }

    static String read(String name) throws IOException {
        try (InputStream in = FidelityTest.class.getResourceAsStream("/programs/fidelity/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Shapes of real-world code that the corpus test found (programs/fidelity/Corpus.java). */
    @ParameterizedTest
    @ValueSource(strings = {"returnedLambdas", "privateConstantsAsCaseLabels", "privateGenericMethod", "nestedCaptures",
            "localClassConstructors", "capturedLambdaParameters", "entryPointNames", "conditionalArguments",
            "lowerBoundedCaptures", "inferredFromFunctions", "intersectionResults",
            "rawBoundArguments", "enclosingInstances"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void corpusShapesRunAsPlainJava(String method) {
        assertTrue(compiled.success, compiled.describe() + compiled.allGenerated());
        ClassLoader l = compiled.loader();
        Run.Outcome plain = Run.plain(l, "p.Corpus", method);
        assertNull(plain.thrown(), plain.toString());
        assertEquals(plain, Run.goroutine(l, "p.Corpus", method), method);
    }

    @Test
    void compilesWithoutWarnings() {
        assertTrue(compiled.success, compiled.describe() + compiled.allGenerated());
        assertEquals(0, compiled.warnings().size(), compiled.describe());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void genericClassesShadowingAndInnerClasses() {
        assertTrue(compiled.success, compiled.describe());
        Run.Outcome plain = Run.plain(compiled.loader(), "p.Gen", "generics");
        assertNull(plain.thrown(), plain.toString());
        assertEquals(plain, Run.goroutine(compiled.loader(), "p.Gen", "generics"));
    }

    /** Plain Java overflows its stack near 10,000 levels here; a goroutine goes a million deep. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void recursionAMillionLevelsDeepNeedsNoStack() {
        assertTrue(compiled.success, compiled.describe());
        ClassLoader l = compiled.loader();
        assertEquals(Run.Outcome.of(1_000_000L), Run.goroutine(l, "p.Fidelity", "depth", 1_000_000));
        assertEquals(Run.Outcome.of(200_007L), Run.goroutine(l, "p.Fidelity", "depthThenPark", 200_000));
        assertEquals(Run.Outcome.of("caught bottom"), Run.goroutine(l, "p.Fidelity", "deepThrowCaught", 300_000));
        // shallow enough for plain Java too: the two agree
        assertEquals(Run.plain(l, "p.Fidelity", "deepThrowCaught", 2_000),
                Run.goroutine(l, "p.Fidelity", "deepThrowCaught", 2_000));
        assertEquals(Run.plain(l, "p.Fidelity", "depthThenPark", 1_000),
                Run.goroutine(l, "p.Fidelity", "depthThenPark", 1_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"privateFieldStoreAcrossPark", "privateFieldCompoundAcrossPark", "receiverEvaluatedFirst",
            "privateFieldOfComputedObject", "instancePrivateFields", "protectedMembersFromAnotherPackage",
            "recordsWithCanonicalConstructors", "varOfUnwritableTypes", "constructorsWithSuspendingArguments",
            "superCalls"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void sameResultAsPlainJava(String method) {
        assertTrue(compiled.success, compiled.describe());
        ClassLoader l = compiled.loader();
        Run.Outcome plain = Run.plain(l, "p.Fidelity", method);
        Run.Outcome go = Run.goroutine(l, "p.Fidelity", method);
        assertNull(plain.thrown(), plain.toString());
        assertEquals(plain, go, method);
    }
}
