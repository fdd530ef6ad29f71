package io.jgo.it.soak;

import static io.jgo.Jgo.after;
import static io.jgo.Jgo.go;
import static io.jgo.Jgo.gosched;
import static io.jgo.Jgo.select;
import static io.jgo.Jgo.sleep;

import io.jgo.Case;
import io.jgo.Chan;
import io.jgo.RecvCase;
import io.jgo.WaitGroup;
import io.jgo.annotation.Go;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Short goroutines the soak starts by the thousand, through an entry point of this class
 * ({@code SoakTasksGo}): from {@code afterFunc}, from {@code WaitGroup.go} and from plain threads
 * ({@code Jgo.go}). A {@code @Go} method may not name its own class's generated class, so they
 * live apart from {@link Soak}.
 */
final class SoakTasks {
    private SoakTasks() {
    }

    /**
     * A goroutine that lives briefly and ends, then calls {@code wg.done()} (unless {@code wg}
     * is null: started by {@code WaitGroup.go}, which counts it itself). Depending on {@code n}
     * it yields, sleeps, or starts a child and waits for its answer ({@code n % 6 == 3}).
     */
    @Go
    static void leaf(WaitGroup wg, AtomicInteger finished, int n) {
        try {
            int kind = n % 6;
            if (kind == 1) {
                gosched();
            } else if (kind == 2) {
                sleep(Duration.ofNanos(20_000 + 1_000L * n));
            } else if (kind == 3) {
                Chan<Integer> answer = Chan.make();
                go(() -> echo(n, answer));
                int back = answer.recv();
                if (back != n + 1) {
                    throw new AssertionError("leaf " + n + ": its child answered " + back);
                }
            }
            finished.incrementAndGet();
        } finally {
            if (wg != null) {
                wg.done();
            }
        }
    }

    @Go
    static void echo(int n, Chan<Integer> answer) {
        answer.send(n + 1);
    }

    /** The task of an afterFunc timer: counts itself, then releases the round's count. */
    @Go
    static void fired(Round r) {
        r.afterFuncsRan.incrementAndGet();
        r.afterFuncs.done();
    }

    /** A goroutine that stays parked, on a channel and a one-hour timer, until {@code quiet} closes. */
    @Go
    static void idle(Chan<Long> quiet) {
        RecvCase<Long> q = quiet.onRecv();
        RecvCase<Instant> late = after(Duration.ofHours(1)).onRecv();
        if (select(new Case[] {q, late}) != q) {
            throw new AssertionError("a one-hour timer fired during the soak's idle check");
        }
    }
}
