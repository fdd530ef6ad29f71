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

    private record Runnable0(GoRunnable plain, Body0 body) implements GoRunnable, Suspendable {
        @Override
        public void run() throws Exception {
            plain.run();
        }

        @Override
        public Object run(Frame<?> frame) throws Throwable {
            return body.call(frame);
        }
    }

    private record Callable0<R>(GoCallable<R> plain, Body0 body) implements GoCallable<R>, Suspendable {
        @Override
        public R call() throws Exception {
            return plain.call();
        }

        @Override
        public Object call(Frame<?> frame) throws Throwable {
            return body.call(frame);
        }
    }

    private record Consumer1<T>(GoConsumer<T> plain, Body1<T> body) implements GoConsumer<T>, Suspendable {
        @Override
        public void accept(T t) throws Exception {
            plain.accept(t);
        }

        @Override
        public Object accept(T t, Frame<?> frame) throws Throwable {
            return body.call(t, frame);
        }
    }

    private record Function1<T, R>(GoFunction<T, R> plain, Body1<T> body) implements GoFunction<T, R>, Suspendable {
        @Override
        public R apply(T t) throws Exception {
            return plain.apply(t);
        }

        @Override
        public Object apply(T t, Frame<?> frame) throws Throwable {
            return body.call(t, frame);
        }
    }

    private record Consumer2<T, U>(GoBiConsumer<T, U> plain, Body2<T, U> body)
            implements GoBiConsumer<T, U>, Suspendable {
        @Override
        public void accept(T t, U u) throws Exception {
            plain.accept(t, u);
        }

        @Override
        public Object accept(T t, U u, Frame<?> frame) throws Throwable {
            return body.call(t, u, frame);
        }
    }

    private record Function2<T, U, R>(GoBiFunction<T, U, R> plain, Body2<T, U> body)
            implements GoBiFunction<T, U, R>, Suspendable {
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
