package io.jgo.internal;

import io.jgo.runtime.Frame;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.BiConsumer;

/**
 * A goroutine: the unit the scheduler runs. It owns a chain of {@link Frame}s; {@link #top} is
 * the innermost one, where the goroutine continues.
 *
 * <p>Status moves RUNNABLE → RUNNING → (WAITING → RUNNABLE → RUNNING)* → DEAD.
 * Invariants:
 * <ul>
 *   <li>{@code top}, {@code waitReason} and the resume value are written by the goroutine itself
 *       while RUNNING (park) or by its single waker (ready) before it is queued, and read by the
 *       carrier that dequeues it: the run queue's hand-off (a release/acquire pair or the
 *       scheduler lock) orders them.</li>
 *   <li>Each {@link #park} is matched by exactly one {@link #ready}. Whoever may wake a parked
 *       goroutine from several places (select, timers) must arbitrate first.</li>
 *   <li>{@code park} is called while the operation still holds the lock that publishes its waiter,
 *       so a waker always finds the goroutine WAITING.</li>
 *   <li>After its frame returned {@code SUSPENDED}, the carrier that ran it writes nothing to it:
 *       the goroutine may already run on another carrier.</li>
 *   <li>The scheduler keeps a WAITING goroutine reachable only through the registry
 *       ({@link GRegistry}); everything else that references it is what can wake it. The
 *       deadlock check relies on this (see docs/runtime.md).</li>
 *   <li>A goroutine is its own {@link Waiter} (Go's sudog, folded in): it waits on one channel
 *       or sync operation at a time, so parking allocates nothing. The inherited fields do double
 *       duty, each use confined to one phase: {@code next}/{@code prev} link it into a wait
 *       queue only while WAITING there (under that queue owner's lock); {@code prev} is the
 *       run-queue link ({@link #schedLink()}) only while RUNNABLE in the global queue or a batch;
 *       {@code elem} is a blocked sender's value while WAITING, then the resume value (or a
 *       {@link Failure}) from {@link #ready} until the carrier that runs it takes it.</li>
 * </ul>
 *
 * <p>Size: 64 bytes with compressed oops and class pointers (12-byte header, the 8-byte id,
 * four bytes of status/preempt/mode/reason, the 8-byte park time and eight references); a
 * parked goroutine costs that plus its frames.
 */
public class G extends Waiter {
    public static final int RUNNABLE = 0;
    public static final int RUNNING = 1;
    public static final int WAITING = 2;
    public static final int DEAD = 3;

    private static final int ID_BATCH = 16;
    private static final VarHandle STATUS;
    private static final WaitReason[] REASONS = WaitReason.values();

    /** Waiter modes (see {@link #waitAs}): what a completed wait resumes the frame with. */
    public static final byte WAIT_SEND = 0;
    /** The value received, or null once the channel is closed. */
    public static final byte WAIT_RECV = 1;
    /** A {@code Received}: the value and whether the channel was still open. */
    public static final byte WAIT_RECV_OK = 2;
    /** The value received, or {@link WaitOutcomes#END} once the channel is closed (range loops). */
    public static final byte WAIT_RANGE = 3;
    /** A sync object's wait: the completion's value. */
    public static final byte WAIT_SYNC = 4;
    private static final int MODE_MASK = 0x07;
    /**
     * In {@link GRegistry}: set when the goroutine first parks (or at spawn for a run's main
     * goroutine). One that never parks (a skynet leaf, most short tasks) never enters it: its
     * spawn and exit skip the registry's lock and list. Every WAITING goroutine is registered,
     * which is all the deadlock check needs; dumps add the runnable ones from the run queues.
     */
    private static final int REGISTERED = 0x08;
    /**
     * In flags: {@link Frame#call} unwound a deep call chain instead of parking, so the
     * trampoline goes on with {@link #top} at once. Set and cleared by the running goroutine.
     */
    private static final int UNWOUND = 0x10;

    static {
        try {
            STATUS = MethodHandles.lookup().findVarHandle(G.class, "status", byte.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The failure domain this goroutine belongs to; it names the scheduler too. */
    final Root root;
    final long id;
    /** Written with release semantics (no fence on the hot path); racy readers use acquire. */
    @SuppressWarnings("unused")
    private byte status = RUNNABLE;
    /** Set by the monitor when this goroutine ran too long; cleared when it yields. */
    public volatile boolean preempt;
    /**
     * Low three bits: what {@link #complete} resumes the parked frame with ({@link #WAIT_SEND}
     * etc.); {@link #REGISTERED}: in the registry. Written only by the goroutine itself (and by
     * the deadlock check, which runs while it is parked); read by its waker in complete().
     */
    private byte flags;
    /** Why it is parked: {@link WaitReason} ordinal + 1, or 0 when not WAITING. */
    private byte waitReason;
    Frame<?> top;

    /** Links in the registry of all goroutines; guarded by the registry stripe's lock. */
    G allPrev;
    G allNext;

    /**
     * Creator, spawn site and labels ({@link Lineage#NONE} when none): shared with the siblings
     * spawned from the same site, so a goroutine costs no allocation for it. Written by the
     * goroutine itself (labels) and read racily by dumps: the record is immutable.
     */
    private Lineage lineage;
    /**
     * The record the last goroutine this one spawned got, reused while the site and labels stay
     * the same. Read and written only by this goroutine while it runs.
     */
    private Lineage childLineage;
    /**
     * When it last parked, on the runtime's clock to the monitor's tick ({@link Sched#coarseNanos}):
     * reading the clock on every park would cost the hot path. Meaningful only while WAITING.
     */
    private long waitSince;

    G(Frame<?> frame, Root root, Lineage lineage) {
        this.root = root;
        this.id = nextId(root.sched);
        this.top = frame;
        this.lineage = lineage;
        Frames.access().bind(frame, this);
    }

    /**
     * Receives the root frame's result or failure; null for fire-and-forget goroutines, which
     * carry no field for it (a plain {@code go} goroutine is the common case).
     */
    BiConsumer<Object, Throwable> onExit() {
        return null;
    }

    /** A goroutine whose end someone waits for ({@code Jgo.run}, {@code Jgo.start}). */
    static final class Observed extends G {
        private final BiConsumer<Object, Throwable> onExit;

        Observed(Frame<?> frame, Root root, Lineage lineage, BiConsumer<Object, Throwable> onExit) {
            super(frame, root, lineage);
            this.onExit = onExit;
        }

        @Override
        BiConsumer<Object, Throwable> onExit() {
            return onExit;
        }
    }

    /**
     * A new goroutine id: unique, increasing per carrier. A carrier takes them in batches (Go's
     * goidcache), so spawning costs no atomic operation in the common case.
     */
    private static long nextId(Sched sched) {
        Thread t = Thread.currentThread();
        if (t instanceof M && ((M) t).sched == sched) {
            M m = (M) t;
            if (m.idNext == m.idLimit) {
                m.idNext = sched.ids.getAndAdd(ID_BATCH) + 1;
                m.idLimit = m.idNext + ID_BATCH;
            }
            return m.idNext++;
        }
        return sched.ids.incrementAndGet();
    }

    /** The scheduler this goroutine runs in. */
    public Sched sched() {
        return root.sched;
    }

    /** Goroutine id, as Go's dumps print it ({@code goroutine 7 [chan receive]}). */
    public long id() {
        return id;
    }

    /**
     * Prepares this goroutine to wait in a channel's or sync object's queue as its own waiter
     * (Go's sudog, folded into the g: a goroutine waits on one operation at a time). Call it only
     * from the goroutine itself, right before linking it under the queue owner's lock and
     * parking.
     *
     * @param mode what the parked frame resumes with when completed: {@link #WAIT_SEND} etc.
     * @return this goroutine, to link
     */
    public Waiter waitAs(byte mode) {
        flags = (byte) ((flags & ~MODE_MASK) | mode);
        return this;
    }

    /**
     * Completes this goroutine as a waiter (see {@link Waiter#complete}): readies it with what
     * its operation returns. The waker has unlinked it and read {@code elem} (a sent value)
     * already; readying overwrites {@code elem} with the resume value, so this is the last touch.
     */
    @Override
    public final void complete(Object value, boolean ok) {
        switch (flags & MODE_MASK) {
            case WAIT_SEND:
                ready(null, ok ? null : WaitOutcomes.get().sendOnClosed());
                break;
            case WAIT_RECV:
                ready(ok ? value : null, null);
                break;
            case WAIT_RECV_OK:
                ready(WaitOutcomes.get().received(value, ok), null);
                break;
            case WAIT_RANGE:
                ready(ok ? value : WaitOutcomes.END, null);
                break;
            default:
                ready(value, null);
                break;
        }
    }

    /** Run-queue link (global queue, batches): {@code prev}, free while not in a wait queue. */
    G schedLink() {
        return (G) prev;
    }

    void setSchedLink(G next) {
        prev = next;
    }

    /** One of RUNNABLE, RUNNING, WAITING, DEAD (a racy snapshot when read by another thread). */
    public int status() {
        return (byte) STATUS.getAcquire(this);
    }

    void setStatus(int s) {
        STATUS.setRelease(this, (byte) s);
    }

    /** Called by {@link Frame#call} instead of running {@code callee} on a deep stack. */
    public void unwindTo(Frame<?> callee) {
        top = callee;
        flags |= UNWOUND;
    }

    /** Adds this goroutine to the registry (first park, or a run's main goroutine at spawn). */
    void register() {
        flags |= REGISTERED;
        root.sched.registry.add(this);
    }

    boolean registered() {
        return (flags & REGISTERED) != 0;
    }

    void clearWaitReason() {
        waitReason = 0;
    }

    /** Why it is parked; null unless WAITING. */
    public WaitReason waitReason() {
        int r = waitReason;
        return r == 0 ? null : REASONS[r - 1];
    }

    /** Creator, spawn site and labels; never null. */
    Lineage lineage() {
        return lineage;
    }

    /** Sets a label of this goroutine; call it only from the goroutine itself. */
    void setLabel(String key, String value) {
        lineage = lineage.withLabel(key, value);
    }

    /**
     * The record of a goroutine this one spawns now (call it from this goroutine only): the last
     * one again while the site and the labels are unchanged, so a spawn loop allocates once.
     */
    Lineage lineageForChild() {
        Frame<?> t = top;
        Lineage c = childLineage;
        if (c == null || t == null || c.siteClass != t.getClass() || c.siteLabel != t.label()
                || c.labels != lineage.labels) {
            c = Lineage.spawnedBy(this, t);
            childLineage = c;
        }
        return c;
    }

    /** When it last parked (see {@link #waitSince}); meaningful only while WAITING. */
    long waitSince() {
        return waitSince;
    }

    /** The innermost frame: where the goroutine is parked or continues. */
    public Frame<?> top() {
        return top;
    }

    /**
     * Parks this goroutine at {@code at} (the operation's slow path). Call it while still holding
     * the lock under which the waiter became visible to wakers, then return the result.
     *
     * @return {@link Frame#SUSPENDED}, for the operation to return
     */
    public Object park(Frame<?> at, WaitReason reason) {
        if ((flags & REGISTERED) == 0) {
            register(); // before it can be readied: under the lock that publishes its waiter
        }
        return parkUnregistered(at, reason);
    }

    /**
     * Parks for a yield ({@code gosched}, preemption): its own carrier requeues it as soon as
     * its frames unwound, so nobody else can wake it and it need not join the registry (the
     * deadlock check only runs with every carrier idle, never in between).
     */
    Object parkUnregistered(Frame<?> at, WaitReason reason) {
        top = at;
        // the precise clock only while a recording takes park events (it times them)
        waitSince = JfrEvents.parkEnabled() ? root.sched.nanoTime() : root.sched.coarseNanos;
        waitReason = (byte) (reason.ordinal() + 1);
        setStatus(WAITING);
        return Frame.SUSPENDED;
    }

    /**
     * Makes a parked goroutine runnable; its parked frame resumes with {@code value}, or throws
     * {@code error} at the suspension point. Called once per park, by the one waker, from any
     * thread: on a carrier the goroutine runs next on that carrier's P (Go's runnext), from a
     * plain thread it goes to the global run queue and an idle P is woken.
     */
    public void ready(Object value, Throwable error) {
        if (status() != WAITING) {
            throw new IllegalStateException("goroutine " + id + " readied while not waiting"
                    + " (each park must be matched by exactly one ready)");
        }
        if (JfrEvents.parkEnabled()) {
            JfrEvents.park(this, root.sched.nanoTime() - waitSince);
        }
        elem = error == null ? value : new Failure(error);
        waitReason = 0;
        setStatus(RUNNABLE);
        root.sched.ready(this);
    }

    /**
     * Runs the frame chain until the goroutine parks or ends: the trampoline. A finished frame's
     * result goes to its caller's resume in this loop, so resuming never grows the Java stack.
     */
    void run() {
        setStatus(RUNNING);
        Frame<?> f = top;
        Object value = elem;
        Throwable error = null;
        elem = null;
        if (value instanceof Failure) {
            error = ((Failure) value).error;
            value = null;
        }
        for (;;) {
            Object result;
            try {
                result = Frames.access().resume(f, value, error);
                error = null;
            } catch (Throwable t) {
                StackTraces.crossing(t, f); // leaves f for its caller, or the goroutine
                result = null;
                error = t;
            }
            if (result == Frame.SUSPENDED) {
                if ((flags & UNWOUND) == 0) {
                    return; // parked: a waker owns this goroutine now; touch nothing
                }
                flags &= ~UNWOUND; // a deep call chain unwound: run its newest callee on an empty stack
                f = top;
                value = null;
                error = null;
                continue;
            }
            Frame<?> caller = f.caller();
            if (caller == null) {
                top = null;
                setStatus(DEAD);
                root.sched.exited(this, result, error);
                return;
            }
            f = caller;
            value = result;
        }
    }

    @Override
    public String toString() {
        return "goroutine " + id;
    }

    /** A resumption by exception: the parked frame throws {@code error} at its suspension point. */
    private static final class Failure {
        final Throwable error;

        Failure(Throwable error) {
            this.error = error;
        }
    }
}
