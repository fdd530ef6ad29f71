package io.jgo.bench;

/**
 * One system's implementation of every workload of the suite. Each method does the
 * work and returns the answer it computed, which {@link BenchMain} checks; timing and memory
 * measurement happen outside, so that every system is measured the same way.
 *
 * <p>The fixed shapes (four producers, capacity 1024, ...) are the constants of {@link Workload};
 * the Go program under {@code benchmarks/go/} uses the same ones.
 */
public interface Workloads {

    /** skynet: a tree of {@code leaves} leaf tasks, each level summing its ten children over channels. */
    long skynet(int leaves);

    /** Unbuffered ping-pong: {@code roundTrips} round trips; returns the sum of the values echoed (0..n-1). */
    long pingPong(int roundTrips);

    /** The concurrent prime sieve: a chain of filters; returns the {@code count}-th prime. */
    int sieve(int count);

    /** Buffered throughput: values 0..messages-1 from 4 producers to 4 consumers over one channel of capacity 1024; returns their sum. */
    long buffered(int messages);

    /** One receiver selects over 4 unbuffered channels, each fed by its own producer; returns the sum of the values 0..messages-1. */
    long select(int messages);

    /** Timer churn: {@code tasks} tasks each sleeping {@link Workload#TIMER_SLEEPS} times for {@link Workload#TIMER_SLEEP_NANOS}; returns the number of sleeps done. */
    long timers(int tasks);

    /** {@code ops} lock/unlock pairs of one mutex by one task, incrementing a counter; returns it. */
    long mutexUncontended(int ops);

    /** {@link Workload#MUTEX_WORKERS} tasks share {@code ops} lock/unlock pairs of one mutex; returns the counter. */
    long mutexContended(int ops);

    /**
     * One receiver selects over 4 unbuffered channels as in {@link #select}, and each case body
     * adds {@link Workload#mix}{@code (value, case index)}; returns the sum.
     */
    long selectWork(int messages);

    /**
     * Starts {@code n} timers that call a function in an hour, resets each to two hours, then
     * stops each; returns how many stops found the timer pending (all of them).
     */
    long timerReset(int n);

    /**
     * Starts {@code n} tasks that each wait for one context (or latch) to be cancelled, waits until
     * all of them wait, cancels it, and returns once all have ended: {@code n}.
     */
    long ctxCancel(int n);

    /** {@link Workload#MUTEX_CROWD} tasks share {@code ops} lock/unlock pairs of one mutex; returns the counter. */
    long mutexCrowd(int ops);

    /**
     * {@link Workload#FAN_IN_PRODUCERS} producers send the values 0..messages-1 (producer p sends p,
     * p + 1000, ...; with fewer messages than producers some send none) on one unbuffered channel;
     * one receiver sums them.
     */
    long fanIn(int messages);

    /**
     * Starts {@code n} tasks, each blocked receiving from its own channel, and returns once all of
     * them have started (each signals just before it blocks).
     */
    Parked spawnParked(int n);

    /** {@code n} parked tasks; {@link #release()} wakes every one and returns when all have ended. */
    interface Parked {
        void release();
    }
}
