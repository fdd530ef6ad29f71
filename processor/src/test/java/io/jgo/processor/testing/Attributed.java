package io.jgo.processor.testing;

import com.sun.source.util.Trees;
import io.jgo.processor.parse.MethodParser;
import io.jgo.processor.parse.ParsedMethod;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Runs a callback on each @Go method of a source, parsed and attributed, inside a real javac round. */
public final class Attributed {

    /** What a stage test gets: the method and javac's utilities. */
    public record Context(ParsedMethod method, ProcessingEnvironment env, Trees trees) {
    }

    private Attributed() {
    }

    public static void forEachGoMethod(String className, String source, Consumer<Context> test) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<Throwable> failures = new ArrayList<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/') + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        AbstractProcessor p = new AbstractProcessor() {
            @Override
            public Set<String> getSupportedAnnotationTypes() {
                return Set.of("io.jgo.annotation.Go");
            }

            @Override
            public SourceVersion getSupportedSourceVersion() {
                return SourceVersion.latestSupported();
            }

            @Override
            public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
                TypeElement go = processingEnv.getElementUtils().getTypeElement("io.jgo.annotation.Go");
                Trees trees = Trees.instance(processingEnv);
                for (Element e : round.getElementsAnnotatedWith(go)) {
                    try {
                        ParsedMethod pm = new MethodParser(trees).parse((ExecutableElement) e).orElseThrow();
                        test.accept(new Context(pm, processingEnv, trees));
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }
                return true;
            }
        };
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, fm, null,
                    List.of("-proc:only", "-classpath", System.getProperty("java.class.path")), null, List.of(file));
            task.setProcessors(List.of(p));
            task.call();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            if (first instanceof RuntimeException r) {
                throw r;
            }
            if (first instanceof Error err) {
                throw err;
            }
            throw new AssertionError(first);
        }
    }
}
