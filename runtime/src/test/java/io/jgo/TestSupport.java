package io.jgo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/** Helpers shared by the runtime's package tests. */
final class TestSupport {
    private TestSupport() {
    }

    /**
     * Waits until {@code condition} holds by re-checking it (no sleeping: the condition is the
     * event). Callers bound it with {@code @Timeout}, which interrupts the test thread: the loop
     * ends on that interrupt, else a condition that never holds would spin on past it forever.
     */
    static void awaitTrue(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while waiting (the test's @Timeout expired)");
            }
            Thread.yield();
        }
    }

    /** Blocked receivers queued on {@code ch}. */
    static int receivers(Chan<?> ch) {
        return ch.queueLengths()[0];
    }

    /** Blocked senders queued on {@code ch}. */
    static int senders(Chan<?> ch) {
        return ch.queueLengths()[1];
    }

    /** Runs {@code body} on a new daemon platform thread; the future has its result. */
    static <T> CompletableFuture<T> thread(Callable<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(body.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "test-thread");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** Starts a daemon thread that runs {@code body} and returns the thread. */
    static Thread daemon(Runnable body) {
        Thread t = new Thread(body, "test-daemon");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until {@code t} is parked (blocked in a wait with no timeout). */
    static void awaitParked(Thread t) {
        awaitTrue(() -> t.getState() == Thread.State.WAITING);
    }
}
