package io.jgo.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor behind a decorated ProcessingEnvironment, as Gradle runs processors declared
 * incremental: javac's Trees is found behind the decorator; if it cannot be, one clear error.
 */
class DecoratedEnvironmentTest {
    private static final JavaFileObject SOURCE = JavaFileObjects.forSourceString("p.Src", """
            package p;
            import io.jgo.*; import io.jgo.annotation.Go;
            public class Src {
                @Go static int twice(int x) {
                    Chan<Integer> ch = Chan.make(1);
                    ch.send(2 * x);
                    return ch.recv();
                }
                static class Inner {
                    @Go static int plusOne(int x) { return Src.twice(x) / 2 + 1; }
                }
            }
            """);

    @Test
    void javacsTreesAreFoundBehindADecoratorThatKeepsTheEnvironmentInAField() {
        Compilation c = javac().withProcessors(new Decorating(env -> new FieldDecorator(new FieldDecorator(env))))
                .compile(SOURCE);
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("p.SrcGo");
        assertThat(c).generatedSourceFile("p.Src_InnerGo");
    }

    @Test
    void anEnvironmentThatHidesJavacsIsOneErrorNamingItsClass() {
        Compilation c = javac().withProcessors(new Decorating(HidingDecorator::new)).compile(SOURCE);
        assertThat(c).failed();
        assertEquals(1, c.errors().size(), c.errors().toString());
        assertThat(c).hadErrorContaining("[jgo] the processor reads method bodies through javac's Trees API, and the "
                + "processing environment " + HidingDecorator.class.getName() + " hides javac's");
    }

    /** Runs GoProcessor with the environment javac gives, decorated by {@code decorate}. */
    private static final class Decorating extends AbstractProcessor {
        private final GoProcessor go = new GoProcessor();
        private final Function<ProcessingEnvironment, ProcessingEnvironment> decorate;

        Decorating(Function<ProcessingEnvironment, ProcessingEnvironment> decorate) {
            this.decorate = decorate;
        }

        @Override
        public synchronized void init(ProcessingEnvironment env) {
            super.init(env);
            go.init(decorate.apply(env));
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return go.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return go.getSupportedSourceVersion();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return go.process(annotations, round);
        }
    }

    /** Delegates to an environment it reaches only through {@link #inner()}. */
    private abstract static class Decorator implements ProcessingEnvironment {
        abstract ProcessingEnvironment inner();

        @Override
        public Map<String, String> getOptions() {
            return inner().getOptions();
        }

        @Override
        public Messager getMessager() {
            return inner().getMessager();
        }

        @Override
        public Filer getFiler() {
            return inner().getFiler();
        }

        @Override
        public Elements getElementUtils() {
            return inner().getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
            return inner().getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return inner().getSourceVersion();
        }

        @Override
        public Locale getLocale() {
            return inner().getLocale();
        }
    }

    /** Gradle's shape: the decorated environment in a private field. */
    private static final class FieldDecorator extends Decorator {
        private final ProcessingEnvironment delegate;

        FieldDecorator(ProcessingEnvironment delegate) {
            this.delegate = delegate;
        }

        @Override
        ProcessingEnvironment inner() {
            return delegate;
        }
    }

    /** No field of type ProcessingEnvironment: javac's cannot be found. */
    private static final class HidingDecorator extends Decorator {
        private final Supplier<ProcessingEnvironment> hidden;

        HidingDecorator(ProcessingEnvironment env) {
            this.hidden = () -> env;
        }

        @Override
        ProcessingEnvironment inner() {
            return hidden.get();
        }
    }
}
