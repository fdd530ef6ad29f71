package io.jgo.bench.jgo;

import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.WaitGroup;
import io.jgo.bench.Workloads;
import java.util.ArrayList;
import java.util.List;

/**
 * The jgo system of the suite: starts each {@code @Go} workload of {@link JgoPrograms} as a main
 * goroutine through its generated entry point, and waits for its answer on the calling thread.
 */
public final class JgoWorkloads implements Workloads {

    @Override
    public long skynet(int leaves) {
        return Jgo.run(JgoProgramsGo.skynetMain(leaves));
    }

    @Override
    public long pingPong(int roundTrips) {
        return Jgo.run(JgoProgramsGo.pingPong(roundTrips));
    }

    @Override
    public int sieve(int count) {
        return Jgo.run(JgoProgramsGo.sieve(count));
    }

    @Override
    public long buffered(int messages) {
        return Jgo.run(JgoProgramsGo.buffered(messages));
    }

    @Override
    public long select(int messages) {
        return Jgo.run(JgoProgramsGo.selectLoop(messages));
    }

    @Override
    public long timers(int tasks) {
        return Jgo.run(JgoProgramsGo.timers(tasks));
    }

    @Override
    public long mutexUncontended(int ops) {
        return Jgo.run(JgoProgramsGo.mutexUncontended(ops));
    }

    @Override
    public long mutexContended(int ops) {
        return Jgo.run(JgoProgramsGo.mutexContended(ops));
    }

    @Override
    public long selectWork(int messages) {
        return Jgo.run(JgoProgramsGo.selectWork(messages));
    }

    @Override
    public long timerReset(int n) {
        return Jgo.run(JgoProgramsGo.timerReset(n));
    }

    @Override
    public long ctxCancel(int n) {
        return Jgo.run(JgoProgramsGo.ctxCancel(n));
    }

    @Override
    public long mutexCrowd(int ops) {
        return Jgo.run(JgoProgramsGo.mutexCrowd(ops));
    }

    @Override
    public long fanIn(int messages) {
        return Jgo.run(JgoProgramsGo.fanIn(messages));
    }

    @Override
    public Parked spawnParked(int n) {
        List<Chan<Integer>> chans = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            chans.add(Chan.make());
        }
        WaitGroup started = new WaitGroup();
        WaitGroup finished = new WaitGroup();
        Jgo.run(JgoProgramsGo.spawnParked(chans, started, finished));
        return () -> Jgo.run(JgoProgramsGo.releaseParked(chans, finished));
    }
}
