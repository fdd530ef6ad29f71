package io.jgo.internal;

import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;

/**
 * A failure domain: the tree of goroutines that one {@code run} or {@code start} call began (Go
 * has one per process; a server has one per request). A goroutine joins the root of the goroutine
 * that spawned it; one spawned from a plain thread with {@code go} joins its runtime's detached
 * root, which nobody observes.
 *
 * <p>An unrecovered panic in the tree fails {@link #future} (unless the runtime ends everything on
 * a panic, as Go does); a proof that the main goroutine can never run again fails it with the
 * deadlock report. Invariant: a root never references its main goroutine strongly (only through
 * {@link #main}), because the deadlock proof is that goroutine becoming unreachable.
 */
final class Root {
    final Sched sched;
    /** Completed when the main goroutine ends; null for the detached root. */
    final CompletableFuture<Object> future;
    /** The main goroutine, weakly; null for the detached root. Set once at spawn. */
    WeakReference<G> main;
    long mainId;

    // The monitor's bookkeeping for the deadlock check of a busy runtime (monitor thread only).
    /** When the monitor first saw the main goroutine waiting (nanoTime), or 0. */
    long waitingSince;
    /**
     * When the monitor last saw a goroutine of this tree running on a P (it looks at every P on
     * each of its rounds): a tree seen running recently is busy, not deadlocked, and is not
     * worth a garbage collection.
     */
    long seenRunningAt;
    /** Next check of this root while its main goroutine keeps waiting. */
    long nextCheck;
    long checkDelay;

    Root(Sched sched, CompletableFuture<Object> future) {
        this.sched = sched;
        this.future = future;
    }

    /** True while someone waits for this tree's outcome. */
    boolean observed() {
        return future != null && !future.isDone();
    }

    @Override
    public String toString() {
        return future == null ? "detached goroutines" : "goroutine " + mainId + "'s tree";
    }
}
