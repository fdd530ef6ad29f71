package io.jgo.internal;

import io.jgo.runtime.Frame;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The runtime's JDK Flight Recorder events ({@code io.jgo.*}). Every emission site creates the
 * event and tests {@code shouldCommit()} before computing any field: with no recording (or the
 * event disabled) that is a constant false once compiled and the unused event object is
 * eliminated, so the scheduler's paths pay nothing. Stack traces are off: a carrier's Java stack
 * says little about a goroutine, its source location ({@link Frame#location()}) says where.
 */
final class JfrEvents {
    /**
     * Parks shorter than this (nanoseconds) are not recorded, like {@code jdk.ThreadPark}'s 20 ms
     * default; the system property {@code jgo.jfr.parkThresholdMillis} sets it.
     */
    static final long PARK_THRESHOLD_NANOS = Long.getLong("jgo.jfr.parkThresholdMillis", 20) * 1_000_000L;

    private JfrEvents() {
    }

    /** The fields of every event: the goroutine it is about, its runtime, its labels. */
    @Category({"jgo", "Goroutines"})
    @StackTrace(false)
    abstract static class GoroutineEvent extends Event {
        @Label("Goroutine Id")
        long goroutineId;
        @Label("Runtime")
        String runtime;
        @Label("Labels")
        String labels;

        /** Sets the common fields; a null {@code g} leaves the id 0 and the labels empty. */
        final void about(Sched s, G g) {
            goroutineId = g == null ? 0 : g.id;
            runtime = s.name();
            labels = g == null || g.lineage().labels.isEmpty() ? "" : g.lineage().labels.toString();
        }
    }

    @Name("io.jgo.GoroutineStart")
    @Label("Goroutine Start")
    @Description("A goroutine was spawned (go, run, start)")
    @Enabled(false) // one per goroutine: off in default recordings, like jdk.VirtualThreadStart
    static final class GoroutineStart extends GoroutineEvent {
        @Label("Parent Goroutine Id")
        @Description("The spawning goroutine; 0 for a plain thread")
        long parentId;
        @Label("Spawn Site")
        @Description("The spawning goroutine's top frame")
        String location;
    }

    @Name("io.jgo.GoroutineEnd")
    @Label("Goroutine End")
    @Enabled(false) // one per goroutine: off in default recordings, like jdk.VirtualThreadEnd
    static final class GoroutineEnd extends GoroutineEvent {
        @Label("Failed")
        @Description("It ended by an exception")
        boolean failed;
    }

    @Name("io.jgo.GoroutinePark")
    @Label("Goroutine Park")
    @Description("A goroutine waited at least the threshold (jgo.jfr.parkThresholdMillis, 20 ms); recorded when it is readied")
    static final class GoroutinePark extends GoroutineEvent {
        @Label("Wait Reason")
        String reason;
        @Label("Waited")
        @Timespan(Timespan.NANOSECONDS)
        long waited;
        @Label("Location")
        String location;
    }

    @Name("io.jgo.Preemption")
    @Label("Preemption")
    @Category({"jgo", "Scheduler"})
    @Description("The monitor asked a goroutine that ran 10 ms without yielding to yield")
    static final class Preemption extends GoroutineEvent {
        @Label("P")
        int p;
        @Label("Location")
        String location;
    }

    @Name("io.jgo.Handoff")
    @Label("P Hand-off")
    @Category({"jgo", "Scheduler"})
    @Description("A P was handed to another carrier: its carrier entered a blocking call, or the monitor retook it from a stuck carrier")
    static final class Handoff extends GoroutineEvent {
        @Label("P")
        int p;
        @Label("Retaken")
        @Description("The monitor took the P from a stuck carrier")
        boolean retaken;
        @Label("Location")
        String location;
    }

    @Name("io.jgo.Deadlock")
    @Label("Deadlock")
    @Description("A run's goroutines were proved unable to run again; the goroutine is its main one")
    static final class Deadlock extends GoroutineEvent {
        @Label("Report")
        String report;
    }

    @Name("io.jgo.Panic")
    @Label("Panic")
    @Description("An exception escaped a goroutine nobody waits for")
    static final class Panic extends GoroutineEvent {
        @Label("Exception")
        String exception;
    }

    static String location(Frame<?> f) {
        if (f == null) {
            return "";
        }
        try {
            StackTraceElement at = f.location();
            return at == null ? f.getClass().getName() : at.toString();
        } catch (RuntimeException e) {
            return f.getClass().getName();
        }
    }

    static void start(G g, G parent) {
        GoroutineStart e = new GoroutineStart();
        if (e.shouldCommit()) {
            e.about(g.root.sched, g);
            e.parentId = parent == null ? 0 : parent.id;
            StackTraceElement site = g.lineage().site;
            e.location = site == null ? "" : site.toString();
            e.commit();
        }
    }

    static void end(G g, Throwable error) {
        GoroutineEnd e = new GoroutineEnd();
        if (e.shouldCommit()) {
            e.about(g.root.sched, g);
            e.failed = error != null;
            e.commit();
        }
    }

    /** Called by the waker while {@code g} is still WAITING, with how long it waited. */
    static void park(G g, long waited) {
        GoroutinePark e = new GoroutinePark();
        if (waited >= PARK_THRESHOLD_NANOS && e.shouldCommit()) {
            e.about(g.root.sched, g);
            WaitReason r = g.waitReason();
            e.reason = r == null ? "waiting" : r.text();
            e.waited = waited;
            e.location = location(g.top);
            e.commit();
        }
    }

    /** True while a recording takes park events: parks then read the precise clock. */
    static boolean parkEnabled() {
        return new GoroutinePark().isEnabled();
    }

    static void preemption(G g, P p) {
        Preemption e = new Preemption();
        if (e.shouldCommit()) {
            e.about(g.root.sched, g);
            e.p = p.id;
            e.location = location(g.top);
            e.commit();
        }
    }

    static void handoff(Sched s, G g, P p, boolean retaken) {
        Handoff e = new Handoff();
        if (e.shouldCommit()) {
            e.about(s, g);
            e.p = p.id;
            e.retaken = retaken;
            e.location = g == null ? "" : location(g.top);
            e.commit();
        }
    }

    static void deadlock(Sched s, Root r, String report) {
        Deadlock e = new Deadlock();
        if (e.shouldCommit()) {
            e.about(s, r.main == null ? null : r.main.get());
            e.goroutineId = r.mainId; // collected by now: the proof is that nothing reaches it
            e.report = report;
            e.commit();
        }
    }

    static void panic(G g, Throwable error) {
        Panic e = new Panic();
        if (e.shouldCommit()) {
            e.about(g.root.sched, g);
            e.exception = String.valueOf(error);
            e.commit();
        }
    }
}
