package io.jgo.processor;

import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * javac's {@link Trees} for a processing environment that may be decorated.
 *
 * <p>The processor reads method bodies, which only javac's Trees API gives. {@code Trees.instance}
 * accepts javac's own environment class and nothing else, but build tools may hand the processor
 * a decorator: Gradle does for every processor declared incremental (ours is {@code isolating}),
 * to watch its {@code Filer}. Such a decorator keeps javac's environment in a field; this class
 * finds it there. Only Trees comes from the unwrapped environment: the processor still writes
 * through the decorated Filer, so the build tool sees every generated file.
 */
final class JavacTrees {
    /** Decorators of decorators are possible; a deeper chain than this is not a decorator chain. */
    private static final int MAX_DEPTH = 8;

    private JavacTrees() {
    }

    /** Thrown when no javac environment is found behind the one the processor was given. */
    static final class NotJavacException extends Exception {
        private static final long serialVersionUID = 1L;

        NotJavacException(ProcessingEnvironment env) {
            super("[jgo] the processor reads method bodies through javac's Trees API, and the processing "
                    + "environment " + env.getClass().getName() + " hides javac's: run the processor in javac "
                    + "(javac -processorpath, Maven annotationProcessorPaths, Gradle annotationProcessor)");
        }
    }

    static Trees of(ProcessingEnvironment given) throws NotJavacException {
        ProcessingEnvironment env = given;
        for (int depth = 0; depth < MAX_DEPTH && env != null; depth++) {
            try {
                return Trees.instance(env);
            } catch (IllegalArgumentException notJavacs) {
                env = wrappedBy(env);
            }
        }
        throw new NotJavacException(given);
    }

    /**
     * javac's own environment behind {@code given} (unwrapped like {@link #of}), the one
     * {@code JavacTask.instance} accepts; null outside javac.
     */
    static ProcessingEnvironment javacs(ProcessingEnvironment given) {
        ProcessingEnvironment env = given;
        for (int depth = 0; depth < MAX_DEPTH && env != null; depth++) {
            try {
                JavacTask.instance(env);
                return env;
            } catch (IllegalArgumentException notJavacs) {
                env = wrappedBy(env);
            }
        }
        return null;
    }

    /** The environment a decorator delegates to: its instance field of that type, or null. */
    private static ProcessingEnvironment wrappedBy(ProcessingEnvironment decorator) {
        for (Class<?> c = decorator.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || !ProcessingEnvironment.class.isAssignableFrom(f.getType())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    if (f.get(decorator) instanceof ProcessingEnvironment inner && inner != decorator) {
                        return inner;
                    }
                } catch (RuntimeException | IllegalAccessException notReadable) {
                    // a field of a module that does not open it: try the next one
                }
            }
        }
        return null;
    }
}
