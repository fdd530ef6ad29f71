package io.jgo.internal;

/**
 * The outcomes of a channel wait that are API types ({@code Received}, the send-on-closed
 * exception): {@code io.jgo.Chan} installs this when it is initialized, so that a goroutine
 * completed as a waiter ({@link G#complete}) can resume with them while this package depends on
 * no API class. Only the rare outcomes go through here; the common ones are decoded in place.
 *
 * <p>Invariant: installed before any goroutine waits in a mode that needs it, because only
 * {@code Chan}'s code waits in those modes, and it runs after {@code Chan}'s initializer.
 */
public abstract class WaitOutcomes {
    /** What a range loop's receive resumes with once the channel is closed and drained. */
    public static final Object END = new Object() {
        @Override
        public String toString() {
            return "END";
        }
    };

    private static WaitOutcomes installed;

    static WaitOutcomes get() {
        return installed;
    }

    /** Called once, by {@code Chan}'s initializer; later calls are refused. */
    public static synchronized void install(WaitOutcomes outcomes) {
        if (installed != null) {
            throw new IllegalStateException("channel wait outcomes are installed already");
        }
        installed = outcomes;
    }

    protected WaitOutcomes() {
    }

    /** What a {@code recvOk} wait resumes with. */
    public abstract Object received(Object value, boolean ok);

    /** What a send wait throws when its channel was closed. */
    public abstract Throwable sendOnClosed();
}
