package io.jgo.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.processor.testing.Run;
import io.jgo.processor.testing.TestCompiler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A @Go method of another jar (compiled before, seen only as class files) is a suspending call. */
class OtherJarTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void callsAGoMethodFromAnotherCompilation() {
        TestCompiler.Result lib = TestCompiler.compile(TestCompiler.sources("lib.Stage", """
                package lib;
                import io.jgo.*; import io.jgo.annotation.Go;
                public class Stage {
                    @Go public static int square(Chan<Integer> in) {
                        int v = in.recv();
                        return v * v;
                    }
                    @Go public <T> T echo(T x) {
                        Jgo.gosched();
                        return x;
                    }
                }
                """));
        assertTrue(lib.success, lib.describe());
        TestCompiler.Result app = TestCompiler.compile(TestCompiler.sources("app.Main", """
                package app;
                import io.jgo.*; import io.jgo.annotation.Go;
                import static io.jgo.Jgo.*;
                import lib.Stage;
                public class Main {
                    @Go static String run() {
                        Chan<Integer> ch = Chan.make();
                        go(() -> ch.send(7));
                        int sq = Stage.square(ch);
                        String e = new Stage().echo("x" + sq);
                        return e;
                    }
                }
                """), List.of("-Xlint:all"), lib.classes);
        assertTrue(app.success, app.describe() + app.allGenerated());
        assertEquals(0, app.warnings().size(), app.describe());
        String generated = app.generatedSource("app.MainGo");
        assertTrue(generated.contains("call((Frame<?>) StageGo.square(ch))"), generated);
        Run.Outcome plain = Run.plain(app.loader(), "app.Main", "run");
        assertEquals("x49", plain.value(), plain.toString());
        assertEquals(plain, Run.goroutine(app.loader(), "app.Main", "run"));
    }
}
