package io.jgo.bench.floor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor under "release a million parked goroutines" on this machine: the same objects per
 * goroutine as jgo (a 24-byte channel with a lock word and a waiter, a goroutine with status,
 * value and frame, a frame with captured references and a label), released by the least code
 * that is still thread-safe: one CAS lock per send, release stores, one atomic decrement per
 * ended goroutine. No registry, no run-queue ring, no scheduler. Everything is promoted to the
 * old generation first (two {@code System.gc()}), as in the benchmark. Three orders:
 * <ul>
 *   <li>{@code inline}: the sender runs each readied goroutine at once (one carrier; no queue);</li>
 *   <li>{@code fifo}: readied goroutines are queued and run after the send loop, in order (one
 *       carrier; the order Go and jgo use when the sender keeps running);</li>
 *   <li>{@code two}: a second thread runs them from a single-producer ring while the sender
 *       sends (two carriers).</li>
 * </ul>
 * Usage: {@code ReleaseFloor [n] [rounds] [inline|fifo|two ...]}; prints the median of the
 * second half of the rounds for each order (benchmarks/NOTES.md quotes it).
 */
public final class ReleaseFloor {
    private static final VarHandle LOCK;
    private static final VarHandle STATUS;
    private static final int WAITING = 2;
    private static final int RUNNABLE = 0;
    private static final int DEAD = 3;
    private static final int RING = 1 << 12;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            LOCK = l.findVarHandle(Chan.class, "lock", int.class);
            STATUS = l.findVarHandle(Cont.class, "status", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A channel: lock word and the one waiting receiver. */
    static final class Chan {
        int lock;
        Cont recvq;
    }

    /** A goroutine: status, the value handed to it, its frame, a queue link. */
    static final class Cont {
        int status;
        Object elem;
        Frame top;
        Cont link;
    }

    /** The receiver's frame: what {@code parked(wake, finished)} captures, and its label. */
    static final class Frame {
        Chan wake;
        AtomicLong finished;
        int label;
    }

    private final int n;
    private final Chan[] chans;
    private final AtomicLong finished = new AtomicLong();
    private final Cont[] ring = new Cont[RING];
    private final AtomicLong ringHead = new AtomicLong();
    private final AtomicLong ringTail = new AtomicLong();
    private Cont fifoHead;
    private Cont fifoTail;
    /** When every spin gives up (System.nanoTime()): a lost receiver fails instead of hanging. */
    private final long deadline;
    /** What went wrong on the runner thread ({@code two}), for the sender to throw. */
    private volatile Throwable runnerFailure;

    private ReleaseFloor(int n, long timeoutNanos) {
        this.n = n;
        this.chans = new Chan[n];
        this.deadline = System.nanoTime() + timeoutNanos;
    }

    /** Called in every spin: throws once the deadline passed or the runner failed. */
    private void checkProgress(String waitingFor) {
        Throwable failed = runnerFailure;
        if (failed != null) {
            throw new IllegalStateException("the runner thread failed: " + failed, failed);
        }
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("timed out waiting for " + waitingFor
                    + " (a receiver lost or run twice?); " + finished.get() + " of " + n + " not ended");
        }
    }

    /** Spawns and parks n receivers, each on its own channel, then promotes everything. */
    private void park() {
        for (int i = 0; i < n; i++) {
            chans[i] = new Chan();
        }
        for (int i = 0; i < n; i++) {
            Cont g = new Cont();
            Frame f = new Frame();
            f.wake = chans[i];
            f.finished = finished;
            f.label = 1;
            g.top = f;
            Chan c = chans[i];
            lock(c);
            c.recvq = g;
            STATUS.setRelease(g, WAITING);
            LOCK.setRelease(c, 0);
        }
        finished.set(n);
        System.gc();
        System.gc();
    }

    private static void lock(Chan c) {
        while (!LOCK.compareAndSet(c, 0, 1)) {
            Thread.onSpinWait();
        }
    }

    /** Sends v on c, whose receiver is waiting, and readies the receiver as {@code order} says. */
    private void send(Chan c, Object v, String order) {
        lock(c);
        Cont r = c.recvq;
        c.recvq = null;
        LOCK.setRelease(c, 0);
        r.elem = v;
        STATUS.setRelease(r, RUNNABLE);
        switch (order) {
            case "inline":
                run(r);
                break;
            case "fifo":
                if (fifoTail == null) {
                    fifoHead = r;
                } else {
                    fifoTail.link = r;
                }
                fifoTail = r;
                break;
            default:
                long t = ringTail.get();
                while (t - ringHead.get() >= RING) {
                    checkProgress("room in the ring");
                    Thread.onSpinWait();
                }
                ring[(int) (t & (RING - 1))] = r;
                ringTail.lazySet(t + 1);
        }
    }

    /** Resumes a receiver: it got its value, calls finished.done() and ends. */
    private static void run(Cont g) {
        Frame f = g.top;
        Object v = g.elem;
        g.elem = null;
        if (f.label != 1 || v == null) {
            throw new AssertionError("resumed in the wrong state");
        }
        f.finished.decrementAndGet();
        g.top = null;
        STATUS.setRelease(g, DEAD);
    }

    /** Releases every receiver; returns the nanoseconds until the last one ended. */
    private long release(String order) throws InterruptedException {
        Thread runner = null;
        if (order.equals("two")) {
            runner = new Thread(() -> {
                try {
                    long h = 0;
                    for (long done = 0; done < n; ) {
                        if (h < ringTail.get()) {
                            int i = (int) (h & (RING - 1));
                            Cont g = ring[i];
                            ring[i] = null;
                            ringHead.lazySet(++h);
                            run(g);
                            done++;
                        } else {
                            if (System.nanoTime() - deadline > 0) {
                                throw new IllegalStateException("timed out waiting for a receiver to run");
                            }
                            Thread.onSpinWait();
                        }
                    }
                } catch (Throwable t) {
                    runnerFailure = t;
                }
            }, "floor-runner");
            runner.setDaemon(true); // never keeps a failed run's JVM alive
        }
        long t0 = System.nanoTime();
        if (runner != null) {
            runner.start();
        }
        for (int i = 0; i < n; i++) {
            send(chans[i], Boolean.TRUE, order);
        }
        for (Cont g = fifoHead; g != null; ) {
            Cont next = g.link;
            g.link = null;
            run(g);
            g = next;
        }
        while (finished.get() != 0) {
            checkProgress("every receiver to end");
            Thread.onSpinWait();
        }
        long elapsed = System.nanoTime() - t0;
        if (runner != null) {
            runner.join();
        }
        return elapsed;
    }

    /**
     * One round: a fresh set of n parked receivers, released in the given order.
     *
     * @throws IllegalStateException if the receivers have not all ended within {@code timeoutNanos}
     */
    static long round(int n, String order, long timeoutNanos) throws InterruptedException {
        if (!order.equals("inline") && !order.equals("fifo") && !order.equals("two")) {
            throw new IllegalArgumentException("unknown order " + order + " (inline, fifo or two)");
        }
        ReleaseFloor f = new ReleaseFloor(n, timeoutNanos);
        f.park();
        return f.release(order);
    }

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String[] orders = args.length > 2 ? Arrays.copyOfRange(args, 2, args.length)
                : new String[] {"inline", "fifo", "two"};
        for (String order : orders) {
            double[] ms = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ms[r] = round(n, order, 600_000_000_000L) / 1e6;
            }
            double[] warm = Arrays.copyOfRange(ms, rounds / 2, rounds);
            Arrays.sort(warm);
            System.out.printf("RESULT release-floor-%s %.1f ms (n=%d, median of the last %d of %d rounds; all: %s)%n",
                    order, warm[warm.length / 2], n, warm.length, rounds, Arrays.toString(round1(ms)));
        }
    }

    private static double[] round1(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Math.round(a[i] * 10) / 10.0;
        }
        return r;
    }
}
