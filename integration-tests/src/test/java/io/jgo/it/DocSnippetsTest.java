package io.jgo.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.processor.GoProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet that the docs mark as complete compiles with jgo's processor. A snippet is
 * marked by an HTML comment on the line right before its fence (invisible on a rendered page):
 *
 * <pre>
 * &lt;!-- compile --&gt;
 * ```java
 * import io.jgo.*;
 * class Example { ... }
 * ```
 * </pre>
 *
 * Each marked snippet is compiled alone, as one source file named after its first top-level type
 * (in its {@code package}, if it declares one), with the runtime and annotations on the class
 * path and the processor running, at {@code --release 17}. A snippet whose first type has a
 * {@code main} method is then run, and must end without an exception. docs/testing.md describes
 * the convention. The pages read are README.md, docs/*.md and benchmarks/README.md.
 */
class DocSnippetsTest {
    static final String MARKER = "<!-- compile -->";
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:public\\s+|final\\s+|abstract\\s+)*(?:class|interface|enum|record)\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

    /** One marked snippet: where it is, and its text. */
    record Snippet(Path page, int line, String source) {
        String where() {
            return root().relativize(page) + ":" + line;
        }
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("docs")) && Files.isRegularFile(d.resolve("README.md"))
                    && Files.isDirectory(d.resolve("runtime"))) {
                return d;
            }
        }
        throw new IllegalStateException("no project root above " + dir);
    }

    static List<Path> pages() {
        Path root = root();
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        pages.add(root.resolve("benchmarks/README.md"));
        try (Stream<Path> s = Files.list(root.resolve("docs"))) {
            pages.addAll(s.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    /** The marked snippets of one page; a marker not followed by a ```java fence is an error. */
    static List<Snippet> snippets(Path page) {
        List<String> lines;
        try {
            lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Snippet> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().equals(MARKER)) {
                continue;
            }
            if (i + 1 >= lines.size() || !lines.get(i + 1).trim().equals("```java")) {
                throw new AssertionError(page + ":" + (i + 1) + ": " + MARKER
                        + " must be followed directly by a ```java fence");
            }
            StringBuilder src = new StringBuilder();
            int j = i + 2;
            for (; j < lines.size() && !lines.get(j).trim().equals("```"); j++) {
                src.append(lines.get(j)).append('\n');
            }
            if (j == lines.size()) {
                throw new AssertionError(page + ":" + (i + 2) + ": unclosed ```java fence");
            }
            out.add(new Snippet(page, i + 3, src.toString()));
            i = j;
        }
        return out;
    }

    static List<Snippet> allSnippets() {
        List<Snippet> all = new ArrayList<>();
        for (Path p : pages()) {
            all.addAll(snippets(p));
        }
        return all;
    }

    @Test
    void theDocsMarkCompleteProgramsAndTheMarkersAreWellPlaced() {
        List<Snippet> all = allSnippets(); // throws on a misplaced marker
        assertFalse(all.isEmpty(), "no " + MARKER + " snippet found in " + pages());
        assertTrue(all.stream().anyMatch(s -> s.page().endsWith("README.md")), "the README's example is marked");
        assertTrue(all.stream().anyMatch(s -> s.page().endsWith("getting-started.md")),
                "getting-started's first program is marked");
    }

    @TestFactory
    Stream<DynamicTest> everyMarkedSnippetCompilesWithTheProcessor(@TempDir Path tmp) {
        return allSnippets().stream().map(s -> DynamicTest.dynamicTest(s.where(), () -> compile(s, tmp)));
    }

    private static void compile(Snippet s, Path tmp) throws Exception {
        Matcher type = TYPE.matcher(s.source());
        assertTrue(type.find(), s.where() + ": a complete snippet declares a top-level type");
        Matcher pkg = PACKAGE.matcher(s.source());
        String dir = pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "";
        Path base = Files.createTempDirectory(tmp, "snippet");
        Path file = base.resolve("src/" + dir + type.group(1) + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, s.source(), StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(base.resolve("classes"));
        Path generated = Files.createDirectories(base.resolve("generated"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        boolean ok;
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", classes.toString(), "-s", generated.toString(),
                    "-classpath", System.getProperty("java.class.path"), "--release", "17", "-implicit:class");
            JavaCompiler.CompilationTask task = javac.getTask(out, fm, diags, options, null,
                    fm.getJavaFileObjects(file));
            task.setProcessors(List.of(new GoProcessor()));
            ok = task.call();
        }
        StringBuilder why = new StringBuilder(s.where()).append(" does not compile:\n").append(out);
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                long line = d.getLineNumber();
                boolean inSnippet = d.getSource() != null && d.getSource().getName().endsWith(file.getFileName().toString());
                why.append(inSnippet ? root().relativize(s.page()) + ":" + (s.line() + line - 1)
                        : (d.getSource() == null ? "" : d.getSource().getName()) + ":" + line)
                        .append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
            }
        }
        assertTrue(ok, why.toString());
        runMain(s, (pkg.reset().find() ? pkg.group(1) + "." : "") + type.group(1), classes);
    }

    /** Runs the snippet's {@code main}, if its first type has one, with its output captured. */
    private static void runMain(Snippet s, String className, Path classes) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                DocSnippetsTest.class.getClassLoader())) {
            Method main;
            try {
                main = Class.forName(className, true, loader).getMethod("main", String[].class);
            } catch (NoSuchMethodException e) {
                return; // a library snippet: compiling it is the test
            }
            if (!Modifier.isStatic(main.getModifiers())) {
                return;
            }
            main.setAccessible(true);
            PrintStream out = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                main.invoke(null, (Object) new String[0]);
            } catch (InvocationTargetException e) {
                throw new AssertionError(s.where() + ": main threw " + e.getCause() + "; it printed:\n"
                        + captured.toString(StandardCharsets.UTF_8), e.getCause());
            } finally {
                System.setOut(out);
            }
        }
    }
}
