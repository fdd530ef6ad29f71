package io.jgo.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every goroutine that has parked at least once and not ended, and each run's main goroutine
 * (Go's {@code allgs}, minus the goroutines that never waited): for dumps and the deadlock check,
 * which needs every WAITING goroutine here. A goroutine registers itself when it first parks
 * ({@code G.register}), so short tasks that never wait skip the registry altogether.
 * Intrusive doubly-linked lists ({@link G#allPrev}/{@link G#allNext}) in striped buckets, so
 * that adding and removing allocate nothing and rarely contend.
 *
 * <p>Invariant: a registered goroutine is in exactly one stripe (chosen by id) from its first
 * park (a main goroutine: from spawn) until it ends (or until the deadlock check proves it
 * unreachable); each stripe's list is guarded by the stripe's lock: a spin lock (one
 * CAS to take, a release store to give back), because a monitor costs two atomic operations.
 * Critical sections are a few field writes, except under {@link #withWeakRegistry}, which holds
 * all stripes while the deadlock check runs (rare; contenders yield).
 */
final class GRegistry {
    private static final int STRIPES = 64;

    private static final class Stripe {
        private static final VarHandle LOCK;

        static {
            try {
                LOCK = MethodHandles.lookup().findVarHandle(Stripe.class, "locked", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        G head;
        @SuppressWarnings("unused")
        private volatile int locked;

        void lock() {
            if (!LOCK.compareAndSet(this, 0, 1)) {
                // the holder may be descheduled, or running a deadlock check
                SpinBackoff.acquire(LOCK, this);
            }
        }

        void unlock() {
            LOCK.setRelease(this, 0);
        }
    }

    private final Stripe[] stripes = new Stripe[STRIPES];

    GRegistry() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    private Stripe stripe(G g) {
        return stripes[(int) g.id & (STRIPES - 1)];
    }

    void add(G g) {
        Stripe s = stripe(g);
        s.lock();
        link(s, g);
        s.unlock();
    }

    private static void link(Stripe s, G g) {
        G h = s.head;
        g.allPrev = null;
        g.allNext = h;
        if (h != null) {
            h.allPrev = g;
        }
        s.head = g;
    }

    void remove(G g) {
        Stripe s = stripe(g);
        s.lock();
        try {
            G prev = g.allPrev;
            G next = g.allNext;
            if (prev != null) {
                prev.allNext = next;
            } else if (s.head == g) {
                s.head = next;
            } else {
                return; // not registered (forgotten by a deadlock check that could not see it)
            }
            if (next != null) {
                next.allPrev = prev;
            }
            g.allPrev = null;
            g.allNext = null;
        } finally {
            s.unlock();
        }
    }

    /** The registered goroutines now, in no particular order (for dumps). */
    List<G> snapshot() {
        List<G> all = new ArrayList<>();
        for (Stripe s : stripes) {
            s.lock();
            try {
                for (G g = s.head; g != null; g = g.allNext) {
                    all.add(g);
                }
            } finally {
                s.unlock();
            }
        }
        return all;
    }

    /**
     * Runs {@code action} with every stripe locked and the registry's strong references replaced
     * by weak ones: inside, a goroutine is strongly reachable only through what can wake it.
     * Goroutines collected meanwhile are forgotten (they can never run again).
     */
    void withWeakRegistry(Consumer<List<WeakReference<G>>> action) {
        for (Stripe s : stripes) {
            s.lock();
        }
        try {
            List<WeakReference<G>> refs = detach();
            try {
                action.accept(refs);
            } finally {
                reattach(refs);
            }
        } finally {
            for (Stripe s : stripes) {
                s.unlock();
            }
        }
    }

    /** Moves all goroutines out of the intrusive lists into weak references. All stripes held. */
    private List<WeakReference<G>> detach() {
        List<WeakReference<G>> refs = new ArrayList<>();
        for (Stripe s : stripes) {
            G g = s.head;
            s.head = null;
            while (g != null) {
                G next = g.allNext;
                g.allNext = null;
                g.allPrev = null;
                refs.add(new WeakReference<>(g));
                g = next;
            }
        }
        return refs;
    }

    /** Puts back every goroutine still alive. All stripes held. */
    private void reattach(List<WeakReference<G>> refs) {
        for (WeakReference<G> r : refs) {
            G g = r.get();
            if (g != null) {
                link(stripe(g), g);
            }
        }
    }
}
