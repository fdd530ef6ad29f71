package io.jgo;

import io.jgo.internal.Sched;
import io.jgo.internal.RuntimeTimer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A context with a cancel function: what {@link Context#withCancel}, {@link Context#withTimeout}
 * and {@link Context#withDeadline} return. {@link #cancel()} is idempotent; call it when the work
 * is done (Go: {@code defer cancel()}) to release the context at once.
 */
public final class CancelContext extends Context {
    private final Context parent;
    private final long deadline;
    private final String name;
    /** Closed on cancel. Created eagerly: 40 bytes, and done() needs no lock. */
    private final Chan<Void> done = Chan.make();
    /** Null until canceled. Written once, under this object's monitor. */
    private volatile RuntimeException err;
    /** Cancelable children to cancel with this one. Guarded by this object's monitor. */
    private Set<CancelContext> children;
    /** The deadline timer, until it fires or the context is canceled. Guarded by the monitor. */
    private RuntimeTimer timer;
    /** Internal cancel hooks (waiters listening to this context). Guarded by the monitor. */
    private Set<Runnable> hooks;

    CancelContext(Context parent, long deadline, String name) {
        this.parent = parent;
        this.deadline = deadline;
        this.name = name;
    }

    /** Cancels this context and all its descendants with {@link Context#CANCELED}; idempotent. */
    public void cancel() {
        cancel(true, CANCELED);
    }

    @Override
    public RecvChan<Void> done() {
        return done;
    }

    @Override
    public RuntimeException err() {
        return err;
    }

    @Override
    public Object value(Object key) {
        return parent.value(key);
    }

    @Override
    long deadlineNanos() {
        return deadline != NO_DEADLINE ? deadline : parent.deadlineNanos();
    }

    @Override
    CancelContext cancelAncestor() {
        return this;
    }

    /** Registers with the nearest cancelable ancestor (or is canceled at once if it is). */
    void propagate() {
        CancelContext p = parent.cancelAncestor();
        if (p == null) {
            return;
        }
        RuntimeException perr;
        synchronized (p) {
            perr = p.err;
            if (perr == null) {
                if (p.children == null) {
                    p.children = Collections.newSetFromMap(new IdentityHashMap<>());
                }
                p.children.add(this);
                return;
            }
        }
        cancel(false, perr);
    }

    /** Arms the deadline timer (or cancels at once if the deadline has passed). */
    void startTimer() {
        long wait = deadline - GoRuntime.currentSched().nanoTime();
        if (wait <= 0) {
            cancel(true, DEADLINE_EXCEEDED);
            return;
        }
        RuntimeTimer t = new RuntimeTimer() {
            @Override
            protected void fire() {
                cancel(true, DEADLINE_EXCEEDED);
            }
        };
        synchronized (this) {
            if (err != null) {
                return; // canceled meanwhile (e.g. by the parent)
            }
            timer = t;
        }
        t.start(GoRuntime.currentSched(), deadline);
        // A cancel that ran between the unlock and start() stopped nothing: stop it now.
        if (err != null) {
            t.stop();
        }
    }

    /** Adds a hook run once on cancel; false (not added) if already canceled. */
    synchronized boolean addHook(Runnable h) {
        if (err != null) {
            return false;
        }
        if (hooks == null) {
            hooks = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        hooks.add(h);
        return true;
    }

    synchronized void removeHook(Runnable h) {
        if (hooks != null) {
            hooks.remove(h);
        }
    }

    void cancel(boolean removeFromParent, RuntimeException e) {
        Set<CancelContext> kids;
        Set<Runnable> hs;
        RuntimeTimer t;
        synchronized (this) {
            if (err != null) {
                return;
            }
            err = e;
            kids = children;
            children = null;
            hs = hooks;
            hooks = null;
            t = timer;
            timer = null;
        }
        done.close();
        if (hs != null) {
            for (Runnable h : hs) {
                h.run();
            }
        }
        if (t != null) {
            t.stop();
        }
        if (kids != null) {
            for (CancelContext k : kids) {
                k.cancel(false, e);
            }
        }
        if (removeFromParent) {
            CancelContext p = parent.cancelAncestor();
            if (p != null) {
                synchronized (p) {
                    if (p.children != null) {
                        p.children.remove(this);
                    }
                }
            }
        }
    }

    /** Number of registered children (for tests). */
    synchronized int childCount() {
        return children == null ? 0 : children.size();
    }

    /** Number of cancel hooks registered (for tests). */
    synchronized int hookCount() {
        return hooks == null ? 0 : hooks.size();
    }

    /** True while a deadline timer is armed (for tests). */
    synchronized boolean hasTimer() {
        return timer != null;
    }

    @Override
    public String toString() {
        return parent + "." + name;
    }
}
