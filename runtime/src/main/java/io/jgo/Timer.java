package io.jgo;

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
    private final TimerChan chan;

    Timer(Duration d) {
        chan = new TimerChan();
        chan.init(deadline(d), 0);
    }

    /** The channel the time is delivered on. */
    public RecvChan<Instant> C() {
        return chan;
    }

    /**
     * Prevents the timer from firing. Returns true if this call stopped it, false if it had
     * already expired and its value was received, or it was stopped. After it returns, no stale
     * value is received from {@link #C()}.
     */
    public boolean stop() {
        return chan.stop();
    }

    /**
     * Changes the timer to expire after {@code d} (from now). Returns true if the timer had been
     * active. No value from before the reset is received afterwards.
     */
    public boolean reset(Duration d) {
        return chan.reset(deadline(d), 0);
    }

    /** {@code now + d} on the nanoTime clock, clamped far from overflow. */
    static long deadline(Duration d) {
        return System.nanoTime() + clampedNanos(d);
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
        return "Timer";
    }
}
