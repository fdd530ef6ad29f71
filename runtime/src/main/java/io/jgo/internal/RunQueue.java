package io.jgo.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * A P's local run queue: a bounded single-producer, multi-consumer ring of 256 goroutines plus
 * the one-goroutine {@code runnext} slot (Go's {@code runqput}/{@code runqget}/{@code runqsteal}).
 *
 * <p>Invariants (as in Go's proc.go):
 * <ul>
 *   <li>Only the owner (the M holding the P) writes {@code tail} and the slots; it publishes a
 *       slot by a release store of {@code tail}. So {@code put} needs no atomic read-modify-write.</li>
 *   <li>{@code head} only grows. The owner ({@code get}) and thieves ({@code stealInto}) consume by
 *       CAS on {@code head}; a consumer that read slots and then lost the CAS discards what it read.
 *       The owner writes slot {@code t & MASK} only while {@code t - head < SIZE}, i.e. never a
 *       slot inside {@code [head, tail)}, so a thief's copy is consistent when its CAS succeeds.</li>
 *   <li>{@code runnext} is written by the owner (getAndSet) and cleared by whoever runs its
 *       goroutine (CAS from that goroutine to null): each goroutine put there is taken once.
 *       It lives in a slot object that only the owner replaces, after emptying the old one for
 *       good. A thief takes or reports runnext only if the ring's tail has not moved since it
 *       saw the ring empty, and reports it empty only if the slot it read is still current.</li>
 *   <li>Indices are ints that wrap; {@code tail - head} is the length (at most SIZE).</li>
 * </ul>
 */
final class RunQueue {
    static final int SIZE = 256;
    private static final int MASK = SIZE - 1;

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle RUNNEXT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(RunQueue.class, "head", int.class);
            TAIL = l.findVarHandle(RunQueue.class, "tail", int.class);
            RUNNEXT = l.findVarHandle(NextSlot.class, "g", G.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final G[] slots = new G[SIZE];
    /** Next slot to consume. CAS by owner and thieves. */
    @SuppressWarnings("unused")
    private volatile int head;
    /** Next slot to fill. Written by the owner only (release). */
    @SuppressWarnings("unused")
    private volatile int tail;
    /**
     * Holds runnext, a goroutine that runs before the ring (readied or spawned by the running
     * one). A holder, not a field, for the reason given at {@code P.CurgSlot}: runnext is written
     * on nearly every hand-off. The owner replaces it every {@link P#SLOT_ROTATION} puts.
     */
    private volatile NextSlot nextSlot = new NextSlot();
    /** Puts between replacements of the slot ({@link P#SLOT_ROTATION}; tests use fewer). */
    private final int slotRotation;

    private static final class NextSlot {
        /** The runnext goroutine or null. Non-null only by the owner; null by CAS (anyone). */
        volatile G g;
        /** Puts into this slot (owner only). */
        int puts;
    }

    RunQueue() {
        this(P.SLOT_ROTATION);
    }

    RunQueue(int slotRotation) {
        if (slotRotation < 1) {
            throw new IllegalArgumentException("slotRotation must be at least 1: " + slotRotation);
        }
        this.slotRotation = slotRotation;
    }

    /** Puts {@code g} into the ring (owner only). Returns false, without putting, if it is full. */
    boolean offer(G g) {
        int h = (int) HEAD.getAcquire(this);
        int t = (int) TAIL.getOpaque(this);
        if (t - h >= SIZE) {
            return false;
        }
        slots[t & MASK] = g;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /**
     * Owner only: makes {@code g} the runnext goroutine and returns the one it displaced (which
     * the caller must put into the ring), or null.
     */
    G putNext(G g) {
        NextSlot s = nextSlot;
        if (++s.puts >= slotRotation) {
            return replaceSlot(s, g);
        }
        // Only the owner ever stores a goroutine here; thieves only take one (non-null -> null).
        // So an empty slot stays empty until we fill it, and a release store publishes g without
        // an atomic exchange: the common case, where the previous runnext was already taken.
        if (s.g == null) {
            RUNNEXT.setRelease(s, g);
            return null;
        }
        return (G) RUNNEXT.getAndSet(s, g);
    }

    /**
     * Owner only: publishes a fresh slot holding {@code g}, then takes the goroutine left in the
     * old slot {@code s} (unless a thief takes it first) and returns it, or null. In that order,
     * a thief always finds runnext in one slot or the other: taking the old one first left a
     * moment where it found neither (not linearizable; RunQueueLincheckTest). Once emptied, the
     * old slot stays empty for good (only the owner fills slots), so a thief still holding it
     * finds nothing there and looks again at the current slot.
     */
    private G replaceSlot(NextSlot s, G g) {
        NextSlot fresh = new NextSlot();
        fresh.g = g; // before publishing, so that readers never see the new slot empty
        fresh.puts = 1; // this put: a slot takes slotRotation puts in all
        nextSlot = fresh;
        G old = s.g;
        return old != null && RUNNEXT.compareAndSet(s, old, null) ? old : null;
    }

    /**
     * Owner only, for overflow: takes the older half of a full ring and links it, oldest first,
     * through {@link G#schedLink}, followed by {@code last}; returns the first of that batch of
     * {@code SIZE / 2 + 1}, or null if the ring is not full any more (a thief made room; retry
     * {@link #offer}). Allocates nothing.
     */
    G takeHalfForOverflow(G last) {
        int h = (int) HEAD.getAcquire(this);
        int t = (int) TAIL.getOpaque(this);
        int n = (t - h) / 2;
        if (n != SIZE / 2) {
            return null;
        }
        // Claim first, then read: once head has moved past them, the slots [h, h + n) are ours
        // alone (thieves only read slots inside [head, tail), and only the owner writes slots),
        // and so are their goroutines: linking them before the claim could scribble on a G that
        // a thief took and that is already queued elsewhere.
        if (!HEAD.compareAndSet(this, h, h + n)) {
            return null;
        }
        G first = slots[h & MASK];
        G prev = first;
        slots[h & MASK] = null;
        for (int i = 1; i < n; i++) {
            int k = (h + i) & MASK;
            G g = slots[k];
            slots[k] = null;
            prev.setSchedLink(g);
            prev = g;
        }
        prev.setSchedLink(last);
        last.setSchedLink(null);
        return first;
    }

    boolean hasRunnext() {
        return nextSlot.g != null;
    }

    /**
     * Owner only: the next goroutine to run: runnext first, then the ring's head.
     *
     * @return null when empty
     */
    G get() {
        G next = takeNext();
        return next != null ? next : getFromRing();
    }

    /** Owner only: takes the runnext goroutine, or returns null. */
    G takeNext() {
        NextSlot s = nextSlot;
        G next = s.g;
        if (next != null && RUNNEXT.compareAndSet(s, next, null)) {
            return next;
        }
        return null;
    }

    /** Owner only: like {@link #get} but never takes runnext. */
    G getFromRing() {
        for (;;) {
            int h = (int) HEAD.getAcquire(this);
            int t = (int) TAIL.getOpaque(this);
            if (t == h) {
                return null;
            }
            G g = slots[h & MASK];
            if (HEAD.compareAndSet(this, h, h + 1)) {
                // The slot is outside [head, tail) now and only we write slots: drop the stale
                // reference (it would keep a parked goroutine reachable).
                slots[h & MASK] = null;
                return g;
            }
        }
    }

    /** Goroutines in the ring, plus one if runnext is set (racy snapshot). */
    int size() {
        int h = (int) HEAD.getAcquire(this);
        int t = (int) TAIL.getAcquire(this);
        int n = t - h;
        if (n < 0 || n > SIZE) {
            n = SIZE;
        }
        return n + (nextSlot.g != null ? 1 : 0);
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /**
     * Thief: moves about half of {@code victim}'s ring into this (the thief's own, empty-enough)
     * queue and returns one of the stolen goroutines to run at once, or null. Takes victim's
     * runnext only when the ring is empty and {@code stealRunnext} is set.
     * The caller must own {@code this}; {@code victim} may be running concurrently.
     */
    G stealFrom(RunQueue victim, boolean stealRunnext) {
        int t = (int) TAIL.getOpaque(this);
        // Never copy more than fits: the slots written are [t, t + n), and those at or beyond
        // head + SIZE are live entries of our own ring (a lost goroutine if overwritten). Go
        // steals only into an empty queue; the monitor's retake steals repeatedly.
        int room = SIZE - (t - (int) HEAD.getAcquire(this));
        if (room <= 0) {
            return null;
        }
        int n = grab(victim, t, stealRunnext, room);
        if (n == 0) {
            return null;
        }
        n--;
        G g = slots[(t + n) & MASK];
        slots[(t + n) & MASK] = null;
        if (n != 0) {
            TAIL.setRelease(this, t + n);
        }
        return g;
    }

    /** Copies a batch from victim into our slots starting at {@code t}; returns its length. */
    private int grab(RunQueue victim, int t, boolean stealRunnext, int room) {
        for (;;) {
            int h = (int) HEAD.getAcquire(victim);
            int vt = (int) TAIL.getAcquire(victim);
            int n = vt - h;
            n = n - n / 2;
            if (n == 0) {
                if (stealRunnext) {
                    NextSlot s = victim.nextSlot;
                    G next = s.g;
                    // Whatever we found, the ring must still be as empty as we saw it: a goroutine
                    // put there meanwhile comes before runnext (the owner may have put one there
                    // and then taken or refilled runnext).
                    boolean ringMoved = (int) TAIL.getAcquire(victim) != vt;
                    if (next == null) {
                        // Empty only if it was empty all along: the slot we read is still the
                        // current one, and the ring stayed empty. Otherwise look again; both
                        // found by RunQueueLincheckTest.
                        if (ringMoved || victim.nextSlot != s) {
                            continue;
                        }
                        return 0;
                    }
                    if (ringMoved) {
                        continue; // a goroutine put into the ring meanwhile comes before runnext (RunQueueLincheckTest)
                    }
                    if (!RUNNEXT.compareAndSet(s, next, null)) {
                        // The owner took or replaced it meanwhile: the queue was never seen
                        // empty, so look again (returning nothing here would not be
                        // linearizable; found by RunQueueLincheckTest).
                        continue;
                    }
                    slots[t & MASK] = next;
                    return 1;
                }
                return 0;
            }
            if (n > SIZE / 2) {
                continue; // head and tail read at different times: inconsistent, retry
            }
            if (n > room) {
                n = room;
            }
            for (int i = 0; i < n; i++) {
                slots[(t + i) & MASK] = victim.slots[(h + i) & MASK];
            }
            if (HEAD.compareAndSet(victim, h, h + n)) {
                return n;
            }
        }
    }

    /**
     * Any thread: passes each goroutine seen in runnext and the ring to {@code action}. Racy (for
     * dumps): a goroutine taken or added meanwhile may be missed or seen after it left.
     */
    void forEachRacy(Consumer<G> action) {
        G next = nextSlot.g;
        if (next != null) {
            action.accept(next);
        }
        int h = (int) HEAD.getAcquire(this);
        int t = (int) TAIL.getAcquire(this);
        for (int i = h; t - i > 0 && i - h < SIZE; i++) {
            G g = slots[i & MASK];
            if (g != null) {
                action.accept(g);
            }
        }
    }

    /**
     * Drops stale references in slots outside {@code [head, tail)} so that the garbage collector
     * can prove parked goroutines unreachable. Only when nobody owns or steals from the queue.
     */
    void scrub() {
        int h = (int) HEAD.getAcquire(this);
        int t = (int) TAIL.getAcquire(this);
        for (int i = t - h; i < SIZE; i++) {
            slots[(h + i) & MASK] = null;
        }
    }
}
