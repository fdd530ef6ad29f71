package io.jgo;

import io.jgo.internal.Sched;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** A runtime's {@link GoRuntimeMXBean}, and its registration in the platform MBean server. */
final class RuntimeMXBeanImpl implements GoRuntimeMXBean {
    private static final System.Logger LOG = System.getLogger("io.jgo");
    private static final AtomicInteger SAME_NAME = new AtomicInteger();
    /** False when the system property {@code jgo.mbean} is {@code false}: no runtime registers a bean. */
    static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("jgo.mbean"));

    private final GoRuntime rt;
    private final Sched sched;

    private RuntimeMXBeanImpl(GoRuntime rt, Sched sched) {
        this.rt = rt;
        this.sched = sched;
    }

    /**
     * Registers {@code rt}'s bean as {@code io.jgo:type=GoRuntime,name=<name>} (with a
     * {@code -2}, {@code -3}, ... suffix when another open runtime has that name). Returns its
     * name, or null when it could not be registered (logged: monitoring must not stop a runtime).
     */
    static ObjectName register(GoRuntime rt, Sched sched) {
        MBeanServer server;
        try {
            server = ManagementFactory.getPlatformMBeanServer();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.DEBUG, "no platform MBean server: runtime " + sched.name() + " not registered", e);
            return null;
        }
        String base = sched.name();
        String name = base;
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                ObjectName on = new ObjectName("io.jgo:type=GoRuntime,name=" + ObjectName.quote(name));
                server.registerMBean(new RuntimeMXBeanImpl(rt, sched), on);
                return on;
            } catch (InstanceAlreadyExistsException e) {
                name = base + "-" + (SAME_NAME.incrementAndGet() + 1);
            } catch (JMException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not register the MBean of runtime " + base, e);
                return null;
            }
        }
        return null;
    }

    static void unregister(ObjectName on) {
        if (on == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(on);
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "MBean " + on + " already gone", e);
        }
    }

    @Override
    public String getName() {
        return sched.name();
    }

    @Override
    public int getGoroutineCount() {
        return sched.numGoroutine();
    }

    @Override
    public int getGomaxprocs() {
        return sched.gomaxprocs();
    }

    @Override
    public int getCarriers() {
        return sched.stats().carriers;
    }

    @Override
    public int getIdleCarriers() {
        return sched.stats().idleCarriers;
    }

    @Override
    public int getSpinningCarriers() {
        return sched.stats().spinningCarriers;
    }

    @Override
    public int getGlobalRunQueueLength() {
        return sched.stats().globalRunQueue;
    }

    @Override
    public int[] getLocalRunQueueLengths() {
        return sched.stats().localRunQueues;
    }

    @Override
    public long getGoroutineRuns() {
        return sched.stats().runs;
    }

    @Override
    public long getParks() {
        return sched.stats().parks;
    }

    @Override
    public long getSteals() {
        return sched.stats().steals;
    }

    @Override
    public long getPreemptions() {
        return sched.stats().preemptRequests;
    }

    @Override
    public long getHandoffs() {
        return sched.stats().handoffs;
    }

    @Override
    public long getTimersFired() {
        return sched.stats().timersFired;
    }

    @Override
    public long getDeadlocksFound() {
        return sched.stats().deadlocksFound;
    }

    @Override
    public String dump() {
        return rt.dump();
    }

    @Override
    public String dumpGrouped() {
        return rt.dump(DumpFormat.GROUPED);
    }

    @Override
    public String schedTrace() {
        return rt.schedTrace();
    }
}
