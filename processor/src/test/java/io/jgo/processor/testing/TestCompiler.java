package io.jgo.processor.testing;

import io.jgo.processor.GoProcessor;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles sources with jgo's processor in a temporary directory (javax.tools), with the test
 * class path (annotations and runtime) as the class path, and loads the result.
 */
public final class TestCompiler {

    /** The outcome of one compilation. */
    public static final class Result {
        public final boolean success;
        public final List<Diagnostic<? extends JavaFileObject>> diagnostics;
        public final Path classes;
        public final Path generated;
        public final String output;

        private final Path library;

        Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Path classes, Path generated,
                String output, Path library) {
            this.library = library;
            this.success = success;
            this.diagnostics = diagnostics;
            this.classes = classes;
            this.generated = generated;
            this.output = output;
        }

        public List<Diagnostic<? extends JavaFileObject>> errors() {
            return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).collect(Collectors.toList());
        }

        public List<Diagnostic<? extends JavaFileObject>> warnings() {
            return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.WARNING
                    || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING).collect(Collectors.toList());
        }

        /** The generated source of a class such as {@code "p.FooGo"}. */
        public String generatedSource(String qualifiedName) {
            try {
                return Files.readString(generated.resolve(qualifiedName.replace('.', '/') + ".java"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Every generated source, concatenated (for failure messages). */
        public String allGenerated() {
            try (Stream<Path> s = Files.walk(generated)) {
                StringBuilder b = new StringBuilder();
                for (Path p : s.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                    b.append("// ---- ").append(generated.relativize(p)).append('\n').append(Files.readString(p));
                }
                return b.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public ClassLoader loader() {
            try {
                URL[] urls = library == null ? new URL[] {classes.toUri().toURL()}
                        : new URL[] {classes.toUri().toURL(), library.toUri().toURL()};
                return new URLClassLoader(urls, TestCompiler.class.getClassLoader());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String describe() {
            StringBuilder b = new StringBuilder(output);
            for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
                b.append(d.getKind()).append(' ').append(d.getSource() == null ? "" : d.getSource().getName())
                        .append(':').append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
            }
            return b.toString();
        }
    }

    private TestCompiler() {
    }

    /** Compiles {@code sources} (qualified class name → source text) with -Xlint:all. */
    public static Result compile(Map<String, String> sources) {
        return compile(sources, List.of("-Xlint:all"));
    }

    public static Result compile(Map<String, String> sources, List<String> extraOptions) {
        return compile(sources, extraOptions, null);
    }

    /** Compiles against an extra class directory (another "jar"), which the loader also sees. */
    public static Result compile(Map<String, String> sources, List<String> extraOptions, Path library) {
        try {
            Path root = Files.createTempDirectory("jgo-test");
            Path src = root.resolve("src");
            Path classes = root.resolve("classes");
            Path gen = root.resolve("generated");
            Files.createDirectories(classes);
            Files.createDirectories(gen);
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
                files.add(f);
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
            StringWriter out = new StringWriter();
            try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
                List<String> options = new ArrayList<>(List.of(
                        "-d", classes.toString(),
                        "-s", gen.toString(),
                        "-classpath", System.getProperty("java.class.path")
                                + (library == null ? "" : java.io.File.pathSeparator + library),
                        "--release", "17",
                        "-implicit:class"));
                options.addAll(extraOptions);
                JavaCompiler.CompilationTask task = javac.getTask(out, fm, diags, options, null,
                        fm.getJavaFileObjectsFromPaths(files));
                task.setProcessors(List.of(new GoProcessor()));
                boolean ok = task.call();
                return new Result(ok, diags.getDiagnostics(), classes, gen, out.toString(), library);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, String> sources(String... nameThenSource) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenSource.length; i += 2) {
            m.put(nameThenSource[i], nameThenSource[i + 1]);
        }
        return m;
    }
}
