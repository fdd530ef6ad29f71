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
                        import io.jgo.*; import io.jgo.annotation.Go;
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
    void anOverridableMethodDispatchesThroughTheRuntimesHelper() {
        Compilation c = javac().withOptions("-Xlint:all").withProcessors(new GoProcessor()).compile(
                JavaFileObjects.forSourceString("p.Base", """
                        package p;
                        import io.jgo.*; import io.jgo.annotation.Go;
                        public class Base {
                            @Go String speak(int override$, java.util.List<String> thrown$) {
                                return "base";
                            }
                        }
                        """));
        assertThat(c).succeededWithoutWarnings();
        String dispatch = """
                    private static final VirtualDispatch OVERRIDES$Speak = VirtualDispatch.of(MethodHandles.lookup(), Base.class, "speak", int.class, List.class);
                """;
        String entry = """
                    public static Task<String> speak(Base self, int override$, List<String> thrown$) {
                        if (self.getClass() != Base.class) {
                            MethodHandle override$$ = OVERRIDES$Speak.overrideFor(self.getClass());
                            if (override$$ != null) {
                                try {
                                    return (Task<String>) override$$.invokeExact(self, override$, thrown$);
                                } catch (Throwable thrown$$) {
                                    throw VirtualDispatch.unchecked(thrown$$);
                                }
                            }
                        }
                        return new Speak(self, override$, thrown$);
                    }
                """;
        assertThat(c).generatedSourceFile("p.BaseGo").contentsAsUtf8String().contains(dispatch);
        assertThat(c).generatedSourceFile("p.BaseGo").contentsAsUtf8String().contains(entry);
        assertThat(c).generatedSourceFile("p.BaseGo").contentsAsUtf8String().doesNotContain("ClassValue");
    }

    @Test
    void aLoopWithoutSuspensionPointIsAJavaLoopWithAPreemptionCheck() {
        Compilation c = javac().withOptions("-Xlint:all").withProcessors(new GoProcessor()).compile(
                JavaFileObjects.forSourceString("p.Spin", """
                        package p;
                        import io.jgo.*; import io.jgo.annotation.Go;
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
                + "                            // line 7\n"
                + "                            Thread.onSpinWait();\n"
                + "                        }\n"
                + "                        return null;\n";
        assertThat(c).generatedSourceFile("p.SpinGo").contentsAsUtf8String().contains(loop);
    }

    /**
     * A suspension and the state that resumes it are placed together: when the call does not
     * suspend, the code falls into the resume state instead of going round the dispatch loop.
     * It still compiles without warnings under -Xlint:all (the fall-through is suppressed).
     */
    @Test
    void aSuspensionFallsIntoTheStateThatResumesIt() {
        Compilation c = javac().withOptions("-Xlint:all").withProcessors(new GoProcessor()).compile(
                JavaFileObjects.forSourceString("p.Produce", """
                        package p;
                        import io.jgo.*; import io.jgo.annotation.Go;
                        public class Produce {
                            @Go static void produce(Chan<Integer> ch, int n) {
                                for (int i = 0; i < n; i++) {
                                    ch.send(i);
                                }
                            }
                        }
                        """));
        assertThat(c).succeededWithoutWarnings();
        String send = "label = 4;\n"
                + "                        value = ch.send(i, this);\n"
                + "                        if (value == SUSPENDED) return SUSPENDED;\n"
                + "                        // falls into 4\n"
                + "                    }\n"
                + "                    case 4: { // line 6: after ch.send(...)\n"
                + "                        if (error != null) throw error;\n"
                + "                        label = 2;\n"
                + "                        // falls into 2\n"
                + "                    }\n"
                + "                    case 2: { // line 6\n";
        assertThat(c).generatedSourceFile("p.ProduceGo").contentsAsUtf8String().contains(send);
        assertThat(c).generatedSourceFile("p.ProduceGo").contentsAsUtf8String()
                .contains("@SuppressWarnings(\"fallthrough\")\n        protected Object resume(");
    }
}
