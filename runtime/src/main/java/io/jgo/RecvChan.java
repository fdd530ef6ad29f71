package io.jgo;

import io.jgo.runtime.Frame;
import io.jgo.runtime.Suspending;

/**
 * A receive-only view of a channel: Go's {@code <-chan T}. Every {@link Chan} is one; timer
 * channels and {@code Context.done()} are handed out as this type.
 *
 * <p>{@code for (T v : ch)} is Go's {@code for v := range ch}: inside {@code @Go} code it
 * suspends (the processor calls {@link #rangeNext(Frame)}); in plain code it blocks the thread.
 *
 * @param <T> the element type
 */
public interface RecvChan<T> extends Iterable<T> {
    /** {@code v := <-ch}: see {@link Chan#recv()}. */
    @Suspending
    T recv();

    /** Suspending twin of {@link #recv()}. */
    Object recv(Frame<?> frame);

    /** {@code v, ok := <-ch}: see {@link Chan#recvOk()}. */
    @Suspending
    Received<T> recvOk();

    /** Suspending twin of {@link #recvOk()}. */
    Object recvOk(Frame<?> frame);

    /** {@code select { case v, ok := <-ch: ...; default: }}: null if nothing can be received now. */
    Received<T> tryRecv();

    /** For generated range loops: the next element, {@link Chan#END}, or {@code SUSPENDED}. */
    Object rangeNext(Frame<?> frame);

    /** A select case that receives: see {@link Chan#onRecv()}. */
    RecvCase<T> onRecv();

    /** A select case that receives and runs {@code body} with the value: see {@link Chan#onRecv(GoConsumer)}. */
    RecvCase<T> onRecv(GoConsumer<T> body);

    /** A select case that receives and runs {@code body}: see {@link Chan#onRecv(GoRunnable)}. */
    RecvCase<T> onRecv(GoRunnable body);

    /** A select case that receives and runs {@code body} with the value and ok: see {@link Chan#onRecvOk}. */
    RecvCase<T> onRecvOk(GoBiConsumer<T, Boolean> body);

    /** {@code len(ch)}. */
    int len();

    /** {@code cap(ch)}. */
    int cap();
}
