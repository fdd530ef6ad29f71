package io.jgo;

import io.jgo.runtime.Fn;
import io.jgo.runtime.Frame;
import io.jgo.internal.Sched;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.BiConsumer;

/** Starting and calling {@link GoRunnable}s where Go would start a goroutine running a func. */
final class Funcs {
    private Funcs() {
    }

    /**
     * Starts {@code f} as Go's {@code go f()} does: a function written in {@code @Go} code as a
     * goroutine; any other on a daemon platform thread, as {@link Jgo#go(Runnable)} runs plain
     * code (it blocks wherever it waits, so it must not hold a carrier). {@code onExit} (may be
     * null) receives how it ended; with no {@code onExit}, an exception escaping {@code f} is a
     * panic of its goroutine, or an uncaught exception of its thread.
     */
    static void start(GoRunnable f, BiConsumer<Object, Throwable> onExit) {
        if (Fn.suspends(f)) {
            GoRuntime.currentSched().spawn(new RunFrame(f), onExit);
            return;
        }
        Thread t = plainGo(() -> {
            Throwable failure = null;
            try {
                f.run();
            } catch (Throwable e) {
                failure = e;
            }
            if (onExit != null) {
                onExit.accept(null, failure);
            } else if (failure != null) {
                throw wrap(failure);
            }
        });
        t.start();
    }

    /**
     * The daemon thread on which {@code go} runs plain code. Started from a runtime other than the
     * default one, it is bound to that runtime (the static API there uses it, and in a test's
     * runtime its waits count), from before it starts until it ends.
     */
    static Thread plainGo(Runnable body) {
        Sched s = GoRuntime.currentSched();
        Runnable run = body;
        if (!GoRuntime.isDefault(s)) {
            Runnable[] binding = s.reserveBinding();
            run = () -> {
                binding[0].run();
                try {
                    body.run();
                } finally {
                    binding[1].run();
                }
            };
        }
        Thread t = new Thread(run, "jgo-plain-go");
        t.setDaemon(true);
        return t;
    }

    /** Unchecked exceptions and errors as they are; a checked one wrapped, its cause. */
    static RuntimeException wrap(Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new UndeclaredThrowableException(e, "checked exception from a function: " + e);
    }

    /** A goroutine's root frame that calls a function: {@code go f()}. */
    static class RunFrame extends Frame<Object> {
        private final GoRunnable f;

        RunFrame(GoRunnable f) {
            this.f = f;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            if (label == 0) {
                label = 1;
                try {
                    value = f.run(this);
                } catch (Throwable e) {
                    error = e;
                    value = null;
                }
                if (value == SUSPENDED) {
                    return SUSPENDED;
                }
            }
            return finish(error);
        }

        /** Runs once {@code f} has returned ({@code error == null}) or thrown. */
        Object finish(Throwable error) throws Throwable {
            if (error != null) {
                throw error;
            }
            return null;
        }

        @Override
        public String toString() {
            return "func " + f;
        }
    }
}
