package io.jgo.it.soak;

import io.jgo.CancelContext;
import io.jgo.Case;
import io.jgo.Chan;
import io.jgo.Context;
import io.jgo.Jgo;
import io.jgo.Once;
import io.jgo.Received;
import io.jgo.RecvCase;
import io.jgo.SendCase;
import io.jgo.WaitGroup;
import io.jgo.WaitInterruptedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A plain thread of the soak: it uses the same channels, queue, locks and semaphore as the
 * goroutines, and an {@link Interrupter} interrupts it at random, mostly while it is blocked.
 *
 * <p>Interrupt accounting is exact. The interrupter interrupts a worker only while the worker is
 * <i>armed</i>, and disarms it as it does; the worker re-arms only once it has seen the interrupt
 * (a {@link WaitInterruptedException} with the status kept, or the status set after an operation
 * that completed). So at most one interrupt is in flight per worker, and at the end the number
 * delivered must equal the number seen: an operation that swallowed an interrupt (neither threw
 * nor kept the status, as a lock that forgot to set it again would) leaves them unequal.
 *
 * <p>What an interrupted operation did is checked by the round's totals: a receive that threw
 * must not have taken a value (else the ledger finds it lost), a send that threw must not have
 * delivered it (its producer sends the same value again, so the ledger would find a duplicate),
 * an acquire that threw must not have taken units (else the semaphore is not full at the end).
 */
abstract class PlainWorker implements Runnable {
    /** The operations a plain worker blocks in, and whether an interrupt may end them. */
    enum Op {
        SEND("Chan.send", true),
        SELECT_SEND("select (send case, round's end)", true),
        RANGE("range over a channel (iterator)", true),
        RECV_OK("Chan.recvOk", true),
        SELECT_RECV("select (two receives, timer)", true),
        COND_PUT("put (Mutex.lock, Cond.await)", true),
        COND_TAKE("take (Mutex.lock, Cond.await)", true),
        MUTEX_LOCK("Mutex.lock", false),
        RW_LOCK("RWMutex.lock", false),
        RW_RLOCK("RWMutex.rLock", false),
        ONCE("Once.run", false),
        WG_AWAIT("WaitGroup.await", true),
        SEM_ACQUIRE("Semaphore.acquire", true),
        SLEEP("Jgo.sleep", true),
        CTX_DONE("ctx.done().recv()", true),
        SELECT_TIMER("select (timer only fires)", true);

        final String label;
        final boolean interruptible;

        Op(String label, boolean interruptible) {
            this.label = label;
            this.interruptible = interruptible;
        }
    }

    /** Outcome columns: completed without interrupt, completed with the status set, threw. */
    static final int QUIET = 0;
    static final int COMPLETED_INTERRUPTED = 1;
    static final int THREW = 2;

    final Round r;
    final String name;
    final Thread thread;
    final SplittableRandom rnd;
    final AtomicBoolean armed = new AtomicBoolean(true);
    /** Interrupts delivered to this worker (by the interrupter). */
    final AtomicLong delivered = new AtomicLong();
    /** Interrupts this worker saw; written by the worker, read after it ended. */
    long observed;
    /** Of those, the ones seen outside an operation (at the end, waiting for the interrupter). */
    long observedOutside;
    final long[][] outcomes = new long[Op.values().length][3];

    PlainWorker(Round r, String name, int salt) {
        this.r = r;
        this.name = name;
        this.rnd = r.random(salt);
        this.thread = new Thread(this, "soak-" + name);
        this.thread.setDaemon(true);
    }

    @Override
    public final void run() {
        try {
            work();
        } catch (Throwable t) {
            r.violation(name + " failed: " + stackTrace(t));
        } finally {
            // Stay until the interrupter has stopped, so that every interrupt it delivered is
            // seen here, at the latest.
            while (true) {
                try {
                    r.interrupterGone.await();
                    break;
                } catch (InterruptedException e) {
                    observed++;
                    observedOutside++;
                    armed.set(true);
                }
            }
            if (Thread.interrupted()) {
                observed++;
                observedOutside++;
            }
        }
    }

    abstract void work();

    /**
     * Ends one operation, which threw {@code e} or (if null) completed: checks the interrupt
     * rules of semantics.md, counts the outcome, and re-arms the worker if it saw an interrupt.
     * Returns true if the operation completed.
     */
    final boolean ended(Op op, WaitInterruptedException e) {
        boolean status = Thread.interrupted();
        if (e != null) {
            if (!op.interruptible) {
                r.violation(name + ": " + op.label + " is uninterruptible but threw " + e);
            }
            if (!status) {
                r.violation(name + ": " + op.label + " threw WaitInterruptedException without keeping the interrupt status");
            }
            outcomes[op.ordinal()][THREW]++;
        } else {
            outcomes[op.ordinal()][status ? COMPLETED_INTERRUPTED : QUIET]++;
        }
        if (status) {
            observed++;
            armed.set(true);
        }
        return e == null;
    }

    static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    // ------------------------------------------------------------------ the workers

    /** Sends 0, 1, 2, ... on one channel, by send or by select against the round's end. */
    static final class ChanProducer extends PlainWorker {
        final int id;

        ChanProducer(Round r, int id) {
            super(r, "chan-producer-" + id, 700 + id);
            this.id = id;
        }

        @Override
        void work() {
            Chan<Long> ch = r.chan(id % 2);
            SendCase<Long> put = ch.onSend(0L);
            RecvCase<Void> end = r.stop.done().onRecv();
            long seq = 0;
            try {
                while (seq < Ledger.SEQ_CAP && !r.stopping()) {
                    long v = Ledger.value(id, seq);
                    if (rnd.nextBoolean()) {
                        try {
                            ch.send(v);
                            ended(Op.SEND, null);
                            seq++;
                        } catch (WaitInterruptedException e) {
                            ended(Op.SEND, e); // not sent: offer the same value again
                        }
                    } else {
                        put.set(v);
                        try {
                            Case c = Jgo.select(put, end);
                            ended(Op.SELECT_SEND, null);
                            if (c != put) {
                                break;
                            }
                            seq++;
                        } catch (WaitInterruptedException e) {
                            ended(Op.SELECT_SEND, e);
                        }
                    }
                }
            } finally {
                r.chanLedger.sent[id] = seq;
                r.counters.add("chan: values sent by plain threads", seq);
                r.chanProducers.done();
            }
        }
    }

    /**
     * Mode 0: drains unbuf, then buf, alternating the channel's iterator (a range loop) and
     * recvOk. Mode 1: selects over both channels with a 1 ms timer until both are closed.
     */
    static final class ChanConsumer extends PlainWorker {
        final int mode;
        long got;

        ChanConsumer(Round r, int mode) {
            super(r, "chan-consumer-" + mode, 800 + mode);
            this.mode = mode;
        }

        @Override
        void work() {
            try {
                if (mode == 0) {
                    drain(r.unbuf);
                    drain(r.buf);
                } else {
                    selectBoth();
                }
            } finally {
                r.counters.add("chan: values received by plain threads", got);
            }
        }

        private void drain(Chan<Long> ch) {
            Iterator<Long> it = ch.iterator();
            while (true) {
                if (rnd.nextBoolean()) {
                    boolean more;
                    try {
                        more = it.hasNext();
                    } catch (WaitInterruptedException e) {
                        ended(Op.RANGE, e); // nothing taken: the same iterator goes on
                        continue;
                    }
                    ended(Op.RANGE, null);
                    if (!more) {
                        return;
                    }
                    r.chanLedger.received(r, it.next());
                    got++;
                } else {
                    Received<Long> x;
                    try {
                        x = ch.recvOk();
                    } catch (WaitInterruptedException e) {
                        ended(Op.RECV_OK, e);
                        continue;
                    }
                    ended(Op.RECV_OK, null);
                    if (!x.ok()) {
                        return;
                    }
                    r.chanLedger.received(r, x.value());
                    got++;
                }
            }
        }

        private void selectBoth() {
            RecvCase<Long> a = r.unbuf.onRecv();
            RecvCase<Long> b = r.buf.onRecv();
            int open = 2;
            long timeouts = 0;
            while (open > 0) {
                RecvCase<Instant> late = Jgo.after(Duration.ofMillis(1)).onRecv();
                Case c;
                try {
                    c = Jgo.select(a, b, late);
                } catch (WaitInterruptedException e) {
                    ended(Op.SELECT_RECV, e); // no case happened; the cases are reused at once
                    continue;
                }
                ended(Op.SELECT_RECV, null);
                if (c == late) {
                    timeouts++;
                    continue;
                }
                RecvCase<Long> fired = c == a ? a : b;
                if (fired.ok()) {
                    r.chanLedger.received(r, fired.value());
                    got++;
                } else {
                    open--;
                    if (fired == a) {
                        a = Chan.<Long>nil().onRecv();
                    } else {
                        b = Chan.<Long>nil().onRecv();
                    }
                }
            }
            r.counters.add("select: receive timed out (1 ms timer), plain threads", timeouts);
        }
    }

    /** Puts values into the Cond queue by calling the {@code @Go} method as plain Java. */
    static final class CondProducer extends PlainWorker {
        final int id;

        CondProducer(Round r, int id) {
            super(r, "cond-producer-" + id, 900 + id);
            this.id = id;
        }

        @Override
        void work() {
            long seq = 0;
            try {
                while (!r.stopping() && seq < Ledger.SEQ_CAP) {
                    try {
                        Soak.put(r.queue, Ledger.value(id, seq));
                        ended(Op.COND_PUT, null);
                        seq++;
                    } catch (WaitInterruptedException e) {
                        ended(Op.COND_PUT, e); // not put: put the same value again
                    }
                }
            } finally {
                r.condLedger.sent[id] = seq;
                r.counters.add("cond: values put by plain threads", seq);
                r.condProducers.done();
            }
        }
    }

    /** Takes values from the Cond queue until it is closed and empty. */
    static final class CondConsumer extends PlainWorker {
        CondConsumer(Round r) {
            super(r, "cond-consumer", 950);
        }

        @Override
        void work() {
            long got = 0;
            try {
                while (true) {
                    Long v;
                    try {
                        v = Soak.take(r.queue);
                    } catch (WaitInterruptedException e) {
                        ended(Op.COND_TAKE, e); // nothing taken
                        continue;
                    }
                    ended(Op.COND_TAKE, null);
                    if (v == null) {
                        return;
                    }
                    r.condLedger.received(r, v);
                    got++;
                }
            } finally {
                r.counters.add("cond: values taken by plain threads", got);
            }
        }
    }

    /**
     * Takes the Mutex, the RWMutex (both ways) and the current Once while goroutines hold them
     * across yields and sleeps: interrupts land while it waits, and it must come back holding
     * the lock, with the status set again.
     */
    static final class Locker extends PlainWorker {
        Locker(Round r) {
            super(r, "locker", 1000);
        }

        @Override
        void work() {
            Object me = new Object();
            long incs = 0;
            long reads = 0;
            long writes = 0;
            long onceCalls = 0;
            try {
                while (!r.stopping()) {
                    int op = rnd.nextInt(8);
                    if (op < 3) {
                        try {
                            r.mu.lock();
                        } catch (WaitInterruptedException e) {
                            ended(Op.MUTEX_LOCK, e);
                            continue;
                        }
                        ended(Op.MUTEX_LOCK, null);
                        try {
                            r.enterMu(me);
                            incs++;
                            r.exitMu(me);
                        } finally {
                            r.mu.unlock();
                        }
                    } else if (op < 5) {
                        try {
                            r.rw.rLock();
                        } catch (WaitInterruptedException e) {
                            ended(Op.RW_RLOCK, e);
                            continue;
                        }
                        ended(Op.RW_RLOCK, null);
                        try {
                            r.readRw();
                            reads++;
                        } finally {
                            r.rw.rUnlock();
                        }
                    } else if (op < 7) {
                        try {
                            r.rw.lock();
                        } catch (WaitInterruptedException e) {
                            ended(Op.RW_LOCK, e);
                            continue;
                        }
                        ended(Op.RW_LOCK, null);
                        try {
                            r.writeRw(me);
                            writes++;
                        } finally {
                            r.rw.unlock();
                        }
                    } else {
                        int slot = r.onceSlot();
                        Once once = r.once(slot);
                        try {
                            once.run(() -> r.onceBody(slot));
                        } catch (WaitInterruptedException e) {
                            ended(Op.ONCE, e);
                            continue;
                        }
                        ended(Op.ONCE, null);
                        if (!once.isDone()) {
                            r.violation("Once: run returned on a plain thread before the function had run");
                        }
                        onceCalls++;
                    }
                }
            } finally {
                r.muIncrements.addAndGet(incs);
                r.rwWrites.addAndGet(writes);
                r.counters.add("mutex: lock/unlock by plain threads", incs);
                r.counters.add("rwmutex: rLock by plain threads", reads);
                r.counters.add("rwmutex: lock by plain threads", writes);
                r.counters.add("once: run by plain threads", onceCalls);
            }
        }
    }

    /**
     * Waits on a WaitGroup of goroutines it started itself ({@code Jgo.go} from a plain thread),
     * acquires the semaphore, sleeps, waits for a deadline context, and selects on a timer.
     */
    static final class Waiter extends PlainWorker {
        Waiter(Round r) {
            super(r, "waiter", 1100);
        }

        @Override
        void work() {
            long created = 0;
            long awaited = 0;
            long acquired = 0;
            long slept = 0;
            long contexts = 0;
            long timers = 0;
            try {
                while (!r.stopping()) {
                    int op = rnd.nextInt(5);
                    if (op == 0) {
                        int k = 1 + rnd.nextInt(16);
                        WaitGroup wg = new WaitGroup();
                        AtomicInteger finished = new AtomicInteger();
                        wg.add(k);
                        for (int i = 0; i < k; i++) {
                            Jgo.go(SoakTasksGo.leaf(wg, finished, i));
                        }
                        created += k + (k + 2) / 6;
                        while (true) {
                            try {
                                wg.await();
                            } catch (WaitInterruptedException e) {
                                ended(Op.WG_AWAIT, e); // the goroutines go on; wait again
                                continue;
                            }
                            ended(Op.WG_AWAIT, null);
                            break;
                        }
                        if (finished.get() != k) {
                            r.violation("WaitGroup: await returned on a plain thread when " + finished.get() + " of " + k
                                    + " goroutines had finished");
                        }
                        awaited++;
                    } else if (op == 1) {
                        long k = 1 + rnd.nextInt(3);
                        try {
                            r.sem.acquire(k);
                        } catch (WaitInterruptedException e) {
                            ended(Op.SEM_ACQUIRE, e); // nothing taken
                            continue;
                        }
                        ended(Op.SEM_ACQUIRE, null);
                        long inUse = r.semInUse.addAndGet(k);
                        if (inUse > Round.SEM_SIZE) {
                            r.violation("Semaphore: " + inUse + " units in use, size " + Round.SEM_SIZE);
                        }
                        r.semInUse.addAndGet(-k);
                        r.sem.release(k);
                        acquired++;
                    } else if (op == 2) {
                        long d = rnd.nextInt(2_000_000);
                        long t0 = System.nanoTime();
                        try {
                            Jgo.sleep(Duration.ofNanos(d));
                        } catch (WaitInterruptedException e) {
                            ended(Op.SLEEP, e);
                            continue;
                        }
                        ended(Op.SLEEP, null);
                        Soak.early(r, "sleep on a plain thread", t0, d);
                        slept++;
                    } else if (op == 3) {
                        long d = rnd.nextInt(2_000_000);
                        CancelContext c = Context.withTimeout(r.stop, Duration.ofNanos(d));
                        try {
                            c.done().recv();
                            ended(Op.CTX_DONE, null);
                            if (c.err() == null) {
                                r.violation("Context: done() closed on a plain thread, but err() is null");
                            }
                            contexts++;
                        } catch (WaitInterruptedException e) {
                            ended(Op.CTX_DONE, e);
                        } finally {
                            c.cancel();
                        }
                    } else {
                        long d = rnd.nextInt(1_000_000);
                        Chan<Integer> never = Chan.make();
                        RecvCase<Integer> nothing = never.onRecv();
                        long t0 = System.nanoTime(); // before the timer is made
                        RecvCase<Instant> late = Jgo.after(Duration.ofNanos(d)).onRecv();
                        Case c;
                        try {
                            c = Jgo.select(nothing, late);
                        } catch (WaitInterruptedException e) {
                            ended(Op.SELECT_TIMER, e);
                            continue;
                        }
                        ended(Op.SELECT_TIMER, null);
                        if (c != late) {
                            r.violation("select: a case on a channel nobody sends on fired (plain thread)");
                        }
                        Soak.early(r, "select timer on a plain thread", t0, d);
                        timers++;
                    }
                }
            } finally {
                r.counters.add("goroutines: started from plain threads (incl. children)", created);
                r.counters.add("waitgroup: batches awaited by plain threads", awaited);
                r.counters.add("semaphore: acquired by plain threads", acquired);
                r.counters.add("sleep: completed on plain threads", slept);
                r.counters.add("context: deadlines awaited by plain threads", contexts);
                r.counters.add("select: timer-only selects on plain threads", timers);
            }
        }
    }

    /**
     * Interrupts the round's plain workers at random until the round ends: a worker that is
     * blocked (WAITING or TIMED_WAITING) is interrupted when picked, a running one with
     * probability 1/8 (it sees the status at its next operation).
     */
    static final class Interrupter implements Runnable {
        final Round r;
        final List<PlainWorker> workers;
        final Thread thread;
        long whileBlocked;
        long whileRunning;

        Interrupter(Round r, List<PlainWorker> workers) {
            this.r = r;
            this.workers = workers;
            this.thread = new Thread(this, "soak-interrupter");
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            SplittableRandom rnd = r.random(1200);
            try {
                while (!r.stopping()) {
                    PlainWorker w = workers.get(rnd.nextInt(workers.size()));
                    Thread.State s = w.thread.getState();
                    boolean blocked = s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
                    if ((blocked || rnd.nextInt(8) == 0) && w.armed.compareAndSet(true, false)) {
                        w.delivered.incrementAndGet();
                        if (blocked) {
                            whileBlocked++;
                        } else {
                            whileRunning++;
                        }
                        w.thread.interrupt();
                    }
                    // Pacing between attempts (20-320 us), not a wait for any event.
                    LockSupport.parkNanos(20_000 + rnd.nextInt(300_000));
                }
            } finally {
                r.interrupterGone.countDown();
            }
        }
    }
}
