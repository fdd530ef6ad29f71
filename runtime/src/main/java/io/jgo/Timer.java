package io.jgo;

import io.jgo.internal.Sched;
import java.time.Duration;
import java.time.Instant;

/**
 * Go's {@code time.Timer}: one value on {@link #C()} after a duration. Made by
 * {@link Jgo#newTimer(Duration)}.
 *
 * <p>Semantics are Go 1.23's: the channel is synchronous ({@code len} and {@code cap} are 0); once
 * {@link #stop()} or {@link #reset(Duration)} has returned, no value from before is received; an
 * unreferenced timer is garbage even if it was never stopped (it occupies the runtime's timer heap
 * only while someone waits on its channel).
 */
public final class Timer {
    /** The channel of a channel timer; null for an {@code afterFunc} timer. */
    private final TimerChan chan;
    /** The function of an {@code afterFunc} timer; null for a channel timer. */
    private final FuncTimer func;

    Timer(Duration d) {
        chan = new TimerChan();
        chan.init(deadline(d), 0);
        func = null;
    }

    Timer(Duration d, Runnable f, boolean once) {
        chan = null;
        func = new FuncTimer(f, once);
        func.reset(deadline(d));
    }

    /**
     * The channel the time is delivered on. For a timer made by {@code afterFunc}, Go's
     * {@code t.C} is nil: this returns the nil channel.
     */
    public RecvChan<Instant> C() {
        return chan != null ? chan : Chan.nil();
    }

    /**
     * Prevents the timer from firing. Returns true if this call stopped it, false if it had
     * already expired and its value was received, or it was stopped. After it returns, no stale
     * value is received from {@link #C()}.
     */
    public boolean stop() {
        return chan != null ? chan.stop() : func.stop();
    }

    /**
     * Changes the timer to expire after {@code d} (from now). Returns true if the timer had been
     * active. No value from before the reset is received afterwards.
     */
    public boolean reset(Duration d) {
        return chan != null ? chan.reset(deadline(d), 0) : func.reset(deadline(d));
    }

    /** {@code now + d} on the nanoTime clock, clamped far from overflow. */
    static long deadline(Duration d) {
        return GoRuntime.currentSched().nanoTime() + clampedNanos(d);
    }

    static long clampedNanos(Duration d) {
        long limit = Long.MAX_VALUE / 4;
        if (d.compareTo(Duration.ofNanos(limit)) > 0) {
            return limit;
        }
        return d.toNanos();
    }

    @Override
    public String toString() {
        return func != null ? "Timer(afterFunc)" : "Timer";
    }

    /**
     * {@code time.AfterFunc}: runs {@code f} once, after {@code d}, unless stopped. Its state is
     * guarded by this object's monitor; runtime timers are started and stopped under it (a
     * timer's fire() runs with no runtime lock held, so there is no cycle).
     */
    private static final class FuncTimer {
        private final Runnable f;
        /** f can run only once (it starts a Task, which is one activation). */
        private final boolean once;
        /** The pending runtime timer; null once fired or stopped. */
        private Alarm pending;
        /** f has been started. */
        private boolean ran;

        FuncTimer(Runnable f, boolean once) {
            this.f = f;
            this.once = once;
        }

        synchronized boolean stop() {
            Alarm a = pending;
            pending = null;
            return a != null && a.stop();
        }

        synchronized boolean reset(long deadline) {
            if (once && ran) {
                throw new IllegalStateException("this afterFunc timer already started its task, and a Task runs once:"
                        + " make a new timer with a new task");
            }
            Alarm old = pending;
            boolean wasActive = old != null && old.stop();
            pending = new Alarm(this);
            pending.start(GoRuntime.currentSched(), deadline);
            return wasActive;
        }

        void fired(Alarm a) {
            synchronized (this) {
                if (pending != a) {
                    return; // stopped or reset meanwhile
                }
                pending = null;
                ran = true;
            }
            f.run(); // starts f's goroutine or thread; never blocks here
        }
    }

    private static final class Alarm extends io.jgo.internal.RuntimeTimer {
        private final FuncTimer owner;

        Alarm(FuncTimer owner) {
            this.owner = owner;
        }

        @Override
        protected void fire() {
            owner.fired(this);
        }
    }
}
