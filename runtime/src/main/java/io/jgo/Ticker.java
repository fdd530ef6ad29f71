package io.jgo;

import io.jgo.internal.Sched;
import java.time.Duration;
import java.time.Instant;

/**
 * Go's {@code time.Ticker}: a value on {@link #C()} every period; a slow receiver makes it drop
 * ticks rather than queue them. Made by {@link Jgo#newTicker(Duration)}. Go 1.23 semantics, as
 * for {@link Timer}: after {@link #stop()} or {@link #reset(Duration)}, no stale tick is
 * received, and an unreferenced ticker is garbage even if never stopped.
 */
public final class Ticker {
    private final TimerChan chan;

    Ticker(Duration d) {
        long p = period(d, "non-positive interval for NewTicker");
        chan = new TimerChan();
        chan.init(chan.sched.nanoTime() + p, p);
    }

    /** The channel the ticks are delivered on. */
    public RecvChan<Instant> C() {
        return chan;
    }

    /** Turns the ticker off; no more ticks are received. */
    public void stop() {
        chan.stop();
    }

    /** Restarts the ticker with period {@code d}; the next tick comes {@code d} from now. */
    public void reset(Duration d) {
        long p = period(d, "non-positive interval for Ticker.Reset");
        chan.reset(chan.sched.nanoTime() + p, p);
    }

    private static long period(Duration d, String goMessage) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(goMessage + " (" + d + "): the period must be positive");
        }
        return Timer.clampedNanos(d);
    }

    @Override
    public String toString() {
        return "Ticker";
    }
}
