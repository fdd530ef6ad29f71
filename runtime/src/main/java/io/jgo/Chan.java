package io.jgo;

import io.jgo.runtime.Frame;
import io.jgo.runtime.G;
import io.jgo.runtime.Suspending;
import io.jgo.runtime.WaitReason;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.LockSupport;

/**
 * WALKING SKELETON of Go's {@code chan T}: unbuffered or buffered, send, receive, close, range.
 * One lock guards everything. To be replaced by the full channel (select, ok-receive, views).
 */
public final class Chan<T> implements Iterable<T> {
    private final int cap;
    private final ArrayDeque<Object> buf = new ArrayDeque<>();
    private final ArrayDeque<Waiter> recvq = new ArrayDeque<>();
    private final ArrayDeque<Waiter> sendq = new ArrayDeque<>();
    private boolean closed;

    private Chan(int cap) {
        this.cap = cap;
    }

    /** {@code make(chan T)}. */
    public static <T> Chan<T> make() {
        return new Chan<>(0);
    }

    /** {@code make(chan T, size)}. */
    public static <T> Chan<T> make(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("makechan: size out of range: " + size);
        }
        return new Chan<>(size);
    }

    /** {@code ch <- v}. */
    @Suspending
    public void send(T v) {
        Waiter w = new Waiter(Thread.currentThread(), null);
        Object r = send(v, w);
        if (r == Frame.SUSPENDED) {
            w.await();
            w.result();
        }
    }

    /** Suspending twin of {@link #send(Object)}. */
    public Object send(T v, Frame<?> frame) {
        return send(v, new Waiter(null, frame));
    }

    /** {@code v := <-ch}: null once the channel is closed and drained. */
    @Suspending
    @SuppressWarnings("unchecked")
    public T recv() {
        Waiter w = new Waiter(Thread.currentThread(), null);
        Object r = recv(w);
        if (r == Frame.SUSPENDED) {
            w.await();
            r = w.result();
        }
        return (T) unwrap(r);
    }

    /** Suspending twin of {@link #recv()}. */
    public Object recv(Frame<?> frame) {
        Object r = recv(new Waiter(null, frame));
        return r == Frame.SUSPENDED ? r : unwrap(r);
    }

    /**
     * For generated range loops ({@code for (T v : ch)}): the next element, {@link #END} once the
     * channel is closed and drained, or {@link Frame#SUSPENDED}.
     */
    public Object rangeNext(Frame<?> frame) {
        Waiter w = new Waiter(null, frame);
        w.ranging = true;
        return recv(w);
    }

    /** What {@link #rangeNext(Frame)} yields when the range loop is over. */
    public static final Object END = new Object() {
        @Override
        public String toString() {
            return "END";
        }
    };

    /** {@code close(ch)}. */
    public void close() {
        ArrayDeque<Waiter> wake = new ArrayDeque<>();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("close of closed channel");
            }
            closed = true;
            wake.addAll(recvq);
            recvq.clear();
            for (Waiter w : sendq) {
                w.error = new IllegalStateException("send on closed channel");
                wake.add(w);
            }
            sendq.clear();
        }
        for (Waiter w : wake) {
            w.wake(w.error == null ? CLOSED : null);
        }
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Object next;
            private boolean fetched;

            @Override
            public boolean hasNext() {
                if (!fetched) {
                    Waiter w = new Waiter(Thread.currentThread(), null);
                    Object r = recv(w);
                    if (r == Frame.SUSPENDED) {
                        w.await();
                        r = w.result();
                    }
                    next = r;
                    fetched = true;
                }
                return next != CLOSED;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                fetched = false;
                return (T) next;
            }
        };
    }

    private static final Object CLOSED = END;

    private static Object unwrap(Object r) {
        return r == CLOSED ? null : r;
    }

    private Object send(Object v, Waiter me) {
        Waiter receiver;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("send on closed channel");
            }
            receiver = recvq.poll();
            if (receiver == null) {
                if (buf.size() < cap) {
                    buf.add(v);
                    return null;
                }
                me.value = v;
                sendq.add(me);
                return me.park(WaitReason.CHAN_SEND);
            }
        }
        receiver.wake(v);
        return null;
    }

    private Object recv(Waiter me) {
        Waiter sender;
        Object v;
        synchronized (this) {
            if (!buf.isEmpty()) {
                v = buf.poll();
                sender = sendq.poll();
                if (sender != null) {
                    buf.add(sender.value);
                }
            } else {
                sender = sendq.poll();
                if (sender == null) {
                    if (closed) {
                        return CLOSED;
                    }
                    recvq.add(me);
                    return me.park(WaitReason.CHAN_RECEIVE);
                }
                v = sender.value;
            }
        }
        if (sender != null) {
            sender.wake(null);
        }
        return v;
    }

    /** A blocked sender or receiver: a goroutine's frame, or a plain thread. */
    private static final class Waiter {
        final Thread thread;
        final Frame<?> frame;
        Object value;
        Throwable error;
        boolean ranging;
        volatile boolean done;

        Waiter(Thread thread, Frame<?> frame) {
            this.thread = thread;
            this.frame = frame;
        }

        Object park(WaitReason reason) {
            return frame != null ? frame.goroutine().park(frame, reason) : Frame.SUSPENDED;
        }

        void wake(Object v) {
            if (frame != null) {
                G g = frame.goroutine();
                g.ready(error != null || (v == CLOSED && !ranging) ? null : v, error);
            } else {
                value = v;
                done = true;
                LockSupport.unpark(thread);
            }
        }

        void await() {
            while (!done) {
                LockSupport.park(this);
            }
        }

        Object result() {
            if (error != null) {
                throw (RuntimeException) error;
            }
            return value;
        }
    }
}
