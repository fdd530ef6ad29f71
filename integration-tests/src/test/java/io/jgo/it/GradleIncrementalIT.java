package io.jgo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.Jgo;
import io.jgo.Task;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be checked of Gradle support without Gradle (none is installed where these tests run,
 * so no real Gradle build is made; docs/getting-started.md says so).
 *
 * <p>Gradle reads {@code META-INF/gradle/incremental.annotation.processors} from the processor jar.
 * For a processor declared {@code isolating}, it then hands the processor a decorated
 * {@code ProcessingEnvironment} (not javac's own class) whose {@code Filer} records the
 * originating elements of each generated file, and it needs exactly one originating top-level
 * type per generated file. These tests check the declaration in the built jar, and run the
 * processor through such a decorated environment with javac (the JDK running the tests).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GradleIncrementalIT {
    private static final String DECLARATION = "META-INF/gradle/incremental.annotation.processors";
    private static final String SERVICES = "META-INF/services/javax.annotation.processing.Processor";

    @Test
    void theProcessorJarDeclaresEveryProcessorItRegistersAsIsolating() throws IOException {
        Path jar = JgoJars.processor();
        try (JarFile jf = new JarFile(jar.toFile())) {
            List<String> declared = lines(jf, DECLARATION);
            assertEquals(List.of("io.jgo.processor.GoProcessor,isolating"), declared, jar + "!/" + DECLARATION);
            // a processor the jar registers but Gradle does not find declared makes the whole
            // compilation non-incremental
            Set<String> registered = new TreeSet<>(lines(jf, SERVICES));
            Set<String> declaredNames = new TreeSet<>();
            for (String line : declared) {
                declaredNames.add(line.substring(0, line.indexOf(',')));
            }
            assertEquals(registered, declaredNames, "processors registered in " + SERVICES + " vs declared in " + DECLARATION);
            for (String name : declaredNames) {
                assertNotNull(jf.getEntry(name.replace('.', '/') + ".class"), name + " is in " + jar);
            }
        }
    }

    @Test
    void theProcessorWorksInAGradleStyleEnvironmentWithOneOriginPerGeneratedFile(@TempDir Path tmp) throws Exception {
        Path project = Consumers.copy("incremental", tmp);
        Path classes = tmp.resolve("classes");
        java.nio.file.Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        GradleStyleIsolating processor = new GradleStyleIsolating(newGoProcessor());
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-d", classes.toString(),
                    "-cp", JgoJars.join(List.of(JgoJars.annotations(), JgoJars.runtime())));
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromStrings(Consumers.javaFiles(project.resolve("src"))));
            task.setProcessors(List.of(processor));
            boolean ok = task.call();
            StringBuilder report = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                report.append(d.getKind()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
            }
            assertTrue(ok, "javac with the processor in a Gradle-style environment failed:\n" + report);
        }
        // each generated type, with the top-level types of its originating elements
        assertEquals(Map.of(
                "demo.inc.PairGo", Set.of("demo.inc.Pair"),
                "demo.inc.Pair_InnerGo", Set.of("demo.inc.Pair"),
                "demo.inc.UserGo", Set.of("demo.inc.User")), processor.originsByGeneratedType);

        // and what was generated runs
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                GradleIncrementalIT.class.getClassLoader())) {
            Task<?> main = (Task<?>) loader.loadClass("demo.inc.UserGo").getMethod("main").invoke(null);
            assertEquals(21 + 2, Jgo.run(main)); // plusOne(20) + plusOne(1)
        }
    }

    private static Processor newGoProcessor() throws ReflectiveOperationException {
        return (Processor) Class.forName("io.jgo.processor.GoProcessor").getConstructor().newInstance();
    }

    private static List<String> lines(JarFile jf, String entry) throws IOException {
        ZipEntry e = jf.getEntry(entry);
        assertNotNull(e, entry + " is in " + jf.getName());
        try (InputStream in = jf.getInputStream(e)) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
            return out;
        }
    }

    /** The top-level type that encloses {@code e} (itself, for a top-level type). */
    private static String topLevelTypeOf(Element e) {
        Element type = e;
        while (type != null && !(type instanceof TypeElement && type.getEnclosingElement() instanceof PackageElement)) {
            type = type.getEnclosingElement();
        }
        return type == null ? "<none: " + e + ">" : ((TypeElement) type).getQualifiedName().toString();
    }

    /**
     * Wraps a processor the way Gradle wraps an isolating one: it sees a ProcessingEnvironment of
     * another class than javac's, whose Filer records each generated file's originating types.
     */
    static final class GradleStyleIsolating implements Processor {
        private final Processor delegate;
        final Map<String, Set<String>> originsByGeneratedType = new TreeMap<>();

        GradleStyleIsolating(Processor delegate) {
            this.delegate = delegate;
        }

        @Override
        public Set<String> getSupportedOptions() {
            return delegate.getSupportedOptions();
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return delegate.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return delegate.getSupportedSourceVersion();
        }

        @Override
        public void init(ProcessingEnvironment env) {
            delegate.init(new DecoratedEnvironment(env, new RecordingFiler(env.getFiler())));
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return delegate.process(annotations, round);
        }

        @Override
        public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
                ExecutableElement member, String userText) {
            return delegate.getCompletions(element, annotation, member, userText);
        }

        private void record(CharSequence name, Element... origins) {
            Set<String> types = new LinkedHashSet<>();
            for (Element o : origins) {
                types.add(topLevelTypeOf(o));
            }
            Set<String> before = originsByGeneratedType.put(name.toString(), Set.copyOf(types));
            assertTrue(before == null, name + " was generated twice");
        }

        private final class RecordingFiler implements Filer {
            private final Filer filer;

            RecordingFiler(Filer filer) {
                this.filer = filer;
            }

            @Override
            public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) throws IOException {
                record(name, originatingElements);
                return filer.createSourceFile(name, originatingElements);
            }

            @Override
            public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) throws IOException {
                record(name, originatingElements);
                return filer.createClassFile(name, originatingElements);
            }

            @Override
            public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                    CharSequence relativeName, Element... originatingElements) throws IOException {
                record(location + "/" + moduleAndPkg + "/" + relativeName, originatingElements);
                return filer.createResource(location, moduleAndPkg, relativeName, originatingElements);
            }

            @Override
            public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                    CharSequence relativeName) throws IOException {
                return filer.getResource(location, moduleAndPkg, relativeName);
            }
        }
    }

    /** A ProcessingEnvironment that is not javac's class: everything but the Filer is javac's. */
    static final class DecoratedEnvironment implements ProcessingEnvironment {
        private final ProcessingEnvironment delegate;
        private final Filer filer;

        DecoratedEnvironment(ProcessingEnvironment delegate, Filer filer) {
            this.delegate = delegate;
            this.filer = filer;
        }

        @Override
        public Map<String, String> getOptions() {
            return delegate.getOptions();
        }

        @Override
        public Messager getMessager() {
            return delegate.getMessager();
        }

        @Override
        public Filer getFiler() {
            return filer;
        }

        @Override
        public Elements getElementUtils() {
            return delegate.getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
            return delegate.getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return delegate.getSourceVersion();
        }

        @Override
        public Locale getLocale() {
            return delegate.getLocale();
        }
    }
}
