package io.jgo.internal;

import io.jgo.runtime.Frame;

import io.jgo.Jgo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hand-written frames and wait primitives shaped like the processor's output, so that scheduler
 * tests depend on nothing but the continuation contract (not on the channel being rewritten).
 */
final class TestFrames {
    private TestFrames() {
    }

    /** A goroutine body that never suspends: runs {@code body} and returns. */
    static final class Leaf extends Frame<Void> {
        private final Runnable body;

        Leaf(Runnable body) {
            this.body = body;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            body.run();
            return null;
        }
    }

    /**
     * A one-shot event a goroutine can wait for by suspending (the shape of a channel receive):
     * {@link #await(Frame)} parks under this object's lock, {@link #open()} readies every waiter.
     */
    static final class Gate {
        private final WaitReason reason;
        private final List<G> waiters = new ArrayList<>();
        private boolean open;

        Gate() {
            this(WaitReason.CHAN_RECEIVE);
        }

        Gate(WaitReason reason) {
            this.reason = reason;
        }

        /** Suspending: returns null if open, else parks the goroutine and returns SUSPENDED. */
        synchronized Object await(Frame<?> frame) {
            if (open) {
                return null;
            }
            G g = Frames.goroutineOf(frame);
            waiters.add(g);
            return g.park(frame, reason);
        }

        synchronized void open() {
            open = true;
            for (G g : waiters) {
                g.ready(null, null);
            }
            waiters.clear();
        }
    }

    /** Counts down to zero, then opens a gate (a WaitGroup). */
    static final class Countdown {
        private final AtomicInteger left;
        final Gate gate = new Gate(WaitReason.WAIT_GROUP_WAIT);

        Countdown(int n) {
            left = new AtomicInteger(n);
            if (n == 0) {
                gate.open();
            }
        }

        void done() {
            if (left.decrementAndGet() == 0) {
                gate.open();
            }
        }
    }

    /** A main goroutine: runs {@code start} (which may spawn), then waits for the gate. */
    static final class StartThenAwait<T> extends Frame<T> {
        private final Runnable start;
        private final Gate gate;
        private final java.util.function.Supplier<T> result;

        StartThenAwait(Runnable start, Gate gate, java.util.function.Supplier<T> result) {
            this.start = start;
            this.gate = gate;
            this.result = result;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            switch (label) {
                case 0:
                    start.run();
                    label = 1;
                    if (gate.await(this) == SUSPENDED) {
                        return SUSPENDED;
                    }
                    // fall through: the gate was open
                case 1:
                    if (error != null) {
                        throw error;
                    }
                    return result.get();
                default:
                    throw new IllegalStateException("bad label " + label);
            }
        }

        @Override
        public StackTraceElement location() {
            return new StackTraceElement("example.Main", "main", "Main.java", 10 + label);
        }
    }

    /** Sets GOMAXPROCS for one test and restores it. */
    static final class Procs implements AutoCloseable {
        private final int old;

        Procs(int n) {
            old = Jgo.gomaxprocs(n);
            // A P removed by a decrease is let go at its M's next scheduling point: wait until
            // every M is parked, so that the test really runs on n Ps.
            try {
                if (!TestSched.ofDefault().awaitIdle(20_000)) {
                    throw new AssertionError("runtime not idle after gomaxprocs(" + n + ")\n" + diagnostics());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() {
            Jgo.gomaxprocs(old);
        }
    }

    /**
     * Jgo.run on a helper thread, failing after {@code seconds} with the scheduler's state, a
     * goroutine dump and the runtime threads' stacks (so that a hang is diagnosable).
     */
    static <T> T runOrDiagnose(io.jgo.Task<T> main, int seconds) throws Exception {
        java.util.concurrent.CompletableFuture<T> f = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(Jgo.run(main));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "run-or-diagnose");
        t.setDaemon(true);
        t.start();
        try {
            return f.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Jgo.run did not finish in " + seconds + " s\n" + diagnostics(), e);
        }
    }

    static String diagnostics() {
        StringBuilder sb = new StringBuilder(TestSched.defaultSched().schedTrace()).append('\n').append(Jgo.dump());
        for (java.util.Map.Entry<Thread, StackTraceElement[]> en : Thread.getAllStackTraces().entrySet()) {
            if (en.getKey().getName().startsWith("jgo")) {
                sb.append(en.getKey().getName()).append(' ').append(en.getKey().getState()).append('\n');
                for (StackTraceElement el : en.getValue()) {
                    sb.append("\tat ").append(el).append('\n');
                }
            }
        }
        return sb.toString();
    }

    static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
