package io.jgo.internal;

/**
 * Test hook (in the runtime's package, test class path only): asks the calling goroutine to
 * yield at its next preemption check, as the monitor does after 10 ms, so that tests reach the
 * generated code's preemption path deterministically. A no-op outside a goroutine.
 */
public final class PreemptForTests {
    private PreemptForTests() {
    }

    /** The calling goroutine (an opaque handle), or null outside a goroutine. */
    public static Object current() {
        return Thread.currentThread() instanceof M m ? m.curg() : null;
    }

    /** True if the goroutine {@code g} (from {@link #current()}) was asked to yield and has not yielded since. */
    public static boolean pending(Object g) {
        return g != null && ((G) g).preempt;
    }

    /** True if the goroutine {@code g} (from {@link #current()}) is running on a carrier now. */
    public static boolean running(Object g) {
        return g != null && ((G) g).status() == G.RUNNING;
    }

    public static void request() {
        G g = Thread.currentThread() instanceof M m ? m.curg() : null;
        if (g != null) {
            g.preempt = true;
        }
    }
}
