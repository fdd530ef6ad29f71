package io.jgo.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.processor.testing.Run;
import io.jgo.processor.testing.TestCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A @Go method that plain javac compiles, but whose frame would pass the JVM's 64 KB limit for
 * one method's code: its resume is split into parts, and it runs as it runs plain. The blocks
 * repeat suspension points, try/catch across them, loops, locals that live across suspensions
 * and locals that do not.
 */
class BigMethodTest {
    static final int BLOCKS = 260;
    static TestCompiler.Result compiled;

    static String program() {
        StringBuilder b = new StringBuilder("""
                package p;
                import io.jgo.*; import io.jgo.annotation.Go;
                import static io.jgo.Jgo.*;
                public class Big {
                    /** Parks every fourth call (the goroutine really leaves resume), returns v. */
                    @Go static int id(int v) {
                        if ((v & 3) == 0) {
                            gosched();
                        }
                        return v;
                    }
                    @Go public static String big(int seed) {
                        int total = seed;
                        StringBuilder log = new StringBuilder();
                """);
        for (int k = 0; k < BLOCKS; k++) {
            b.append("        total += id(").append(k).append(" + total % 5);\n")
                    .append("        if (total % 7 == ").append(k % 7).append(") { log.append(").append(k).append(").append(','); }\n")
                    .append("        try {\n")
                    .append("            if (total % 13 == ").append(k % 13).append(") { throw new IllegalStateException(\"e").append(k).append("\"); }\n")
                    .append("            total += id(total % 3);\n")
                    .append("        } catch (IllegalStateException e) {\n")
                    .append("            log.append(e.getMessage()).append(id(1));\n")
                    .append("        }\n")
                    .append("        for (int i = 0; i < 2; i++) { total += id(i + ").append(k).append("); }\n")
                    .append("        { int twice = total * 2; total = twice / 2 + ").append(k % 3).append("; }\n");
        }
        b.append("        return total + \" \" + log;\n    }\n}\n");
        return b.toString();
    }

    @BeforeAll
    static void compile() throws IOException {
        compiled = TestCompiler.compile(TestCompiler.sources("p.Big", program()));
    }

    @Test
    void theFrameCompilesInParts() throws IOException {
        assertTrue(compiled.success, compiled.describe());
        String generated = Files.readString(compiled.generated.resolve("p/BigGo.java"));
        assertTrue(generated.contains("private Object part$1(Object value, Throwable error)"), "resume was not split");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void runsAsItRunsPlain() {
        assertTrue(compiled.success, compiled.describe());
        ClassLoader l = compiled.loader();
        for (int seed : new int[] {0, 1, 6, 11}) {
            Run.Outcome plain = Run.plain(l, "p.Big", "big", seed);
            assertNull(plain.thrown(), plain.toString());
            assertEquals(plain, Run.goroutine(l, "p.Big", "big", seed), "seed " + seed);
        }
    }
}
