package io.jgo.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

/** The processor under compile-testing: what it generates and that the result compiles cleanly. */
class GoProcessorCompileTest {

    @Test
    void generatesEntryPointsAndFramesNextToTheClass() {
        Compilation c = javac().withOptions("-Xlint:all").withProcessors(new GoProcessor()).compile(
                JavaFileObjects.forSourceString("p.Echo", """
                        package p;
                        import io.jgo.*;
                        public class Echo {
                            @Go static void echo(Chan<String> in, Chan<String> out) {
                                for (String s : in) out.send(s);
                                out.close();
                            }
                            static class Inner {
                                @Go static int one() { return 1; }
                            }
                        }
                        """));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("p.EchoGo").contentsAsUtf8String()
                .contains("public static Task<Void> echo(Chan<String> in, Chan<String> out)");
        assertThat(c).generatedSourceFile("p.EchoGo").contentsAsUtf8String()
                .contains("static final class Echo extends Frame<Void>");
        assertThat(c).generatedSourceFile("p.EchoGo").contentsAsUtf8String().contains("value = in.rangeNext(this);");
        assertThat(c).generatedSourceFile("p.Echo_InnerGo").contentsAsUtf8String()
                .contains("public static Task<Integer> one()");
    }

    @Test
    void aLoopWithoutSuspensionPointIsAJavaLoopWithAPreemptionCheck() {
        Compilation c = javac().withOptions("-Xlint:all").withProcessors(new GoProcessor()).compile(
                JavaFileObjects.forSourceString("p.Spin", """
                        package p;
                        import io.jgo.*;
                        import java.util.concurrent.atomic.AtomicBoolean;
                        public class Spin {
                            @Go static void spin(AtomicBoolean stop) {
                                while (!stop.get()) {
                                    Thread.onSpinWait();
                                }
                            }
                        }
                        """));
        assertThat(c).succeededWithoutWarnings();
        String loop = "case 1: { // while, line 6 (a Java loop with a preemption check)\n"
                + "                        for (;;) {\n"
                + "                            if (preemptRequested() && Jgo.gosched(this) == SUSPENDED) return SUSPENDED;\n"
                + "                            if (!(!stop.get())) break;\n"
                + "                            Thread.onSpinWait();\n"
                + "                        }\n"
                + "                        return null;\n";
        assertThat(c).generatedSourceFile("p.SpinGo").contentsAsUtf8String().contains(loop);
    }
}
