package io.jgo;

/**
 * {@code fatal error: all goroutines are asleep - deadlock!}: thrown by {@link Jgo#run} when its
 * main goroutine provably can never run again. The message lists every goroutine with its id, what
 * it waits for and where, like Go's dump; {@link #dump()} gives that part alone.
 *
 * <p>"Provably" means: the runtime was idle (no goroutine running or runnable, no timer pending)
 * and the main goroutine was no longer reachable from anything that could wake it, not from a
 * thread, a timer, a future or a channel some live code holds (see docs/runtime.md).
 */
public class DeadlockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String dump;

    public DeadlockException(String dump) {
        super("all goroutines are asleep - deadlock!\n\n" + dump);
        this.dump = dump;
    }

    /** The goroutine dump taken when the deadlock was found. */
    public String dump() {
        return dump;
    }
}
