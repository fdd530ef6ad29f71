package io.jgo.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.GoroutinePanicException;
import io.jgo.Jgo;
import io.jgo.Task;
import io.jgo.processor.testing.TestCompiler;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An exception that leaves {@code @Go} frames carries a trace in the user's source: the code that
 * threw, each {@code @Go} frame as {@code Class.method(File.java:line)} at the user's line, then
 * the goroutine, and none of the scheduler's frames.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StackTraceTest {
    // line numbers matter: the assertions below name them
    static final TestCompiler.Result COMPILED = TestCompiler.compile(TestCompiler.sources("demo.Boom", """
            package demo;

            import io.jgo.*; import io.jgo.annotation.Go;
            import static io.jgo.Jgo.*;

            public class Boom {
                @Go static int parse(String s, boolean yield) {
                    if (yield) gosched();
                    int n = Integer.parseInt(s);
                    return n;
                }

                @Go static int middle(String s, boolean yield) {
                    int v = parse(s, yield);
                    return v + 1;
                }

                @Go static int top(String s, boolean yield) {
                    int r = middle(s, yield);
                    return r * 2;
                }

                @Go static String caught(boolean yield) {
                    try {
                        middle("x", yield);
                        return "no exception";
                    } catch (NumberFormatException e) {
                        StringBuilder b = new StringBuilder();
                        for (StackTraceElement el : e.getStackTrace()) {
                            b.append(el).append('\\n');
                        }
                        return b.toString();
                    }
                }

                @Go static void fail(String why) {
                    gosched();
                    throw new IllegalStateException(why);
                }

                @Go static void spawner(Chan<Integer> never) {
                    go(() -> fail("in a child"));
                    never.recv();
                }

                @Go static int deep(int n) {
                    if (n == 0) throw new IllegalStateException("bottom");
                    return deep(n - 1) + 1;
                }

                public static void main(String[] args) {
                    Jgo.run(BoomGo.top(args[0], true));
                }
            }
            """));

    private static Task<?> task(String method, Class<?>[] types, Object... args) throws Exception {
        assertTrue(COMPILED.success, COMPILED.describe());
        return (Task<?>) COMPILED.loader().loadClass("demo.BoomGo").getMethod(method, types).invoke(null, args);
    }

    private static List<String> trace(Throwable t) {
        return Arrays.stream(t.getStackTrace()).map(StackTraceElement::toString)
                .filter(s -> !s.startsWith("java.base/")).collect(Collectors.toList());
    }

    private static List<String> userFrames(String goroutine) {
        return List.of("demo.Boom.parse(Boom.java:9)", "demo.Boom.middle(Boom.java:14)", "demo.Boom.top(Boom.java:19)",
                goroutine);
    }

    @Test
    void anExceptionThatEndsRunShowsEachGoFrameAtTheUsersLineAfterASuspension() throws Exception {
        Task<?> t = task("top", new Class<?>[] {String.class, boolean.class}, "x", true);
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> Jgo.run(t));
        List<String> lines = trace(e);
        assertEquals(userFrames(lines.get(lines.size() - 1)), lines, String.join("\n", lines));
        assertTrue(lines.get(lines.size() - 1).matches("jgo\\.goroutine\\(id \\d+\\)"), lines.toString());
        assertTrue(e.getStackTrace()[0].toString().contains("NumberFormatException"), "the JDK's own frames stay");
    }

    @Test
    void anExceptionThroughCallsThatNeverSuspendedShowsTheSameFrames() throws Exception {
        Task<?> t = task("top", new Class<?>[] {String.class, boolean.class}, "x", false);
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> Jgo.run(t));
        List<String> lines = trace(e);
        assertEquals(userFrames(lines.get(lines.size() - 1)), lines, String.join("\n", lines));
    }

    @Test
    void anExceptionCaughtInGoCodeAlreadyReadsInTheUsersSource() throws Exception {
        for (boolean yield : new boolean[] {false, true}) {
            String text = (String) Jgo.run(task("caught", new Class<?>[] {boolean.class}, yield));
            List<String> lines = Arrays.stream(text.split("\n")).filter(s -> !s.startsWith("java.base/"))
                    .collect(Collectors.toList());
            assertEquals(List.of("demo.Boom.parse(Boom.java:9)", "demo.Boom.middle(Boom.java:14)",
                    "demo.Boom.caught(Boom.java:25)", lines.get(lines.size() - 1)), lines, "yield " + yield + ":\n" + text);
        }
    }

    @Test
    void aPanickingGoroutinesCauseShowsItsFramesAndItsGoroutine() throws Exception {
        Task<?> t = task("spawner", new Class<?>[] {io.jgo.Chan.class}, io.jgo.Chan.make());
        GoroutinePanicException e = assertThrows(GoroutinePanicException.class, () -> Jgo.run(t));
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
        List<String> lines = trace(cause);
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertEquals("demo.Boom.fail(Boom.java:38)", lines.get(0));
        assertEquals("jgo.goroutine(id " + e.goroutineId() + ")", lines.get(1));
    }

    /**
     * Deeper than the carrier's stack holds (the runtime unwinds such chains into the
     * trampoline): the exception crosses 5,000 frames, the trace keeps the innermost 1,024, like
     * the JVM's own traces.
     */
    @Test
    void aVeryDeepChainGivesABoundedTraceOfItsInnermostFrames() throws Exception {
        Task<?> t = task("deep", new Class<?>[] {int.class}, 5_000);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Jgo.run(t));
        List<String> lines = trace(e);
        assertEquals(1024 + 1, lines.size());
        assertEquals("demo.Boom.deep(Boom.java:47)", lines.get(0));
        assertEquals("demo.Boom.deep(Boom.java:48)", lines.get(1));
        assertEquals("demo.Boom.deep(Boom.java:48)", lines.get(1023));
        assertTrue(lines.get(1024).startsWith("jgo.goroutine(id "), lines.get(1024));
    }

    @Test
    void theRawTracePropertyKeepsTheSchedulersFrames() throws Exception {
        assertTrue(COMPILED.success, COMPILED.describe());
        String raw = runMain("-Djgo.rawStackTraces=true");
        assertTrue(raw.contains("at demo.BoomGo$Parse.resume(Boom.java:9)"), raw);
        assertTrue(raw.contains("at io.jgo.internal.G.run("), raw);
        assertTrue(!raw.contains("jgo.goroutine(id"), raw);
        String rewritten = runMain();
        assertTrue(rewritten.contains("at demo.Boom.parse(Boom.java:9)\n\tat demo.Boom.middle(Boom.java:14)\n"
                + "\tat demo.Boom.top(Boom.java:19)\n\tat jgo.goroutine(id "), rewritten);
        assertTrue(!rewritten.contains("io.jgo.internal"), rewritten);
    }

    private static String runMain(String... props) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(props));
        cmd.add("-cp");
        cmd.add(COMPILED.classes + File.pathSeparator + System.getProperty("java.class.path"));
        cmd.add("demo.Boom");
        cmd.add("x");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the program ended");
        assertEquals(1, p.exitValue(), out);
        return out;
    }
}
