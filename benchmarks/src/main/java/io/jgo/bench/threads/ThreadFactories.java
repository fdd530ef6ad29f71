package io.jgo.bench.threads;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

/** Platform and virtual thread factories; virtual threads are reached reflectively (we compile for 17). */
public final class ThreadFactories {
    private ThreadFactories() {
    }

    /** Daemon platform threads, so that workloads that leave threads blocked (the sieve) let the JVM exit. */
    public static ThreadFactory platform() {
        return r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        };
    }

    /** True when this JVM has virtual threads (JDK 21+). */
    public static boolean virtualAvailable() {
        return Runtime.version().feature() >= 21;
    }

    /**
     * {@code Thread.ofVirtual().factory()}, looked up at run time.
     *
     * @throws UnsupportedOperationException on a JVM older than 21, with what to do instead
     */
    public static ThreadFactory virtual() {
        if (!virtualAvailable()) {
            throw new UnsupportedOperationException("virtual threads need JDK 21+; this JVM is "
                    + Runtime.version() + " (run with JAVA_HOME pointing at a JDK 21 or newer)");
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builderClass = Class.forName("java.lang.Thread$Builder");
            Object builder = lookup.findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual"))).invoke();
            return (ThreadFactory) lookup.findVirtual(builderClass, "factory",
                    MethodType.methodType(ThreadFactory.class)).invoke(builder);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create a virtual thread factory on " + Runtime.version(), e);
        }
    }
}
