package io.jgo;

import io.jgo.internal.Sched;
import io.jgo.internal.RuntimeTimer;
import io.jgo.internal.Waiter;
import java.time.Instant;

/**
 * The channel of a {@link Timer} or {@link Ticker}, with Go 1.23's semantics: it behaves as if
 * unbuffered ({@code len} and {@code cap} are 0), and after {@code stop} or {@code reset} returns
 * no value from before is ever received.
 *
 * <h2>Lazy timers (why {@code after} cannot leak)</h2>
 * As in Go 1.23, a timer sits in the runtime's timer heap only while some receiver waits on its
 * channel. Otherwise it is just a deadline in this object: a receive (or a select polling it)
 * that finds the deadline passed delivers the tick itself. So an {@code after(1h)} case of a
 * select that returned through another case is plain garbage at once, and a stopped timer frees
 * its runtime timer at once.
 *
 * <p>All fields are guarded by the channel's lock. Runtime timers are started and stopped only
 * after that lock is released (a timer's fire takes the channel lock; never the other way round).
 */
final class TimerChan extends BufferedChan<Instant> {
    /** A deadline is pending (a timer not yet fired or stopped; a running ticker). */
    private boolean armed;
    /** The runtime whose clock and timers this channel uses: the one it was made in. */
    final Sched sched = GoRuntime.currentSched();
    /** The pending deadline, on {@link #sched}'s clock; valid if armed. */
    private long when;
    /** Ticker period in nanos; 0 for a one-shot timer. */
    private long period;
    /** The runtime timer in the heap for this deadline, or null (nobody waits, or not armed). */
    private Alarm alarm;

    TimerChan() {
        super(1); // holds at most one pending tick
    }

    /** Arms a fresh timer. */
    void init(long deadline, long periodNanos) {
        enter();
        armed = true;
        when = deadline;
        period = periodNanos;
        exit();
    }

    @Override
    public int len() {
        return 0; // Go 1.23: timer channels are synchronous
    }

    @Override
    public int cap() {
        return 0;
    }

    @Override
    boolean fillsOnReceive() {
        return true;
    }

    @Override
    void checkClosable() {
        throw new UnsupportedOperationException("a timer's channel cannot be closed (stop the timer)");
    }

    /** Lock held: if the deadline passed and nobody is queued, put the tick in the buffer now. */
    @Override
    void pollLocked() {
        if (armed && recvq == null) {
            long now = sched.nanoTime();
            if (now - when >= 0) {
                deliverLocked(sched.now()); // no receiver queued: buffers it (or drops a tick)
                advanceLocked(now);
            }
        }
    }

    private void advanceLocked(long now) {
        if (period == 0) {
            armed = false;
        } else {
            // Skip the ticks a slow receiver missed, like Go's ticker.
            long late = Math.max(0, now - when);
            when += period * (1 + late / period);
        }
    }

    /** Lock held, a receiver was just queued: the runtime timer to start once unlocked, or null. */
    @Override
    RuntimeTimer receiverQueuedLocked() {
        if (armed && alarm == null) {
            alarm = new Alarm(this, when);
            return alarm;
        }
        return null;
    }

    /** Lock held, a receiver was just unqueued: the runtime timer to stop, if now unwatched. */
    @Override
    RuntimeTimer receiverLeftLocked() {
        if (recvq == null && alarm != null) {
            Alarm a = alarm;
            alarm = null;
            return a;
        }
        return null;
    }

    /** {@code Stop}: true if the timer was pending (its value not yet received). */
    boolean stop() {
        enter();
        boolean wasActive = armed || bufferedLocked() > 0;
        armed = false;
        drainLocked();
        Alarm a = alarm;
        alarm = null;
        exit();
        stop(a);
        return wasActive;
    }

    /** {@code Reset}: re-arms at {@code deadline} (a ticker also takes the new period). */
    boolean reset(long deadline, long periodNanos) {
        enter();
        boolean wasActive = armed || bufferedLocked() > 0;
        drainLocked();
        armed = true;
        when = deadline;
        period = periodNanos;
        Alarm old = alarm;
        alarm = hasReceiversLocked() ? new Alarm(this, deadline) : null;
        Alarm a = alarm;
        exit();
        stop(old);
        start(a);
        return wasActive;
    }

    /** Runtime timer callback. */
    private void fire(Alarm a) {
        enter();
        if (alarm != a || !armed) {
            exit(); // stopped or reset meanwhile: a stale alarm
            return;
        }
        alarm = null;
        Instant now = sched.now();
        Waiter r = deliverLocked(now);
        advanceLocked(sched.nanoTime());
        Alarm next = null;
        if (armed && hasReceiversLocked()) {
            next = new Alarm(this, when);
            alarm = next;
        }
        exit();
        if (r != null) {
            r.complete(now, true);
        }
        start(next);
    }

    /**
     * Starts an alarm handed out under the lock. If the channel dropped it meanwhile (the waiter
     * left and stopped it before it was even started), stop it again so it does not linger in
     * the heap until its deadline.
     */
    static void start(RuntimeTimer t) {
        if (t != null) {
            Alarm a = (Alarm) t;
            a.start(a.chan.sched, a.deadline);
            if (!a.chan.isCurrent(a)) {
                a.stop();
            }
        }
    }

    private boolean isCurrent(Alarm a) {
        enter();
        try {
            return alarm == a;
        } finally {
            exit();
        }
    }

    static void stop(RuntimeTimer t) {
        if (t != null) {
            t.stop();
        }
    }

    /** True while a runtime timer is in the heap for this channel (for tests). */
    boolean hasAlarm() {
        enter();
        try {
            return alarm != null;
        } finally {
            exit();
        }
    }

    @Override
    public String toString() {
        return "timer chan";
    }

    /** One deadline of one timer channel in the runtime's heap. */
    private static final class Alarm extends RuntimeTimer {
        final TimerChan chan;
        final long deadline;

        Alarm(TimerChan chan, long deadline) {
            this.chan = chan;
            this.deadline = deadline;
        }

        @Override
        protected void fire() {
            chan.fire(this);
        }
    }
}
