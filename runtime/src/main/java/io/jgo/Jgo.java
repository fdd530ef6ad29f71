package io.jgo;

import io.jgo.internal.Frames;
import io.jgo.runtime.Frame;
import io.jgo.internal.G;
import io.jgo.runtime.Goexit;
import io.jgo.internal.RuntimeTimer;
import io.jgo.internal.Sched;
import io.jgo.runtime.Suspending;
import io.jgo.internal.WaitReason;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The runtime's entry points: run a main goroutine, spawn goroutines, sleep, yield. Import its
 * members statically: {@code import static io.jgo.Jgo.*;}.
 *
 * <p>Every method marked {@link Suspending} blocks the calling thread when called from plain
 * code, and suspends the goroutine (never its carrier thread) inside {@code @Go} code.
 */
public final class Jgo {
    private Jgo() {
    }

    /**
     * Runs {@code main} as a goroutine and waits on this thread for it to end, like a Go program's
     * {@code main}: returns its result, or rethrows the exception it ended with (unchecked ones as
     * they are, checked ones wrapped in {@link GoroutineFailedException}).
     *
     * <p>The main goroutine begins a new root (see {@link GoRuntime}) of the calling goroutine's
     * runtime, or of the default runtime. The call also ends with {@link DeadlockException} when
     * the main goroutine provably can never run again ({@code all goroutines are asleep -
     * deadlock!}), even while other roots keep running, and with {@link GoroutinePanicException}
     * when another goroutine of its tree panics and no {@link #setPanicHandler panic handler} is
     * set. Called on a carrier (from untransformed code
     * inside a goroutine), it hands the carrier's P to another thread while it waits.
     *
     * @throws WaitInterruptedException if a plain thread is interrupted while it waits (see
     *                                  semantics.md); goroutines are never interrupted
     */
    public static <T> T run(Task<T> main) {
        CompletableFuture<Object> result = GoRuntime.currentSched().spawnRoot(frame(main));
        // Not GoRuntime.run(main): this frame would keep the main goroutine's frame reachable
        // while it waits, and the deadlock check proves a deadlock by its becoming unreachable.
        main = null;
        return GoRuntime.awaitRoot(result);
    }

    /**
     * Starts {@code task} as a goroutine, the main goroutine of a new root (see {@link GoRuntime}):
     * the future completes with its result or failure, with {@link GoroutinePanicException} when
     * another goroutine of its tree panics, and with {@link DeadlockException} when it provably can
     * never run again.
     *
     * <p>Dependent stages added with the future's non-async methods ({@code thenApply},
     * {@code whenComplete}, ...) may run on the carrier thread where the goroutine ended, like any
     * {@code CompletableFuture} completed by a pool thread: code there must not block, or it holds
     * up a P. Use the {@code ...Async} forms for anything that may block.
     */
    public static <T> CompletableFuture<T> start(Task<T> task) {
        return GoRuntime.current().start(task);
    }

    /**
     * {@code go f(x)}: starts {@code task} (a generated entry point's result) as a goroutine. Called
     * from a goroutine, the new one joins its root (a panic in it fails that root's {@code run} or
     * {@code start}); called from a plain thread, it starts in the default runtime and nobody
     * observes it (see {@link GoRuntime} for where its panic goes).
     */
    public static void go(Task<?> task) {
        GoRuntime.currentSched().spawn(frame(task), null);
    }

    /**
     * {@code go func() {...}()} as written in source. Inside {@code @Go} code the processor turns
     * the lambda into a goroutine; called from plain code it starts a daemon platform thread, so a
     * {@code @Go} method run as plain Java keeps its meaning.
     */
    public static void go(Runnable body) {
        Funcs.plainGo(body).start();
    }

    /** The number of goroutines of the current runtime that exist now ({@code runtime.NumGoroutine}). */
    public static int numGoroutine() {
        return GoRuntime.currentSched().numGoroutine();
    }

    /**
     * {@code runtime.GOMAXPROCS(n)}: sets the current runtime's number of Ps (goroutines running at once) and
     * returns the previous value; {@code n < 1} only returns the current value. The start value
     * comes from the system property {@code jgo.gomaxprocs}, else the environment variable
     * {@code GOMAXPROCS}, else {@link Runtime#availableProcessors()}.
     */
    public static int gomaxprocs(int n) {
        return GoRuntime.currentSched().gomaxprocs(n);
    }

    /**
     * {@code time.Sleep(d)}: pauses the current goroutine (or thread) for at least {@code d}.
     *
     * @throws WaitInterruptedException if a plain thread is interrupted while it sleeps (the
     *                                  status is kept); goroutines are never interrupted
     */
    @Suspending
    public static void sleep(Duration d) {
        long nanos = sleepNanos(d);
        if (nanos <= 0) {
            return;
        }
        Sched clock = GoRuntime.currentSched();
        if (clock.virtualTime()) {
            sleepVirtual(clock, nanos);
            return;
        }
        boolean carrier = Sched.onCarrier();
        if (carrier) {
            Sched.enterBlocking();
        }
        try {
            long deadline = System.nanoTime() + nanos;
            for (long rest = nanos; rest > 0; rest = deadline - System.nanoTime()) {
                Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException("sleep", e);
        } finally {
            if (carrier) {
                Sched.exitBlocking();
            }
        }
    }

    /** A thread's sleep on a virtual clock: it waits for a timer of that runtime, as a goroutine would. */
    private static void sleepVirtual(Sched clock, long nanos) {
        Chan<Boolean> woke = Chan.make(1);
        RuntimeTimer t = new RuntimeTimer() {
            @Override
            protected void fire() {
                woke.trySend(true); // room for one: never blocks
            }
        };
        t.start(clock, clock.nanoTime() + nanos);
        woke.recv(); // counts as blocked in the runtime's bubble, so the clock can jump
    }

    /**
     * {@code time.Now()}: the current runtime's wall clock: {@link java.time.Instant#now()},
     * except in a runtime on virtual time (a test's), where it is that clock's reading.
     */
    public static java.time.Instant now() {
        return GoRuntime.currentSched().now();
    }

    /** Suspending twin of {@link #sleep(Duration)}, for generated code. */
    public static Object sleep(Duration d, Frame<?> frame) {
        long nanos = sleepNanos(d);
        if (nanos <= 0) {
            return null;
        }
        G g = Frames.goroutineOf(frame);
        // A fresh timer per sleep (24 B of garbage): keeping one per goroutine, as Go's gp.timer
        // does, would add a field to every G and measured no faster (benchmarks/NOTES.md).
        SleepTimer t = new SleepTimer(g);
        Object r = g.park(frame, WaitReason.SLEEP);
        Sched s = g.sched();
        t.startUnshared(s, s.nanoTime() + nanos);
        return r;
    }

    /** Longest sleep: deadlines are compared with wrap-around arithmetic on nanoTime. */
    private static final long MAX_SLEEP_NANOS = Long.MAX_VALUE >> 2; // about 73 years

    private static long sleepNanos(Duration d) {
        if (d == null) {
            throw new NullPointerException("sleep duration is null (use Duration.ZERO for no sleep)");
        }
        if (d.isNegative() || d.isZero()) {
            return 0;
        }
        if (d.compareTo(Duration.ofNanos(MAX_SLEEP_NANOS)) > 0) {
            return MAX_SLEEP_NANOS;
        }
        return d.toNanos();
    }

    /** Wakes a sleeping goroutine. */
    private static final class SleepTimer extends RuntimeTimer {
        private final G g;

        SleepTimer(G g) {
            this.g = g;
        }

        @Override
        protected void fire() {
            g.ready(null, null);
        }
    }

    /**
     * {@code runtime.Gosched()}: lets other goroutines run; the current one stays runnable and goes
     * to the global run queue. On a plain thread it is {@link Thread#yield()}.
     */
    @Suspending
    public static void gosched() {
        Thread.yield();
    }

    /** Suspending twin of {@link #gosched()}; also what generated loops call when preempted. */
    public static Object gosched(Frame<?> frame) {
        return Sched.gosched(frame);
    }

    /**
     * {@code runtime.Goexit()}: ends the calling goroutine. It throws {@link Goexit}, which
     * unwinds through every {@code finally} block of the goroutine's frames (Go runs its deferred
     * calls) and is then dropped by the scheduler: the goroutine ends without a panic. A
     * {@code catch (Throwable)} or {@code catch (Error)} in between would stop it, like any
     * exception: let it pass. A main goroutine that calls it makes {@link #run} throw
     * {@link IllegalStateException} (it has no result). On a plain thread the thread unwinds the
     * same way, and the exception reaches the thread's top.
     */
    @Suspending
    public static void goexit() {
        throw Goexit.INSTANCE;
    }

    /** Suspending twin of {@link #goexit()}: never returns normally. */
    public static Object goexit(Frame<?> frame) {
        throw Goexit.INSTANCE;
    }

    /**
     * Runs {@code body}, which may block its thread (I/O, a lock, a thread-style wait), so that
     * it does not stall other goroutines: on a carrier the P is handed to another carrier first
     * and taken back after. On a plain thread it just runs {@code body}.
     */
    public static <T> T blocking(Callable<T> body) throws Exception {
        Sched.enterBlocking();
        try {
            return body.call();
        } finally {
            Sched.exitBlocking();
        }
    }

    /** {@link #blocking(Callable)} for a body without result or checked exception. */
    public static void blocking(Runnable body) {
        Sched.enterBlocking();
        try {
            body.run();
        } finally {
            Sched.exitBlocking();
        }
    }

    /**
     * A Go-style dump of every goroutine of the current runtime: {@code goroutine 7 [chan receive,
     * 3 minutes] {request=42}:} (the wait's length once it is a minute or more, as Go prints it;
     * the labels if any), each frame's class, method and {@code File.java:line}, then
     * {@code created by pkg.Class.method in goroutine 1} and the spawning site's file and line.
     * A running goroutine shows its carrier thread's Java stack instead of frames.
     */
    public static String dump() {
        return GoRuntime.currentSched().dump();
    }

    /** The current runtime's dump in {@code format}; see {@link DumpFormat}. */
    public static String dump(DumpFormat format) {
        return GoRuntime.current().dump(format);
    }

    /**
     * Sets label {@code key} of the calling goroutine to {@code value}, or removes it when
     * {@code value} is null (pprof's labels, Kotlin's {@code CoroutineName}). Goroutines it
     * spawns afterwards start with its labels; dumps show them. Goroutines without labels cost
     * nothing for it; setting one allocates a small map for this goroutine. Called from a plain
     * thread (a {@code @Go} method run as plain Java) it does nothing.
     */
    public static void setLabel(String key, String value) {
        Sched.setLabel(java.util.Objects.requireNonNull(key, "key"), value);
    }

    /** The calling goroutine's labels, sorted by key and unmodifiable; empty on a plain thread. */
    public static java.util.Map<String, String> labels() {
        return Sched.labels();
    }

    /**
     * Installs, in the current runtime, what receives exceptions escaping fire-and-forget
     * goroutines, instead of failing their root's {@link #run} or {@link #start}; {@code null}
     * restores that default. Returns the previous one.
     */
    public static PanicHandler setPanicHandler(PanicHandler handler) {
        return GoRuntime.current().setPanicHandler(handler);
    }

    private static Frame<?> frame(Task<?> task) {
        if (task instanceof Frame) {
            return (Frame<?>) task;
        }
        throw new IllegalArgumentException("not a generated @Go call: " + task
                + " (pass the result of a generated entry point such as MyClassGo.method(...))");
    }
    // ---- channels, select, time (chan agent) ----

    /**
     * Go's {@code select}: waits until one of the cases can proceed, performs it, runs its body
     * if it has one, and returns it (compare by identity). Among ready cases one is chosen
     * uniformly at random; cases on nil channels never fire; {@code select()} with no case blocks
     * forever. With an {@link #otherwise} case (Go's {@code default}) it never waits.
     *
     * <pre>{@code
     * select(
     *     in.onRecv(v -> out.send(v * 2)),     // case v := <-in: out <- v*2
     *     quit.onRecv(() -> done.close()),     // case <-quit: close(done)
     *     timeout(Duration.ofSeconds(1), () -> log("slow")));
     * }</pre>
     *
     * <p>A body runs in the goroutine (or on the thread) that called select, after the case was
     * performed; written in {@code @Go} code it may suspend. A checked exception a body throws is
     * rethrown wrapped in {@link java.lang.reflect.UndeclaredThrowableException}.
     *
     * @throws SendOnClosedChannelException if the chosen send case's channel is closed
     * @throws WaitInterruptedException if a plain thread is interrupted while it waits (see
     *                                  semantics.md); goroutines are never interrupted
     */
    @Suspending
    public static Case select(Case... cases) {
        if (SelectBodies.needed(cases)) {
            return SelectBodies.plain(cases);
        }
        return (Case) Selection.select(cases, null, true);
    }

    /**
     * Suspending twin of {@link #select(Case...)}: the cases as an array, then the frame.
     * Resumes with the fired case. The fixed-arity twins below take the cases one by one, so a
     * generated {@code select(a, b, this)} compiles as written (no varargs array needed).
     */
    public static Object select(Case[] cases, Frame<?> frame) throws Throwable {
        return SelectBodies.twin(cases, frame);
    }

    /** Twin of {@code select()}: parks forever (wait reason "select (no cases)"). */
    public static Object select(Frame<?> frame) {
        return Selection.select(new Case[0], frame, true);
    }

    /** Twin of {@code select(c1)}. */
    public static Object select(Case c1, Frame<?> frame) throws Throwable {
        return SelectBodies.twin(new Case[] {c1}, frame);
    }

    /** Twin of {@code select(c1, c2)}. */
    public static Object select(Case c1, Case c2, Frame<?> frame) throws Throwable {
        return SelectBodies.twin(new Case[] {c1, c2}, frame);
    }

    /** Twin of {@code select(c1, c2, c3)}. */
    public static Object select(Case c1, Case c2, Case c3, Frame<?> frame) throws Throwable {
        return SelectBodies.twin(new Case[] {c1, c2, c3}, frame);
    }

    /** Twin of {@code select(c1, ..., c4)}. */
    public static Object select(Case c1, Case c2, Case c3, Case c4, Frame<?> frame) throws Throwable {
        return SelectBodies.twin(new Case[] {c1, c2, c3, c4}, frame);
    }

    /** Twin of {@code select(c1, ..., c5)}. */
    public static Object select(Case c1, Case c2, Case c3, Case c4, Case c5, Frame<?> frame) throws Throwable {
        return SelectBodies.twin(new Case[] {c1, c2, c3, c4, c5}, frame);
    }

    /** Twin of {@code select(c1, ..., c6)}. */
    public static Object select(Case c1, Case c2, Case c3, Case c4, Case c5, Case c6, Frame<?> frame) throws Throwable {
        return SelectBodies.twin(new Case[] {c1, c2, c3, c4, c5, c6}, frame);
    }

    /** Twin of {@code select(c1, ..., c7)}. */
    public static Object select(Case c1, Case c2, Case c3, Case c4, Case c5, Case c6, Case c7, Frame<?> frame) throws Throwable {
        return SelectBodies.twin(new Case[] {c1, c2, c3, c4, c5, c6, c7}, frame);
    }

    /** Twin of {@code select(c1, ..., c8)}; with more cases, pass an array. */
    public static Object select(Case c1, Case c2, Case c3, Case c4, Case c5, Case c6, Case c7, Case c8,
            Frame<?> frame) throws Throwable {
        return SelectBodies.twin(new Case[] {c1, c2, c3, c4, c5, c6, c7, c8}, frame);
    }

    /**
     * Go's {@code select} with a {@code default} branch: performs and returns a ready case (chosen
     * uniformly at random), or returns {@code null} at once if none is ready. Never blocks.
     */
    public static Case selectOrDefault(Case... cases) {
        if (SelectBodies.needed(cases)) {
            throw new IllegalArgumentException("selectOrDefault takes cases without bodies; for cases with bodies,"
                    + " write select(..., otherwise(() -> ...))");
        }
        return (Case) Selection.select(cases, null, false);
    }

    /**
     * Go's {@code default:} as a case of {@link #select(Case...)}: with it, the select never
     * waits; when no other case is ready it runs {@code body} and returns this case.
     */
    public static Case otherwise(GoRunnable body) {
        return new DefaultCase(java.util.Objects.requireNonNull(body, "body"));
    }

    /**
     * Go's {@code case <-time.After(d):} as a case of {@link #select(Case...)}: fires after
     * {@code d} and runs {@code body}.
     */
    public static RecvCase<java.time.Instant> timeout(Duration d, GoRunnable body) {
        return after(d).onRecv(body);
    }

    /**
     * {@code time.After(d)}: a channel that receives the time once, after {@code d}. It never
     * leaks: until someone waits on it, it is only a deadline (see {@link Timer}).
     */
    public static RecvChan<java.time.Instant> after(Duration d) {
        return new Timer(d).C();
    }

    /**
     * {@code time.Tick(d)}: a channel that receives the time every {@code d}; like Go, returns
     * the nil channel if {@code d <= 0}. Garbage once unreferenced, even if never stopped.
     */
    public static RecvChan<java.time.Instant> tick(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return Chan.nil();
        }
        return new Ticker(d).C();
    }

    /**
     * {@code time.AfterFunc(d, f)} for a {@code @Go} call: after {@code d}, starts {@code task}
     * (a generated entry point's result) as a goroutine. The returned timer's {@code stop}
     * cancels it if it has not started yet; its {@code C()} is the nil channel, as in Go.
     */
    public static Timer afterFunc(java.time.Duration d, Task<?> task) {
        frame(task); // fail now, not when the timer fires, if it is not a generated call
        return new Timer(d, () -> go(task), true);
    }

    /**
     * {@code time.AfterFunc(d, f)}: after {@code d}, starts {@code f} in a goroutine of its own;
     * every {@code reset} that fires starts it again. A function written in {@code @Go} code may
     * suspend; any other runs on a new daemon platform thread (as {@link #go(Runnable)} runs
     * plain code). An exception escaping {@code f} is a panic of that goroutine.
     */
    public static Timer afterFunc(java.time.Duration d, GoRunnable f) {
        return new Timer(d, () -> Funcs.start(f, null), false);
    }

    /** {@code time.NewTimer(d)}. */
    public static Timer newTimer(Duration d) {
        return new Timer(d);
    }

    /**
     * {@code time.NewTicker(d)}.
     *
     * @throws IllegalArgumentException if {@code d <= 0} (Go: "non-positive interval for NewTicker")
     */
    public static Ticker newTicker(Duration d) {
        return new Ticker(d);
    }

    /**
     * Waits for a {@link java.util.concurrent.CompletionStage} (e.g. {@code HttpClient.sendAsync}) and returns its
     * value. A goroutine parks (wait reason "await future") and is readied on completion; a plain
     * thread blocks. A failed stage rethrows its cause if unchecked, else a
     * {@link java.util.concurrent.CompletionException} wrapping it.
     */
    @Suspending
    public static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        CompletableFuture<T> f = stage.toCompletableFuture();
        if (!f.isDone()) {
            Sched.enterBlocking();
            try {
                f.handle((v, e) -> null).join(); // waits without throwing
            } finally {
                Sched.exitBlocking();
            }
        }
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            throw Futures.unwrap(e);
        }
    }

    /** Suspending twin of {@link #await(java.util.concurrent.CompletionStage)}. */
    public static Object await(java.util.concurrent.CompletionStage<?> stage, Frame<?> frame) {
        return Futures.await(stage, frame);
    }
}
