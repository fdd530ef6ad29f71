package io.jgo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.GoRuntime;
import io.jgo.GoRuntimeMXBean;
import io.jgo.Jgo;
import io.jgo.internal.DumpTest.Spawner;
import io.jgo.internal.TestFrames.Gate;
import io.jgo.runtime.Frame;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runtime's MBean: in the platform server while open, its figures, its dump operations, and from outside the JVM. */
class MBeanTest {

    /** Sleeps 1 ms {@code n} times (each a timer that fires). */
    static final class Sleeper extends Frame<Void> {
        int left;

        Sleeper(int n) {
            left = n;
        }

        @Override
        protected Object resume(Object value, Throwable error) {
            if (left-- > 0) {
                label = 1;
                return Jgo.sleep(Duration.ofMillis(1), this);
            }
            return null;
        }
    }

    @Test
    @Timeout(60)
    void registeredWhileOpenWithFiguresAndDumps() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName on;
        try (GoRuntime rt = GoRuntime.builder().gomaxprocs(2).name("mbean-test").build()) {
            on = rt.mbeanName();
            assertEquals(new ObjectName("io.jgo:type=GoRuntime,name=\"mbean-test\""), on);
            assertTrue(server.isRegistered(on));
            GoRuntimeMXBean bean = JMX.newMXBeanProxy(server, on, GoRuntimeMXBean.class);
            assertEquals("mbean-test", bean.getName());
            assertEquals(2, bean.getGomaxprocs());
            assertEquals(2, bean.getLocalRunQueueLengths().length);
            assertEquals(0, bean.getTimersFired());

            rt.start(new Sleeper(5)).get(20, TimeUnit.SECONDS);
            assertEquals(5, bean.getTimersFired());
            assertTrue(bean.getParks() >= 5, "each sleep parks: " + bean.getParks());
            assertTrue(bean.getGoroutineRuns() >= 6, "a start and a resume per sleep: " + bean.getGoroutineRuns());

            Gate gate = new Gate();
            Gate hold = new Gate();
            int n = 100;
            CountDownLatch parked = new CountDownLatch(n + 1);
            CompletableFuture<Void> done = rt.start(new Spawner(n, gate, hold, parked));
            assertTrue(parked.await(20, TimeUnit.SECONDS));
            assertEquals(n + 1, bean.getGoroutineCount());
            assertEquals(n + 1, server.getAttribute(on, "GoroutineCount"));
            assertTrue(bean.getCarriers() >= 1);
            String grouped = (String) server.invoke(on, "dumpGrouped", null, null);
            assertTrue(grouped.contains((n - 1) + " goroutines [chan receive] {request=42}:"), grouped);
            String full = (String) server.invoke(on, "dump", null, null);
            assertTrue(full.contains("created by example.Main.main in goroutine "), full);
            assertTrue(bean.schedTrace().startsWith("SCHED gomaxprocs=2 "), bean.schedTrace());
            gate.open();
            hold.open();
            done.get(20, TimeUnit.SECONDS);
        }
        assertFalse(server.isRegistered(on), "unregistered on close");
    }

    @Test
    @Timeout(60)
    void twoOpenRuntimesWithOneNameGetTwoBeans() {
        try (GoRuntime a = GoRuntime.builder().gomaxprocs(1).name("twin").build();
                GoRuntime b = GoRuntime.builder().gomaxprocs(1).name("twin").build()) {
            assertNotNull(a.mbeanName());
            assertNotNull(b.mbeanName());
            assertFalse(a.mbeanName().equals(b.mbeanName()), a.mbeanName() + " " + b.mbeanName());
        }
    }

    @Test
    @Timeout(60)
    void deadlocksFoundCounts() throws Exception {
        try (GoRuntime rt = GoRuntime.builder().gomaxprocs(1).name("mbean-deadlock").build()) {
            GoRuntimeMXBean bean = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(),
                    rt.mbeanName(), GoRuntimeMXBean.class);
            CompletableFuture<Object> f = rt.start(new Frame<Object>() {
                @Override
                protected Object resume(Object value, Throwable error) {
                    label = 1;
                    return new Gate().await(this); // nobody else can reach the gate: a deadlock
                }
            });
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException expected) {
                // the deadlock
            }
            assertEquals(1, bean.getDeadlocksFound());
        }
    }

    /**
     * A dump from outside the process, the way JConsole gets one: a child JVM runs goroutines,
     * the JDK's attach API starts its local management agent, and a JMX connection calls the
     * bean's dumpGrouped.
     */
    @Test
    @Timeout(120)
    void aDumpFromAnotherJvmOverJmx() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                MBeanChild.class.getName());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process child = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertEquals("READY", line);
            com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(String.valueOf(child.pid()));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                MBeanServerConnection conn = c.getMBeanServerConnection();
                ObjectName on = new ObjectName("io.jgo:type=GoRuntime,name=\"child\"");
                assertEquals(MBeanChild.N + 1, conn.getAttribute(on, "GoroutineCount"));
                String grouped = (String) conn.invoke(on, "dumpGrouped", null, null);
                assertTrue(grouped.contains((MBeanChild.N - 1) + " goroutines [chan receive] {request=42}:"), grouped);
            }
        } finally {
            child.getOutputStream().close(); // the child ends when its stdin closes
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }
}
