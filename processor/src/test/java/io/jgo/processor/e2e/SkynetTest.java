package io.jgo.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.processor.testing.Run;
import io.jgo.processor.testing.TestCompiler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Recursion at scale: skynet with 1,000,000 leaves (goroutines and channels, and nested @Go calls
 * alone), and a recursion 200,000 deep that suspends at every level without growing the Java stack.
 */
class SkynetTest {
    static final String SOURCE = """
            package p;

            import io.jgo.*; import io.jgo.annotation.Go;
            import static io.jgo.Jgo.*;

            public class Skynet {
                /** Go's skynet: each node spawns div children and sums their answers from a channel. */
                @Go static long skynet(long num, int size, int div) {
                    if (size == 1) {
                        return num;
                    }
                    Chan<Long> c = Chan.make(div);
                    for (int i = 0; i < div; i++) {
                        long sub = num + (long) i * (size / div);
                        go(() -> c.send(skynet(sub, size / div, div)));
                    }
                    long sum = 0;
                    for (int i = 0; i < div; i++) {
                        sum += c.recv();
                    }
                    return sum;
                }

                /** The same tree as nested @Go calls only: one goroutine, a million frames. */
                @Go static long calls(long num, int size, int div) {
                    if (size == 1) {
                        return num;
                    }
                    long sum = 0;
                    for (int i = 0; i < div; i++) {
                        sum += calls(num + (long) i * (size / div), size / div, div);
                    }
                    return sum;
                }

                /** Suspends at every level before going deeper: the Java stack must not grow. */
                @Go static int deep(int n) {
                    gosched();
                    if (n == 0) {
                        return 0;
                    }
                    return 1 + deep(n - 1);
                }
            }
            """;

    static TestCompiler.Result compiled;

    @BeforeAll
    static void compile() {
        compiled = TestCompiler.compile(TestCompiler.sources("p.Skynet", SOURCE));
        assertTrue(compiled.success, compiled.describe() + compiled.allGenerated());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void skynetWithAMillionGoroutines() {
        Run.Outcome r = Run.goroutine(compiled.loader(), "p.Skynet", "skynet", 0L, 1_000_000, 10);
        assertEquals(499_999_500_000L, r.value(), r.toString());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void skynetAsNestedCallsBothWays() {
        Run.Outcome go = Run.goroutine(compiled.loader(), "p.Skynet", "calls", 0L, 1_000_000, 10);
        assertEquals(499_999_500_000L, go.value(), go.toString());
        assertEquals(Run.plain(compiled.loader(), "p.Skynet", "calls", 0L, 100_000, 10),
                Run.goroutine(compiled.loader(), "p.Skynet", "calls", 0L, 100_000, 10));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void deepRecursionThatSuspendsAtEveryLevelDoesNotGrowTheStack() {
        Run.Outcome r = Run.goroutine(compiled.loader(), "p.Skynet", "deep", 200_000);
        assertEquals(200_000, r.value(), r.toString());
    }
}
