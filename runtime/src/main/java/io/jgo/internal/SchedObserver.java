package io.jgo.internal;

/**
 * Hooks through which tests wait for scheduler states without sleeping. Production runtimes use
 * {@link #NONE}, whose empty methods the JIT inlines away.
 */
interface SchedObserver {
    SchedObserver NONE = new SchedObserver() {
    };

    /** A carrier went onto the idle list. Called with the scheduler lock held: do not block. */
    default void carrierParked() {
    }

    /** A deadlock proof ran to its end (whatever it found). */
    default void deadlockProofRan() {
    }
}
