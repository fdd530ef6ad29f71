package io.jgo;

/**
 * The management interface of a {@link GoRuntime}, registered in the platform MBean server as
 * {@code io.jgo:type=GoRuntime,name=<runtime name>} while the runtime is open: JConsole,
 * VisualVM and {@code jcmd}-started JMX agents show it. Gauges are read without stopping the
 * scheduler, so each is a snapshot that may be a little old; counters count since the runtime
 * started.
 */
public interface GoRuntimeMXBean {
    /** The runtime's name (its threads' name prefix). */
    String getName();

    /** Goroutines that have not ended ({@code runtime.NumGoroutine}). */
    int getGoroutineCount();

    /** The number of Ps: goroutines that can run at once. */
    int getGomaxprocs();

    /** Carrier threads alive. */
    int getCarriers();

    /** Carrier threads parked with nothing to do. */
    int getIdleCarriers();

    /** Carriers looking for work (Go's spinning Ms). */
    int getSpinningCarriers();

    /** Goroutines in the global run queue. */
    int getGlobalRunQueueLength();

    /** Goroutines in each P's local run queue (runnext included), by P id. */
    int[] getLocalRunQueueLengths();

    /** Times a carrier started running a goroutine. */
    long getGoroutineRuns();

    /** Times a goroutine stopped running without ending: parks and yields. */
    long getParks();

    /** Goroutines a carrier took from another P's run queue. */
    long getSteals();

    /** Times the monitor asked a goroutine that ran too long (10 ms) to yield. */
    long getPreemptions();

    /** Ps handed to another carrier: around blocking calls, and retaken from stuck carriers. */
    long getHandoffs();

    /** Timers that fired (sleeps, {@code after}, {@code afterFunc}, tickers). */
    long getTimersFired();

    /** Roots ({@code run}, {@code start}) proved deadlocked. */
    long getDeadlocksFound();

    /** Every goroutine, as {@link GoRuntime#dump()} prints them. */
    String dump();

    /** The grouped dump ({@link DumpFormat#GROUPED}). */
    String dumpGrouped();

    /** Go's {@code SCHED} line and one line per P ({@link GoRuntime#schedTrace()}). */
    String schedTrace();
}
