package io.jgo.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.Jgo;
import io.jgo.processor.testing.Run;
import io.jgo.processor.testing.TestCompiler;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loops whose suspension points never park (a {@code @Go} call that returns at once, a receive
 * from a buffered channel that is never empty) are preemptible through the check on their
 * back-edge: on one P, such a spinner does not starve another goroutine.
 */
class SuspendingLoopPreemptionTest {
    static TestCompiler.Result compiled;

    @BeforeAll
    static void compile() throws IOException {
        compiled = TestCompiler.compile(TestCompiler.sources("p.SuspendingLoops",
                InstanceMethodsTest.resource("SuspendingLoops.java")));
    }

    @Test
    void compilesWithoutWarnings() {
        assertTrue(compiled.success, compiled.describe() + compiled.allGenerated());
        assertEquals(0, compiled.warnings().size(), compiled.describe());
    }

    /**
     * The spinners' loops are lowered into states (their suspension points need them), not
     * printed as Java loops with a check at the head: the scenario below exercises the back-edge.
     */
    @Test
    void theSpinnersAreLoweredLoopsWithACheckOnTheBackEdge() {
        assertTrue(compiled.success, compiled.describe());
        String g = compiled.generatedSource("p.SuspendingLoopsGo");
        assertFalse(g.contains("a Java loop with a preemption check"), g);
        for (String loop : new String[] {"while, line 21", "while, line 31", "for, line 41",
                "do, line 55", "range over a channel, line 67"}) {
            Matcher m = Pattern.compile("case (\\d+): \\{ // " + Pattern.quote(loop)).matcher(g);
            assertTrue(m.find(), loop + "\n" + g);
            // further down, the back-edge to that state checks for preemption before it jumps
            Pattern backEdge = Pattern.compile("label = " + m.group(1) + ";\\s*if \\(preemptRequested\\(\\)");
            int classEnd = g.indexOf("static final class", m.end());
            assertTrue(backEdge.matcher(g).region(m.end(), classEnd < 0 ? g.length() : classEnd).find(),
                    loop + "\n" + g);
        }
    }

    /**
     * Kinds: while calling, while receiving, for calling, do receiving, range over a channel.
     * Without the back-edge check the spinner never yields; the other goroutine still runs, but
     * only because the monitor retakes the P from a goroutine that ignores its request to yield,
     * after which the two run at the same time on two carriers. The other goroutine sees that.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aSpinnerWhoseSuspensionsNeverParkYieldsItsOnlyProc(int kind) {
        assertTrue(compiled.success, compiled.describe());
        ClassLoader l = compiled.loader();
        Run.Outcome plain = Run.plain(l, "p.SuspendingLoops", "noStarvation", kind);
        assertNull(plain.thrown(), plain.toString());
        assertEquals("other done while the spinner spins: true; spinner stopped after some iterations",
                plain.value());
        int procs = Jgo.gomaxprocs(1);
        int runs = 4;
        int yielded = 0;
        try {
            for (int i = 0; i < runs; i++) {
                assertEquals(plain, Run.goroutineWithin(20, l, "p.SuspendingLoops", "noStarvation", kind));
                yielded += spinnerStillRunning(l) ? 0 : 1;
            }
        } finally {
            Jgo.gomaxprocs(procs);
        }
        // A single run may be rescued by a retake for another reason (a carrier blocked in class
        // loading, or descheduled past the request); without the check, none yields.
        assertTrue(yielded > 0, "the spinner never yielded its P in " + runs + " runs: the other"
                + " goroutine only ran on a P the monitor took from the spinner's carrier");
    }

    private static boolean spinnerStillRunning(ClassLoader l) {
        try {
            Field f = l.loadClass("p.SuspendingLoops").getDeclaredField("spinnerStillRunning");
            f.setAccessible(true);
            return f.getBoolean(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
