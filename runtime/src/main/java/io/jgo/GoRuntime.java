package io.jgo;

import io.jgo.internal.BubbleWait;
import io.jgo.internal.Host;
import io.jgo.internal.Sched;
import io.jgo.runtime.Frame;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;

/**
 * A jgo runtime: its own logical processors (Ps), carrier threads, timers, monitor and
 * goroutines. {@link Jgo#run}, {@link Jgo#go} and {@link Jgo#start} use the runtime of the
 * goroutine that calls them, or, from any other thread, the {@linkplain #defaultRuntime() default
 * runtime}, which is created when first used and lives as long as the JVM. A server, a test or a
 * container that wants its goroutines apart, or wants to stop them, builds its own:
 *
 * <pre>{@code
 * try (GoRuntime rt = GoRuntime.builder().gomaxprocs(4).name("orders").build()) {
 *     int n = rt.run(OrdersGo.handle(request));
 * } // close(): carriers and timers end, waiting runs fail with RuntimeClosedException
 * }</pre>
 *
 * <p><b>Failure domains.</b> Each {@code run} or {@code start} call begins a <em>root</em>: the
 * goroutine it starts and every goroutine that one spawns, transitively. An exception that escapes
 * a fire-and-forget goroutine (a panic) fails its own root, with a
 * {@link GoroutinePanicException}, and no other: other requests go on. {@link PanicPolicy#FAIL_ALL}
 * restores Go's rule, where any panic ends everything. A root whose goroutines can no longer run
 * fails with a {@link DeadlockException} even while other roots keep the runtime busy. A panic
 * that nobody observes (its root already returned, or it came from {@code go} on a plain thread)
 * goes to the {@link Builder#panicHandler panic handler}, else to the default uncaught-exception
 * handler, else to the {@link System.Logger} named {@code io.jgo}.
 *
 * <p>Channels, timers and sync objects are not tied to a runtime: goroutines of two runtimes, and
 * plain threads, may share them.
 */
public final class GoRuntime implements AutoCloseable {
    /** What an unrecovered panic of a goroutine that nobody waits for ends. */
    public enum PanicPolicy {
        /** Only its own root: the {@code run} or {@code start} call its goroutine tree began with. */
        FAIL_ROOT,
        /** Every root that is waiting, as a Go program ends on any panic. */
        FAIL_ALL
    }

    private static final AtomicInteger UNNAMED = new AtomicInteger();
    private static final System.Logger LOG = System.getLogger("io.jgo");

    private static final class DefaultHolder {
        static final GoRuntime DEFAULT = new GoRuntime(new Builder().name("jgo"), true);
    }

    final Sched sched;
    private final boolean isDefault;
    private volatile PanicHandler panicHandler;
    private final PanicHandler panicListener;
    /** This runtime's {@link GoRuntimeMXBean} registration; null if disabled or refused. */
    private final CompletableFuture<ObjectName> mbean;

    private GoRuntime(Builder b, boolean isDefault) {
        this.isDefault = isDefault;
        this.panicHandler = b.panicHandler;
        this.panicListener = b.panicListener;
        Sched.Options o = b.options;
        if (b.name == null) {
            o.name = "jgo-rt" + UNNAMED.incrementAndGet();
        }
        this.sched = new Sched(o, new HostImpl());
        // Off the building thread: the platform MBean server's first start costs a program
        // hundreds of milliseconds of start-up it may never use.
        this.mbean = RuntimeMXBeanImpl.ENABLED
                ? CompletableFuture.supplyAsync(() -> RuntimeMXBeanImpl.register(this, sched))
                : CompletableFuture.completedFuture(null);
    }

    /** A builder for a new runtime. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The runtime {@link Jgo}'s static methods use outside any goroutine. It starts with
     * GOMAXPROCS from the system property {@code jgo.gomaxprocs}, else the environment variable
     * {@code GOMAXPROCS}, else every available processor; its threads are named {@code jgo-m0},
     * {@code jgo-m1}, ... and are daemons. It cannot be closed.
     */
    public static GoRuntime defaultRuntime() {
        return DefaultHolder.DEFAULT;
    }

    /**
     * The runtime of the goroutine calling this; on a plain thread, the runtime the thread is
     * {@linkplain #bindCurrentThread() bound to}, else the default runtime.
     */
    public static GoRuntime current() {
        return ((HostImpl) currentSched().host()).runtime();
    }

    /** True for the default runtime's scheduler. */
    static boolean isDefault(Sched s) {
        return ((HostImpl) s.host()).runtime().isDefault; // without creating the default runtime
    }

    /** The scheduler of {@link #current()}. */
    static Sched currentSched() {
        Sched s = Sched.ofCurrentThread();
        if (s != null) {
            return s;
        }
        s = Sched.bound();
        return s != null ? s : DefaultHolder.DEFAULT.sched;
    }

    /**
     * Makes this runtime the one the static {@link Jgo} API uses on the calling plain thread, until
     * the returned binding is closed: a request thread of a server, or a test's thread, can then
     * call {@code Jgo.run}, {@code go}, {@code after} and the rest as if this runtime were the
     * default. On a runtime with virtual time, the thread's waits on channels, sync objects,
     * {@code sleep} and {@code run} count as the runtime's: the clock jumps only once the thread
     * waits too.
     *
     * @throws IllegalStateException on a carrier thread, or if the thread is bound already
     */
    public Binding bindCurrentThread() {
        return new Binding(sched.bind());
    }

    /** A thread's binding to a runtime (see {@link #bindCurrentThread()}); close it on that thread. */
    public static final class Binding implements AutoCloseable {
        private Runnable unbind;

        private Binding(Runnable unbind) {
            this.unbind = unbind;
        }

        @Override
        public void close() {
            Runnable u = unbind;
            unbind = null;
            if (u != null) {
                u.run();
            }
        }
    }

    // ---- virtual time (runtimes built with virtualTime() or seed())

    /** This runtime's wall clock: {@link Instant#now()}, or the virtual clock's reading. */
    public Instant now() {
        return sched.now();
    }

    /** True if this runtime runs on a virtual clock. */
    public boolean hasVirtualTime() {
        return sched.virtualTime();
    }

    /** The seed of a runtime built with {@link Builder#seed}; 0 for others. */
    public long seed() {
        return sched.seed();
    }

    /**
     * Virtual time, on a thread that is not waiting: lets everything runnable run, then moves the
     * clock forward by {@code d}, firing each timer due on the way at its own deadline and letting
     * what it wakes run before the clock moves on (Kotlin's {@code advanceTimeBy} followed by
     * {@code runCurrent}). The clock also jumps by itself whenever every goroutine, and every
     * bound thread, is blocked.
     *
     * @throws IllegalStateException on a runtime without virtual time, or if the goroutines do not
     *                               settle within {@code settleTimeout} of real time
     */
    public void advanceTime(Duration d, Duration settleTimeout) throws InterruptedException {
        if (!sched.advanceTime(d.toNanos(), settleTimeout.toNanos())) {
            throw new IllegalStateException("goroutines still running after " + settleTimeout
                    + " of real time:\n" + dump());
        }
    }

    /**
     * Virtual time: waits until every goroutine of this runtime is blocked or ended (Kotlin's
     * {@code runCurrent}); false if that took longer than {@code timeout} of real time.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return sched.awaitQuiescent(timeout.toNanos());
    }

    /**
     * Virtual time: lets the clock run on, timer after timer, until every goroutine of this
     * runtime has ended (true), or until none can move any more or {@code timeout} of real time
     * passed (false): what a test does at its end to tell finished goroutines from leaked ones.
     */
    public boolean awaitAllEnded(Duration timeout) throws InterruptedException {
        return sched.drain(timeout.toNanos());
    }

    /**
     * Virtual time: {@code listener} runs (on the runtime's monitor thread) when every goroutine
     * and every bound thread is blocked and no timer is pending, so that nothing can ever move
     * again unless a thread outside the runtime acts: a test's deadlock, even when the test's own
     * thread holds the channel. Told once per such state.
     */
    public void onStuck(Runnable listener) {
        sched.onStuck(listener);
    }

    /**
     * Runs {@code main} as the main goroutine of a new root of this runtime and waits for it on
     * this thread: see {@link Jgo#run}, whose rules this follows.
     */
    public <T> T run(Task<T> main) {
        CompletableFuture<Object> result = sched.spawnRoot(frame(main));
        // Keep no reference to the main goroutine's frame on this stack: the deadlock check
        // proves a deadlock by the main goroutine becoming unreachable.
        main = null;
        return awaitRoot(result);
    }

    /** Waits for a root started by {@code run}; the caller holds no reference to its frame. */
    static <T> T awaitRoot(CompletableFuture<Object> result) {
        // A thread bound to a test-mode runtime counts as blocked until the result arrives.
        BubbleWait wait = BubbleWait.begin();
        if (wait != null) {
            result.whenComplete((v, e) -> BubbleWait.woken(wait));
            BubbleWait.parking(wait);
        }
        Sched.enterBlocking(); // a carrier hands its P off meanwhile
        try {
            @SuppressWarnings("unchecked")
            T value = (T) result.get();
            return value;
        } catch (InterruptedException e) {
            // The main goroutine goes on (goroutines are never interrupted); its result is dropped.
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException("Jgo.run (the main goroutine keeps running)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new GoroutineFailedException(cause);
        } finally {
            Sched.exitBlocking();
            BubbleWait.woken(wait);
        }
    }

    /**
     * Starts {@code task} as the main goroutine of a new root of this runtime: see
     * {@link Jgo#start}.
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> start(Task<T> task) {
        return (CompletableFuture<T>) (CompletableFuture<?>) sched.spawnRoot(frame(task));
    }

    /**
     * Starts {@code task} as a goroutine of this runtime: in the calling goroutine's root if it is
     * one of this runtime's, else unobserved (see {@link Jgo#go(Task)}).
     */
    public void go(Task<?> task) {
        sched.spawn(frame(task), null);
    }

    /** The number of goroutines of this runtime that have not ended. */
    public int numGoroutine() {
        return sched.numGoroutine();
    }

    /** Sets this runtime's GOMAXPROCS and returns the previous value; {@code n < 1} only reads it. */
    public int gomaxprocs(int n) {
        return sched.gomaxprocs(n);
    }

    /** A Go-style dump of this runtime's goroutines: see {@link Jgo#dump()}. */
    public String dump() {
        return sched.dump();
    }

    /** This runtime's goroutines in {@code format}: see {@link DumpFormat}. */
    public String dump(DumpFormat format) {
        return format == DumpFormat.GROUPED ? sched.dumpGrouped() : sched.dump();
    }

    /**
     * One line of counters (Ps, carriers, idle and spinning ones, the global queue) and one per P
     * (its run queue, timers, carrier), as Go's {@code GODEBUG=schedtrace} prints them: for
     * diagnosing a runtime that seems stuck.
     */
    public String schedTrace() {
        return sched.schedTrace();
    }

    /** Carrier threads alive now (at least GOMAXPROCS while busy; surplus ones end when idle). */
    public int carrierThreads() {
        return sched.carriers();
    }

    /** Installs the panic handler (see {@link Builder#panicHandler}); returns the previous one. */
    public PanicHandler setPanicHandler(PanicHandler handler) {
        PanicHandler old = panicHandler;
        panicHandler = handler;
        return old;
    }

    /** True once {@link #shutdown} or {@link #close} was called. */
    public boolean isClosed() {
        return sched.isClosed();
    }

    /**
     * Starts closing, without waiting: no goroutine starts or runs any more; every {@code run} and
     * {@code start} still waiting fails with {@link RuntimeClosedException}; timers are dropped;
     * each carrier ends once the goroutine it is running suspends or ends. Goroutines parked at
     * that moment never run again, and their {@code finally} blocks do not run. Idempotent.
     *
     * @throws UnsupportedOperationException on the default runtime
     */
    public void shutdown() {
        if (isDefault) {
            throw new UnsupportedOperationException("the default runtime lives as long as the JVM;"
                    + " build a GoRuntime of your own to be able to close it");
        }
        sched.shutdown();
        mbean.thenAccept(RuntimeMXBeanImpl::unregister);
    }

    /**
     * The name of this runtime's {@link GoRuntimeMXBean} in the platform MBean server
     * ({@code io.jgo:type=GoRuntime,name=<name>}, with a suffix if another open runtime has the
     * same name), or null if it could not be registered or the system property
     * {@code jgo.mbean} is {@code false}. It is registered in the background right after the
     * runtime is built (this call waits for that) and unregistered when the runtime shuts down.
     */
    public ObjectName mbeanName() {
        return mbean.join();
    }

    /**
     * Waits until every thread of this runtime ended, or the timeout passed.
     *
     * @return true if they all ended
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return sched.awaitTermination(timeout.toNanos());
    }

    /**
     * {@link #shutdown()}, then waits until every thread of this runtime ended. Called from one of
     * this runtime's own goroutines it does not wait for that goroutine's carrier. If this thread
     * is interrupted while it waits, it stops waiting and keeps its interrupt status.
     */
    @Override
    public void close() {
        shutdown();
        try {
            while (!sched.awaitTermination(Long.MAX_VALUE / 4)) {
                // a carrier still runs a goroutine that has not reached a suspension point
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "GoRuntime[" + sched.name() + (isClosed() ? ", closed" : "") + "]";
    }

    private static Frame<?> frame(Task<?> task) {
        if (task instanceof Frame) {
            return (Frame<?>) task;
        }
        throw new IllegalArgumentException("not a generated @Go call: " + task
                + " (pass the result of a generated entry point such as MyClassGo.method(...))");
    }

    /** The scheduler's view of this runtime: the API's exceptions and the panic policy. */
    private final class HostImpl implements Host {
        GoRuntime runtime() {
            return GoRuntime.this;
        }

        @Override
        public RuntimeException deadlock(String report) {
            return new DeadlockException(report);
        }

        @Override
        public RuntimeException panicked(long goroutineId, Throwable cause) {
            return new GoroutinePanicException(goroutineId, cause);
        }

        @Override
        public RuntimeException closed(String what) {
            return new RuntimeClosedException(what + ": " + GoRuntime.this + " is closed");
        }

        @Override
        public boolean handlePanic(long goroutineId, Throwable cause) {
            PanicHandler l = panicListener;
            if (l != null) {
                try {
                    l.onPanic(goroutineId, cause);
                } catch (Throwable t) {
                    cause.addSuppressed(t);
                }
            }
            PanicHandler h = panicHandler;
            if (h == null) {
                return false;
            }
            try {
                h.onPanic(goroutineId, cause);
            } catch (Throwable t) {
                t.addSuppressed(cause);
                unobservedPanic(goroutineId, t);
            }
            return true;
        }

        @Override
        public void unobservedPanic(long goroutineId, Throwable cause) {
            GoroutinePanicException e = new GoroutinePanicException(goroutineId, cause);
            Thread.UncaughtExceptionHandler h = Thread.getDefaultUncaughtExceptionHandler();
            if (h != null) {
                h.uncaughtException(Thread.currentThread(), e);
            } else {
                LOG.log(System.Logger.Level.ERROR, "unobserved " + e.getMessage()
                        + " (its root had returned, or it was started with go() outside any"
                        + " goroutine); set a panic handler to decide what happens", e);
            }
        }
    }

    /** Options of a new {@link GoRuntime}. */
    public static final class Builder {
        /** The scheduler's settings, with their defaults: the builder writes into them. */
        private final Sched.Options options = new Sched.Options();
        /** Null until {@link #name} is called: each unnamed runtime gets a name of its own. */
        private String name;
        private PanicHandler panicHandler;
        private PanicHandler panicListener;

        private Builder() {
        }

        /**
         * A virtual clock, as in Go's {@code testing/synctest}: {@code sleep}, {@code after},
         * {@code tick}, timers, tickers, {@code afterFunc}, context deadlines and {@code Jgo.now()}
         * use it; it stands still while anything can run and jumps to the next timer once every
         * goroutine (and every thread {@linkplain GoRuntime#bindCurrentThread() bound} to the
         * runtime) is blocked. For tests: an hour of timeouts passes in milliseconds.
         */
        public Builder virtualTime() {
            options.virtualTime = true;
            return this;
        }

        /**
         * A reproducible schedule: one P, no preemption, virtual time, and the goroutine to run
         * next and the case a {@code select} takes among ready ones chosen by a generator seeded
         * with {@code seed}. The same seed replays the same interleaving of the goroutines
         * (threads outside the runtime, and blocking sections, still run as the OS schedules them).
         */
        public Builder seed(long seed) {
            options.seeded = true;
            options.seed = seed;
            options.virtualTime = true;
            return this;
        }

        /** GOMAXPROCS: goroutines running at once (default: as for the default runtime). */
        public Builder gomaxprocs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("gomaxprocs must be at least 1, but is " + n);
            }
            options.procs = n;
            return this;
        }

        /** Prefix of the thread names: carriers are {@code name-m0}, ..., the monitor {@code name-sysmon}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            options.name = name;
            return this;
        }

        /** What a panic of a goroutine nobody waits for ends (default {@link PanicPolicy#FAIL_ROOT}). */
        public Builder panicPolicy(PanicPolicy policy) {
            options.panicEndsAll = Objects.requireNonNull(policy, "policy") == PanicPolicy.FAIL_ALL;
            return this;
        }

        /**
         * Receives every panic of a goroutine nobody waits for (and of timer callbacks, with id
         * 0) instead of the panic policy: no root fails. It runs on a carrier thread: keep it
         * short and non-blocking.
         */
        public Builder panicHandler(PanicHandler handler) {
            this.panicHandler = handler;
            return this;
        }

        /**
         * Is told of every panic of a goroutine nobody waits for (and of timer callbacks, id 0)
         * before the panic policy or handler deals with it, which it does not change: for logging,
         * or a test that must fail on any panic. Runs on a carrier thread: keep it short.
         */
        public Builder panicListener(PanicHandler listener) {
            this.panicListener = listener;
            return this;
        }

        /**
         * The most carrier threads alive at once (default 10,000, Go's limit too). Carriers beyond
         * GOMAXPROCS exist while goroutines block their threads ({@link Jgo#blocking}, nested
         * {@code run}); at the limit a blocked carrier's P waits for one to come back.
         */
        public Builder maxCarriers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxCarriers must be at least 1, but is " + n);
            }
            options.maxCarriers = n;
            return this;
        }

        /** How long a carrier beyond GOMAXPROCS stays idle before it ends (default 2 s). */
        public Builder carrierKeepAlive(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("carrierKeepAlive must not be negative: " + d);
            }
            options.carrierKeepAliveNanos = Math.max(1, d.toNanos());
            return this;
        }

        /**
         * Whether roots are checked for deadlock while other roots keep the runtime busy (default
         * true). Each check runs a full garbage collection, with backoff, and only while some
         * root's main goroutine keeps waiting; with it off a deadlock is found only when the whole
         * runtime is idle, as in Go.
         */
        public Builder deadlockCheckWhileBusy(boolean on) {
            options.busyDeadlockCheck = on;
            return this;
        }

        /** A new, running runtime. */
        public GoRuntime build() {
            return new GoRuntime(this, false);
        }
    }
}
