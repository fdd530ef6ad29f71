package io.jgo.internal;

/**
 * A one-shot runtime timer: subclass it, implement {@link #fire()}, {@link #start(long)} it.
 * Sleeps, {@code after}, {@code Timer}, {@code Ticker} and context deadlines are built on it.
 *
 * <p>A started timer sits in the timer heap of a P of the runtime it is started in (the starting
 * carrier's P, or one chosen for a plain thread). Carriers fire due timers when they schedule or look for work, and an idle M
 * sleeps until the earliest deadline: there is no timer thread. {@link #stop()} removes the
 * timer from its heap at once (O(log n)), so a stopped timer costs no memory afterwards.
 *
 * <p>{@code fire()} runs on a carrier thread and must be short and never block: ready a
 * goroutine, complete a waiter, send to a buffered channel without waiting. It may start this
 * or other timers again (a ticker re-arms itself in {@code fire()}).
 */
public abstract class RuntimeTimer {
    /** Deadline on the {@link System#nanoTime()} clock; written before the timer enters a heap. */
    long when;
    /** Index in {@link #heap}; -1 when in no heap. Guarded by the heap's lock. */
    int index = -1;
    /** The heap holding this timer, or null. Written under that heap's lock. */
    volatile TimerHeap heap;

    /** Runs once when the timer expires, unless stopped first. */
    protected abstract void fire();

    /**
     * Arms a new timer that no other thread can reach and that nobody will stop (a goroutine's
     * sleep): {@link #start} without taking this timer's monitor, which only orders a start
     * against a concurrent {@link #stop}.
     */
    public final void startUnshared(Sched sched, long deadlineNanos) {
        when = deadlineNanos;
        sched.addTimer(this);
    }

    /**
     * Arms the timer to fire at {@code deadlineNanos} on the {@link System#nanoTime()} clock (a
     * deadline in the past fires as soon as a carrier looks at timers).
     *
     * @throws IllegalStateException if it is already armed (stop it first)
     */
    public final void start(Sched sched, long deadlineNanos) {
        synchronized (this) {
            if (heap != null) {
                throw new IllegalStateException("timer already started: stop() it before starting it again");
            }
            when = deadlineNanos;
            sched.addTimer(this);
        }
    }

    /**
     * Disarms the timer. Returns true if this call stopped it before it fired, false if it had
     * already fired (or is firing), been stopped, or never started. Its memory is released at once.
     */
    public final boolean stop() {
        synchronized (this) {
            for (;;) {
                TimerHeap h = heap;
                if (h == null) {
                    return false;
                }
                if (h.remove(this)) {
                    return true;
                }
                // moved to another heap meanwhile (GOMAXPROCS shrank): look again
            }
        }
    }

    /** True while armed (in a heap). */
    public final boolean pending() {
        return heap != null;
    }
}
