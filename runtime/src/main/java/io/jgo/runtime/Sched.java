package io.jgo.runtime;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * WALKING-SKELETON scheduler: one global queue and GOMAXPROCS carrier threads. The G/P/M design
 * (local run queues, runnext, stealing, monitor) replaces it; its public surface stays.
 */
public final class Sched {
    private static final Sched INSTANCE = new Sched();

    private final LinkedBlockingQueue<G> global = new LinkedBlockingQueue<>();
    private final AtomicInteger live = new AtomicInteger();

    private Sched() {
        int n = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < n; i++) {
            Thread m = new Thread(this::carrier, "jgo-m" + i);
            m.setDaemon(true);
            m.start();
        }
    }

    public static Sched get() {
        return INSTANCE;
    }

    /** Starts {@code root} as a new goroutine; {@code onExit} receives its result or failure. */
    public G spawn(Frame<?> root, BiConsumer<Object, Throwable> onExit) {
        if (root.g != null) {
            throw new IllegalStateException("this @Go call was already started: a Task runs once");
        }
        G g = new G(root, onExit);
        live.incrementAndGet();
        global.add(g);
        return g;
    }

    /** Number of goroutines that have not ended. */
    public int numGoroutine() {
        return live.get();
    }

    void ready(G g) {
        global.add(g);
    }

    /**
     * Called by a carrier thread before it blocks outside the scheduler's control (a thread-style
     * wait inside a goroutine's untransformed code, a blocking system call): the P may be handed
     * to another carrier meanwhile. Pair with {@link #exitBlocking()}. No-op on plain threads.
     */
    public static void enterBlocking() {
    }

    /** Ends a {@link #enterBlocking()} section: the carrier gets a P back before it goes on. */
    public static void exitBlocking() {
    }

    void exited(G g) {
        live.decrementAndGet();
    }

    void panic(G g, Throwable error) {
        System.err.println("panic in " + g + ": " + error);
        error.printStackTrace();
    }

    private void carrier() {
        for (;;) {
            G g;
            try {
                g = global.take();
            } catch (InterruptedException e) {
                continue;
            }
            g.run();
        }
    }
}
