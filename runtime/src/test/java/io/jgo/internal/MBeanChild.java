package io.jgo.internal;

import io.jgo.GoRuntime;
import io.jgo.internal.DumpTest.Spawner;
import io.jgo.internal.TestFrames.Gate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The child JVM of {@link MBeanTest}: parks goroutines, says READY, ends when stdin closes. */
public final class MBeanChild {
    static final int N = 50;

    private MBeanChild() {
    }

    public static void main(String[] args) throws Exception {
        try (GoRuntime rt = GoRuntime.builder().gomaxprocs(1).name("child").build()) {
            Gate gate = new Gate();
            Gate hold = new Gate();
            CountDownLatch parked = new CountDownLatch(N + 1);
            rt.start(new Spawner(N, gate, hold, parked));
            if (!parked.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("goroutines did not park");
            }
            if (rt.mbeanName() == null) { // registered in the background: wait for it
                throw new AssertionError("no MBean");
            }
            System.out.println("READY");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin
            }
            gate.open();
            hold.open();
        }
    }
}
