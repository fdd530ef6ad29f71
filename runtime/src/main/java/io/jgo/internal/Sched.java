package io.jgo.internal;

import io.jgo.runtime.Frame;
import io.jgo.runtime.Goexit;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The G/P/M scheduler (Go's runtime/proc.go, re-thought for the JVM). See docs/runtime.md for the
 * design; the invariants of each structure are stated where it is declared.
 *
 * <h2>Worker parking and unparking (no lost wake-up)</h2>
 * We want to keep enough Ms running to use GOMAXPROCS Ps, and to park Ms that have nothing to do
 * (waking a parked thread costs tens of microseconds). As in Go:
 * <ul>
 *   <li>A producer of work (ready, spawn, a timer that became due, work left by a blocking
 *       carrier) first publishes the work, then calls {@link #wakep()}: if there is an idle P and
 *       no spinning M, it starts one M spinning (CAS nmspinning 0→1). At most one M is woken per
 *       submission, and none if one is already spinning.</li>
 *   <li>A spinning M that finds work stops spinning and, if it was the last spinner, calls
 *       {@code wakep()} itself, so that a burst of work is picked up by more Ms one by one.</li>
 *   <li>A spinning M that finds nothing releases its P (npidle++ under the lock), then decrements
 *       nmspinning, then re-checks every run queue, the global queue and the timers before it
 *       parks. Both sides do "write, then read the other's variable" with sequentially
 *       consistent accesses (volatile/atomic), so either the producer sees nmspinning == 0 and an
 *       idle P and wakes an M, or the parking M's re-check sees the work.</li>
 *   <li>Work put on the global queue and P hand-offs go through the scheduler lock, which orders
 *       them against the idle lists.</li>
 * </ul>
 *
 * <h2>Timers</h2>
 * Each P has a timer heap. The owner fires its due timers when it schedules; Ms looking for
 * work fire everybody's. An M that parks with timers pending becomes the timer sleeper and parks
 * until the earliest deadline; starting an earlier timer wakes it. There is no timer thread.
 */
public final class Sched {
    private static final long PREEMPT_NANOS = 10_000_000L;    // Go's forcePreemptNS
    private static final long RETAKE_BLOCKED_NANOS = 1_000_000L;
    private static final long SPIN_NANOS = 50_000L;
    private static final long SYSMON_MIN_NANOS = 1_000_000L;
    private static final long SYSMON_MAX_NANOS = 10_000_000L;

    /** How a runtime is set up; the builder in {@code io.jgo.GoRuntime} fills it in. */
    public static final class Options {
        /** GOMAXPROCS at start. */
        public int procs = configuredProcs();
        /** Prefix of the carrier and monitor thread names. */
        public String name = "jgo";
        /** Go's rule: a panic ends every root of the runtime, not only its own. */
        public boolean panicEndsAll;
        /** At most this many carrier threads exist at once (Go's SetMaxThreads; 10,000 there too). */
        public int maxCarriers = 10_000;
        /** A carrier beyond GOMAXPROCS that stayed idle this long ends. */
        public long carrierKeepAliveNanos = 2_000_000_000L;
        /** Check for deadlocked roots while other roots run (the idle check always runs). */
        public boolean busyDeadlockCheck = true;
        /** A virtual clock that jumps when everything is blocked (see {@link Bubble}). */
        public boolean virtualTime;
        /** Seeded scheduling choices (implies virtual time and one P, no preemption). */
        public boolean seeded;
        public long seed;
        /**
         * Go's {@code GODEBUG=schedtrace=N}: the monitor logs {@link #schedTrace()} every this many
         * milliseconds to the {@code System.Logger} {@code io.jgo.schedtrace}; 0 = never. The
         * system property {@code jgo.schedtrace} sets it.
         */
        public long schedTraceMillis = Long.getLong("jgo.schedtrace", 0);
    }

    private static final System.Logger SCHEDTRACE_LOG = System.getLogger("io.jgo.schedtrace");

    /** Plain threads bound to a runtime: the static API uses it on them (see {@link #bind}). */
    private static final ThreadLocal<Sched> BOUND = new ThreadLocal<>();

    final Host host;
    final String name;
    private final boolean panicEndsAll;
    private final int maxCarriers;
    private final long carrierKeepAliveNanos;
    private final boolean busyDeadlockCheck;
    private volatile SchedObserver observer = SchedObserver.NONE;
    /** Goroutine ids: carriers take batches of them (G.nextId). */
    final AtomicLong ids = new AtomicLong();
    /** The root of goroutines spawned by {@code go} from outside any goroutine of this runtime. */
    final Root detached = new Root(this, null);
    /** Test mode: virtual clock, bound threads, seeded choices; null for a normal runtime. */
    final Bubble bubble;
    /** Set once by {@link #shutdown}; never cleared. */
    private volatile boolean closed;

    /** Guards the global run queue, the idle lists, orphans, pending runs, sleeper and M counts. */
    final Object lock = new Object();

    /** The current Ps, indexed by id; replaced (never mutated) on resize and retake. */
    volatile P[] allp;

    // Global run queue (Go's sched.runq): linked through G.schedLink(); guarded by lock.
    private G gHead;
    private G gTail;
    /** Length of the global queue; written under lock, read without it as a hint. */
    private volatile int gSize;

    // Idle Ps and Ms: guarded by lock. npidle is also read without the lock.
    private P pidle;
    private volatile int npidle;
    private M midle;
    private int nmidle;
    /** Carriers alive (started and not ended). */
    private int mcount;
    /** Carriers ever started: the next one's number. */
    private int mnext;
    /** Every M alive, for numGoroutine. Copy on write under lock. */
    private volatile M[] allm = new M[0];
    /**
     * Spawns from plain threads (carriers count theirs in their own M), minus exits off carriers,
     * plus the counts of carriers that ended, minus goroutines the deadlock proof collected.
     */
    private final AtomicLong liveOffCarrier = new AtomicLong();
    /** Ms spinning (looking for work while holding a P). */
    final AtomicInteger nmspinning = new AtomicInteger();

    /** The M parked until the earliest timer, and until when (Long.MAX_VALUE: none). */
    private M timerSleeper;
    private volatile long timerSleepUntil = Long.MAX_VALUE;

    /** Retired Ps still held by their (stuck) Ms; guarded by lock. */
    private final List<P> orphans = new ArrayList<>();

    final GRegistry registry = new GRegistry();
    private final DeadlockDetector detector = new DeadlockDetector(this);
    /** Jgo.runs started so far, and the count the monitor last saw; guarded by lock. */
    private long runsStarted;
    private long seenRunsStarted;
    /** Main goroutine id → root, for every run or start still waiting; guarded by lock. */
    private final Map<Long, Root> pendingRoots = new HashMap<>();

    // The monitor (sysmon).
    private final Thread sysmon;
    private volatile boolean sysmonNotified;
    /** Sysmon parked because every M is idle; guarded by lock. */
    private boolean sysmonWait;
    /** Counts Ms leaving the idle list; guarded by lock. Tells the monitor that something ran. */
    private long activity;

    /** Replaces the observer (tests only; the default is {@link SchedObserver#NONE}). */
    void setObserver(SchedObserver o) {
        observer = o;
    }

    public Sched(Options options, Host host) {
        this.host = host;
        this.name = options.name;
        this.panicEndsAll = options.panicEndsAll;
        this.maxCarriers = Math.max(options.maxCarriers, 1);
        this.carrierKeepAliveNanos = options.carrierKeepAliveNanos;
        this.busyDeadlockCheck = options.busyDeadlockCheck;
        this.bubble = options.virtualTime || options.seeded ? new Bubble(this, options.seeded, options.seed) : null;
        this.coarseNanos = nanoTime();
        this.schedTraceNanos = Math.max(0, options.schedTraceMillis) * 1_000_000L;
        int procs = options.seeded ? 1 : options.procs;
        if (procs < 1) {
            throw new IllegalArgumentException("GOMAXPROCS must be at least 1, but is " + procs);
        }
        P[] ps = new P[procs];
        for (int i = 0; i < procs; i++) {
            ps[i] = new P(i, new TimerHeap());
        }
        allp = ps;
        synchronized (lock) {
            for (int i = procs - 1; i >= 0; i--) {
                pidleput(ps[i]);
            }
        }
        sysmon = new Thread(this::sysmonLoop, name + "-sysmon");
        sysmon.setDaemon(true);
        sysmon.start();
    }

    /** The scheduler whose carrier calls this, or null on any other thread. */
    public static Sched ofCurrentThread() {
        Thread t = Thread.currentThread();
        return t instanceof M ? ((M) t).sched : null;
    }

    /** The scheduler the calling plain thread is bound to, or null. */
    public static Sched bound() {
        return BOUND.get();
    }

    /**
     * Binds the calling plain thread to this scheduler until the returned action runs: the static
     * API uses this runtime on it, and in test mode its waits count as the bubble's.
     */
    public Runnable bind() {
        if (Thread.currentThread() instanceof M) {
            throw new IllegalStateException("a carrier thread belongs to its own runtime");
        }
        Sched old = BOUND.get();
        if (old != null) {
            throw new IllegalStateException("this thread is bound to " + old.name + " already");
        }
        BOUND.set(this);
        if (bubble != null) {
            synchronized (lock) {
                bubble.bind();
            }
        }
        return () -> {
            BOUND.remove();
            if (bubble != null) {
                synchronized (lock) {
                    bubble.unbind();
                }
                wakeSysmon();
            }
        };
    }

    /**
     * For a plain thread the runtime's own code starts on the runtime's behalf (a function that
     * {@code go} or {@code afterFunc} runs on a thread of its own): counted as bound from now on,
     * so that a test-mode runtime never sees everything blocked while it has yet to start. The
     * thread runs the first returned action first and the second last.
     */
    public Runnable[] reserveBinding() {
        if (bubble != null) {
            synchronized (lock) {
                bubble.bind();
            }
        }
        Runnable enter = () -> BOUND.set(this);
        Runnable exit = () -> {
            BOUND.remove();
            if (bubble != null) {
                synchronized (lock) {
                    bubble.unbind();
                }
                wakeSysmon();
            }
        };
        return new Runnable[] {enter, exit};
    }

    // ---- the clock

    /**
     * {@link #nanoTime()} as of the monitor's last tick: when a goroutine parks it stores this as
     * its wait start (for dumps), instead of reading the clock on the hot path. The monitor
     * refreshes it every tick while carriers run (at most {@code SYSMON_MAX_NANOS} apart) and
     * when it wakes from idling, so it lags by at most a tick.
     */
    volatile long coarseNanos;
    /** See {@link Options#schedTraceMillis}; the monitor's next trace is due at {@code nextTrace}. */
    private final long schedTraceNanos;
    private long nextTrace;
    /** With a schedtrace: when the idle deadlock check of activity epoch {@code idleCheckEpoch} is due. */
    private long idleCheckAt;
    private long idleCheckEpoch = -1;

    /** The runtime's {@code nanoTime}: virtual in test mode, else {@link System#nanoTime()}. */
    public long nanoTime() {
        Bubble b = bubble;
        return b == null ? System.nanoTime() : b.nanoTime();
    }

    /** The runtime's wall clock: virtual in test mode, else {@link Instant#now()}. */
    public Instant now() {
        Bubble b = bubble;
        return b == null ? Instant.now() : b.instant();
    }

    /** True if this runtime runs on a virtual clock. */
    public boolean virtualTime() {
        return bubble != null;
    }

    /** The seed of a seeded runtime; 0 otherwise. */
    public long seed() {
        return bubble != null ? bubble.seed : 0;
    }

    /**
     * A choice in {@code [0, n)} for the calling goroutine (a select's ready case): seeded on a
     * seeded runtime's carrier, else {@link ThreadLocalRandom}.
     */
    public static int random(int n) {
        Thread t = Thread.currentThread();
        if (t instanceof M) {
            Bubble b = ((M) t).sched.bubble;
            if (b != null && b.seeded()) {
                return b.choose(n);
            }
        }
        return ThreadLocalRandom.current().nextInt(n);
    }

    /** Test mode: called when every goroutine and bound thread is blocked and no timer is pending. */
    public void onStuck(Runnable listener) {
        if (bubble == null) {
            throw new IllegalStateException("not a test-mode runtime");
        }
        bubble.onStuck = listener;
    }

    /**
     * Test mode, on a bound thread: runs what is runnable now, then moves the clock forward by
     * {@code nanos}, firing each timer due on the way at its deadline and letting what it wakes
     * run before the clock moves on (Kotlin's {@code advanceTimeBy} then {@code runCurrent}).
     *
     * @return false if the runtime did not settle within the (real) timeout
     */
    public boolean advanceTime(long nanos, long timeoutNanos) throws InterruptedException {
        if (bubble == null) {
            throw new IllegalStateException("not a test-mode runtime");
        }
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (lock) {
            if (closed) {
                throw host.closed("cannot advance the clock");
            }
            long target = bubble.nanoTime() + nanos;
            for (;;) {
                if (!bubble.awaitQuiescent(deadline - System.nanoTime())) {
                    return false;
                }
                long e = earliestTimer();
                if (e == Long.MAX_VALUE || e - target > 0) {
                    bubble.advanceTo(target);
                    return true;
                }
                bubble.advanceTo(e);
                activity++; // the state changed: a stuck report may come again
                lock.notifyAll();
                startTimerRunner();
            }
        }
    }

    /**
     * Test mode: lets the clock run, timer after timer, until no goroutine is left or none can
     * move again (nothing runnable, no timer pending); false if goroutines are left.
     */
    public boolean drain(long timeoutNanos) throws InterruptedException {
        if (bubble == null) {
            throw new IllegalStateException("not a test-mode runtime");
        }
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (lock) {
            for (;;) {
                if (!bubble.awaitQuiescent(deadline - System.nanoTime())) {
                    return false;
                }
                if (numGoroutine() == 0) {
                    return true;
                }
                long e = earliestTimer();
                if (e == Long.MAX_VALUE || System.nanoTime() - deadline >= 0) {
                    return false;
                }
                bubble.advanceTo(e);
                activity++;
                startTimerRunner();
            }
        }
    }

    /** Lock held, test mode: lets an idle M fire the timers that the clock made due. */
    private void startTimerRunner() {
        if (npidle > 0 && nmspinning.get() == 0) {
            // startm takes the lock again (it is reentrant): an M gets a P and runs the timers
            nmspinning.incrementAndGet();
            startm(null, true);
        }
    }

    /** Test mode, on a bound thread: waits until everything runnable has run (Kotlin's {@code runCurrent}). */
    public boolean awaitQuiescent(long timeoutNanos) throws InterruptedException {
        if (bubble == null) {
            throw new IllegalStateException("not a test-mode runtime");
        }
        synchronized (lock) {
            if (closed) {
                throw host.closed("cannot wait for the goroutines");
            }
            return bubble.awaitQuiescent(timeoutNanos);
        }
    }

    /** GOMAXPROCS from the system property, else the environment, else every processor. */
    public static int configuredProcs() {
        String prop = System.getProperty("jgo.gomaxprocs");
        if (prop != null) {
            return parseProcs(prop, "system property jgo.gomaxprocs");
        }
        String env = System.getenv("GOMAXPROCS");
        if (env != null && !env.isBlank()) {
            return parseProcs(env, "environment variable GOMAXPROCS");
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static int parseProcs(String text, String where) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + " must be a positive integer (the number of"
                + " Ps), but is \"" + text + "\"; unset it to use all available processors");
    }

    // ---------------------------------------------------------------------------------------
    // Public surface

    /**
     * Starts {@code frame} as a new goroutine ({@code go}); {@code onExit} receives its result or
     * failure. It joins the root of the goroutine calling this, if that is one of this runtime's,
     * else the detached root.
     */
    public G spawn(Frame<?> frame, BiConsumer<Object, Throwable> onExit) {
        checkUnstarted(frame);
        if (closed) {
            throw host.closed("cannot start a goroutine");
        }
        G parent = currentG();
        Root root = parent != null ? parent.root : detached;
        Lineage lineage = parent != null ? parent.lineageForChild() : Lineage.NONE;
        G g = onExit == null ? new G(frame, root, lineage) : new G.Observed(frame, root, lineage, onExit);
        JfrEvents.start(g, parent);
        countSpawn();
        ready(g); // registered only if it ever parks (G.register)
        return g;
    }

    /**
     * Starts {@code frame} as the main goroutine of a new root ({@code run}, {@code start}). The
     * future completes with its result or failure; it fails with the host's deadlock exception
     * when the goroutine provably can never run again, with its panic exception when a goroutine
     * of the tree panics, and with its closed exception when the runtime closes first.
     */
    public CompletableFuture<Object> spawnRoot(Frame<?> frame) {
        checkUnstarted(frame);
        CompletableFuture<Object> future = new CompletableFuture<>();
        Root root = new Root(this, future);
        G parent = currentG();
        G g = new G.Observed(frame, root, parent != null ? parent.lineageForChild() : Lineage.NONE, (value, error) -> {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(value);
            }
        });
        long id = g.id;
        root.main = new WeakReference<>(g);
        root.mainId = id;
        synchronized (lock) {
            if (closed) {
                throw host.closed("cannot start a goroutine");
            }
            pendingRoots.put(id, root);
            runsStarted++;
        }
        future.whenComplete((v, e) -> {
            synchronized (lock) {
                pendingRoots.remove(id);
            }
        });
        JfrEvents.start(g, parent);
        countSpawn();
        g.register(); // the deadlock check must see it even before it first parks
        ready(g);
        return future;
    }

    private static void checkUnstarted(Frame<?> frame) {
        if (Frames.access().goroutine(frame) != null) {
            throw new IllegalStateException("this @Go call was already started: a Task runs once");
        }
    }

    /**
     * The goroutine of this runtime calling this, or null from a plain thread. A goroutine it
     * spawns joins its root (else the detached one) and inherits its labels.
     */
    G currentG() {
        M m = carrier();
        return m != null ? m.curg() : null;
    }

    /** The prefix of this scheduler's thread names. */
    public String name() {
        return name;
    }

    /** The API object this scheduler serves. */
    public Host host() {
        return host;
    }

    /** True once {@link #shutdown} ran. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the runtime: no goroutine starts or runs any more, every root still waiting fails
     * with the host's closed exception, carriers end as soon as the goroutine each one runs
     * suspends or ends, timers are dropped. Idempotent; does not wait (see {@link #awaitTermination}).
     */
    public void shutdown() {
        List<Root> roots;
        M[] ms;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            roots = new ArrayList<>(pendingRoots.values());
            gHead = null;
            gTail = null;
            gSize = 0;
            ms = allm;
        }
        for (P p : allp) {
            p.timers.clear();
        }
        for (Root r : roots) {
            r.future.completeExceptionally(host.closed("the runtime closed before goroutine "
                    + r.mainId + " ended"));
        }
        for (M m : ms) {
            m.wakeup();
        }
        wakeSysmon();
    }

    /**
     * Waits until every carrier and the monitor ended, or the timeout passed; the calling thread
     * is not waited for if it is one of the carriers. Call {@link #shutdown} first.
     *
     * @return true if they all ended
     */
    public boolean awaitTermination(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        List<Thread> threads = new ArrayList<>(Arrays.asList(allThreads()));
        threads.add(sysmon);
        for (Thread t : threads) {
            if (t == Thread.currentThread()) {
                continue;
            }
            long rest = deadline - System.nanoTime();
            if (rest <= 0) {
                return !anyAlive(threads);
            }
            t.join(Math.max(1, rest / 1_000_000L));
        }
        return !anyAlive(threads);
    }

    private static boolean anyAlive(List<Thread> threads) {
        for (Thread t : threads) {
            if (t != Thread.currentThread() && t.isAlive()) {
                return true;
            }
        }
        return false;
    }

    /** The carriers alive now. */
    Thread[] allThreads() {
        return allm.clone();
    }

    /** Carrier threads alive now. */
    public int carriers() {
        synchronized (lock) {
            return mcount;
        }
    }

    /**
     * Number of goroutines that have not ended: spawns minus exits, summed over the carriers'
     * counters (a snapshot, like Go's; exact when nothing changes).
     */
    public int numGoroutine() {
        long n = liveOffCarrier.get();
        for (M m : allm) {
            n += m.liveDelta();
        }
        return (int) n;
    }

    /** Counts a spawn: in the carrier's own counter, or in a shared one from plain threads. */
    private void countSpawn() {
        M m = carrier();
        if (m != null) {
            m.countSpawn();
        } else {
            liveOffCarrier.incrementAndGet();
        }
    }

    /** The calling thread if it is one of this scheduler's carriers, else null. */
    private M carrier() {
        Thread t = Thread.currentThread();
        return t instanceof M && ((M) t).sched == this ? (M) t : null;
    }

    /** Current GOMAXPROCS. */
    public int gomaxprocs() {
        return allp.length;
    }

    /**
     * Sets GOMAXPROCS to {@code n} and returns the previous value; {@code n < 1} only reads it.
     * A P removed while an M runs a goroutine on it is let go at that M's next scheduling point.
     */
    public int gomaxprocs(int n) {
        int old;
        synchronized (lock) {
            P[] cur = allp;
            old = cur.length;
            if (n < 1 || n == old) {
                return old;
            }
            P[] next = Arrays.copyOf(cur, n);
            if (n > old) {
                for (int i = old; i < n; i++) {
                    next[i] = new P(i, new TimerHeap());
                }
                allp = next;
                for (int i = old; i < n; i++) {
                    pidleput(next[i]);
                }
            } else {
                allp = next;
                for (int i = n; i < old; i++) {
                    P p = cur[i];
                    p.destroyed = true;
                    p.retired = true;
                    if (p.idle) {
                        pidleremove(p);
                        p.timers.moveAllTo(next[0].timers);
                    }
                }
            }
        }
        wakep();
        notifyTimer(earliestTimer());
        return old;
    }

    /**
     * Every goroutine that has not ended, sorted by id: the registry (each one that has parked)
     * plus the runnable and running ones found in the run queues and on the Ps. Those are read
     * without stopping anybody, so a goroutine moving between queues at that instant may be
     * missed (Go stops the world for a dump; we do not).
     */
    private List<G> allGoroutines() {
        Set<G> all = Collections.newSetFromMap(new IdentityHashMap<>());
        all.addAll(registry.snapshot());
        synchronized (lock) {
            for (G g = gHead; g != null; g = g.schedLink()) {
                all.add(g);
            }
        }
        for (P p : allp) {
            G c = p.curg();
            if (c != null) {
                all.add(c);
            }
            p.runq.forEachRacy(all::add);
        }
        for (M m : allm) {
            G s = m.syscallG;
            if (s != null) {
                all.add(s); // running in a blocking section, its P handed off
            }
        }
        List<G> list = new ArrayList<>();
        for (G g : all) {
            if (g.status() != G.DEAD) {
                list.add(g);
            }
        }
        list.sort((a, b) -> Long.compare(a.id, b.id));
        return list;
    }

    /**
     * Sets label {@code key} of the calling goroutine to {@code value} (removes it when null);
     * goroutines it spawns from now on inherit its labels. False (and nothing set) when the
     * caller is not a goroutine.
     */
    public static boolean setLabel(String key, String value) {
        G g = callerG();
        if (g == null) {
            return false;
        }
        g.setLabel(key, value);
        return true;
    }

    /** The calling goroutine's labels (unmodifiable, sorted by key); empty on a plain thread. */
    public static Map<String, String> labels() {
        G g = callerG();
        return g == null ? Collections.emptyMap() : g.lineage().labels;
    }

    /** The goroutine running on the calling carrier, of whichever runtime; null on a plain thread. */
    private static G callerG() {
        Thread t = Thread.currentThread();
        return t instanceof M ? ((M) t).curg() : null;
    }

    /**
     * Called by a carrier thread before it blocks outside the scheduler's control (a thread-style
     * wait inside a goroutine's untransformed code, a blocking system call): its P is handed to
     * another M meanwhile. Pair with {@link #exitBlocking()}. No-op on plain threads.
     */
    public static void enterBlocking() {
        Thread t = Thread.currentThread();
        if (t instanceof M) {
            ((M) t).sched.entersyscall((M) t);
        }
    }

    /** Ends a {@link #enterBlocking()} section: the carrier takes a P back if one is idle. */
    public static void exitBlocking() {
        Thread t = Thread.currentThread();
        if (t instanceof M) {
            ((M) t).sched.exitsyscall((M) t);
        }
    }

    /** A bound plain thread was woken (see {@link BubbleWait}). */
    void boundThreadUnblocks() {
        synchronized (lock) {
            bubble.threadUnblocks();
            activity++;
        }
    }

    /** A bound plain thread enters a wait (see {@link BubbleWait}): the bubble may be all blocked now. */
    void boundThreadBlocks() {
        synchronized (lock) {
            bubble.threadBlocks();
            if (nmidle == mcount) {
                wakeSysmon(); // the monitor decides: jump the clock, or report everything stuck
            }
        }
    }

    /** True when the calling thread is one of the scheduler's carriers. */
    public static boolean onCarrier() {
        return Thread.currentThread() instanceof M;
    }

    /**
     * The suspending twin of gosched and what preempted loops call: parks the current goroutine
     * and puts it on the global run queue once its frames have unwound.
     */
    public static Object gosched(Frame<?> frame) {
        Thread t = Thread.currentThread();
        G g = Frames.access().goroutine(frame);
        if (!(t instanceof M) || g == null || ((M) t).curgId != g.id) {
            return null; // not running as a goroutine on a carrier: nothing to yield
        }
        WaitReason reason = WaitReason.YIELD;
        if (g.preempt) {
            g.preempt = false;
            reason = WaitReason.PREEMPTED;
        }
        g.parkUnregistered(frame, reason);
        ((M) t).yieldGlobal = true;
        return Frame.SUSPENDED;
    }

    // ---------------------------------------------------------------------------------------
    // Test support (package-private): states tests wait for through a SchedObserver.

    /** Every M parked, no goroutine queued globally, no P orphaned. */
    boolean quiescent() {
        synchronized (lock) {
            return quiescentLocked();
        }
    }

    /** Lock held: every M parked, no goroutine queued globally, no P orphaned, no local work. */
    boolean quiescentLocked() {
        if (nmidle != mcount || !orphans.isEmpty() || gSize != 0) {
            return false;
        }
        for (P p : allp) {
            if (!p.runq.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Ps on the idle list now (racy). */
    int idleProcs() {
        return npidle;
    }

    /** The scheduler's counters and queues, for diagnosing a stuck runtime (like GODEBUG=schedtrace). */
    public String schedTrace() {
        StringBuilder sb = new StringBuilder();
        synchronized (lock) {
            sb.append("SCHED gomaxprocs=").append(allp.length).append(" idleprocs=").append(npidle)
                    .append(" threads=").append(mcount).append(" idlethreads=").append(nmidle)
                    .append(" spinningthreads=").append(nmspinning.get()).append(" runqueue=")
                    .append(gSize).append(" orphans=").append(orphans.size())
                    .append(" timerSleeper=").append(timerSleeper == null ? "-" : timerSleeper.getName())
                    .append('\n');
            for (P p : allp) {
                M m = p.m;
                sb.append("  ").append(p).append(": runq=").append(p.runq.size()).append(" idle=")
                        .append(p.idle).append(" m=").append(m == null ? "-" : m.getName())
                        .append(m == null ? "" : " (" + m.getState() + ")").append(" timers=")
                        .append(p.timers.size()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Sum of pending timers over every P (for tests). */
    int pendingTimers() {
        int n = 0;
        for (P p : allp) {
            n += p.timers.size();
        }
        return n;
    }

    // ---------------------------------------------------------------------------------------
    // Readying and run queues

    void ready(G g) {
        if (closed) {
            return; // a closed runtime runs nothing again
        }
        M m = carrier();
        P p = m != null ? m.p : null;
        if (p != null) {
            runqput(p, g, !m.firingTimers);
            wakep();
            return;
        }
        globrunqput(g);
        wakep();
    }

    /** Owner only. {@code next}: g runs next (Go's runnext), displacing the previous one to the tail. */
    private void runqput(P p, G g, boolean next) {
        if (next) {
            g = p.runq.putNext(g);
            if (g == null) {
                return;
            }
        }
        while (!p.runq.offer(g)) {
            if (runqputslow(p, g)) {
                return;
            }
        }
    }

    /** The local ring is full: move half of it, and g, to the global queue. */
    private boolean runqputslow(P p, G g) {
        G first = p.runq.takeHalfForOverflow(g);
        if (first == null) {
            return false;
        }
        synchronized (lock) {
            globrunqputbatch(first, g, RunQueue.SIZE / 2 + 1);
        }
        return true;
    }

    void globrunqput(G g) {
        synchronized (lock) {
            globrunqputbatch(g, g, 1);
        }
    }

    /** Lock held. */
    private void globrunqputbatch(G first, G last, int n) {
        last.setSchedLink(null);
        if (gTail == null) {
            gHead = first;
        } else {
            gTail.setSchedLink(first);
        }
        gTail = last;
        gSize += n;
    }

    /**
     * Lock held. Takes a batch from the global queue into p's local queue and returns one to run
     * (Go's globrunqget): a fair share, at most {@code max} (0: no limit but half a ring).
     */
    private G globrunqget(P p, int max) {
        int size = gSize;
        if (size == 0) {
            return null;
        }
        int n = Math.min(size, size / allp.length + 1);
        if (max > 0 && n > max) {
            n = max;
        }
        n = Math.min(n, RunQueue.SIZE / 2);
        // Walk the batch with a local cursor and store the new head once: gHead lives in this
        // long-lived object, and G1 fences every reference stored into an old one.
        G g = gHead;
        G rest = g.schedLink();
        g.setSchedLink(null);
        int taken = 1;
        while (taken < n) {
            G more = rest;
            G after = more.schedLink();
            more.setSchedLink(null); // before the offer: once in the ring a thief may run it
            if (!p.runq.offer(more)) {
                more.setSchedLink(after); // should not happen (we take half a ring at most)
                break;
            }
            rest = after;
            taken++;
        }
        gHead = rest;
        if (rest == null) {
            gTail = null;
        }
        // One volatile store for the batch: each one is a full fence, and a decrement needs none
        // (a racy reader that sees the old size only takes the lock for nothing). The increments
        // in globrunqputbatch keep theirs: they pair with the spinning Ms' re-check.
        gSize -= taken;
        return g;
    }

    // ---------------------------------------------------------------------------------------
    // Idle lists (lock held)

    private void pidleput(P p) {
        if (p.retired) {
            return; // retired Ps are dropped, never reused
        }
        p.m = null;
        p.idle = true;
        p.idleLink = pidle;
        pidle = p;
        npidle++;
    }

    private P pidleget() {
        P p = pidle;
        if (p != null) {
            pidle = p.idleLink;
            p.idleLink = null;
            p.idle = false;
            npidle--;
        }
        return p;
    }

    /** Removes a specific idle P. */
    private void pidleremove(P target) {
        P prev = null;
        for (P p = pidle; p != null; prev = p, p = p.idleLink) {
            if (p == target) {
                if (prev == null) {
                    pidle = p.idleLink;
                } else {
                    prev.idleLink = p.idleLink;
                }
                p.idleLink = null;
                p.idle = false;
                npidle--;
                return;
            }
        }
    }

    private void mput(M m) {
        observer.carrierParked();
        m.idle = true;
        m.idleLink = midle;
        midle = m;
        nmidle++;
        if (bubble != null && nmidle == mcount) {
            bubble.quiescent();
            wakeSysmon(); // the last carrier parked: the monitor may jump the clock
        }
    }

    /** Takes an idle M, preferring one that is not the timer sleeper. */
    private M mget() {
        M prev = null;
        M pick = null;
        M pickPrev = null;
        for (M m = midle; m != null; prev = m, m = m.idleLink) {
            pick = m;
            pickPrev = prev;
            if (m != timerSleeper) {
                break;
            }
        }
        if (pick != null) {
            munlink(pick, pickPrev);
        }
        return pick;
    }

    private void mremove(M target) {
        M prev = null;
        for (M m = midle; m != null; prev = m, m = m.idleLink) {
            if (m == target) {
                munlink(m, prev);
                return;
            }
        }
    }

    private void munlink(M m, M prev) {
        if (prev == null) {
            midle = m.idleLink;
        } else {
            prev.idleLink = m.idleLink;
        }
        m.idleLink = null;
        m.idle = false;
        nmidle--;
        activity++;
        if (sysmonWait) {
            sysmonWait = false;
            coarseNanos = nanoTime(); // the monitor idled: its last tick is old
            wakeSysmon();
        }
    }

    // ---------------------------------------------------------------------------------------
    // Starting and stopping Ms

    /** Wakes an M to run goroutines if there is an idle P and nobody is already looking. */
    void wakep() {
        if (npidle == 0) {
            return;
        }
        if (nmspinning.get() != 0 || !nmspinning.compareAndSet(0, 1)) {
            return;
        }
        startm(null, true);
    }

    /**
     * Gives P {@code p} (or an idle one) to an idle or new M. With {@code spinning}, the caller
     * has already counted it in nmspinning; that count is undone if no P is idle.
     */
    private void startm(P p, boolean spinning) {
        M m;
        boolean create = false;
        synchronized (lock) {
            if (p == null) {
                p = pidleget();
                if (p == null) {
                    if (spinning) {
                        nmspinning.decrementAndGet();
                    }
                    return;
                }
            }
            m = mget();
            if (m == null) {
                if (mcount >= maxCarriers || closed) {
                    // No new thread: p stays idle until a carrier comes back from a blocking
                    // section (exitsyscall takes an idle P) or looks for work (steals from it).
                    pidleput(p);
                    if (spinning) {
                        nmspinning.decrementAndGet();
                    }
                    return;
                }
                create = true;
                mcount++;
                m = new M(this, name + "-m" + mnext++);
                M[] more = Arrays.copyOf(allm, allm.length + 1);
                more[allm.length] = m;
                allm = more;
                activity++;
                if (sysmonWait) {
                    sysmonWait = false;
                    coarseNanos = nanoTime(); // the monitor idled: its last tick is old
                    wakeSysmon();
                }
            }
            m.nextp = p;
            m.spinning = spinning;
        }
        if (create) {
            m.start();
        } else {
            m.wakeup();
        }
    }

    /** Entry of a new M: take the P it was given, then schedule until the M must end. */
    void mstart(M m) {
        synchronized (lock) {
            P p = m.nextp;
            m.nextp = null;
            acquirep(m, p);
        }
        while (!m.ending) {
            schedule(m);
        }
    }

    /**
     * Lock held. Ends m, which holds no P and is on no idle list: it leaves the counts, and what it
     * counted of spawns and exits moves to the shared counter. The M's thread returns from
     * {@link #mstart} when it sees {@code ending}.
     */
    private void mexit(M m) {
        m.ending = true;
        mcount--;
        liveOffCarrier.addAndGet(m.liveDelta());
        endedRuns += m.runs;
        endedExits += m.exits();
        endedSteals += m.steals;
        endedTimersFired += m.timersFired;
        endedHandoffs += m.handoffs;
        M[] cur = allm;
        M[] less = new M[cur.length - 1];
        for (int i = 0, j = 0; i < cur.length; i++) {
            if (cur[i] != m) {
                less[j++] = cur[i];
            }
        }
        allm = less;
        observer.carrierParked();
    }

    private static void acquirep(M m, P p) {
        m.p = p;
        if (p != null) {
            p.m = m;
        }
    }

    /** One round of the scheduler: find a goroutine and run it. Locals die at return. */
    private void schedule(M m) {
        G gp = findRunnable(m);
        if (gp == null) {
            return; // m is ending
        }
        if (m.spinning) {
            m.spinning = false;
            if (nmspinning.decrementAndGet() == 0) {
                wakep(); // we were the last spinner: let another M look for more work
            }
        }
        execute(m, gp);
    }

    private void execute(M m, G gp) {
        P p = m.p;
        if (!m.inheritTime) {
            p.schedtick++;
        }
        p.setCurg(gp);
        m.curgId = gp.id;
        m.runs++;
        // A fresh slice clears a stale request; an inherited one keeps it (the monitor asked
        // for the slice to end, whichever goroutine of it sees the request first yields).
        if (gp.preempt && !m.inheritTime) {
            gp.preempt = false;
        }
        gp.run();
        m.curgId = 0;
        m.syscallG = null;
        P now = m.p; // may differ from p: enterBlocking/exitBlocking inside the goroutine
        if (now != null) {
            now.setCurg(null);
        }
        if (m.yieldGlobal) {
            m.yieldGlobal = false;
            gp.clearWaitReason();
            gp.setStatus(G.RUNNABLE);
            globrunqput(gp);
            wakep();
        }
    }

    /**
     * Finds a goroutine to run, returning with m holding a (non-retired) P. Parks the M when
     * there is nothing to do. Returns null when m must end (the runtime closed, or m was idle
     * too long), having released its P.
     */
    private G findRunnable(M m) {
        for (;;) {
            if (closed || m.ending) {
                releaseForExit(m);
                return null;
            }
            P p = m.p;
            if (p == null) {
                P got;
                synchronized (lock) {
                    got = pidleget();
                }
                if (got == null) {
                    if (m.spinning) {
                        // Our P was retired (GOMAXPROCS shrank) while we spun. Stop counting as a
                        // spinner before parking: wakep() starts no M while nmspinning > 0, so a
                        // parked "spinner" would leave new work runnable forever.
                        m.spinning = false;
                        nmspinning.decrementAndGet();
                        if (recheckAfterSpinning(m)) {
                            continue;
                        }
                    }
                    stopm(m, earliestTimer());
                    continue;
                }
                acquirep(m, got);
                p = got;
            }
            if (p.retired) {
                dropRetired(m);
                continue;
            }
            if (p.timers.minWhen != Long.MAX_VALUE) {
                runTimers(m, p.timers, p);
            }
            if (seededSchedule()) {
                G g = seededPick(p);
                if (g != null) {
                    m.inheritTime = false;
                    return g;
                }
            }
            // Fairness: now and then take from the global queue first.
            if (p.schedtick % 61 == 0 && gSize > 0) {
                G g;
                synchronized (lock) {
                    g = globrunqget(p, 1);
                }
                if (g != null) {
                    m.inheritTime = false;
                    return g;
                }
            }
            // runnext first: the goroutine readied or spawned by the one that just ran. It
            // inherits the time slice (no schedtick++), so a pair handing off through runnext
            // looks like one long slice to the monitor, which then sets sliceExpired.
            G g;
            if (p.sliceExpired) {
                p.sliceExpired = false;
                G next = p.runq.takeNext();
                if (next != null) {
                    runqput(p, next, false); // to the tail: the others go first
                }
            } else {
                g = p.runq.takeNext();
                if (g != null) {
                    m.inheritTime = true;
                    return g;
                }
            }
            g = p.runq.getFromRing();
            if (g != null) {
                m.inheritTime = false;
                return g;
            }
            if (gSize > 0) {
                synchronized (lock) {
                    g = globrunqget(p, 0);
                }
                if (g != null) {
                    m.inheritTime = false;
                    return g;
                }
            }
            g = runOthersTimers(m, p);
            if (g != null) {
                return g;
            }
            // Steal, spinning (bounded number of spinners: Go's 2*nmspinning < busy Ps).
            if (m.spinning || 2 * nmspinning.get() < allp.length - npidle) {
                if (!m.spinning) {
                    m.spinning = true;
                    nmspinning.incrementAndGet();
                }
                g = spin(m, p);
                if (g != null) {
                    m.inheritTime = false;
                    return g;
                }
            }
            // Nothing: give up the P.
            synchronized (lock) {
                if (gSize > 0) {
                    g = globrunqget(p, 0);
                    m.inheritTime = false;
                    return g;
                }
                if (p.retired) {
                    continue;
                }
                p.setCurg(null);
                m.p = null;
                pidleput(p);
            }
            if (m.spinning) {
                m.spinning = false;
                nmspinning.decrementAndGet();
                // No lost wake-up: we decremented nmspinning (seq-cst), now look again at every
                // place work can appear. A producer that published before our decrement is seen
                // here; one that publishes after it sees nmspinning == 0 and calls startm.
                if (recheckAfterSpinning(m)) {
                    continue;
                }
            }
            stopm(m, earliestTimer());
        }
    }

    /** m ends: let go of its P and its place in the counts. */
    private void releaseForExit(M m) {
        if (m.spinning) {
            m.spinning = false;
            nmspinning.decrementAndGet();
        }
        synchronized (lock) {
            P p = m.p;
            if (p != null) {
                p.setCurg(null);
                m.p = null;
                p.m = null;
                if (!closed) {
                    pidleput(p);
                }
            }
            if (!m.ending) {
                mexit(m);
            }
        }
    }

    /**
     * Seeded schedule (one P): takes every queued goroutine and runs one chosen by the seed; the
     * others go back in their order. Owner of p only.
     */
    private G seededPick(P p) {
        List<G> all = Bubble.drain(p.runq, Bubble.newList());
        if (gSize > 0) {
            synchronized (lock) {
                for (G g = gHead; g != null;) {
                    G n = g.schedLink();
                    g.setSchedLink(null);
                    all.add(g);
                    g = n;
                }
                gHead = null;
                gTail = null;
                gSize = 0;
            }
        }
        if (all.isEmpty()) {
            return null;
        }
        G pick = all.remove(bubble.choose(all.size()));
        for (G g : all) {
            if (!p.runq.offer(g)) {
                globrunqput(g);
            }
        }
        return pick;
    }

    /** Returns true if it found work and took an idle P (m is spinning again). */
    private boolean recheckAfterSpinning(M m) {
        boolean work = gSize > 0;
        if (!work) {
            for (P pp : allp) {
                if (!pp.runq.isEmpty()) {
                    work = true;
                    break;
                }
            }
        }
        if (!work && earliestTimer() - nanoTime() <= 0) {
            work = true;
        }
        if (!work) {
            return false;
        }
        P got;
        synchronized (lock) {
            got = pidleget();
        }
        if (got == null) {
            return false; // every P is busy: their Ms will find the work
        }
        acquirep(m, got);
        m.spinning = true;
        nmspinning.incrementAndGet();
        return true;
    }

    /** Spins for a short while stealing from other Ps and checking the global queue. */
    private G spin(M m, P p) {
        long start = System.nanoTime();
        for (int round = 0;; round++) {
            P[] ps = allp;
            int n = ps.length;
            int off = n > 1 ? ThreadLocalRandom.current().nextInt(n) : 0;
            boolean lastRounds = round >= 3;
            for (int i = 0; i < n; i++) {
                P v = ps[(off + i) % n];
                if (v == p) {
                    continue;
                }
                if (p.retired) {
                    return null; // GOMAXPROCS shrank or the monitor replaced p: stop using it
                }
                // Take a victim's runnext only late, after giving its owner a chance to run it.
                G g = p.runq.stealFrom(v.runq, lastRounds && v.m != null);
                if (g != null) {
                    m.steals++;
                    return g;
                }
            }
            if (gSize > 0) {
                G g;
                synchronized (lock) {
                    g = globrunqget(p, 0);
                }
                if (g != null) {
                    return g;
                }
            }
            G g = runOthersTimers(m, p);
            if (g != null) {
                return g;
            }
            if (p.retired) {
                return null;
            }
            if (round >= 4 && System.nanoTime() - start > SPIN_NANOS) {
                return null;
            }
            for (int k = 0; k < 50; k++) {
                Thread.onSpinWait();
            }
        }
    }

    /** Fires due timers of this and other Ps; returns a goroutine readied to run, or null. */
    private G runOthersTimers(M m, P p) {
        if (p.retired) {
            return null;
        }
        P[] ps = allp;
        boolean any = false;
        for (P v : ps) {
            if (v.timers.minWhen != Long.MAX_VALUE) {
                any = true;
                break;
            }
        }
        if (!any) {
            return null;
        }
        long now = nanoTime();
        for (P v : ps) {
            if (v.timers.minWhen - now <= 0) {
                runTimers(m, v.timers, p);
            }
        }
        G g = p.runq.get();
        if (g != null) {
            m.inheritTime = false;
        }
        return g;
    }

    /**
     * Fires the due timers of {@code heap}; goroutines they ready go to the tail of p's queue in
     * deadline order. Fires no more than fit in p's ring, so that order survives.
     */
    private void runTimers(M m, TimerHeap heap, P p) {
        long now = nanoTime();
        if (heap.minWhen - now > 0) {
            return;
        }
        int room = RunQueue.SIZE - 2 - p.runq.size();
        if (room <= 0) {
            return;
        }
        RuntimeTimer[] out = m.expired;
        int k = heap.popExpired(now, out, Math.min(room, out.length));
        m.timersFired += k;
        m.firingTimers = true;
        try {
            for (int i = 0; i < k; i++) {
                RuntimeTimer t = out[i];
                out[i] = null;
                try {
                    t.fire();
                } catch (Throwable e) {
                    timerPanic(t, e);
                }
            }
        } finally {
            m.firingTimers = false;
        }
    }

    /**
     * Parks m (which holds no P) until it is given a P or, as the timer sleeper, until
     * {@code pollUntil}.
     */
    private void stopm(M m, long pollUntil) {
        boolean sleeper = false;
        long keepAliveUntil = 0;
        synchronized (lock) {
            if (closed) {
                return;
            }
            mput(m);
            if (bubble != null) {
                pollUntil = Long.MAX_VALUE; // virtual time: the monitor moves the clock, nobody sleeps on it
            }
            if (pollUntil != Long.MAX_VALUE && (timerSleeper == null || pollUntil - timerSleepUntil < 0)) {
                timerSleeper = m;
                timerSleepUntil = pollUntil;
                sleeper = true;
            } else if (mcount > allp.length) {
                // A surplus carrier (left by blocking sections): it ends if nobody needs it for a while.
                keepAliveUntil = Math.max(System.nanoTime() + carrierKeepAliveNanos, 1);
            }
        }
        if (sleeper) {
            // Re-read the heaps after publishing timerSleepUntil: an earlier timer started
            // concurrently either sees us as sleeper (and wakes us) or is seen here.
            long e = earliestTimer();
            if (e - pollUntil < 0) {
                pollUntil = e;
                synchronized (lock) {
                    if (timerSleeper == m) {
                        timerSleepUntil = e;
                    }
                }
            }
        }
        m.sleepUntil(sleeper ? Math.max(pollUntil, 1) : keepAliveUntil);
        synchronized (lock) {
            if (timerSleeper == m) {
                timerSleeper = null;
                timerSleepUntil = Long.MAX_VALUE;
            }
            if (m.idle) {
                mremove(m); // woke by itself (deadline, or a timer wake-up): no P given
                if (keepAliveUntil != 0 && m.nextp == null && mcount > allp.length
                        && System.nanoTime() - keepAliveUntil >= 0) {
                    mexit(m);
                    return;
                }
            }
            P p = m.nextp;
            m.nextp = null;
            if (p != null) {
                acquirep(m, p);
            }
        }
    }

    /** The P m holds was retired: hand what is left in it to the global queue and let it go. */
    private void dropRetired(M m) {
        P p = m.p;
        G first = null;
        G last = null;
        int n = 0;
        for (G g; (g = p.runq.get()) != null;) {
            if (first == null) {
                first = g;
            } else {
                last.setSchedLink(g);
            }
            last = g;
            n++;
        }
        synchronized (lock) {
            if (n > 0) {
                globrunqputbatch(first, last, n);
            }
            orphans.remove(p);
            p.m = null;
            p.setCurg(null);
            m.p = null;
        }
        if (p.destroyed) {
            p.timers.moveAllTo(allp[0].timers);
            notifyTimer(earliestTimer());
        }
        if (n > 0) {
            wakep();
        }
    }

    /** Hands off P p, which its M is giving up while it still has a goroutine to finish. */
    private void handoffp(P p) {
        if (p.retired) {
            return;
        }
        if (!p.runq.isEmpty() || gSize > 0) {
            startm(p, false);
            return;
        }
        if (nmspinning.get() + npidle == 0 && nmspinning.compareAndSet(0, 1)) {
            startm(p, true); // nobody looks for work: be sure someone does
            return;
        }
        synchronized (lock) {
            if (gSize == 0 && p.runq.isEmpty()) {
                pidleput(p);
                p = null;
            }
        }
        if (p != null) {
            startm(p, false);
            return;
        }
        notifyTimer(earliestTimer());
    }

    private void entersyscall(M m) {
        if (m.blocking++ > 0) {
            return;
        }
        P p = m.p;
        if (p == null) {
            return;
        }
        m.syscallG = p.curg();
        p.setCurg(null);
        if (p.retired) {
            dropRetired(m);
            return;
        }
        synchronized (lock) {
            p.m = null;
            m.p = null;
        }
        m.oldp = p;
        m.handoffs++;
        JfrEvents.handoff(this, m.syscallG, p, false);
        handoffp(p);
    }

    private void exitsyscall(M m) {
        if (m.blocking == 0 || --m.blocking > 0) {
            return;
        }
        P old = m.oldp;
        m.oldp = null;
        P got = null;
        synchronized (lock) {
            if (old != null && old.idle) {
                pidleremove(old);
                got = old;
            } else {
                got = pidleget();
            }
            if (got != null) {
                acquirep(m, got);
            }
        }
        if (got != null) {
            got.schedtick++;
            got.setCurg(m.syscallG);
        }
        // else: run on without a P until the goroutine suspends (readies go global meanwhile)
    }

    // ---------------------------------------------------------------------------------------
    // Timers

    void addTimer(RuntimeTimer t) {
        M m = carrier();
        P p = m != null ? m.p : null;
        boolean own = p != null;
        if (p == null) {
            P[] ps = allp;
            p = ps[(int) (Thread.currentThread().getId() % ps.length)];
        }
        boolean earliest = p.timers.add(t);
        if (p.destroyed) {
            // GOMAXPROCS shrank under us and p's timers were (or are being) moved away: follow
            // them. `destroyed` is set before the move takes the heap lock, so an add that came
            // after the move sees it here.
            p.timers.moveAllTo(allp[0].timers);
            notifyTimer(earliestTimer());
            return;
        }
        if (earliest && !own) {
            notifyTimer(t.when);
        }
    }

    /** Makes sure some M will look at the timers by {@code when}. */
    private void notifyTimer(long when) {
        if (when == Long.MAX_VALUE) {
            return;
        }
        // Dekker with stopm (publish timerSleepUntil, then re-read the heaps): our caller's heap
        // write (minWhen, a release store) must be visible before we read timerSleepUntil.
        VarHandle.fullFence();
        if (when - timerSleepUntil >= 0 && timerSleepUntil != Long.MAX_VALUE) {
            return; // the sleeper wakes up earlier anyway
        }
        synchronized (lock) {
            M s = timerSleeper;
            if (s != null) {
                if (when - timerSleepUntil < 0) {
                    timerSleepUntil = when;
                    s.wakeup(); // it recomputes its deadline
                }
                return;
            }
        }
        wakep();
    }

    long earliestTimer() {
        long min = Long.MAX_VALUE;
        for (P p : allp) {
            long w = p.timers.minWhen;
            if (w != Long.MAX_VALUE && (min == Long.MAX_VALUE || w - min < 0)) {
                min = w;
            }
        }
        return min;
    }

    private void timerPanic(RuntimeTimer t, Throwable e) {
        if (!host.handlePanic(0, e)) {
            host.unobservedPanic(0, e);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Goroutine end, panics

    void exited(G g, Object result, Throwable error) {
        JfrEvents.end(g, error);
        if (g.registered()) {
            registry.remove(g);
        }
        M m = carrier();
        if (m != null) {
            m.countExit();
        } else {
            liveOffCarrier.decrementAndGet(); // a goroutine run by hand (tests)
        }
        if (error instanceof Goexit) {
            error = g.onExit() == null ? null : new IllegalStateException("goroutine " + g.id
                    + " called Jgo.goexit() instead of returning a result");
        }
        BiConsumer<Object, Throwable> onExit = g.onExit();
        if (onExit != null) {
            onExit.accept(result, error);
        } else if (error != null) {
            panic(g, error);
        }
    }

    /**
     * An unrecovered panic of a goroutine nobody waits for: the user's handler if there is one,
     * else it fails its own root (or, as in Go, every root), else it is reported as unobserved.
     */
    private void panic(G g, Throwable error) {
        JfrEvents.panic(g, error);
        if (host.handlePanic(g.id, error)) {
            return;
        }
        if (panicEndsAll) {
            List<Root> roots;
            synchronized (lock) {
                roots = new ArrayList<>(pendingRoots.values());
            }
            RuntimeException e = host.panicked(g.id, error);
            boolean failed = false;
            for (Root r : roots) {
                failed |= r.future.completeExceptionally(e);
            }
            if (!failed) {
                host.unobservedPanic(g.id, error);
            }
            return;
        }
        Root r = g.root;
        if (r.future == null || !r.future.completeExceptionally(host.panicked(g.id, error))) {
            host.unobservedPanic(g.id, error);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Dumps

    /**
     * Go-style dump of every goroutine: {@code goroutine 7 [chan receive, 3 minutes]:}, its frames
     * (a running one's carrier stack), then {@code created by ...}.
     */
    public String dump() {
        Map<G, Thread> carriers = runningCarriers();
        long now = nanoTime();
        List<G> gs = allGoroutines();
        // Every status is read at once, before any carrier's stack is taken (a handshake with
        // that thread, which takes a while): the states printed are one snapshot's.
        int[] status = new int[gs.size()];
        for (int i = 0; i < status.length; i++) {
            status[i] = gs.get(i).status();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < status.length; i++) {
            G g = gs.get(i);
            if (status[i] != G.DEAD) {
                GoroutineDump.describe(g, status[i], sb, now, carriers.get(g));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * The grouped dump (pprof's {@code goroutine?debug=1}): goroutines with the same state,
     * labels, frames and creation site counted in one entry.
     */
    public String dumpGrouped() {
        Map<G, Thread> carriers = runningCarriers();
        return GoroutineDump.grouped(allGoroutines(), carriers);
    }

    /** The carrier of each goroutine running now (a racy snapshot of the Ps' owners). */
    private Map<G, Thread> runningCarriers() {
        Map<G, Thread> out = new IdentityHashMap<>();
        for (P p : allp) {
            G c = p.curg();
            M m = p.m;
            if (c != null && m != null) {
                out.put(c, m);
            }
        }
        for (M m : allm) {
            G s = m.syscallG;
            if (s != null) {
                out.put(s, m); // in a blocking section: its P was handed off
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------
    // The monitor: preemption, retaking Ps of stuck Ms, deadlock detection

    private void wakeSysmon() {
        sysmonNotified = true;
        LockSupport.unpark(sysmon);
    }

    private void sysmonSleep(long nanos) {
        long deadline = nanos == 0 ? 0 : System.nanoTime() + nanos;
        while (!sysmonNotified) {
            Thread.interrupted(); // an interrupt would make park return at once: never spin
            if (deadline == 0) {
                LockSupport.park(this);
            } else {
                long rest = deadline - System.nanoTime();
                if (rest <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, rest);
            }
        }
        sysmonNotified = false;
    }

    private void sysmonLoop() {
        long delay = SYSMON_MIN_NANOS;
        long checkDelay = DeadlockDetector.IDLE_FIRST_CHECK_NANOS;
        nextTrace = System.nanoTime() + schedTraceNanos;
        while (!closed) {
            traceIfDue();
            boolean allIdle;
            long epoch;
            boolean rootsPending;
            synchronized (lock) {
                allIdle = nmidle == mcount && orphans.isEmpty();
                epoch = activity;
                rootsPending = !pendingRoots.isEmpty();
                // The proof costs a full GC: back off while the same roots wait (a server whose
                // main goroutine waits on outside events must not collect every few ms), and
                // start again quickly for a new root.
                if (runsStarted != seenRunsStarted) {
                    seenRunsStarted = runsStarted;
                    checkDelay = DeadlockDetector.IDLE_FIRST_CHECK_NANOS;
                }
                if (allIdle) {
                    sysmonWait = true;
                }
            }
            if (allIdle && bubble != null && bubbleStep()) {
                continue; // the clock jumped: the carriers run what it made due
            }
            if (allIdle) {
                // Everything is parked: use no CPU. Wake up only to look for a deadlock when a
                // root waits and no timer can wake anybody.
                boolean check = rootsPending && earliestTimer() == Long.MAX_VALUE;
                long sleep = check ? checkDelay : 0;
                if (schedTraceNanos > 0 && check) {
                    // A schedtrace wakes the monitor before the check is due: keep the check's
                    // deadline across those wake-ups while nothing happens.
                    long t = System.nanoTime();
                    if (idleCheckEpoch != epoch || idleCheckAt == 0) {
                        idleCheckEpoch = epoch;
                        idleCheckAt = t + checkDelay;
                    }
                    sleep = Math.max(1, idleCheckAt - t);
                }
                sysmonSleep(untilTrace(sleep));
                coarseNanos = nanoTime();
                boolean quiet;
                synchronized (lock) {
                    sysmonWait = false;
                    quiet = activity == epoch;
                }
                boolean due = schedTraceNanos == 0 || System.nanoTime() - idleCheckAt >= 0;
                if (check && quiet && !closed && due) {
                    idleCheckAt = 0;
                    if (!idleDeadlockCheck(epoch)) {
                        checkDelay = Math.min(checkDelay * 2, DeadlockDetector.MAX_CHECK_NANOS);
                    }
                }
                delay = SYSMON_MIN_NANOS;
                continue;
            }
            sysmonSleep(untilTrace(delay));
            coarseNanos = nanoTime();
            long now = System.nanoTime();
            boolean acted = retake(now);
            if (busyDeadlockCheck) {
                detector.busyTick(now);
            }
            delay = acted ? SYSMON_MIN_NANOS : Math.min(delay * 2, SYSMON_MAX_NANOS);
        }
    }

    /** Monitor: logs the schedtrace when it is due (see {@link Options#schedTraceMillis}). */
    private void traceIfDue() {
        if (schedTraceNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - nextTrace >= 0) {
            String t = schedTrace();
            SCHEDTRACE_LOG.log(System.Logger.Level.INFO, t.endsWith("\n") ? t.substring(0, t.length() - 1) : t);
            nextTrace = now + schedTraceNanos;
        }
    }

    /** Monitor: {@code nanos} (0 = no limit) cut to when the next schedtrace is due. */
    private long untilTrace(long nanos) {
        if (schedTraceNanos == 0) {
            return nanos;
        }
        long rest = Math.max(1, nextTrace - System.nanoTime());
        return nanos == 0 ? rest : Math.min(nanos, rest);
    }

    /** True if this runtime makes its scheduling choices from a seed. */
    private boolean seededSchedule() {
        return bubble != null && bubble.seeded();
    }

    /**
     * Monitor, test mode, every carrier parked: if every bound thread is blocked too, jumps the
     * clock to the earliest timer and starts a carrier to fire it (true), or, with no timer
     * pending, tells the listener that everything is stuck (once per state).
     */
    private boolean bubbleStep() {
        Runnable stuck = null;
        synchronized (lock) {
            if (closed || !quiescentLocked() || !bubble.threadsBlocked() || waitsOutside()) {
                return false;
            }
            long e = earliestTimer();
            if (e != Long.MAX_VALUE) {
                bubble.advanceTo(e);
                coarseNanos = bubble.nanoTime();
                activity++;
                startTimerRunner();
                return true;
            }
            // Stuck means something waits: a bound thread or a goroutine (not a runtime with
            // nothing started yet, or whose work all ended).
            if ((bubble.anyThreadBlocked() || numGoroutine() > 0) && bubble.firstReportOf(activity)) {
                stuck = bubble.onStuck;
            }
        }
        if (stuck != null) {
            stuck.run();
        }
        return false;
    }

    /**
     * True if some goroutine waits for something outside the runtime (a future, with
     * {@code Jgo.await}): it is not durably blocked, so virtual time must not jump past it.
     */
    private boolean waitsOutside() {
        for (G g : registry.snapshot()) {
            if (g.status() == G.WAITING && g.waitReason() == WaitReason.AWAIT_FUTURE) {
                return true;
            }
        }
        return false;
    }

    /** Ps retaken from stuck Ms so far (written by the monitor only). */
    private volatile long retakes;
    /** Times the monitor asked a goroutine to yield (written by the monitor only). */
    private volatile long preemptRequests;
    /** Roots proved deadlocked so far. */
    final AtomicLong deadlocksFound = new AtomicLong();
    /** The counters of carriers that ended (lock held to write; see {@link #stats()}). */
    private long endedRuns;
    private long endedExits;
    private long endedSteals;
    private long endedTimersFired;
    private long endedHandoffs;

    /**
     * A snapshot of the scheduler's gauges and counters for monitoring (JMX): read without
     * stopping anybody, each figure may be a little old.
     */
    public Stats stats() {
        Stats st = new Stats();
        synchronized (lock) {
            st.carriers = mcount;
            st.idleCarriers = nmidle;
            st.idleProcs = npidle;
            st.runs = endedRuns;
            st.exits = endedExits;
            st.steals = endedSteals;
            st.timersFired = endedTimersFired;
            st.handoffs = endedHandoffs;
            st.globalRunQueue = gSize;
        }
        for (M m : allm) {
            st.runs += m.runs;
            st.exits += m.exits();
            st.steals += m.steals;
            st.timersFired += m.timersFired;
            st.handoffs += m.handoffs;
        }
        st.handoffs += retakes;
        P[] ps = allp;
        st.gomaxprocs = ps.length;
        st.localRunQueues = new int[ps.length];
        for (int i = 0; i < ps.length; i++) {
            st.localRunQueues[i] = ps[i].runq.size();
        }
        st.spinningCarriers = nmspinning.get();
        st.goroutines = numGoroutine();
        st.preemptRequests = preemptRequests;
        st.deadlocksFound = deadlocksFound.get();
        st.parks = Math.max(0, st.runs - st.exits);
        return st;
    }

    /** See {@link #stats()}. Counters count since the runtime started. */
    public static final class Stats {
        public int goroutines;
        public int gomaxprocs;
        public int carriers;
        public int idleCarriers;
        public int spinningCarriers;
        public int idleProcs;
        public int globalRunQueue;
        public int[] localRunQueues;
        /** Times a carrier started running a goroutine. */
        public long runs;
        /** Times a goroutine stopped running without ending: parks and yields (runs minus ends). */
        public long parks;
        public long exits;
        /** Goroutines taken from another P's run queue. */
        public long steals;
        /** Times the monitor asked a goroutine that ran too long to yield. */
        public long preemptRequests;
        /** Ps handed to another carrier: by a carrier entering a blocking call, or retaken by the monitor. */
        public long handoffs;
        public long timersFired;
        /** Roots proved deadlocked. */
        public long deadlocksFound;
    }

    /** Number of Ps the monitor has retaken from stuck or unresponsive Ms (for tests). */
    long retakes() {
        return retakes;
    }

    /** Preempts long-running goroutines and retakes Ps of stuck Ms. Returns true if it acted. */
    private boolean retake(long now) {
        boolean acted = false;
        List<P> ps = new ArrayList<>(Arrays.asList(allp));
        List<P> orph;
        synchronized (lock) {
            orph = new ArrayList<>(orphans);
        }
        ps.addAll(orph);
        for (P p : ps) {
            M m = p.m;
            G g = p.curg();
            if (g != null) {
                g.root.seenRunningAt = now; // the busy deadlock check leaves active roots alone
            }
            int tick = p.schedtick;
            if (m == null || g == null || tick != p.seenTick) {
                p.seenTick = tick;
                p.seenSince = now;
                p.preemptAskedAt = 0;
                p.preemptAskedOf = null;
                continue;
            }
            long ran = now - p.seenSince;
            // A slice is inherited through runnext, so the goroutine running now may not be the
            // one asked to yield: ask the current one, and time "ignored the request" from then.
            if (ran >= PREEMPT_NANOS && !seededSchedule() && (p.preemptAskedAt == 0
                    || (p.preemptAskedOf != g && now - p.preemptAskedAt >= PREEMPT_NANOS))) {
                g.preempt = true; // the goroutine yields at its next loop back-edge
                preemptRequests++;
                JfrEvents.preemption(g, p);
                p.sliceExpired = true; // and its P stops favouring runnext once
                p.preemptAskedAt = now;
                p.preemptAskedOf = g;
                acted = true;
            }
            if (p.retired || !hasWaitingWork(p, now)) {
                continue;
            }
            Thread.State st = m.getState();
            boolean blocked = st == Thread.State.BLOCKED || st == Thread.State.WAITING
                    || st == Thread.State.TIMED_WAITING;
            boolean ignoredPreempt = p.preemptAskedOf == g && p.preemptAskedAt != 0
                    && now - p.preemptAskedAt >= PREEMPT_NANOS;
            if ((blocked && ran >= RETAKE_BLOCKED_NANOS) || ignoredPreempt) {
                retakeP(p, m);
                acted = true;
            }
        }
        // Orphans keep what their stuck M readies: move it where others can run it.
        for (P p : orph) {
            if (!p.runq.isEmpty()) {
                drainToGlobal(p.runq);
                acted = true;
            }
        }
        if (gSize > 0 && npidle > 0 && nmspinning.get() == 0) {
            wakep();
        }
        // Timers on idle Ps that nobody sleeps for.
        long e = earliestTimer();
        if (e != Long.MAX_VALUE && e - nanoTime() <= 0 && npidle > 0) {
            wakep();
        }
        return acted;
    }

    private final RunQueue sysmonBuffer = new RunQueue();

    private void drainToGlobal(RunQueue victim) {
        for (;;) {
            G g = sysmonBuffer.stealFrom(victim, true);
            if (g == null) {
                return;
            }
            globrunqput(g);
            for (G more; (more = sysmonBuffer.getFromRing()) != null;) {
                globrunqput(more);
            }
            wakep();
        }
    }

    private boolean hasWaitingWork(P p, long now) {
        return !p.runq.isEmpty() || (gSize > 0 && npidle == 0) || p.timers.minWhen - nanoTime() <= 0;
    }

    /** Installs a fresh P in place of p, whose M is stuck, and hands it to another M. */
    private void retakeP(P p, M m) {
        retakes++;
        P np;
        synchronized (lock) {
            P[] cur = allp;
            if (p.retired || p.m != m || p.id >= cur.length || cur[p.id] != p) {
                return;
            }
            np = new P(p.id, p.timers);
            P[] next = cur.clone();
            next[p.id] = np;
            allp = next;
            p.retired = true;
            orphans.add(p);
        }
        // We act as np's owner until we hand it off: move the stuck P's queue into it.
        for (;;) {
            G g = np.runq.stealFrom(p.runq, true);
            if (g == null) {
                break;
            }
            if (!np.runq.offer(g)) {
                globrunqput(g);
                break;
            }
        }
        JfrEvents.handoff(this, p.curg(), np, true);
        handoffp(np);
    }

    /**
     * The check Go makes: with every carrier parked, no goroutine queued and no timer pending,
     * prove which waiting roots can never finish (see {@link DeadlockDetector}). The lock is held
     * throughout, so nothing can start running meanwhile.
     *
     * @return true if it found (and reported) a deadlock
     */
    private boolean idleDeadlockCheck(long epoch) {
        synchronized (lock) {
            if (activity != epoch || nmidle != mcount || !orphans.isEmpty() || gSize != 0
                    || pendingRoots.isEmpty() || earliestTimer() != Long.MAX_VALUE) {
                return false;
            }
            for (P p : allp) {
                if (p.idle) {
                    p.runq.scrub(); // stale slots of an idle ring must not keep a goroutine alive
                }
            }
            return !detector.proveAndFail(new ArrayList<>(pendingRoots.values())).isEmpty();
        }
    }

    /** The roots still waiting for their main goroutine. */
    List<Root> pendingRootsSnapshot() {
        synchronized (lock) {
            return new ArrayList<>(pendingRoots.values());
        }
    }

    /** Monitor only: drops its own bookkeeping references to goroutines before a proof. */
    void forgetMonitorReferences() {
        for (P p : allp) {
            p.preemptAskedOf = null;
        }
    }

    /** {@code n} goroutines were proved unreachable: they will never end, so stop counting them. */
    void forgetCollected(int n) {
        if (n > 0) {
            liveOffCarrier.addAndGet(-n);
        }
    }

    SchedObserver observer() {
        return observer;
    }
}
