package io.jgo.runtime;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot runtime timer: subclass it, implement {@link #fire()}, {@link #start(long)} it.
 * Sleeps, {@code after}, {@code Timer}, {@code Ticker} and context deadlines are built on it.
 *
 * <p>{@code fire()} runs on a runtime thread and must be short and never block: ready a
 * goroutine, complete a waiter, send to a buffered channel without waiting.
 *
 * <p>WALKING SKELETON implementation (a scheduled executor); the API is the contract.
 */
public abstract class RuntimeTimer {
    private static final ScheduledExecutorService EXEC = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jgo-timers");
        t.setDaemon(true);
        return t;
    });

    private ScheduledFuture<?> pending;

    /** Runs once when the timer expires, unless stopped first. */
    protected abstract void fire();

    /**
     * Arms the timer to fire at {@code deadlineNanos} on the {@link System#nanoTime()} clock.
     *
     * @throws IllegalStateException if it is already armed (stop it first)
     */
    public final synchronized void start(long deadlineNanos) {
        if (pending != null && !pending.isDone()) {
            throw new IllegalStateException("timer already started");
        }
        long delay = deadlineNanos - System.nanoTime();
        pending = EXEC.schedule(this::fire, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    /**
     * Disarms the timer. Returns true if this call stopped it before it fired, false if it had
     * already fired, been stopped, or never started. Its memory is released at once.
     */
    public final synchronized boolean stop() {
        ScheduledFuture<?> p = pending;
        pending = null;
        return p != null && p.cancel(false);
    }
}
