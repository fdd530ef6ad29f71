package io.jgo;

/** Test access to {@link Mutex} settings that have no public API. */
public final class MutexTesting {
    private MutexTesting() {
    }

    /** A mutex whose every waiter switches it to starvation mode: hand-offs on every unlock. */
    public static Mutex alwaysStarving() {
        return Mutex.alwaysStarving();
    }
}
