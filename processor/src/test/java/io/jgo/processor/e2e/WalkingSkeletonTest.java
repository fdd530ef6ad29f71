package io.jgo.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.processor.testing.Run;
import io.jgo.processor.testing.TestCompiler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's pipeline, compiled with the processor and run as plain Java and as goroutines. */
class WalkingSkeletonTest {
    static final String PIPELINE = """
            package p;

            import io.jgo.*; import io.jgo.annotation.Go;
            import static io.jgo.Jgo.*;

            public class Pipeline {
                @Go static void produce(int n, Chan<Integer> out) {
                    for (int i = 0; i < n; i++) out.send(i);
                    out.close();
                }

                @Go static int sum(Chan<Integer> in) {
                    int total = 0;
                    for (int v : in) total += v;
                    return total;
                }

                @Go static int run(int n) {
                    Chan<Integer> ch = Chan.make(16);
                    go(() -> produce(n, ch));
                    return sum(ch);
                }

                @Go static int twice(int n) {
                    Chan<Integer> ch = Chan.make();
                    go(() -> produce(n, ch));
                    int a = 0;
                    while (true) {
                        Integer v = ch.recv();
                        if (v == null) break;
                        a += 2 * v;
                    }
                    return a;
                }
            }
            """;

    static TestCompiler.Result compiled;

    @BeforeAll
    static void compile() {
        compiled = TestCompiler.compile(TestCompiler.sources("p.Pipeline", PIPELINE));
    }

    @Test
    void compilesWithoutWarnings() {
        assertTrue(compiled.success, compiled.describe() + compiled.allGenerated());
        assertEquals(0, compiled.warnings().size(), compiled.describe() + compiled.allGenerated());
    }

    @RepeatedTest(5)
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void pipelineGivesTheSameResultBothWays() {
        assertTrue(compiled.success, compiled.describe());
        ClassLoader l = compiled.loader();
        Run.Outcome plain = Run.plain(l, "p.Pipeline", "run", 1000);
        Run.Outcome go = Run.goroutine(l, "p.Pipeline", "run", 1000);
        assertEquals(Run.Outcome.class, plain.getClass());
        assertEquals(499500, plain.value(), plain.toString());
        assertEquals(plain, go);
        assertEquals(Run.plain(l, "p.Pipeline", "twice", 300), Run.goroutine(l, "p.Pipeline", "twice", 300));
    }
}
