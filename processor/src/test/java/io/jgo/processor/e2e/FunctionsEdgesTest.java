package io.jgo.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.processor.testing.Run;
import io.jgo.processor.testing.TestCompiler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Suspending functions in unusual places. Each body is the {@code @Go static String run()} of a
 * class of its own: it must compile with no warning and return the same as plain Java and as a
 * goroutine. (The processor's rule: generated code always compiles; anything it cannot handle is
 * one [jgo] error at the user's line.)
 */
class FunctionsEdgesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        // inside an anonymous class: the function's frame captures the method's variable
        """
        Chan<Integer> ch = Chan.make(1);
        java.util.function.Supplier<GoConsumer<Integer>> s = new java.util.function.Supplier<>() {
            public GoConsumer<Integer> get() { return v -> ch.send(v + 1); }
        };
        s.get().accept(1);
        return "got " + ch.recv();
        """,
        // a conditional expression and a switch expression choose the function
        """
        Chan<Integer> ch = Chan.make(2);
        int k = ch.len();
        GoConsumer<Integer> f = k == 0 ? v -> ch.send(v) : v -> ch.send(-v);
        GoRunnable g = switch (k) { case 0 -> () -> ch.send(9); default -> () -> { }; };
        f.accept(4);
        g.run();
        return ch.recv() + " " + ch.recv();
        """,
        // a function of a wildcard-typed parameter, passed to a generic helper
        """
        Chan<Object> ch = Chan.make(1);
        each(java.util.List.of(1, 2, 3), x -> { ch.send(x); total[0] += (Integer) ch.recv(); });
        return "total " + total[0];
        """,
        // a lowered variable captured after it changed, and a function capturing a loop variable
        """
        Chan<String> ch = Chan.make(10);
        java.util.List<GoRunnable> fs = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            ch.send("s" + i);
            fs.add(() -> ch.send("f" + n + ch.recv()));
        }
        for (GoRunnable f : fs) {
            f.run();
        }
        StringBuilder b = new StringBuilder();
        while (ch.len() > 0) b.append(ch.recv()).append(' ');
        return b.toString();
        """,
        // a function that returns a function, called in one expression
        """
        GoFunction<Integer, GoFunction<Integer, Integer>> add = a -> b -> { gosched(); return a + b; };
        return "sum " + add.apply(2).apply(3);
        """,
        // a GoCallable of a primitive-boxing result and a GoBiConsumer with an unused parameter
        """
        Chan<Long> ch = Chan.make(1);
        GoCallable<Long> c = () -> { ch.send(5L); return ch.recv() * 2; };
        GoBiConsumer<String, Integer> ignore = (s, unused) -> gosched();
        ignore.accept("x", 1);
        return "c " + c.call();
        """,
        // go(...) inside the function given to afterFunc, capturing a local
        """
        Chan<String> calls = Chan.make(1);
        String what = "x";
        afterFunc(java.time.Duration.ofMillis(1), () -> go(() -> calls.send(what)));
        return "got " + calls.recv();
        """,
        // a method reference to an instance @Go method through this, and to a static one
        """
        return new Edge().viaThis();
        """,
        // parameters named like the names generated code uses
        """
        Chan<Integer> ch = Chan.make(1);
        GoBiConsumer<Integer, Integer> f = (value, label) -> ch.send(value + label);
        GoFunction<Integer, Integer> g = error -> { int self = error * 2; return self; };
        f.accept(1, 2);
        return "v " + ch.recv() + " " + g.apply(4);
        """,
        // a function made inside a local class's method (plain code there: a plain lambda)
        """
        Chan<Integer> ch = Chan.make(1);
        class Maker {
            GoConsumer<Integer> make(int k) { return v -> ch.send(v * k); }
        }
        new Maker().make(3).accept(5);
        return "m " + ch.recv();
        """,
    })
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void compilesAndRunsTheSameBothWays(String body) {
        String source = """
                package p;
                import io.jgo.*; import io.jgo.annotation.Go;
                import static io.jgo.Jgo.*;
                public class Edge {
                    static int[] total = {0};
                    @Go static <T> void each(java.util.List<T> xs, GoConsumer<? super T> f) throws Exception {
                        for (T x : xs) f.accept(x);
                    }
                    int base = 40;
                    @Go int plus(int v) { gosched(); return base + v; }
                    @Go static int twice(int v) { gosched(); return 2 * v; }
                    @Go String viaThis() throws Exception {
                        GoFunction<Integer, Integer> f = this::plus;
                        GoFunction<Integer, Integer> g = Edge::twice;
                        return "r " + f.apply(2) + " " + g.apply(f.apply(1));
                    }
                    @Go static String run() throws Exception {
                """ + body + """
                    }
                }
                """;
        TestCompiler.Result r = TestCompiler.compile(TestCompiler.sources("p.Edge", source));
        assertTrue(r.success && r.warnings().isEmpty(), r.describe() + r.allGenerated());
        ClassLoader l = r.loader();
        Run.Outcome plain = Run.plain(l, "p.Edge", "run");
        assertNull(plain.thrown(), plain.toString());
        Run.Outcome go = Run.goroutineWithin(30, r.loader(), "p.Edge", "run");
        assertEquals(plain.toString(), go.toString());
    }

    /** An instance method of a generic class: the function's frame is generic in the class's type. */
    @org.junit.jupiter.api.Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void inAnInstanceMethodOfAGenericClass() {
        String source = """
                package p;
                import io.jgo.*; import io.jgo.annotation.Go;
                import static io.jgo.Jgo.*;
                public class Box<E> {
                    private E item;
                    Box(E item) { this.item = item; }
                    @Go String twice(Chan<E> ch) throws Exception {
                        GoFunction<E, String> f = e -> { ch.send(e); return ch.recv() + "/" + item; };
                        return f.apply(item) + " " + f.apply(item);
                    }
                    @Go static String run() throws Exception {
                        return new Box<>("x").twice(Chan.make(1));
                    }
                }
                """;
        TestCompiler.Result r = TestCompiler.compile(TestCompiler.sources("p.Box", source));
        assertTrue(r.success && r.warnings().isEmpty(), r.describe() + r.allGenerated());
        Run.Outcome plain = Run.plain(r.loader(), "p.Box", "run");
        assertNull(plain.thrown(), plain.toString());
        assertEquals(plain.toString(), Run.goroutineWithin(30, r.loader(), "p.Box", "run").toString());
    }
}
