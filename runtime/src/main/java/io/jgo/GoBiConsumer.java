package io.jgo;

import io.jgo.runtime.Frame;
import io.jgo.runtime.Suspending;

/**
 * A function that may suspend: Go's {@code func(T, U)}.
 *
 * <p>Written as a lambda or method reference in
 * {@code @Go} code, its body becomes a frame and may suspend anywhere; calling {@link #accept(Object, Object)} in
 * {@code @Go} code is a suspending call, and in plain code it runs the body on the calling thread,
 * blocking it. Written in plain code, it is an ordinary lambda: called from {@code @Go} code it
 * runs on the carrier thread and blocks it. See {@code docs/dsl.md}, "Functions".
 *
 * @param <T> the first argument's type
 * @param <U> the second argument's type
 */
@FunctionalInterface
public interface GoBiConsumer<T, U> {
    /** Runs the function; may throw any exception. */
    @Suspending
    void accept(T t, U u) throws Exception;

    /**
     * Suspending twin of {@link #accept(Object, Object)}, for generated code. A function written in {@code @Go} code
     * runs its frame as a nested call of {@code frame}; any other runs {@link #accept(Object, Object)} here, on the
     * carrier thread.
     */
    default Object accept(T t, U u, Frame<?> frame) throws Throwable {
        accept(t, u);
        return null;
    }
}
