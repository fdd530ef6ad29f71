package io.jgo;

import io.jgo.internal.Waiter;

/**
 * One case of a {@code select}: made by {@link RecvChan#onRecv()} or {@link SendChan#onSend}.
 * {@link Jgo#select(Case...)} returns the case that fired; compare it by identity:
 *
 * <pre>{@code
 * var in = jobs.onRecv();
 * var timeout = after(Duration.ofSeconds(1)).onRecv();
 * var c = select(in, timeout);
 * if (c == in) { handle(in.value()); } else { giveUp(); }
 * }</pre>
 *
 * <p><b>Reuse.</b> A case is small (40 bytes) and cheap to create, and it can be reused by later
 * selects, e.g. created once before a loop: a select that returned has removed the case from
 * every channel. A case belongs to one goroutine (or thread) at a time: passing it to two selects
 * that run at the same time throws {@link IllegalStateException}. The case is also the waiter a
 * blocked select leaves in the channel's queue (Go's {@code sudog}), so a blocked select
 * allocates one small object for all its cases, plus one per case the first time it blocks.
 */
public abstract class Case {
    /** The channel this case operates on; may be a nil channel (never ready); null for a default case. */
    final Chan<?> chan;
    /** The blocked select this case waits in; null when idle. Written by its select's owner. */
    Selection sel;
    /** What the select runs after performing this case; null for none. */
    final GoRunnable body;
    /** A send case's value. */
    Object elem;
    /**
     * What stands for this case in its channel's wait queue while its select blocks (Go's sudog
     * of a select case). Made on the first block and reused by later selects: a case belongs to
     * one select at a time. Written and read under the channel's lock or by the select's owner.
     */
    private QueuedCase queued;

    Case(Chan<?> chan) {
        this(chan, null);
    }

    Case(Chan<?> chan, GoRunnable body) {
        this.chan = chan;
        this.body = body;
    }

    /** True if the select runs code of this case after performing it. */
    boolean hasBody() {
        return body != null;
    }

    /** Runs the case's body on this thread (the select was called from plain code). */
    void runBody() throws Exception {
        body.run();
    }

    /** Runs the case's body as a nested call of {@code frame}: it may suspend. */
    Object runBody(io.jgo.runtime.Frame<?> frame) throws Throwable {
        return body.run(frame);
    }

    /** True for a send case. */
    abstract boolean isSend();

    /** Stores the case's result, before its select's owner is woken. */
    abstract void record(Object value, boolean ok);

    /** Lock of {@link #chan} held: the waiter to link into its queue, carrying a send's value. */
    Waiter queueEntry() {
        QueuedCase q = queued;
        if (q == null) {
            q = new QueuedCase(this);
            queued = q;
        }
        q.elem = elem;
        return q;
    }

    /** The waiter last linked for this case, or null if it never blocked. */
    Waiter queuedEntry() {
        return queued;
    }

    /** The case a waiter found in a channel's queue stands for, or null if it is no select's. */
    static Case ofWaiter(Waiter w) {
        return w instanceof QueuedCase ? ((QueuedCase) w).c : null;
    }

    /** A blocked select's case in a channel's wait queue. */
    private static final class QueuedCase extends Waiter {
        final Case c;

        QueuedCase(Case c) {
            this.c = c;
        }

        @Override
        public boolean tryClaim() {
            return c.sel.claim(c);
        }

        @Override
        public void complete(Object value, boolean ok) {
            c.record(value, ok);
            c.sel.finish(c, ok);
        }
    }
}
