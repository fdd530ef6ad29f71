package io.jgo.it.soak;

import static io.jgo.Jgo.after;
import static io.jgo.Jgo.afterFunc;
import static io.jgo.Jgo.go;
import static io.jgo.Jgo.gomaxprocs;
import static io.jgo.Jgo.gosched;
import static io.jgo.Jgo.newTicker;
import static io.jgo.Jgo.newTimer;
import static io.jgo.Jgo.select;
import static io.jgo.Jgo.selectOrDefault;
import static io.jgo.Jgo.sleep;

import io.jgo.CancelContext;
import io.jgo.Case;
import io.jgo.Chan;
import io.jgo.Context;
import io.jgo.Once;
import io.jgo.Received;
import io.jgo.RecvCase;
import io.jgo.SendCase;
import io.jgo.Ticker;
import io.jgo.Timer;
import io.jgo.WaitGroup;
import io.jgo.annotation.Go;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The goroutine side of one soak round, written as a user writes jgo code: {@code @Go} methods
 * compiled by the processor. {@link #round} is the round's main goroutine; it starts every
 * workload, waits for all of them, and returns. Invariants that can be checked on the spot are
 * checked here and reported with {@link Round#violation}; the round's totals are verified by the
 * driver ({@code SoakIT}) afterwards.
 *
 * <p>Every worker ends its loop when the round's deadline context ({@link Round#stop}) is done,
 * and counts what it did into the round's counters in a {@code finally}, so that the figures
 * are complete even when something failed.
 */
final class Soak {
    private Soak() {
    }

    /** The round's main goroutine. */
    @Go
    static void round(Round r) {
        WaitGroup all = new WaitGroup();
        for (int i = 0; i < Round.CHAN_GO_PRODUCERS; i++) {
            int id = i;
            all.add(1);
            go(() -> chanProducer(r, id, all));
        }
        for (int i = 0; i < Round.CHAN_GO_CONSUMERS; i++) {
            int mode = i;
            all.add(1);
            go(() -> chanConsumer(r, mode, all));
        }
        all.add(1);
        go(() -> chanCloser(r, all));
        for (int i = 0; i < Round.COND_GO_PRODUCERS; i++) {
            int id = i;
            all.add(1);
            go(() -> condProducer(r, id, all));
        }
        for (int i = 0; i < Round.COND_GO_CONSUMERS; i++) {
            all.add(1);
            go(() -> condConsumer(r, all));
        }
        all.add(1);
        go(() -> condCloser(r, all));
        for (int i = 0; i < Round.MUTEX_GO_WORKERS; i++) {
            int id = i;
            all.add(1);
            go(() -> locker(r, id, all));
        }
        for (int i = 0; i < Round.SPAWNERS; i++) {
            int id = i;
            all.add(1);
            go(() -> spawner(r, id, all));
        }
        for (int i = 0; i < Round.SEM_GO_WORKERS; i++) {
            int id = i;
            all.add(1);
            go(() -> semaphoreUser(r, id, all));
        }
        for (int i = 0; i < Round.TIMER_GO_WORKERS; i++) {
            int id = i;
            all.add(1);
            go(() -> timerUser(r, id, all));
        }
        for (int i = 0; i < Round.CTX_GO_WORKERS; i++) {
            int id = i;
            all.add(1);
            go(() -> contextTrees(r, id, all));
        }
        all.add(1);
        go(() -> procs(r, all));
        r.counters.add("goroutines: started by the rounds' main goroutines", 1 + Round.CHAN_GO_PRODUCERS
                + Round.CHAN_GO_CONSUMERS + 1 + Round.COND_GO_PRODUCERS + Round.COND_GO_CONSUMERS + 1
                + Round.MUTEX_GO_WORKERS + Round.SPAWNERS + Round.SEM_GO_WORKERS + Round.TIMER_GO_WORKERS
                + Round.CTX_GO_WORKERS + 1);
        all.await();
        // Every afterFunc timer was either stopped (its count released by the stopper) or ran.
        r.afterFuncs.await();
    }

    // ------------------------------------------------------------------ channels

    /**
     * Sends 0, 1, 2, ... (as {@link Ledger#value}) until the round ends. Mode 0 sends plainly,
     * mode 1 selects against the round's end, mode 2 tries a non-blocking send first and then
     * selects with a 1 ms timer. A value counts as sent only when its send or send case
     * happened; otherwise the same value is offered again.
     */
    @Go
    static void chanProducer(Round r, int id, WaitGroup all) {
        Chan<Long> ch = r.chan(id % 2);
        int mode = id / 2;
        SendCase<Long> put = ch.onSend(0L);
        RecvCase<Void> end = r.stop.done().onRecv();
        Case[] untilEnd = {put, end};
        long seq = 0;
        long timeouts = 0;
        try {
            while (seq < Ledger.SEQ_CAP) {
                long v = Ledger.value(id, seq);
                if (mode == 0) {
                    if (r.stopping()) {
                        break;
                    }
                    ch.send(v);
                    seq++;
                } else if (mode == 1) {
                    put.set(v);
                    if (select(untilEnd) == end) {
                        break;
                    }
                    seq++;
                } else {
                    if (r.stopping()) {
                        break;
                    }
                    if (ch.trySend(v)) {
                        seq++;
                        continue;
                    }
                    put.set(v);
                    RecvCase<Instant> late = after(Duration.ofMillis(1)).onRecv();
                    Case c = select(new Case[] {put, late, end});
                    if (c == put) {
                        seq++;
                    } else if (c == late) {
                        timeouts++;
                    } else {
                        break;
                    }
                }
            }
        } finally {
            r.chanLedger.sent[id] = seq;
            r.counters.add("chan: values sent by goroutines", seq);
            r.counters.add("select: send timed out (1 ms timer), goroutines", timeouts);
            if (seq >= Ledger.SEQ_CAP) {
                r.counters.add("chan: producers that reached the per-round cap", 1);
            }
            r.chanProducers.done();
            all.done();
        }
    }

    /** Closes both channels once every producer, goroutine or thread, has ended. */
    @Go
    static void chanCloser(Round r, WaitGroup all) {
        try {
            r.chanProducers.await();
            r.unbuf.close();
            r.buf.close();
        } finally {
            all.done();
        }
    }

    /**
     * Receives until its channels are closed and drained. Modes 0/1 range over unbuf/buf, 2/3
     * loop on recvOk, 4 selects over both with default (then blocks with a 2 ms timer), 5
     * selects over both with a 2 ms timer. A closed channel's case is switched off with a nil
     * channel's case, as in Go.
     */
    @Go
    static void chanConsumer(Round r, int mode, WaitGroup all) {
        long got = 0;
        long defaults = 0;
        long timeouts = 0;
        try {
            if (mode < 2) {
                for (Long v : r.chan(mode)) {
                    r.chanLedger.received(r, v);
                    got++;
                }
            } else if (mode < 4) {
                Chan<Long> ch = r.chan(mode - 2);
                while (true) {
                    Received<Long> x = ch.recvOk();
                    if (!x.ok()) {
                        break;
                    }
                    r.chanLedger.received(r, x.value());
                    got++;
                }
            } else {
                RecvCase<Long> a = r.unbuf.onRecv();
                RecvCase<Long> b = r.buf.onRecv();
                int open = 2;
                while (open > 0) {
                    Case c = null;
                    if (mode == 4) {
                        c = selectOrDefault(a, b);
                        if (c == null) {
                            defaults++;
                        }
                    }
                    if (c == null) {
                        RecvCase<Instant> late = after(Duration.ofMillis(2)).onRecv();
                        c = select(new Case[] {a, b, late});
                        if (c == late) {
                            timeouts++;
                            continue;
                        }
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
            }
        } finally {
            r.counters.add("chan: values received by goroutines", got);
            r.counters.add("select: default taken, goroutines", defaults);
            r.counters.add("select: receive timed out (2 ms timer), goroutines", timeouts);
            all.done();
        }
    }

    // ------------------------------------------------------------------ Cond queue

    /** Puts {@code item} into the queue, waiting while it is full. Plain threads call it too. */
    @Go
    static void put(Round.Queue q, long item) {
        q.mu.lock();
        try {
            while (q.items.size() == Round.QUEUE_CAP) {
                q.notFull.await();
            }
            q.items.add(item);
            q.notEmpty.signal();
        } finally {
            q.mu.unlock();
        }
    }

    /** Takes the next item, or null once the queue is closed and empty. Plain threads call it too. */
    @Go
    static Long take(Round.Queue q) {
        q.mu.lock();
        try {
            while (q.items.isEmpty() && !q.closed) {
                q.notEmpty.await();
            }
            Long item = q.items.poll();
            if (item != null) {
                q.notFull.signal();
            }
            return item;
        } finally {
            q.mu.unlock();
        }
    }

    @Go
    static void condProducer(Round r, int id, WaitGroup all) {
        long seq = 0;
        try {
            while (!r.stopping() && seq < Ledger.SEQ_CAP) {
                put(r.queue, Ledger.value(id, seq));
                seq++;
            }
        } finally {
            r.condLedger.sent[id] = seq;
            r.counters.add("cond: values put by goroutines", seq);
            r.condProducers.done();
            all.done();
        }
    }

    @Go
    static void condConsumer(Round r, WaitGroup all) {
        long got = 0;
        try {
            while (true) {
                Long v = take(r.queue);
                if (v == null) {
                    break;
                }
                r.condLedger.received(r, v);
                got++;
            }
        } finally {
            r.counters.add("cond: values taken by goroutines", got);
            all.done();
        }
    }

    /** Closes the queue when every producer has ended: wakes every waiting consumer. */
    @Go
    static void condCloser(Round r, WaitGroup all) {
        try {
            r.condProducers.await();
            Round.Queue q = r.queue;
            q.mu.lock();
            try {
                q.closed = true;
                q.notEmpty.broadcast();
            } finally {
                q.mu.unlock();
            }
        } finally {
            all.done();
        }
    }

    // ------------------------------------------------------------------ Mutex, RWMutex, Once

    /**
     * Takes the Mutex (sometimes by tryLock, sometimes yielding or sleeping while holding it, so
     * that others queue and starvation mode is reached), the RWMutex as reader or writer, and
     * the current slot's Once.
     */
    @Go
    static void locker(Round r, int id, WaitGroup all) {
        SplittableRandom rnd = r.random(100 + id);
        Object me = new Object();
        long incs = 0;
        long tries = 0;
        long reads = 0;
        long writes = 0;
        long onceCalls = 0;
        try {
            while (!r.stopping()) {
                int op = rnd.nextInt(10);
                if (op < 4) {
                    r.mu.lock();
                    try {
                        r.enterMu(me);
                        incs++;
                        int pause = rnd.nextInt(16);
                        if (pause == 0) {
                            sleep(Duration.ofNanos(100_000 + rnd.nextInt(1_000_000)));
                        } else if (pause < 4) {
                            gosched();
                        }
                        r.exitMu(me);
                    } finally {
                        r.mu.unlock();
                    }
                } else if (op == 4) {
                    tries++;
                    if (r.mu.tryLock()) {
                        try {
                            r.enterMu(me);
                            incs++;
                            r.exitMu(me);
                        } finally {
                            r.mu.unlock();
                        }
                    }
                } else if (op < 7) {
                    r.rw.rLock();
                    try {
                        r.readRw();
                        reads++;
                        if (rnd.nextInt(8) == 0) {
                            gosched();
                        }
                        r.readRw();
                    } finally {
                        r.rw.rUnlock();
                    }
                } else if (op < 9) {
                    r.rw.lock();
                    try {
                        r.writeRw(me);
                        writes++;
                        if (rnd.nextInt(8) == 0) {
                            gosched();
                        }
                    } finally {
                        r.rw.unlock();
                    }
                } else {
                    int slot = r.onceSlot();
                    Once once = r.once(slot);
                    once.run(() -> r.onceBody(slot));
                    if (!once.isDone()) {
                        r.violation("Once: run returned before the function had run");
                    }
                    onceCalls++;
                }
            }
        } finally {
            r.muIncrements.addAndGet(incs);
            r.rwWrites.addAndGet(writes);
            r.counters.add("mutex: lock/unlock by goroutines", incs);
            r.counters.add("mutex: tryLock by goroutines", tries);
            r.counters.add("rwmutex: rLock by goroutines", reads);
            r.counters.add("rwmutex: lock by goroutines", writes);
            r.counters.add("once: run by goroutines", onceCalls);
            all.done();
        }
    }

    // ------------------------------------------------------------------ goroutine churn, WaitGroup

    /**
     * Starts batches of 1-64 short goroutines (half with {@code go}, half with
     * {@code WaitGroup.go}) and waits for each batch: when await returns, every goroutine of the
     * batch has finished.
     */
    @Go
    static void spawner(Round r, int id, WaitGroup all) {
        SplittableRandom rnd = r.random(200 + id);
        long created = 0;
        long batches = 0;
        try {
            while (!r.stopping()) {
                int k = 1 + rnd.nextInt(64);
                WaitGroup wg = new WaitGroup();
                AtomicInteger finished = new AtomicInteger();
                for (int i = 0; i < k; i++) {
                    int n = i;
                    if (n % 2 == 0) {
                        wg.add(1);
                        go(() -> SoakTasks.leaf(wg, finished, n));
                    } else {
                        wg.go(SoakTasksGo.leaf(null, finished, n));
                    }
                }
                wg.await();
                if (finished.get() != k) {
                    r.violation("WaitGroup: await returned when " + finished.get() + " of " + k + " goroutines had finished");
                }
                created += k + (k + 2) / 6; // every leaf with n % 6 == 3 starts a child
                batches++;
            }
        } finally {
            r.counters.add("goroutines: short-lived, started by spawners (incl. children)", created);
            r.counters.add("waitgroup: batches awaited by goroutines", batches);
            all.done();
        }
    }

    // ------------------------------------------------------------------ Semaphore with contexts

    /**
     * Acquires 1-3 of the semaphore's 8 units, plainly or with a short deadline context; while
     * holding them it checks that no more than 8 are in use. A timed-out acquire returns the
     * context's error and takes nothing.
     */
    @Go
    static void semaphoreUser(Round r, int id, WaitGroup all) {
        SplittableRandom rnd = r.random(300 + id);
        long acquired = 0;
        long timedOut = 0;
        try {
            while (!r.stopping()) {
                long k = 1 + rnd.nextInt(3);
                CancelContext ctx = null;
                RuntimeException err = null;
                if (rnd.nextBoolean()) {
                    r.sem.acquire(k);
                } else {
                    ctx = Context.withTimeout(r.stop, Duration.ofNanos(50_000 + rnd.nextInt(1_000_000)));
                    err = r.sem.acquire(ctx, k);
                }
                if (err == null) {
                    // inUse counts up after acquire and down before release, so it never
                    // exceeds what is really held.
                    long inUse = r.semInUse.addAndGet(k);
                    if (inUse > Round.SEM_SIZE) {
                        r.violation("Semaphore: " + inUse + " units in use, size " + Round.SEM_SIZE);
                    }
                    if (rnd.nextInt(4) == 0) {
                        sleep(Duration.ofNanos(rnd.nextInt(300_000)));
                    } else {
                        gosched();
                    }
                    r.semInUse.addAndGet(-k);
                    r.sem.release(k);
                    acquired++;
                } else {
                    if (ctx.err() != err) {
                        r.violation("Semaphore: acquire(ctx) returned " + err + " but ctx.err() is " + ctx.err());
                    }
                    timedOut++;
                }
                if (ctx != null) {
                    ctx.cancel();
                }
            }
        } finally {
            r.counters.add("semaphore: acquired by goroutines", acquired);
            r.counters.add("semaphore: acquire(ctx) ended by the context, goroutines", timedOut);
            all.done();
        }
    }

    // ------------------------------------------------------------------ timers and tickers

    /**
     * Timers used every way, with Go 1.23's rules checked: a timer never fires early; stop of a
     * timer whose value nobody received returns true, and nothing arrives after it; reset of an
     * active timer returns true; a ticker's n-th tick comes no earlier than n periods; afterFunc
     * either runs its task or is stopped, never both.
     */
    @Go
    static void timerUser(Round r, int id, WaitGroup all) {
        SplittableRandom rnd = r.random(400 + id);
        long[] n = new long[6];
        try {
            while (!r.stopping()) {
                int mode = rnd.nextInt(6);
                n[mode]++;
                if (mode == 0) {
                    long d = rnd.nextInt(2_000_000);
                    long t0 = System.nanoTime();
                    after(Duration.ofNanos(d)).recv();
                    early(r, "after", t0, d);
                } else if (mode == 1) {
                    long d = rnd.nextInt(2_000_000);
                    Timer t = newTimer(Duration.ofNanos(d));
                    if (rnd.nextBoolean()) {
                        sleep(Duration.ofNanos(rnd.nextInt(3_000_000))); // sometimes past its deadline
                    }
                    if (!t.stop()) {
                        r.violation("Timer: stop() returned false though nobody had received its value");
                    }
                    if (t.C().tryRecv() != null) {
                        r.violation("Timer: a value was received after stop()");
                    }
                    if (rnd.nextInt(8) == 0) {
                        RecvCase<Instant> stale = t.C().onRecv();
                        RecvCase<Instant> later = after(Duration.ofNanos(2 * d + 500_000)).onRecv();
                        if (select(new Case[] {stale, later}) == stale) {
                            r.violation("Timer: fired after stop()");
                        }
                    }
                } else if (mode == 2) {
                    Timer t = newTimer(Duration.ofHours(1));
                    long d = rnd.nextInt(2_000_000);
                    long t0 = System.nanoTime();
                    if (!t.reset(Duration.ofNanos(d))) {
                        r.violation("Timer: reset() of an active timer returned false");
                    }
                    t.C().recv();
                    early(r, "reset timer", t0, d);
                    if (t.stop()) {
                        r.violation("Timer: stop() returned true after its value was received");
                    }
                } else if (mode == 3) {
                    long p = 300_000 + rnd.nextInt(1_500_000);
                    int ticks = 2 + rnd.nextInt(5);
                    Ticker tk = newTicker(Duration.ofHours(1));
                    long t0 = System.nanoTime();
                    tk.reset(Duration.ofNanos(p));
                    for (int i = 1; i <= ticks; i++) {
                        tk.C().recv();
                        early(r, "ticker tick " + i, t0, i * p);
                    }
                    tk.stop();
                    if (tk.C().tryRecv() != null) {
                        r.violation("Ticker: a tick was received after stop()");
                    }
                } else if (mode == 4) {
                    long d = rnd.nextInt(1_000_000);
                    r.afterFuncs.add(1);
                    Timer t = afterFunc(Duration.ofNanos(d), SoakTasksGo.fired(r));
                    if (rnd.nextBoolean()) {
                        if (t.stop()) {
                            r.afterFuncs.done(); // its task will never run
                            r.counters.add("timer: afterFunc stopped before it ran", 1);
                        }
                    }
                } else {
                    // select with a timer against a channel nobody sends on
                    long d = rnd.nextInt(1_000_000);
                    Chan<Integer> never = Chan.make();
                    RecvCase<Integer> nothing = never.onRecv();
                    long t0 = System.nanoTime(); // before the timer is made: it must not fire before t0 + d
                    RecvCase<Instant> late = after(Duration.ofNanos(d)).onRecv();
                    if (select(new Case[] {nothing, late}) != late) {
                        r.violation("select: a case on a channel nobody sends on fired");
                    }
                    early(r, "select timer", t0, d);
                }
            }
        } finally {
            r.counters.add("timer: after() received", n[0]);
            r.counters.add("timer: newTimer stopped (stop true, nothing after)", n[1]);
            r.counters.add("timer: reset then received", n[2]);
            r.counters.add("timer: ticker runs (2-6 ticks each)", n[3]);
            r.counters.add("timer: afterFunc started", n[4]);
            r.counters.add("timer: select with a timer case", n[5]);
            all.done();
        }
    }

    /** A timer must never fire before its duration (both sides use System.nanoTime()). */
    static void early(Round r, String what, long t0, long nanos) {
        long elapsed = System.nanoTime() - t0;
        if (elapsed < nanos) {
            r.violation("timer: " + what + " fired after " + elapsed + " ns, before its " + nanos + " ns");
        }
    }

    // ------------------------------------------------------------------ contexts

    /**
     * Trees of contexts: a cancel context under the round's deadline context, with a value, and
     * children with a short deadline or none, each watched by a goroutine. The parent is
     * canceled after a random pause; every child must then be done with the right error.
     */
    @Go
    static void contextTrees(Round r, int id, WaitGroup all) {
        SplittableRandom rnd = r.random(500 + id);
        long trees = 0;
        long children = 0;
        try {
            while (!r.stopping()) {
                CancelContext parent = Context.withCancel(r.stop);
                Context valued = Context.withValue(parent, Round.class, id);
                AtomicBoolean parentCanceled = new AtomicBoolean();
                int k = 1 + rnd.nextInt(6);
                WaitGroup wg = new WaitGroup();
                for (int i = 0; i < k; i++) {
                    long d = rnd.nextInt(3) == 0 ? -1 : rnd.nextInt(3_000_000);
                    wg.add(1);
                    go(() -> contextChild(r, valued, id, d, parentCanceled, wg));
                }
                sleep(Duration.ofNanos(rnd.nextInt(2_000_000)));
                parentCanceled.set(true);
                parent.cancel();
                wg.await();
                RuntimeException first = parent.err();
                parent.cancel(); // idempotent: the first error stays
                if (first == null || parent.err() != first) {
                    r.violation("Context: err after cancel is " + first + ", then " + parent.err());
                }
                trees++;
                children += k;
            }
        } finally {
            r.counters.add("context: trees canceled", trees);
            r.counters.add("context: children watched (goroutines)", children);
            all.done();
        }
    }

    @Go
    static void contextChild(Round r, Context parent, int id, long nanos, AtomicBoolean parentCanceled, WaitGroup wg) {
        try {
            long t0 = System.nanoTime();
            CancelContext c = nanos < 0 ? Context.withCancel(parent) : Context.withTimeout(parent, Duration.ofNanos(nanos));
            try {
                if (!Integer.valueOf(id).equals(c.value(Round.class))) {
                    r.violation("Context: value lost through a child: " + c.value(Round.class));
                }
                c.done().recv();
                RuntimeException err = c.err();
                if (err == Context.DEADLINE_EXCEEDED) {
                    // its own deadline passed, or the round's (the root of the tree)
                    if (!(nanos >= 0 && System.nanoTime() - t0 >= nanos) && !r.stopping()) {
                        r.violation("Context: deadline exceeded before the deadline (" + nanos + " ns)");
                    }
                    r.counters.add("context: children ended by their deadline", 1);
                } else if (err == Context.CANCELED) {
                    if (!parentCanceled.get()) {
                        r.violation("Context: a child was canceled before its parent was");
                    }
                    r.counters.add("context: children ended by the parent's cancel", 1);
                } else {
                    r.violation("Context: done() closed, but err() is " + err);
                }
            } finally {
                c.cancel();
            }
        } finally {
            wg.done();
        }
    }

    // ------------------------------------------------------------------ GOMAXPROCS

    /**
     * Every 1.5-2.5 s (a ticker), sets GOMAXPROCS to a random value from 1 to 4 and checks that
     * the previous value is the one the soak set last.
     */
    @Go
    static void procs(Round r, WaitGroup all) {
        SplittableRandom rnd = r.random(600);
        Ticker tick = newTicker(Duration.ofMillis(r.procsPeriodMillis));
        RecvCase<Instant> next = tick.C().onRecv();
        RecvCase<Void> end = r.stop.done().onRecv();
        Case[] cases = {next, end};
        long changes = 0;
        try {
            while (select(cases) == next) {
                int n = 1 + rnd.nextInt(Round.MAX_PROCS);
                int expected = r.procsSet.getAndSet(n);
                int prev = gomaxprocs(n);
                if (prev != expected) {
                    r.violation("GOMAXPROCS: gomaxprocs(" + n + ") returned " + prev + ", the soak had set " + expected);
                }
                changes++;
            }
        } finally {
            tick.stop();
            r.counters.add("gomaxprocs: changes from a goroutine", changes);
            all.done();
        }
    }
}
