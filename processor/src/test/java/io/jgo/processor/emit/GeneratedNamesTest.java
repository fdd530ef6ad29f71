package io.jgo.processor.emit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;

/** How generated classes, entry points and frames are named. */
class GeneratedNamesTest {

    @Test
    void namesFollowTheDocumentedRules() {
        TestCompiler.Result r = TestCompiler.compile(TestCompiler.sources("p.Outer", """
                package p;
                import io.jgo.*; import io.jgo.annotation.Go;
                public class Outer {
                    @Go static int task(int x) { return x; }
                    @Go static int f(int x) { return x; }
                    @Go static int f(long x) { return (int) x; }
                    @Go int g(String... xs) { return xs.length; }
                    static class Inner {
                        @Go static <T> T id(T t) { return t; }
                    }
                }
                """));
        assertTrue(r.success, r.describe());
        String outer = r.generatedSource("p.OuterGo");
        assertTrue(outer.contains("public final class OuterGo"), outer);
        assertTrue(outer.contains("static final class TaskFrame extends Frame<Integer>"), outer);
        assertTrue(outer.contains("static final class F extends Frame<Integer>"), outer);
        assertTrue(outer.contains("static final class F2 extends Frame<Integer>"), outer);
        assertTrue(outer.contains("public static Task<Integer> g(Outer self, String... xs)"), outer);
        String inner = r.generatedSource("p.Outer_InnerGo");
        assertTrue(inner.contains("public static <T> Task<T> id(T t)"), inner);
    }
}
