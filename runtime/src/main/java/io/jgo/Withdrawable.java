package io.jgo;

/**
 * An object whose queue can give back a plain thread's waiter, so that an interrupted thread
 * can leave an operation that has not happened yet.
 *
 * <p>The protocol with wakers: a waker unlinks a waiter under the owner's lock and completes it
 * after releasing the lock. So, under that same lock, a waiter still linked in the owner's queue
 * has not been taken by any waker, and unlinking it there makes the operation never happen; a
 * waiter no longer linked has been taken, its completion is on its way, and the interrupted
 * thread must wait for it and return its result (the operation did happen). Exactly one of the
 * two wins; nothing is lost or done twice.
 */
interface Withdrawable {
    /**
     * Under this object's lock: unlinks {@code w} if it is still queued here and returns true;
     * returns false if a waker has already taken it (it will be completed).
     */
    boolean withdraw(OpWaiter w);
}
