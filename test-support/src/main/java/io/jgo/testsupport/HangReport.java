package io.jgo.testsupport;

import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Makes a test that hit its time-out fail with what every goroutine and every thread was doing,
 * instead of a bare "timed out". Registered for every test by auto-detection (see the module's
 * {@code META-INF/services} and each module's {@code junit-platform.properties}); loading it also
 * starts the JVM-wide {@link Watchdog}.
 *
 * <p>Time-outs run the test in a separate thread (the {@code thread.mode} property), so a test
 * stuck in a wait that ignores interrupts is abandoned and the suite goes on. The report is taken
 * at once, while the stuck thread still sits where it got stuck.
 */
public final class HangReport implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    static {
        Watchdog.startOnce();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw withDump(context, t);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw withDump(context, t);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw withDump(context, t);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw withDump(context, t);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw withDump(context, t);
    }

    private static Throwable withDump(ExtensionContext context, Throwable t) {
        if (t instanceof TimeoutException) {
            t.addSuppressed(new HangDump(context.getDisplayName() + " timed out", Dumps.all()));
        }
        return t;
    }

    /** Carries the dumps in its message, so that surefire's report shows them in full. */
    static final class HangDump extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HangDump(String what, String dumps) {
            super(what + "; the state of the JVM at that moment:\n" + dumps, null, false, false);
        }
    }
}
