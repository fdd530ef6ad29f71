package io.jgo.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.Task;
import io.jgo.processor.testing.TestCompiler;
import io.jgo.runtime.Frame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/** Frame.location() from the generated line table: a frame waiting for a callee names the call's line. */
class LocationTest {
    static final TestCompiler.Result COMPILED = TestCompiler.compile(TestCompiler.sources("p.Where", """
            package p;

            import io.jgo.*; import io.jgo.annotation.Go;

            public class Where {
                @Go static int outer(Chan<Boolean> ready, Chan<Integer> release) {
                    int x = 1;
                    return x + inner(ready, release);
                }

                @Go static int inner(Chan<Boolean> ready, Chan<Integer> release) {
                    ready.send(true);
                    return release.recv();
                }
            }
            """));

    @RepeatedTest(5)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCallerFrameNamesTheLineOfTheCallItWaitsFor() throws Exception {
        assertTrue(COMPILED.success, COMPILED.describe());
        Chan<Boolean> ready = Chan.make();
        Chan<Integer> release = Chan.make();
        Task<?> task = (Task<?>) COMPILED.loader().loadClass("p.WhereGo")
                .getMethod("outer", Chan.class, Chan.class).invoke(null, ready, release);
        CompletableFuture<?> done = Jgo.start(task);
        ready.recv(); // inner has run its first statement: outer stands at the call of inner
        StackTraceElement at = ((Frame<?>) task).location();
        assertEquals("p.Where", at.getClassName());
        assertEquals("outer", at.getMethodName());
        assertEquals("Where.java", at.getFileName());
        assertEquals(8, at.getLineNumber());
        release.send(41);
        assertEquals(42, done.get());
    }
}
