package io.jgo.internal;

import java.util.function.Consumer;

/**
 * A goroutine or thread waiting in a queue of a channel or sync object: Go's {@code sudog}.
 * A goroutine is its own waiter ({@link G}); a blocked plain thread, a select case and a
 * context-aware wait each have their own small object. Runtime-internal: public only because
 * the {@code io.jgo} package builds its queues from it.
 *
 * <p>Queues are circular doubly linked lists reached from one head field of their owner
 * ({@code Chan.recvq}, {@code Mutex.waiters}, ...); a waiter is linked iff {@code next != null}.
 * {@code next}, {@code prev} are guarded by the lock of the object whose queue holds the waiter.
 *
 * <p>Life cycle: a waiter is created (or, for a select case, reused) by the operation that is
 * about to wait, gets its {@code elem} (a value to send), is linked while that operation holds
 * the owner's lock, and the goroutine parks under that same lock. A waker unlinks it under the
 * lock, then must {@link #tryClaim() claim} it (a select's other cases may be claimed by someone
 * else at the same time), and completes it with {@link #complete(Object, boolean)} after it has
 * released every lock. Exactly one party completes a waiter, once.
 */
public abstract class Waiter {
    /** Queue links; guarded by the lock of the object whose queue holds this waiter. */
    public Waiter next;
    public Waiter prev;
    /**
     * A sender's value (written before linking, read by the claimer); a thread receiver's
     * received value (written by the completer before it publishes completion).
     */
    public Object elem;

    /**
     * Called by a waker that has just unlinked this waiter, under the queue owner's lock.
     * Plain waiters always succeed; a select case succeeds only if no other case of its select
     * fired first. A waiter that fails to claim is stale: forget it.
     */
    public boolean tryClaim() {
        return true;
    }

    /**
     * Completes a claimed waiter, with no lock held: wakes its goroutine or thread.
     *
     * @param value the received value (receivers), or a sync object's result
     * @param ok    false when the operation failed because the channel was closed
     */
    public abstract void complete(Object value, boolean ok);

    /** Appends {@code w} to the queue starting at {@code head}; returns the new head. */
    public static Waiter enqueue(Waiter head, Waiter w) {
        if (head == null) {
            w.next = w;
            w.prev = w;
            return w;
        }
        Waiter tail = head.prev;
        tail.next = w;
        w.prev = tail;
        w.next = head;
        head.prev = w;
        return head;
    }

    /** Unlinks {@code w}, which must be linked in the queue at {@code head}; returns the new head. */
    public static Waiter unlink(Waiter head, Waiter w) {
        Waiter n = w.next;
        if (n == w) {
            head = null;
        } else {
            Waiter p = w.prev;
            p.next = n;
            n.prev = p;
            if (head == w) {
                head = n;
            }
        }
        w.next = null;
        w.prev = null;
        return head;
    }

    /**
     * Completes, with no lock held, every waiter of a queue already detached from its owner
     * (a released WaitGroup, a done Once, a batch of readers): each with {@code (null, true)}.
     */
    public static void completeAll(Waiter head) {
        forEachDetached(head, w -> w.complete(null, true));
    }

    /**
     * Unlinks each waiter of a queue already detached from its owner (no lock held), oldest
     * first, and then passes it to {@code action}, which may complete it: the links are read
     * before, so a completed waiter's reuse cannot break the walk.
     */
    public static void forEachDetached(Waiter head, Consumer<Waiter> action) {
        if (head == null) {
            return;
        }
        Waiter w = head;
        do {
            Waiter n = w.next;
            w.next = null;
            w.prev = null;
            action.accept(w);
            w = n;
        } while (w != head);
    }

    /** Whether {@code w} is linked in the queue at {@code head} (O(n): for rare paths). */
    public static boolean contains(Waiter head, Waiter w) {
        if (head == null || w.next == null) {
            return false;
        }
        Waiter x = head;
        do {
            if (x == w) {
                return true;
            }
            x = x.next;
        } while (x != head);
        return false;
    }

    /** Number of waiters in the queue at {@code head} (for tests and dumps; O(n)). */
    public static int size(Waiter head) {
        if (head == null) {
            return 0;
        }
        int n = 1;
        for (Waiter w = head.next; w != head; w = w.next) {
            n++;
        }
        return n;
    }
}
