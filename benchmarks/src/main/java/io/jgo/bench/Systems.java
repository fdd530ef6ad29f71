package io.jgo.bench;

import io.jgo.bench.threads.ThreadFactories;
import io.jgo.bench.threads.ThreadWorkloads;

/** Finds the {@link Workloads} of a Java-based system by name, or says why it cannot run here. */
public final class Systems {
    /** The class the jgo workloads compile to; absent when the benchmarks were built without the processor. */
    static final String JGO_WORKLOADS = "io.jgo.bench.jgo.JgoWorkloads";

    public static final String JGO = "jgo";
    public static final String VTHREADS = "vthreads";
    public static final String THREADS = "threads";

    private Systems() {
    }

    /** Thrown when a system cannot run on this JVM or build; the message says why and what to do. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    public static Workloads load(String system) throws Unavailable {
        switch (system) {
            case THREADS:
                return new ThreadWorkloads(ThreadFactories.platform());
            case VTHREADS:
                if (!ThreadFactories.virtualAvailable()) {
                    throw new Unavailable("needs JDK 21+ (this JVM is " + Runtime.version() + ")");
                }
                return new ThreadWorkloads(ThreadFactories.virtual());
            case JGO:
                return loadJgo();
            default:
                throw new IllegalArgumentException("unknown system '" + system
                        + "'; the Java systems are " + JGO + ", " + VTHREADS + ", " + THREADS);
        }
    }

    /** True when the jgo workloads were compiled into this build. */
    public static boolean jgoCompiled() {
        try {
            Class.forName(JGO_WORKLOADS, false, Systems.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Workloads loadJgo() throws Unavailable {
        if (!jgoCompiled()) {
            throw new Unavailable("the jgo workloads are not in this build (it was made with -Pno-jgo-workloads, "
                    + "or the jgo annotation processor did not run: see benchmarks/target/run-build.log)");
        }
        try {
            return (Workloads) Class.forName(JGO_WORKLOADS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + JGO_WORKLOADS, e);
        }
    }
}
