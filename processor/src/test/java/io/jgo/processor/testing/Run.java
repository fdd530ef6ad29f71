package io.jgo.processor.testing;

import io.jgo.Jgo;
import io.jgo.Task;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a compiled {@code @Go} method both ways: as plain Java, and as a goroutine via its entry point. */
public final class Run {
    private Run() {
    }

    /** The outcome of one run: a value or the exception it threw (as text, to compare). */
    public record Outcome(Object value, String thrown) {
        public static Outcome of(Object v) {
            return new Outcome(v, null);
        }

        static Outcome threw(Throwable t) {
            return new Outcome(null, t.getClass().getName() + ": " + t.getMessage());
        }

        @Override
        public String toString() {
            return thrown != null ? "threw " + thrown : "returned " + deep(value);
        }

        static String deep(Object v) {
            if (v instanceof Object[] a) {
                return Arrays.deepToString(a);
            }
            if (v instanceof int[] a) {
                return Arrays.toString(a);
            }
            return String.valueOf(v);
        }
    }

    /** Calls the static method {@code cls.name(args)} directly, on this thread. */
    public static Outcome plain(ClassLoader loader, String cls, String name, Object... args) {
        try {
            Method m = find(loader.loadClass(cls), name, args.length);
            return Outcome.of(m.invoke(null, args));
        } catch (InvocationTargetException e) {
            return Outcome.threw(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code clsGo.name(args)} as a goroutine with {@code Jgo.run}. */
    public static Outcome goroutine(ClassLoader loader, String cls, String name, Object... args) {
        Task<?> task;
        try {
            Method m = find(loader.loadClass(cls + "Go"), name, args.length);
            task = (Task<?>) m.invoke(null, args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        try {
            return Outcome.of(Jgo.run(task));
        } catch (Throwable t) {
            Throwable c = t instanceof io.jgo.GoroutineFailedException && t.getCause() != null ? t.getCause() : t;
            return Outcome.threw(c);
        }
    }

    /**
     * {@link #goroutine} on a daemon thread, failing after {@code seconds} with a goroutine dump:
     * a program that never ends fails its test instead of hanging the JVM.
     */
    public static Outcome goroutineWithin(int seconds, ClassLoader loader, String cls, String name, Object... args) {
        CompletableFuture<Outcome> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(goroutine(loader, cls, name, args));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "run-" + name);
        t.setDaemon(true);
        t.start();
        try {
            return f.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(cls + "." + name + " did not end in " + seconds + " s\n" + Jgo.dump(), e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Method find(Class<?> c, String name, int arity) {
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity) {
                m.setAccessible(true);
                return m;
            }
        }
        throw new AssertionError("no method " + name + "/" + arity + " in " + c);
    }
}
