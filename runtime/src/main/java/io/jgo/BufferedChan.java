package io.jgo;

import io.jgo.internal.Waiter;

/**
 * A channel with a buffer ({@link Chan#make(int)} with a size above 0): {@link Chan}'s queues and
 * lock plus a ring of {@code cap} slots. Kept apart so that an unbuffered channel, the common
 * kind in goroutine-per-task code, carries no buffer fields (24 bytes instead of 40).
 *
 * <p>Invariants (all fields guarded by the channel's lock): {@code 0 <= count <= buf.length};
 * the elements are {@code buf[recvx]}, {@code buf[recvx + 1]}, ... ({@code count} of them,
 * wrapping); every other slot is null, so a consumed element is not kept alive; blocked senders
 * exist only while {@code count == buf.length}, and blocked receivers only while
 * {@code count == 0}.
 */
class BufferedChan<T> extends Chan<T> {
    /** The ring; its length is {@code cap(ch)}. */
    private final Object[] buf;
    /** Index of the oldest buffered element. */
    private int recvx;
    /** Number of buffered elements (Go's qcount); racy reads in {@link #len()}. */
    private int count;

    BufferedChan(int size) {
        this.buf = new Object[size];
    }

    @Override
    public int len() {
        return count;
    }

    @Override
    public int cap() {
        return buf.length;
    }

    @Override
    final int bufferedLocked() {
        return count;
    }

    @Override
    final boolean hasRoomLocked() {
        return count < buf.length;
    }

    @Override
    final boolean offerLocked(Object v) {
        Object[] b = buf;
        int n = count;
        if (n == b.length) {
            return false;
        }
        int i = recvx + n;
        b[i < b.length ? i : i - b.length] = v;
        count = n + 1;
        return true;
    }

    @Override
    final Object shiftLocked(Waiter sender) {
        Object[] b = buf;
        int i = recvx;
        Object v = b[i];
        if (sender != null) {
            b[i] = sender.elem; // the buffer was full: the sender's value takes the freed slot
        } else {
            b[i] = null;
            count--;
        }
        recvx = i + 1 == b.length ? 0 : i + 1;
        return v;
    }

    @Override
    final void drainLocked() {
        while (count > 0) {
            shiftLocked(null);
        }
    }
}
