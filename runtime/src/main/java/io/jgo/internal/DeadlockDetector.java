package io.jgo.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds roots whose main goroutine can never run again, and fails them with Go's
 * {@code all goroutines are asleep - deadlock!} and a dump of their goroutines.
 *
 * <h2>The proof</h2>
 * A goroutine that nothing strongly references except the registry can never be readied again:
 * whoever could wake it would need a reference to it (a channel's wait queue, a timer, a future's
 * callback, a thread's stack, a run queue, a carrier running it). So the detector turns the
 * registry's references weak and runs the garbage collector: a main goroutine that was registered
 * before and is collected now is deadlocked, and so is its root. This holds whatever else runs at
 * the same time: a running or runnable goroutine is reachable from its carrier or run queue, so
 * other roots' work can only keep a goroutine alive (a missed report, caught by a later check),
 * never make a live one look dead. Goroutines collected by the proof are forgotten: they can
 * never run, and no longer count in {@code numGoroutine}.
 *
 * <h2>When it runs</h2>
 * The proof costs a full collection, so it runs only where a deadlock is likely, with backoff:
 * <ul>
 *   <li>when every carrier is parked, no timer is pending and a root waits (the check Go makes);</li>
 *   <li>while other roots keep carriers busy, for each root whose main goroutine the monitor has
 *       seen waiting, and none of whose goroutines it has seen running on a P (it looks at every
 *       P on each round), for {@link #BUSY_FIRST_CHECK_NANOS}; then again after doubling
 *       intervals while that lasts (up to {@link #MAX_CHECK_NANOS}). A tree that computes while
 *       its main goroutine waits for it costs no collection.</li>
 * </ul>
 * Everything here runs on the monitor thread.
 */
final class DeadlockDetector {
    static final long IDLE_FIRST_CHECK_NANOS = 10_000_000L;
    static final long BUSY_FIRST_CHECK_NANOS = 100_000_000L;
    static final long MAX_CHECK_NANOS = 10_000_000_000L;
    /** How often the monitor looks at waiting roots while carriers are busy. */
    private static final long BUSY_SCAN_NANOS = 20_000_000L;

    private final Sched sched;
    private long lastBusyScan;

    DeadlockDetector(Sched sched) {
        this.sched = sched;
    }

    /**
     * The busy check: called by the monitor on each round while carriers run. Proves the roots
     * that are due, fails the deadlocked ones, and schedules the next check of the others.
     */
    void busyTick(long now) {
        if (now - lastBusyScan < BUSY_SCAN_NANOS) {
            return;
        }
        lastBusyScan = now;
        List<Root> due = dueRoots(sched.pendingRootsSnapshot(), now);
        if (due.isEmpty()) {
            return;
        }
        Set<Root> dead = proveAndFail(due);
        for (Root r : due) {
            if (!dead.contains(r)) {
                r.checkDelay = Math.min(r.checkDelay * 2, MAX_CHECK_NANOS);
                r.nextCheck = now + r.checkDelay;
            }
        }
    }

    /**
     * The roots whose main goroutine has waited long enough for a check. A method of its own so
     * that no goroutine it looked at stays in a local of the caller while the proof collects.
     */
    private static List<Root> dueRoots(List<Root> roots, long now) {
        List<Root> due = new ArrayList<>();
        for (Root r : roots) {
            G g = r.main.get();
            if (g == null || g.status() != G.WAITING || now - r.seenRunningAt < BUSY_FIRST_CHECK_NANOS) {
                // running, or its tree ran within the last check interval: busy, not stuck
                r.waitingSince = 0;
                continue;
            }
            if (r.waitingSince == 0) {
                r.waitingSince = now;
                r.checkDelay = BUSY_FIRST_CHECK_NANOS;
                r.nextCheck = now + r.checkDelay;
            } else if (now - r.nextCheck >= 0) {
                due.add(r);
            }
        }
        return due;
    }

    /**
     * Proves which of {@code candidates} are deadlocked and fails their futures with the report.
     * The caller makes sure the runtime is in a state where a check makes sense.
     *
     * @return the deadlocked roots
     */
    Set<Root> proveAndFail(List<Root> candidates) {
        Map<Root, String> dead = prove(candidates);
        sched.deadlocksFound.addAndGet(dead.size());
        for (Map.Entry<Root, String> e : dead.entrySet()) {
            JfrEvents.deadlock(sched, e.getKey(), e.getValue());
            e.getKey().future.completeExceptionally(sched.host.deadlock(e.getValue()));
        }
        return dead.keySet();
    }

    private Map<Root, String> prove(List<Root> candidates) {
        Map<Root, String> dead = new IdentityHashMap<>();
        Set<Root> roots = Collections.newSetFromMap(new IdentityHashMap<>());
        roots.addAll(candidates);
        Set<Long> mains = new HashSet<>();
        for (Root r : candidates) {
            mains.add(r.mainId);
        }
        sched.forgetMonitorReferences();
        sched.registry.withWeakRegistry(refs -> {
            Map<Root, String> texts = GoroutineDump.describeRoots(refs, roots, sched.nanoTime());
            // A main goroutine missing from the registry already ended: its completion is on its
            // way to its future. Only one that was registered and is collected now is proved dead.
            Set<Long> registered = aliveIds(refs, mains);
            System.gc();
            System.gc();
            Set<Long> alive = aliveIds(refs, mains);
            sched.forgetCollected(cleared(refs));
            for (Root r : candidates) {
                if (registered.contains(r.mainId) && !alive.contains(r.mainId)) {
                    dead.put(r, texts.getOrDefault(r, ""));
                }
            }
        });
        sched.observer().deadlockProofRan();
        return dead;
    }

    /** Which of {@code mains} are still alive. */
    private static Set<Long> aliveIds(List<WeakReference<G>> refs, Set<Long> mains) {
        Set<Long> ids = new HashSet<>();
        for (WeakReference<G> r : refs) {
            G g = r.get();
            if (g != null && mains.contains(g.id)) {
                ids.add(g.id);
            }
        }
        return ids;
    }

    private static int cleared(List<WeakReference<G>> refs) {
        int n = 0;
        for (WeakReference<G> r : refs) {
            if (r.get() == null) {
                n++;
            }
        }
        return n;
    }
}
