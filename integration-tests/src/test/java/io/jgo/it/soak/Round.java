package io.jgo.it.soak;

import io.jgo.CancelContext;
import io.jgo.Chan;
import io.jgo.Cond;
import io.jgo.Context;
import io.jgo.Mutex;
import io.jgo.Once;
import io.jgo.RWMutex;
import io.jgo.Semaphore;
import io.jgo.WaitGroup;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Everything one round of the soak shares: the channels, locks, queue, semaphore and ledgers
 * that goroutines and plain threads use together, the round's end (a deadline context), and the
 * violations found. A round is built by the driver, run, and then verified as a whole.
 */
final class Round {
    // ---- the layout of one round: who does what
    /** Goroutine producers on the channels: ids 0..5; even ids send on unbuf, odd on buf. */
    static final int CHAN_GO_PRODUCERS = 6;
    /** Plain-thread producers on the channels: ids 6 (unbuf) and 7 (buf). */
    static final int CHAN_THREAD_PRODUCERS = 2;
    /** Goroutine consumers: range unbuf/buf, recvOk unbuf/buf, select with default, select with a timer. */
    static final int CHAN_GO_CONSUMERS = 6;
    static final int BUF_CAP = 16;
    /** Cond queue producers: goroutines 0..2, plain thread 3. */
    static final int COND_GO_PRODUCERS = 3;
    static final int COND_THREAD_PRODUCERS = 1;
    static final int COND_GO_CONSUMERS = 3;
    static final int QUEUE_CAP = 8;
    static final int MUTEX_GO_WORKERS = 4;
    static final int SPAWNERS = 2;
    static final int SEM_GO_WORKERS = 3;
    static final int SEM_SIZE = 8;
    static final int TIMER_GO_WORKERS = 2;
    static final int CTX_GO_WORKERS = 2;
    static final int MAX_PROCS = 4;
    /** One Once per slot of this length: every locker calls the current slot's Once, so they meet. */
    static final long ONCE_SLOT_NANOS = 25_000_000L;
    static final int ONCES = 1024;

    final int index;
    final long seed;
    final long startNanos = System.nanoTime();
    /** The round's end: a deadline context. Workers stop producing when it is done. */
    final CancelContext stop;
    final Counters counters;
    /** GOMAXPROCS as last set by the soak (the driver or the procs goroutine); nobody else sets it. */
    final AtomicInteger procsSet;
    final long procsPeriodMillis;
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger violationCount = new AtomicInteger();

    // ---- channels: every value sent is received exactly once
    final Chan<Long> unbuf = Chan.make();
    final Chan<Long> buf = Chan.make(BUF_CAP);
    final WaitGroup chanProducers = new WaitGroup();
    final Ledger chanLedger = new Ledger("channels", CHAN_GO_PRODUCERS + CHAN_THREAD_PRODUCERS);

    // ---- a bounded queue built from a Mutex and two Conds
    final Queue queue = new Queue();
    final WaitGroup condProducers = new WaitGroup();
    final Ledger condLedger = new Ledger("cond queue", COND_GO_PRODUCERS + COND_THREAD_PRODUCERS);

    // ---- mutual exclusion: the fields below are guarded by mu / rw and deliberately not atomic
    final Mutex mu = new Mutex();
    private Object muOwner;
    private long muCounter;
    /** Increments done under mu, as counted by the workers themselves. */
    final AtomicLong muIncrements = new AtomicLong();
    final RWMutex rw = new RWMutex();
    private Object rwOwner;
    private long rwA;
    private long rwB;
    final AtomicLong rwWrites = new AtomicLong();
    private final Once[] onces = new Once[ONCES];
    private final AtomicIntegerArray onceRuns = new AtomicIntegerArray(ONCES);

    // ---- semaphore: never more than SEM_SIZE in use, all back at the end
    final Semaphore sem = new Semaphore(SEM_SIZE);
    final AtomicLong semInUse = new AtomicLong();

    /** One count per afterFunc timer: done by its task, or by whoever stopped it first. */
    final WaitGroup afterFuncs = new WaitGroup();
    final AtomicLong afterFuncsRan = new AtomicLong();

    /** Counted down by the interrupter when it has stopped interrupting. */
    final CountDownLatch interrupterGone = new CountDownLatch(1);

    Round(int index, long seed, long millis, Counters counters, AtomicInteger procsSet) {
        this.index = index;
        this.seed = seed;
        this.counters = counters;
        this.procsSet = procsSet;
        this.stop = Context.withTimeout(Context.background(), Duration.ofMillis(millis));
        this.procsPeriodMillis = 1_500 + random(-1).nextInt(1_000);
        for (int i = 0; i < ONCES; i++) {
            onces[i] = new Once();
        }
        // Every producer, goroutine or thread, is counted before any starts: the closers wait
        // for all of them.
        chanProducers.add(CHAN_GO_PRODUCERS + CHAN_THREAD_PRODUCERS);
        condProducers.add(COND_GO_PRODUCERS + COND_THREAD_PRODUCERS);
    }

    /** A generator for one worker, derived from the round's seed (printed on failure). */
    SplittableRandom random(int worker) {
        return new SplittableRandom(seed * 0x9E37_79B9_7F4A_7C15L + worker);
    }

    Chan<Long> chan(int which) {
        return which == 0 ? unbuf : buf;
    }

    boolean stopping() {
        return stop.err() != null;
    }

    void violation(String what) {
        if (violationCount.incrementAndGet() <= 50) {
            violations.add(what);
        }
    }

    int violationCount() {
        return violationCount.get();
    }

    Iterable<String> violations() {
        return violations;
    }

    // ---- Mutex: call only while holding mu

    void enterMu(Object me) {
        if (muOwner != null) {
            violation("Mutex: two holders at once");
        }
        muOwner = me;
        muCounter++;
    }

    void exitMu(Object me) {
        if (muOwner != me) {
            violation("Mutex: the holder changed while it was held");
        }
        muOwner = null;
    }

    long muCounter() {
        return muCounter;
    }

    // ---- RWMutex: write under rw.lock(), read under rw.rLock()

    void writeRw(Object me) {
        if (rwOwner != null) {
            violation("RWMutex: two writers at once");
        }
        rwOwner = me;
        rwA++;
        Thread.onSpinWait();
        rwB++;
        if (rwOwner != me) {
            violation("RWMutex: another writer entered while one held the lock");
        }
        rwOwner = null;
    }

    void readRw() {
        if (rwOwner != null || rwA != rwB) {
            violation("RWMutex: a reader saw a writer inside (a=" + rwA + ", b=" + rwB + ")");
        }
    }

    long rwA() {
        return rwA;
    }

    long rwB() {
        return rwB;
    }

    // ---- Once: one per time slot, so that concurrent lockers call the same one

    int onceSlot() {
        return (int) Math.min(ONCES - 1, (System.nanoTime() - startNanos) / ONCE_SLOT_NANOS);
    }

    Once once(int slot) {
        return onces[slot];
    }

    /**
     * The function of slot {@code slot}'s Once. It must run exactly once; it holds the Once for
     * half a millisecond (parking its thread: a function that blocks briefly, as user code may),
     * so that other callers of the slot find it running and wait.
     */
    void onceBody(int slot) {
        if (onceRuns.incrementAndGet(slot) != 1) {
            violation("Once: slot " + slot + "'s function ran " + onceRuns.get(slot) + " times");
        }
        LockSupport.parkNanos(500_000);
    }

    /** After the round: each Once that was called ran its function exactly once. */
    void verifyOnces() {
        for (int i = 0; i < ONCES; i++) {
            int runs = onceRuns.get(i);
            if (runs != (onces[i].isDone() ? 1 : 0)) {
                violation("Once: slot " + i + " is " + (onces[i].isDone() ? "done" : "not done") + " but ran " + runs + " times");
            }
        }
    }

    /** A bounded queue of values from a Mutex and two Conds (see Soak.put and Soak.take). */
    static final class Queue {
        final Mutex mu = new Mutex();
        final Cond notEmpty = new Cond(mu);
        final Cond notFull = new Cond(mu);
        final ArrayDeque<Long> items = new ArrayDeque<>(); // guarded by mu
        boolean closed;                                     // guarded by mu
    }
}
