package io.jgo;

import io.jgo.internal.Sched;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Go's {@code context.Context}: carries a cancellation signal, a deadline and request-scoped
 * values across goroutines.
 *
 * <pre>{@code
 * var ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(2));
 * try {
 *     var done = ctx.done().onRecv();
 *     var got = results.onRecv();
 *     if (select(done, got) == done) return ctx.err();   // CANCELED or DEADLINE_EXCEEDED
 *     ...
 * } finally {
 *     ctx.cancel();                                      // Go: defer cancel()
 * }
 * }</pre>
 *
 * <p>Rules (Go's): canceling a context cancels all its descendants, never its parent; cancel
 * functions are idempotent and release the context's resources (its deadline timer, its place in
 * the parent); {@link #done()} is closed when the context is canceled and is a nil channel for
 * contexts that can never be canceled; {@link #err()} is null until then, and then
 * {@link #CANCELED} or {@link #DEADLINE_EXCEEDED} forever.
 *
 * <p>Go's {@code WithCancel} returns {@code (ctx, cancel)}; here it returns a
 * {@link CancelContext}, a context with a {@link CancelContext#cancel()} method. Contexts are
 * made only by these factories (no user subclasses), so cancellation is propagated without
 * helper goroutines.
 */
public abstract class Context {
    /** {@code context.Canceled}: the error of a context canceled by its cancel function. */
    public static final CanceledException CANCELED = new CanceledException();
    /** {@code context.DeadlineExceeded}: the error of a context whose deadline passed. */
    public static final DeadlineExceededException DEADLINE_EXCEEDED = new DeadlineExceededException();

    private static final Context BACKGROUND = new Empty("context.Background");
    private static final Context TODO = new Empty("context.TODO");

    Context() {
    }

    /** {@code context.Background()}: never canceled, no deadline, no values. */
    public static Context background() {
        return BACKGROUND;
    }

    /** {@code context.TODO()}: like background, for code not yet given a context. */
    public static Context todo() {
        return TODO;
    }

    /** {@code context.WithCancel(parent)}. */
    public static CancelContext withCancel(Context parent) {
        CancelContext c = new CancelContext(checkParent(parent), NO_DEADLINE, "WithCancel");
        c.propagate();
        return c;
    }

    /**
     * {@code context.WithDeadline(parent, d)}: also canceled, with {@link #DEADLINE_EXCEEDED},
     * when {@code deadline} passes (or at once if it has).
     */
    public static CancelContext withDeadline(Context parent, Instant deadline) {
        Sched clock = GoRuntime.currentSched();
        long nanos = Duration.between(clock.now(), deadline).toNanos();
        return withDeadlineNanos(checkParent(parent), clock.nanoTime() + nanos, "WithDeadline(" + deadline + ")");
    }

    /** {@code context.WithTimeout(parent, d)}: {@code withDeadline(parent, now + d)}. */
    public static CancelContext withTimeout(Context parent, Duration timeout) {
        return withDeadlineNanos(checkParent(parent), Timer.deadline(timeout), "WithDeadline(+" + timeout + ")");
    }

    private static CancelContext withDeadlineNanos(Context parent, long deadline, String name) {
        long pd = parent.deadlineNanos();
        if (pd != NO_DEADLINE && pd - deadline <= 0) {
            // The parent's deadline is earlier: it will cancel this one; no timer needed.
            CancelContext c = new CancelContext(parent, NO_DEADLINE, "WithCancel");
            c.propagate();
            return c;
        }
        CancelContext c = new CancelContext(parent, deadline, name);
        c.propagate();
        c.startTimer();
        return c;
    }

    /** {@code context.WithValue(parent, key, val)}: {@link #value(Object)} finds it. */
    public static Context withValue(Context parent, Object key, Object val) {
        if (key == null) {
            throw new NullPointerException("context.WithValue: nil key");
        }
        return new ValueContext(checkParent(parent), key, val);
    }

    private static Context checkParent(Context parent) {
        if (parent == null) {
            throw new NullPointerException("cannot create context from nil parent (use Context.background())");
        }
        return parent;
    }

    /**
     * Go's {@code context.AfterFunc(ctx, f)}: once {@code ctx} is done, starts {@code f} in a
     * goroutine of its own (at once if it is done already). A function written in {@code @Go}
     * code may suspend; any other runs on a thread of its own. The returned {@link Stop}
     * unregisters {@code f}.
     */
    public static Stop afterFunc(Context ctx, GoRunnable f) {
        checkParent(ctx);
        if (f == null) {
            throw new NullPointerException("context.AfterFunc: nil func");
        }
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean(true);
        CancelContext c = ctx.cancelAncestor();
        Runnable hook = () -> {
            if (armed.compareAndSet(true, false)) {
                Funcs.start(f, null);
            }
        };
        if (c == null) {
            return () -> armed.compareAndSet(true, false); // never done: f never runs
        }
        if (!c.addHook(hook)) {
            hook.run(); // done already
        }
        return () -> {
            boolean stopped = armed.compareAndSet(true, false);
            if (stopped) {
                c.removeHook(hook);
            }
            return stopped;
        };
    }

    /** What {@link #afterFunc} returns: Go's {@code stop func() bool}. */
    @FunctionalInterface
    public interface Stop {
        /**
         * Stops the function from being run; true if this call stopped it, false if it has
         * already been started or stopped.
         */
        boolean stop();
    }

    /**
     * A channel closed when this context is canceled; use {@code ctx.done().onRecv()} in a
     * select. The nil channel if this context can never be canceled.
     */
    public abstract RecvChan<Void> done();

    /** Null while not canceled; then {@link #CANCELED} or {@link #DEADLINE_EXCEEDED}. */
    public abstract RuntimeException err();

    /** The value for {@code key} in this context or its ancestors; null if none. */
    public abstract Object value(Object key);

    /** When this context will be canceled by its deadline, if it has one. */
    public Optional<Instant> deadline() {
        long d = deadlineNanos();
        if (d == NO_DEADLINE) {
            return Optional.empty();
        }
        Sched clock = GoRuntime.currentSched();
        return Optional.of(clock.now().plusNanos(d - clock.nanoTime()));
    }

    static final long NO_DEADLINE = Long.MIN_VALUE;

    /** The deadline on the nanoTime clock, or NO_DEADLINE. */
    abstract long deadlineNanos();

    /** The nearest CancelContext among this context and its ancestors; null if none. */
    abstract CancelContext cancelAncestor();

    /** {@code context.Canceled}. */
    public static final class CanceledException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        private CanceledException() {
            super("context canceled");
            setStackTrace(new StackTraceElement[0]); // a shared sentinel, like Go's error value
        }
    }

    /** {@code context.DeadlineExceeded}. */
    public static final class DeadlineExceededException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        private DeadlineExceededException() {
            super("context deadline exceeded");
            setStackTrace(new StackTraceElement[0]);
        }

        /** As Go's error: a deadline is a timeout. */
        public boolean timeout() {
            return true;
        }
    }

    /** Background and TODO. */
    private static final class Empty extends Context {
        private final String name;

        Empty(String name) {
            this.name = name;
        }

        @Override
        public RecvChan<Void> done() {
            return Chan.nil();
        }

        @Override
        public RuntimeException err() {
            return null;
        }

        @Override
        public Object value(Object key) {
            return null;
        }

        @Override
        long deadlineNanos() {
            return NO_DEADLINE;
        }

        @Override
        CancelContext cancelAncestor() {
            return null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** WithValue. */
    private static final class ValueContext extends Context {
        private final Context parent;
        private final Object key;
        private final Object val;

        ValueContext(Context parent, Object key, Object val) {
            this.parent = parent;
            this.key = key;
            this.val = val;
        }

        @Override
        public RecvChan<Void> done() {
            return parent.done();
        }

        @Override
        public RuntimeException err() {
            return parent.err();
        }

        @Override
        public Object value(Object k) {
            Context c = this;
            while (c instanceof ValueContext) {
                ValueContext v = (ValueContext) c;
                if (v.key.equals(k)) {
                    return v.val;
                }
                c = v.parent;
            }
            return c.value(k);
        }

        @Override
        long deadlineNanos() {
            return parent.deadlineNanos();
        }

        @Override
        CancelContext cancelAncestor() {
            return parent.cancelAncestor();
        }

        @Override
        public String toString() {
            return parent + ".WithValue(" + key + ", " + val + ")";
        }
    }
}
