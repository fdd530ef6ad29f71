package io.jgo;

import io.jgo.runtime.Frame;
import io.jgo.runtime.Suspending;

/**
 * A send-only view of a channel: Go's {@code chan<- T}. Every {@link Chan} is one; pass it as
 * {@code SendChan<T>} to code that must only send (and close).
 *
 * @param <T> the element type
 */
public interface SendChan<T> {
    /** {@code ch <- v}: see {@link Chan#send(Object)}. */
    @Suspending
    void send(T v);

    /** Suspending twin of {@link #send(Object)}. */
    Object send(T v, Frame<?> frame);

    /** {@code select { case ch <- v: return true; default: return false }}. */
    boolean trySend(T v);

    /** {@code close(ch)}: see {@link Chan#close()}. */
    void close();

    /** A select case that sends {@code v}: see {@link Chan#onSend(Object)}. */
    SendCase<T> onSend(T v);

    /** A select case that sends {@code v}, then runs {@code body}: see {@link Chan#onSend(Object, GoRunnable)}. */
    SendCase<T> onSend(T v, GoRunnable body);

    /** {@code len(ch)}. */
    int len();

    /** {@code cap(ch)}. */
    int cap();
}
