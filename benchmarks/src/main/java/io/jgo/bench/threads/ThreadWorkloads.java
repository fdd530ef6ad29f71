package io.jgo.bench.threads;

import io.jgo.bench.Workload;
import io.jgo.bench.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every workload written as a Java developer would with threads and the JDK's own blocking
 * structures: {@link SynchronousQueue} for an unbuffered channel, {@link ArrayBlockingQueue} for a
 * buffered one, {@link ReentrantLock}, {@link CountDownLatch}, {@link Thread#sleep}. The same code
 * runs on platform threads and on virtual threads: only the {@link ThreadFactory} differs.
 *
 * <p>Java has no {@code select}: the select workload's producers put tagged values on one shared
 * {@link SynchronousQueue}, the usual way to wait on several sources at once with threads.
 */
public final class ThreadWorkloads implements Workloads {
    /** End-of-stream marker for the buffered workload's consumers (a queue cannot be closed). */
    private static final Integer POISON = Integer.MIN_VALUE;

    private final ThreadFactory threads;

    public ThreadWorkloads(ThreadFactory threads) {
        this.threads = threads;
    }

    private Thread start(Runnable body) {
        Thread t = threads.newThread(body);
        t.start();
        return t;
    }

    @Override
    public long skynet(int leaves) {
        SynchronousQueue<Long> root = new SynchronousQueue<>();
        start(() -> skynet(root, 0, leaves, Workload.SKYNET_FANOUT));
        return take(root);
    }

    private void skynet(SynchronousQueue<Long> out, long num, int size, int div) {
        if (size == 1) {
            put(out, num);
            return;
        }
        SynchronousQueue<Long> children = new SynchronousQueue<>();
        int sub = size / div;
        for (int i = 0; i < div; i++) {
            long childNum = num + (long) i * sub;
            start(() -> skynet(children, childNum, sub, div));
        }
        long sum = 0;
        for (int i = 0; i < div; i++) {
            sum += take(children);
        }
        put(out, sum);
    }

    @Override
    public long pingPong(int roundTrips) {
        SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        start(() -> {
            for (int i = 0; i < roundTrips; i++) {
                put(pong, take(ping));
            }
        });
        AtomicLong sum = new AtomicLong();
        join(start(() -> {
            long s = 0;
            for (int i = 0; i < roundTrips; i++) {
                put(ping, i);
                s += take(pong);
            }
            sum.set(s);
        }));
        return sum.get();
    }

    @Override
    public int sieve(int count) {
        SynchronousQueue<Integer> first = new SynchronousQueue<>();
        start(() -> {
            for (int i = 2; ; i++) {
                put(first, i);
            }
        });
        SynchronousQueue<Integer> ch = first;
        int prime = 0;
        for (int i = 0; i < count; i++) {
            prime = take(ch);
            SynchronousQueue<Integer> in = ch;
            SynchronousQueue<Integer> out = new SynchronousQueue<>();
            int p = prime;
            start(() -> {
                for (;;) {
                    int v = take(in);
                    if (v % p != 0) {
                        put(out, v);
                    }
                }
            });
            ch = out;
        }
        // The chain of filters stays blocked forever, as in Go's version; the threads are daemons.
        return prime;
    }

    @Override
    public long buffered(int messages) {
        ArrayBlockingQueue<Integer> ch = new ArrayBlockingQueue<>(Workload.BUFFERED_CAPACITY);
        int producers = Workload.BUFFERED_PRODUCERS;
        int consumers = Workload.BUFFERED_CONSUMERS;
        int per = messages / producers;
        List<Thread> ps = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int lo = p * per;
            int hi = p == producers - 1 ? messages : lo + per;
            ps.add(start(() -> {
                for (int i = lo; i < hi; i++) {
                    put(ch, i);
                }
            }));
        }
        AtomicLong total = new AtomicLong();
        List<Thread> cs = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            cs.add(start(() -> {
                long s = 0;
                for (;;) {
                    Integer v = take(ch);
                    if (v.equals(POISON)) {
                        break;
                    }
                    s += v;
                }
                total.addAndGet(s);
            }));
        }
        ps.forEach(ThreadWorkloads::join);
        for (int c = 0; c < consumers; c++) {
            put(ch, POISON); // "close": one marker per consumer, after every value
        }
        cs.forEach(ThreadWorkloads::join);
        return total.get();
    }

    @Override
    public long select(int messages) {
        SynchronousQueue<long[]> merged = new SynchronousQueue<>();
        int channels = Workload.SELECT_CHANNELS;
        for (int k = 0; k < channels; k++) {
            int source = k;
            start(() -> {
                for (int i = source; i < messages; i += channels) {
                    put(merged, new long[] {source, i});
                }
            });
        }
        long sum = 0;
        for (int i = 0; i < messages; i++) {
            sum += take(merged)[1];
        }
        return sum;
    }

    @Override
    public long timers(int tasks) {
        CountDownLatch done = new CountDownLatch(tasks);
        AtomicLong total = new AtomicLong();
        for (int t = 0; t < tasks; t++) {
            start(() -> {
                for (int i = 0; i < Workload.TIMER_SLEEPS; i++) {
                    sleepNanos(Workload.TIMER_SLEEP_NANOS);
                }
                total.addAndGet(Workload.TIMER_SLEEPS);
                done.countDown();
            });
        }
        await(done);
        return total.get();
    }

    @Override
    public long mutexUncontended(int ops) {
        ReentrantLock lock = new ReentrantLock();
        long[] counter = new long[1];
        join(start(() -> {
            for (int i = 0; i < ops; i++) {
                lock.lock();
                try {
                    counter[0]++;
                } finally {
                    lock.unlock();
                }
            }
        }));
        return counter[0];
    }

    @Override
    public long mutexContended(int ops) {
        ReentrantLock lock = new ReentrantLock();
        long[] counter = new long[1];
        int per = ops / Workload.MUTEX_WORKERS;
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < Workload.MUTEX_WORKERS; w++) {
            workers.add(start(() -> {
                for (int i = 0; i < per; i++) {
                    lock.lock();
                    try {
                        counter[0]++;
                    } finally {
                        lock.unlock();
                    }
                }
            }));
        }
        workers.forEach(ThreadWorkloads::join);
        lock.lock();
        try {
            return counter[0];
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long selectWork(int messages) {
        SynchronousQueue<long[]> merged = new SynchronousQueue<>();
        int channels = Workload.SELECT_CHANNELS;
        for (int k = 0; k < channels; k++) {
            int source = k;
            start(() -> {
                for (int i = source; i < messages; i += channels) {
                    put(merged, new long[] {source, i});
                }
            });
        }
        long sum = 0;
        for (int i = 0; i < messages; i++) {
            long[] tagged = take(merged);
            sum += Workload.mix(tagged[1], (int) tagged[0]);
        }
        return sum;
    }

    /**
     * Java's timers are a {@link ScheduledThreadPoolExecutor} (one thread, removing cancelled
     * tasks at once, as Go's and jgo's stop do): schedule, then cancel and schedule again (a
     * reset), then cancel. The same for both thread kinds: no thread per timer.
     */
    @Override
    public long timerReset(int n) {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, threads);
        timers.setRemoveOnCancelPolicy(true);
        Runnable nothing = () -> { };
        try {
            List<ScheduledFuture<?>> pending = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                pending.add(timers.schedule(nothing, 1, TimeUnit.HOURS));
            }
            for (int i = 0; i < n; i++) {
                pending.get(i).cancel(false);
                pending.set(i, timers.schedule(nothing, 2, TimeUnit.HOURS));
            }
            long stopped = 0;
            for (int i = 0; i < n; i++) {
                if (pending.get(i).cancel(false)) {
                    stopped++;
                }
            }
            return stopped;
        } finally {
            timers.shutdownNow();
        }
    }

    /** A context's done channel, for threads: a latch that every watcher awaits, counted down once. */
    @Override
    public long ctxCancel(int n) {
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(n);
        CountDownLatch finished = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            start(() -> {
                started.countDown();
                await(cancelled);
                finished.countDown();
            });
        }
        await(started);
        cancelled.countDown();
        await(finished);
        return n;
    }

    @Override
    public long mutexCrowd(int ops) {
        ReentrantLock lock = new ReentrantLock();
        long[] counter = new long[1];
        int per = ops / Workload.MUTEX_CROWD;
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < Workload.MUTEX_CROWD; w++) {
            workers.add(start(() -> {
                for (int i = 0; i < per; i++) {
                    lock.lock();
                    try {
                        counter[0]++;
                    } finally {
                        lock.unlock();
                    }
                }
            }));
        }
        workers.forEach(ThreadWorkloads::join);
        lock.lock();
        try {
            return counter[0];
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long fanIn(int messages) {
        SynchronousQueue<Integer> ch = new SynchronousQueue<>();
        for (int p = 0; p < Workload.FAN_IN_PRODUCERS; p++) {
            int first = p;
            start(() -> {
                for (int i = first; i < messages; i += Workload.FAN_IN_PRODUCERS) {
                    put(ch, i);
                }
            });
        }
        long sum = 0;
        for (int i = 0; i < messages; i++) {
            sum += take(ch);
        }
        return sum;
    }

    @Override
    public Parked spawnParked(int n) {
        List<SynchronousQueue<Integer>> chans = new ArrayList<>(n);
        CountDownLatch started = new CountDownLatch(n);
        CountDownLatch finished = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            SynchronousQueue<Integer> c = new SynchronousQueue<>();
            chans.add(c);
            start(() -> {
                started.countDown();
                take(c);
                finished.countDown();
            });
        }
        await(started);
        return () -> {
            for (SynchronousQueue<Integer> c : chans) {
                put(c, 1);
            }
            await(finished);
        };
    }

    // Checked InterruptedException is not part of any workload: nobody interrupts these threads.

    private static <T> T take(BlockingQueue<T> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static <T> void put(BlockingQueue<T> q, T v) {
        try {
            q.put(v);
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }
}
