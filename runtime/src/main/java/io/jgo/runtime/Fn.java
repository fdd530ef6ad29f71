package io.jgo.runtime;

import io.jgo.GoBiConsumer;
import io.jgo.GoBiFunction;
import io.jgo.GoCallable;
import io.jgo.GoConsumer;
import io.jgo.GoFunction;
import io.jgo.GoRunnable;

/**
 * How generated code makes a suspending function ({@link GoRunnable} and its siblings) from a
 * lambda or method reference written in {@code @Go} code: a pair of the body as plain Java (what
 * the blocking method runs, on the calling thread) and a <em>body</em> that runs the function as
 * a nested call of a frame (what the suspending twin runs). Part of the contract between the
 * processor and the runtime (see {@code docs/contract.md}).
 */
public final class Fn {
    private Fn() {
    }

    /** The twin's body of a function with no argument: runs it as a nested call of {@code caller}. */
    @FunctionalInterface
    public interface Body0 {
        Object call(Frame<?> caller) throws Throwable;
    }

    /** The twin's body of a function with one argument. */
    @FunctionalInterface
    public interface Body1<T> {
        Object call(T t, Frame<?> caller) throws Throwable;
    }

    /** The twin's body of a function with two arguments. */
    @FunctionalInterface
    public interface Body2<T, U> {
        Object call(T t, U u, Frame<?> caller) throws Throwable;
    }

    /*
     * The functions made here are classes, not records: like Java's lambdas they are equal only
     * to themselves.
     */

    /** Marks the functions made here: they suspend when called from a goroutine. */
    interface Suspendable {
    }

    /**
     * True if {@code f} was written in {@code @Go} code: calling it from a goroutine suspends
     * instead of blocking the carrier. The runtime starts any other function on a thread of its
     * own where Go would start a goroutine, as {@code go(Runnable)} does for plain code.
     */
    public static boolean suspends(Object f) {
        return f instanceof Suspendable;
    }

    /**
     * Runs {@code callee} as a nested call of {@code caller}, as a generated frame's own call of a
     * {@code @Go} method does: at once on this stack; {@link Frame#SUSPENDED} if it parked.
     */
    public static Object call(Frame<?> caller, Frame<?> callee) throws Throwable {
        return caller.call(callee);
    }

    public static GoRunnable runnable(GoRunnable plain, Body0 body) {
        return new Runnable0(plain, body);
    }

    public static <R> GoCallable<R> callable(GoCallable<R> plain, Body0 body) {
        return new Callable0<>(plain, body);
    }

    public static <T> GoConsumer<T> consumer(GoConsumer<T> plain, Body1<T> body) {
        return new Consumer1<>(plain, body);
    }

    public static <T, R> GoFunction<T, R> function(GoFunction<T, R> plain, Body1<T> body) {
        return new Function1<>(plain, body);
    }

    public static <T, U> GoBiConsumer<T, U> biConsumer(GoBiConsumer<T, U> plain, Body2<T, U> body) {
        return new Consumer2<>(plain, body);
    }

    public static <T, U, R> GoBiFunction<T, U, R> biFunction(GoBiFunction<T, U, R> plain, Body2<T, U> body) {
        return new Function2<>(plain, body);
    }

    private static final class Runnable0 implements GoRunnable, Suspendable {
        private final GoRunnable plain;
        private final Body0 body;

        Runnable0(GoRunnable plain, Body0 body) {
            this.plain = plain;
            this.body = body;
        }

        @Override
        public void run() throws Exception {
            plain.run();
        }

        @Override
        public Object run(Frame<?> frame) throws Throwable {
            return body.call(frame);
        }
    }

    private static final class Callable0<R> implements GoCallable<R>, Suspendable {
        private final GoCallable<R> plain;
        private final Body0 body;

        Callable0(GoCallable<R> plain, Body0 body) {
            this.plain = plain;
            this.body = body;
        }

        @Override
        public R call() throws Exception {
            return plain.call();
        }

        @Override
        public Object call(Frame<?> frame) throws Throwable {
            return body.call(frame);
        }
    }

    private static final class Consumer1<T> implements GoConsumer<T>, Suspendable {
        private final GoConsumer<T> plain;
        private final Body1<T> body;

        Consumer1(GoConsumer<T> plain, Body1<T> body) {
            this.plain = plain;
            this.body = body;
        }

        @Override
        public void accept(T t) throws Exception {
            plain.accept(t);
        }

        @Override
        public Object accept(T t, Frame<?> frame) throws Throwable {
            return body.call(t, frame);
        }
    }

    private static final class Function1<T, R> implements GoFunction<T, R>, Suspendable {
        private final GoFunction<T, R> plain;
        private final Body1<T> body;

        Function1(GoFunction<T, R> plain, Body1<T> body) {
            this.plain = plain;
            this.body = body;
        }

        @Override
        public R apply(T t) throws Exception {
            return plain.apply(t);
        }

        @Override
        public Object apply(T t, Frame<?> frame) throws Throwable {
            return body.call(t, frame);
        }
    }

    private static final class Consumer2<T, U> implements GoBiConsumer<T, U>, Suspendable {
        private final GoBiConsumer<T, U> plain;
        private final Body2<T, U> body;

        Consumer2(GoBiConsumer<T, U> plain, Body2<T, U> body) {
            this.plain = plain;
            this.body = body;
        }

        @Override
        public void accept(T t, U u) throws Exception {
            plain.accept(t, u);
        }

        @Override
        public Object accept(T t, U u, Frame<?> frame) throws Throwable {
            return body.call(t, u, frame);
        }
    }

    private static final class Function2<T, U, R> implements GoBiFunction<T, U, R>, Suspendable {
        private final GoBiFunction<T, U, R> plain;
        private final Body2<T, U> body;

        Function2(GoBiFunction<T, U, R> plain, Body2<T, U> body) {
            this.plain = plain;
            this.body = body;
        }

        @Override
        public R apply(T t, U u) throws Exception {
            return plain.apply(t, u);
        }

        @Override
        public Object apply(T t, U u, Frame<?> frame) throws Throwable {
            return body.call(t, u, frame);
        }
    }
}
