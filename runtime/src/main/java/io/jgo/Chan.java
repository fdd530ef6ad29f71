package io.jgo;

import io.jgo.internal.Frames;
import io.jgo.runtime.Frame;
import io.jgo.internal.G;
import io.jgo.internal.RuntimeTimer;
import io.jgo.runtime.Suspending;
import io.jgo.internal.WaitReason;
import io.jgo.internal.WaitOutcomes;
import io.jgo.internal.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Go's {@code chan T}: unbuffered ({@link #make()}) or buffered ({@link #make(int)}), with send,
 * receive, close, {@code len}, {@code cap}, range ({@code for (T v : ch)}), select cases and the
 * nil channel ({@link #nil()}). The rules are the Go spec's:
 * <ul>
 *   <li>An unbuffered send completes only when a receiver has taken the value; a buffered channel
 *       is FIFO and a send blocks only while the buffer is full.</li>
 *   <li>Blocked senders and receivers are served first come, first served.</li>
 *   <li>After {@link #close()} receivers get the buffered values, then {@code null} at once,
 *       forever ({@link #recvOk()} tells that apart from a sent {@code null}: {@code ok == false}).
 *       </li>
 *   <li>Sending on a closed channel, and a sender blocked when the channel gets closed, throw
 *       {@link SendOnClosedChannelException}; closing twice throws
 *       {@link CloseOfClosedChannelException}.</li>
 *   <li>Operations on a nil channel block forever; a nil channel's select cases never fire.</li>
 * </ul>
 *
 * <p>Every blocking operation works from plain threads (it blocks the thread) and from
 * goroutines (inside {@code @Go} code the processor calls the suspending twin, which parks the
 * goroutine, never its carrier); both kinds of waiters meet on the same channel.
 *
 * <h2>Implementation (after Go's runtime/chan.go)</h2>
 * One short lock ({@link SpinLocked}) guards every mutable field. A sender that finds a waiting
 * receiver hands the value to it directly (no buffer copy), and vice versa; a receiver that
 * empties a full buffer moves the first blocked sender's value into it. Waiters are
 * {@link Waiter}s (Go's sudog) in two FIFO queues; a select leaves one waiter per case, and
 * whoever dequeues one must claim it first (one CAS on the select). Wake-ups
 * ({@code G.ready}, {@code unpark}) happen after the lock is released. An unbuffered channel
 * is 24 bytes (lock word and two queue heads; the send queue's head doubles as the closed flag);
 * a buffered one ({@link BufferedChan}) adds the ring's three fields and the ring itself.
 *
 * @param <T> the element type; {@code null} is a valid element
 */
public class Chan<T> extends SpinLocked implements SendChan<T>, RecvChan<T>, Withdrawable {

    /** What {@link #rangeNext(Frame)} yields when the range loop is over. */
    public static final Object END = WaitOutcomes.END;

    /** Internal result of a receive from a closed and drained channel. */
    static final Object CLOSED = END;
    /** Internal result of a non-blocking operation that could not proceed. */
    static final Object WOULD_BLOCK = new Object();

    private static final Chan<?> NIL = new Chan<>();

    /**
     * What {@code sendq} holds once the channel is closed: close wakes every blocked sender and
     * later sends throw, so a closed channel never has senders and the queue head can double as
     * the closed flag (keeping an unbuffered channel at 24 bytes). Never linked, never claimed.
     */
    private static final Waiter CLOSED_Q = new Waiter() {
        @Override
        public void complete(Object value, boolean ok) {
            throw new AssertionError("the closed-channel marker is never a waiter");
        }
    };
    private static final VarHandle SENDQ;

    static {
        WaitOutcomes.install(new WaitOutcomes() {
            @Override
            public Object received(Object value, boolean ok) {
                return ok ? new Received<>(value, true) : Received.closed();
            }

            @Override
            public Throwable sendOnClosed() {
                return new SendOnClosedChannelException();
            }
        });
        try {
            SENDQ = MethodHandles.lookup().findVarHandle(Chan.class, "sendq", Waiter.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Blocked receivers and receive cases, FIFO (head, circular). Guarded by the lock. */
    Waiter recvq;
    /**
     * Blocked senders and send cases, FIFO (head, circular), or {@link #CLOSED_Q} once closed.
     * Guarded by the lock; racy reads ({@link #isClosed()}) use acquire.
     */
    private Waiter sendq;

    /** Unbuffered (and the nil channel); {@link BufferedChan} adds the ring buffer. */
    Chan() {
    }

    /** {@code make(chan T)}: an unbuffered channel. */
    public static <T> Chan<T> make() {
        return new Chan<>();
    }

    /**
     * {@code make(chan T, size)}: a channel that buffers up to {@code size} elements.
     *
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public static <T> Chan<T> make(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("makechan: size out of range: " + size
                    + " (a channel's buffer size must be 0 or more)");
        }
        return size == 0 ? new Chan<>() : new BufferedChan<>(size);
    }

    /**
     * Go's nil channel ({@code var ch chan T}): sends and receives block forever, its select cases
     * never fire (the idiom for switching a case off), closing it throws
     * {@link CloseOfNilChannelException}.
     */
    @SuppressWarnings("unchecked")
    public static <T> Chan<T> nil() {
        return (Chan<T>) NIL;
    }

    /** True for {@link #nil()}. */
    public final boolean isNil() {
        return this == NIL;
    }

    // ---------------------------------------------------------------- send

    /**
     * {@code ch <- v}: sends {@code v} (null allowed), waiting while no receiver takes it
     * (unbuffered) or the buffer is full.
     *
     * @throws SendOnClosedChannelException if the channel is closed, or gets closed while waiting
     * @throws WaitInterruptedException if a plain thread is interrupted while it waits (see
     *                                  semantics.md); goroutines are never interrupted
     */
    @Override
    @Suspending
    public final void send(T v) {
        sendCore(v, null, true);
    }

    /** Suspending twin of {@link #send(Object)}. */
    @Override
    public final Object send(T v, Frame<?> frame) {
        return sendCore(v, frame, true);
    }

    /** {@code select { case ch <- v: return true; default: return false }}. */
    @Override
    public final boolean trySend(T v) {
        return sendCore(v, null, false) != WOULD_BLOCK;
    }

    /**
     * The send path for all forms. {@code frame == null}: the calling thread blocks.
     * Returns null when sent, WOULD_BLOCK (only if {@code !block}) or SUSPENDED.
     */
    private Object sendCore(Object v, Frame<?> frame, boolean block) {
        if (this == NIL) {
            return block ? blockForever(frame, WaitReason.CHAN_SEND_NIL) : WOULD_BLOCK;
        }
        if (!block && recvq == null && sendq != CLOSED_Q && !hasRoomLocked()) {
            return WOULD_BLOCK; // Go's lock-free fast fail; a racy read can only make us lock
        }
        enter();
        if (sendq == CLOSED_Q) {
            exit();
            throw new SendOnClosedChannelException();
        }
        Waiter r = pollRecv();
        if (r != null) {
            exit();
            r.complete(v, true); // direct hand-off to the receiver
            return null;
        }
        if (offerLocked(v)) {
            exit();
            return null;
        }
        if (!block) {
            exit();
            return WOULD_BLOCK;
        }
        if (frame != null) {
            G g = Frames.goroutineOf(frame);
            Waiter w = OpWaiter.forGoroutine(g, OpWaiter.SEND);
            w.elem = v;
            sendq = Waiter.enqueue(sendq, w);
            Object s = g.park(frame, WaitReason.CHAN_SEND);
            exit();
            return s;
        }
        OpWaiter w = OpWaiter.forThread();
        w.elem = v;
        sendq = Waiter.enqueue(sendq, w);
        exit();
        w.awaitInterruptibly(this, "chan send");
        if (!w.ok) {
            throw new SendOnClosedChannelException();
        }
        return null;
    }

    // ---------------------------------------------------------------- receive

    /**
     * {@code v := <-ch}: the next element, waiting until there is one; {@code null} once the
     * channel is closed and drained (use {@link #recvOk()} when {@code null} can be sent).
     *
     * @throws WaitInterruptedException if a plain thread is interrupted while it waits (see
     *                                  semantics.md); goroutines are never interrupted
     */
    @Override
    @Suspending
    @SuppressWarnings("unchecked")
    public final T recv() {
        Object r = recvCore(OpWaiter.RECV, null, true);
        return r == CLOSED ? null : (T) r;
    }

    /** Suspending twin of {@link #recv()}. */
    @Override
    public final Object recv(Frame<?> frame) {
        Object r = recvCore(OpWaiter.RECV, frame, true);
        return r == CLOSED ? null : r;
    }

    /** {@code v, ok := <-ch}: {@code ok} is false once the channel is closed and drained. */
    @Override
    @Suspending
    @SuppressWarnings("unchecked")
    public final Received<T> recvOk() {
        Object r = recvCore(OpWaiter.RECV_OK, null, true);
        return r == CLOSED ? Received.closed() : new Received<>((T) r, true);
    }

    /** Suspending twin of {@link #recvOk()}; resumes with a {@link Received}. */
    @Override
    public final Object recvOk(Frame<?> frame) {
        Object r = recvCore(OpWaiter.RECV_OK, frame, true);
        if (r == Frame.SUSPENDED) {
            return r;
        }
        return r == CLOSED ? Received.closed() : new Received<>(r, true);
    }

    /**
     * {@code select { case v, ok := <-ch: ...; default: }}: the element (or closed, with
     * {@code ok == false}) if one can be received now, else {@code null}.
     */
    @Override
    @SuppressWarnings("unchecked")
    public final Received<T> tryRecv() {
        Object r = recvCore(OpWaiter.RECV_OK, null, false);
        if (r == WOULD_BLOCK) {
            return null;
        }
        return r == CLOSED ? Received.closed() : new Received<>((T) r, true);
    }

    /**
     * For generated range loops ({@code for (T v : ch)} in {@code @Go} code): the next element,
     * {@link #END} once the channel is closed and drained, or {@link Frame#SUSPENDED}.
     */
    @Override
    public final Object rangeNext(Frame<?> frame) {
        return recvCore(OpWaiter.RANGE, frame, true);
    }

    /**
     * The receive path for all forms: returns the element, CLOSED, WOULD_BLOCK (only if
     * {@code !block}) or SUSPENDED. {@code frame == null}: the calling thread blocks.
     */
    private Object recvCore(byte mode, Frame<?> frame, boolean block) {
        if (this == NIL) {
            return block ? blockForever(frame, WaitReason.CHAN_RECEIVE_NIL) : WOULD_BLOCK;
        }
        // Racy fast fail, as Go's chanrecv does for non-blocking receives. Order matters: empty
        // first, then no sender and not closed (one read of sendq): closing is permanent, so
        // both reads hold at the moment of the first one.
        if (!block && bufferedLocked() == 0 && sendq == null && !fillsOnReceive()) {
            return WOULD_BLOCK;
        }
        enter();
        pollLocked();
        Object v = takeLocked();
        if (v != WOULD_BLOCK) {
            return v; // takeLocked released the lock and completed the sender
        }
        if (sendq == CLOSED_Q) {
            exit();
            return CLOSED;
        }
        if (!block) {
            exit();
            return WOULD_BLOCK;
        }
        RuntimeTimer arm = null;
        if (frame != null) {
            G g = Frames.goroutineOf(frame);
            recvq = Waiter.enqueue(recvq, OpWaiter.forGoroutine(g, mode));
            arm = receiverQueuedLocked();
            Object s = g.park(frame, WaitReason.CHAN_RECEIVE);
            exit();
            TimerChan.start(arm);
            return s;
        }
        OpWaiter w = OpWaiter.forThread();
        recvq = Waiter.enqueue(recvq, w);
        arm = receiverQueuedLocked();
        exit();
        TimerChan.start(arm);
        w.awaitInterruptibly(this, "chan receive");
        return w.ok ? w.elem : CLOSED;
    }

    /**
     * With the lock held: takes the next element from the buffer (refilling it from the first
     * blocked sender) or directly from a blocked sender; then releases the lock, completes that
     * sender and returns the element. If there is nothing to take, returns WOULD_BLOCK and keeps
     * the lock.
     */
    private Object takeLocked() {
        Waiter s;
        Object v;
        if (bufferedLocked() > 0) {
            s = pollSend();
            v = shiftLocked(s);
        } else {
            s = pollSend();
            if (s == null) {
                return WOULD_BLOCK;
            }
            v = s.elem;
        }
        exit();
        if (s != null) {
            s.complete(null, true);
        }
        return v;
    }

    /** Unlinks and returns the first claimable blocked receiver; stale select cases are dropped. */
    private Waiter pollRecv() {
        for (Waiter w; (w = recvq) != null; ) {
            recvq = Waiter.unlink(w, w);
            if (w.tryClaim()) {
                return w;
            }
        }
        return null;
    }

    /** Unlinks and returns the first claimable blocked sender; stale select cases are dropped. */
    private Waiter pollSend() {
        for (Waiter w; (w = sendq) != null && w != CLOSED_Q; ) {
            sendq = Waiter.unlink(w, w);
            if (w.tryClaim()) {
                return w;
            }
        }
        return null;
    }

    private static Object blockForever(Frame<?> frame, WaitReason reason) {
        if (frame != null) {
            return Frames.goroutineOf(frame).park(frame, reason); // nobody will ever ready it
        }
        OpWaiter.blockForever(NIL, reason.text());
        return null; // unreachable
    }

    // ---------------------------------------------------------------- close

    /**
     * {@code close(ch)}: no more values will be sent. Blocked receivers get {@code null} (ok
     * false); blocked senders throw {@link SendOnClosedChannelException}; buffered values stay
     * receivable.
     *
     * @throws CloseOfClosedChannelException if it is already closed
     * @throws CloseOfNilChannelException    for {@link #nil()}
     */
    @Override
    public final void close() {
        if (this == NIL) {
            throw new CloseOfNilChannelException();
        }
        checkClosable();
        enter();
        if (sendq == CLOSED_Q) {
            exit();
            throw new CloseOfClosedChannelException();
        }
        // Collect every claimable waiter into a private list (linked by next) and wake them
        // after unlocking, as Go's closechan does with its glist.
        Waiter wake = null;
        for (Waiter w; (w = pollRecv()) != null; ) {
            w.next = wake;
            wake = w;
        }
        Waiter senders = null;
        for (Waiter w; (w = pollSend()) != null; ) {
            w.next = senders;
            senders = w;
        }
        sendq = CLOSED_Q; // the queue is empty now: from here on it means closed
        exit();
        completeClosed(wake);
        completeClosed(senders);
    }

    /** Completes a newest-first linked list of waiters as failed by close, oldest first. */
    private static void completeClosed(Waiter list) {
        // the list is newest-first: reverse it so waiters wake in FIFO order
        Waiter rev = null;
        while (list != null) {
            Waiter n = list.next;
            list.next = rev;
            rev = list;
            list = n;
        }
        while (rev != null) {
            Waiter n = rev.next;
            rev.next = null;
            rev.complete(null, false);
            rev = n;
        }
    }

    /** True once {@link #close()} was called (a snapshot, like every unsynchronized query). */
    public final boolean isClosed() {
        return SENDQ.getAcquire(this) == CLOSED_Q;
    }

    // ---------------------------------------------------------------- queries, views, cases

    /** {@code len(ch)}: the number of buffered elements (a snapshot). */
    @Override
    public int len() {
        return 0;
    }

    /** {@code cap(ch)}: the buffer size; 0 for unbuffered and nil channels. */
    @Override
    public int cap() {
        return 0;
    }

    /** This channel as a send-only {@code chan<- T}. */
    public final SendChan<T> sendOnly() {
        return this;
    }

    /** This channel as a receive-only {@code <-chan T}. */
    public final RecvChan<T> recvOnly() {
        return this;
    }

    /** A select case receiving from this channel: {@code case v, ok := <-ch}. */
    @Override
    public final RecvCase<T> onRecv() {
        return new RecvCase<>(this);
    }

    /** A select case sending {@code v} on this channel: {@code case ch <- v}. */
    @Override
    public final SendCase<T> onSend(T v) {
        return new SendCase<>(this, v);
    }

    /** A select case with a body: {@code case v := <-ch: body(v)}; see {@link Jgo#select(Case...)}. */
    @Override
    public final RecvCase<T> onRecv(GoConsumer<T> body) {
        return new RecvCase<>(this, null, java.util.Objects.requireNonNull(body, "body"), null);
    }

    /** A select case with a body that ignores the value: {@code case <-ch: body()}. */
    @Override
    public final RecvCase<T> onRecv(GoRunnable body) {
        return new RecvCase<>(this, java.util.Objects.requireNonNull(body, "body"), null, null);
    }

    /** A select case with a body: {@code case v, ok := <-ch: body(v, ok)}. */
    @Override
    public final RecvCase<T> onRecvOk(GoBiConsumer<T, Boolean> body) {
        return new RecvCase<>(this, null, null, java.util.Objects.requireNonNull(body, "body"));
    }

    /** A select case with a body: {@code case ch <- v: body()}. */
    @Override
    public final SendCase<T> onSend(T v, GoRunnable body) {
        return new SendCase<>(this, v, java.util.Objects.requireNonNull(body, "body"));
    }

    /**
     * A blocking iterator over received elements, ending when the channel is closed and drained:
     * {@code for (T v : ch)} in plain code. (Inside {@code @Go} code range loops suspend instead.)
     */
    @Override
    public final Iterator<T> iterator() {
        return new Iterator<>() {
            private Object next;
            private boolean fetched;

            @Override
            public boolean hasNext() {
                if (!fetched) {
                    next = recvCore(OpWaiter.RANGE, null, true);
                    fetched = true;
                }
                return next != CLOSED;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("channel closed and drained");
                }
                fetched = false;
                return (T) next;
            }
        };
    }

    @Override
    public String toString() {
        if (this == NIL) {
            return "chan(nil)";
        }
        return "chan(len=" + len() + ", cap=" + cap() + (isClosed() ? ", closed)" : ")");
    }

    // ---------------------------------------------------------------- select support

    /** Lock held: can {@code c} proceed now? (For receive: data, a sender, or closed.) */
    final boolean readyLocked(Case c) {
        if (this == NIL) {
            return false;
        }
        if (c.isSend()) {
            return sendq == CLOSED_Q || hasRoomLocked() || hasClaimable(recvq);
        }
        pollLocked();
        return bufferedLocked() > 0 || sendq == CLOSED_Q || hasClaimable(sendq);
    }

    private static boolean hasClaimable(Waiter head) {
        if (head == null || head == CLOSED_Q) {
            return false;
        }
        Waiter w = head;
        do {
            Case c = Case.ofWaiter(w);
            if (c == null || c.sel.isOpen()) {
                return true;
            }
            w = w.next;
        } while (w != head);
        return false;
    }

    /**
     * Lock held, {@code c} (this select's own case) was found ready: performs it. Records a
     * receive's result in {@code c}. Returns the claimed partner to complete after unlocking
     * (null if none), {@link #CLOSED} for a send on a closed channel, or WOULD_BLOCK if a partner
     * was claimed by someone else meanwhile (the caller re-polls).
     */
    final Object performLocked(Case c) {
        if (c.isSend()) {
            if (sendq == CLOSED_Q) {
                return CLOSED;
            }
            Waiter r = pollRecv();
            if (r != null) {
                return r; // caller completes r with c.elem after unlocking
            }
            return offerLocked(c.elem) ? null : WOULD_BLOCK;
        }
        Waiter s;
        Object v;
        if (bufferedLocked() > 0) {
            s = pollSend();
            v = shiftLocked(s);
        } else {
            s = pollSend();
            if (s == null) {
                if (sendq == CLOSED_Q) {
                    c.record(null, false);
                    return null;
                }
                return WOULD_BLOCK;
            }
            v = s.elem;
        }
        c.record(v, true);
        return s;
    }

    /** Lock held: links a blocked select's case into the right queue. */
    final void enqueueLocked(Case c) {
        if (c.isSend()) {
            sendq = Waiter.enqueue(sendq, c.queueEntry());
        } else {
            recvq = Waiter.enqueue(recvq, c.queueEntry());
        }
    }

    /**
     * An interrupted thread's send or receive gives its waiter back if no partner has taken it
     * (see {@link Withdrawable}). A withdrawn receiver of a timer channel disarms the timer if
     * nobody else watches it, as a finished select's case does.
     */
    @Override
    public final boolean withdraw(OpWaiter w) {
        // Membership, not w.next: close reuses the links of the waiters it has taken.
        enter();
        boolean queued = true;
        RuntimeTimer disarm = null;
        if (Waiter.contains(recvq, w)) {
            recvq = Waiter.unlink(recvq, w);
            disarm = receiverLeftLocked();
        } else if (sendq != CLOSED_Q && Waiter.contains(sendq, w)) {
            sendq = Waiter.unlink(sendq, w);
        } else {
            queued = false;
        }
        exit();
        TimerChan.stop(disarm);
        return queued;
    }

    /**
     * Unlinks a case of a finished select if it is still queued (another waker may have dropped
     * it already). Takes and releases the lock; called with no lock held.
     */
    final void removeCase(Case c) {
        if (this == NIL) {
            return;
        }
        enter();
        RuntimeTimer disarm = null;
        Waiter w = c.queuedEntry();
        if (w != null && w.next != null) {
            if (c.isSend()) {
                sendq = Waiter.unlink(sendq, w);
            } else {
                recvq = Waiter.unlink(recvq, w);
                disarm = receiverLeftLocked();
            }
        }
        exit();
        TimerChan.stop(disarm);
    }

    // ------------------------------- channels whose readiness depends on time (TimerChan's hooks)

    /**
     * True if a receive may succeed with nothing buffered, no sender and the channel open: a
     * timer's channel fills its buffer when a receive polls it.
     */
    boolean fillsOnReceive() {
        return false;
    }

    /** Lock held, before a receive looks at the buffer: a timer's channel fills it if its time came. */
    void pollLocked() {
    }

    /** Lock held, a receiver was just queued: a timer to start once the lock is released, or null. */
    RuntimeTimer receiverQueuedLocked() {
        return null;
    }

    /** Lock held, a receiver just left the queue: a timer to stop once the lock is released, or null. */
    RuntimeTimer receiverLeftLocked() {
        return null;
    }

    /** Throws if this channel must not be closed by its users (a timer's channel). */
    void checkClosable() {
    }

    // ------------------------------------------------ the buffer (BufferedChan overrides these)

    /** Lock held (racy reads only to fail fast): the number of buffered elements. */
    int bufferedLocked() {
        return 0;
    }

    /** Lock held (racy reads only to fail fast): is there room in the buffer? */
    boolean hasRoomLocked() {
        return false;
    }

    /** Lock held: appends {@code v} to the buffer if there is room. */
    boolean offerLocked(Object v) {
        return false;
    }

    /**
     * Lock held, {@code bufferedLocked() > 0}: removes and returns the oldest element; if
     * {@code sender} is not null (the buffer was full and it was waiting), its value goes to the
     * slot just freed, keeping FIFO order.
     */
    Object shiftLocked(Waiter sender) {
        throw new AssertionError("an unbuffered channel has no buffer to shift");
    }

    /** Lock held: drops buffered elements (a timer's stale tick after stop or reset). */
    void drainLocked() {
    }

    // ---------------------------------------------------------------- for TimerChan (lock held)

    /** Lock held: delivers a timer's value: to a waiting receiver, else into the buffer if room. */
    final Waiter deliverLocked(Object v) {
        Waiter r = pollRecv();
        if (r != null) {
            return r; // the caller completes it with v after unlocking
        }
        offerLocked(v);
        return null;
    }

    /** Lock held: true if some receiver is queued. */
    final boolean hasReceiversLocked() {
        return recvq != null;
    }

    /** Queue lengths, for tests: {receivers, senders}. */
    final int[] queueLengths() {
        enter();
        try {
            return new int[] {Waiter.size(recvq), sendq == CLOSED_Q ? 0 : Waiter.size(sendq)};
        } finally {
            exit();
        }
    }
}
