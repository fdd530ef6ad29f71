package io.jgo.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.jgo.processor.testing.ProgramGenerator;
import io.jgo.processor.testing.Run;
import io.jgo.processor.testing.TestCompiler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Differential test: random @Go method bodies (nested loops, labels, switch, try/catch/finally,
 * early returns, exceptions, suspension points inside expressions) compiled with the processor
 * and run as plain Java and as goroutines; any difference fails with the seed and the program.
 * Hundreds of methods by default; thousands with {@code -Pstress} ({@code jgo.stress=true});
 * forty (one program) under PIT, where it runs once per surviving mutant.
 */
class RandomProgramsTest {
    private static final boolean STRESS = Boolean.getBoolean("jgo.stress");
    /** jgo.randomPrograms overrides the count: mutation testing (-Ppit) runs one program. */
    private static final int PROGRAMS = Integer.getInteger("jgo.randomPrograms", STRESS ? 80 : 8);
    private static final int METHODS = 40;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void randomProgramsBehaveTheSameAsPlainJava() {
        long base = Long.getLong("jgo.seed", 20261123L);
        int methods = 0;
        for (int p = 0; p < PROGRAMS; p++) {
            long seed = base + p;
            String cls = "Random" + p;
            String source = new ProgramGenerator(seed).program(cls, METHODS);
            TestCompiler.Result r = TestCompiler.compile(TestCompiler.sources("p." + cls, source));
            if (!r.success || !r.warnings().isEmpty()) {
                fail("seed " + seed + ": the generated program does not compile cleanly:\n" + r.describe()
                        + "\n" + number(source));
            }
            ClassLoader l = r.loader();
            for (int m = 0; m < METHODS; m++) {
                StringBuilder plainLog = new StringBuilder();
                StringBuilder goLog = new StringBuilder();
                Run.Outcome plain = Run.plain(l, "p." + cls, "m" + m, plainLog);
                Run.Outcome go = Run.goroutine(l, "p." + cls, "m" + m, goLog);
                String context = "seed " + seed + ", method m" + m + "\nplain log: " + plainLog + "\ngo log:    "
                        + goLog + "\n" + number(source);
                assertEquals(plain, go, context);
                assertEquals(plainLog.toString(), goLog.toString(), context);
                methods++;
            }
        }
        System.out.println("random differential test: " + methods + " methods agree");
    }

    private static String number(String source) {
        StringBuilder b = new StringBuilder();
        int n = 1;
        for (String line : source.split("\n")) {
            b.append(String.format("%4d  ", n++)).append(line).append('\n');
        }
        return b.toString();
    }
}
