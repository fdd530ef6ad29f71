package io.jgo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.GoRuntime;
import io.jgo.Jgo;
import io.jgo.internal.MBeanTest.Sleeper;
import io.jgo.runtime.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The io.jgo.* JFR events, read back from a recording file. */
class JfrEventsTest {

    /** Labels itself, spawns a child that sleeps 50 ms, and waits on a gate the child opens. */
    static final class Parent extends Frame<Void> {
        final TestFrames.Gate gate = new TestFrames.Gate();

        @Override
        protected Object resume(Object value, Throwable error) {
            if (label == 0) {
                Jgo.setLabel("job", "jfr");
                Jgo.go(new Frame<Void>() {
                    @Override
                    protected Object resume(Object value, Throwable error) {
                        if (label == 0) {
                            label = 1;
                            return Jgo.sleep(Duration.ofMillis(50), this);
                        }
                        gate.open();
                        return null;
                    }

                    @Override
                    public StackTraceElement location() {
                        return new StackTraceElement("example.Child", "nap", "Child.java", 5 + label);
                    }
                });
                label = 1;
                return gate.await(this);
            }
            return null;
        }

        @Override
        public StackTraceElement location() {
            return new StackTraceElement("example.Parent", "main", "Parent.java", 10 + label);
        }
    }

    @Test
    @Timeout(120)
    void eventsCarryIdsLabelsAndLocations() throws Exception {
        Path file = Files.createTempFile("jgo-events", ".jfr");
        try (Recording rec = new Recording()) {
            for (String name : List.of("GoroutineStart", "GoroutineEnd", "GoroutinePark", "Preemption", "Handoff",
                    "Deadlock", "Panic")) {
                rec.enable("io.jgo." + name);
            }
            rec.start();
            try (GoRuntime rt = GoRuntime.builder().gomaxprocs(1).name("jfr-test")
                    .panicHandler((id, e) -> { }).build()) {
                rt.start(new Parent()).get(30, TimeUnit.SECONDS);
                // a goroutine that spins until the monitor asks it to yield (10 ms)
                rt.start(new Frame<Void>() {
                    @Override
                    protected Object resume(Object value, Throwable error) {
                        while (!preemptRequested()) {
                            Thread.onSpinWait();
                        }
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
                // a blocking call hands the P off
                rt.start(new Frame<Void>() {
                    @Override
                    protected Object resume(Object value, Throwable error) {
                        Jgo.blocking(() -> { });
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
                // a panic nobody waits for (the handler swallows it)
                CompletableFuture<Void> panicked = new CompletableFuture<>();
                rt.start(new Frame<Void>() {
                    @Override
                    protected Object resume(Object value, Throwable error) {
                        if (label == 0) {
                            Jgo.go(new Frame<Void>() {
                                @Override
                                protected Object resume(Object value, Throwable error) {
                                    panicked.complete(null);
                                    throw new IllegalStateException("boom");
                                }
                            });
                        }
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
                panicked.get(30, TimeUnit.SECONDS);
                // a deadlock
                CompletableFuture<Object> dead = rt.start(new Frame<Object>() {
                    @Override
                    protected Object resume(Object value, Throwable error) {
                        label = 1;
                        return new TestFrames.Gate().await(this);
                    }
                });
                try {
                    dead.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException expected) {
                    // proved deadlocked
                }
                rt.start(new Sleeper(1)).get(30, TimeUnit.SECONDS); // the panic's end event has been written by now
            }
            rec.stop();
            rec.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("io.jgo.")
                        && "jfr-test".equals(e.getString("runtime")))
                .collect(Collectors.toList());
        Files.deleteIfExists(file);
        String all = events.toString();

        RecordedEvent childStart = only(events, "io.jgo.GoroutineStart", e -> e.getString("location").contains("Parent.java:10"));
        assertEquals("{job=jfr}", childStart.getString("labels"));
        long child = childStart.getLong("goroutineId");
        assertTrue(childStart.getLong("parentId") > 0);
        RecordedEvent park = only(events, "io.jgo.GoroutinePark", e -> e.getLong("goroutineId") == child);
        assertEquals("sleep", park.getString("reason"));
        assertTrue(park.getDuration("waited").toMillis() >= 40, park.toString());
        assertEquals("example.Child.nap(Child.java:6)", park.getString("location"));
        assertEquals("{job=jfr}", park.getString("labels"));
        only(events, "io.jgo.GoroutineEnd", e -> e.getLong("goroutineId") == child && !e.getBoolean("failed"));
        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("io.jgo.Preemption")), all);
        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("io.jgo.Handoff")
                && !e.getBoolean("retaken")), all);
        RecordedEvent panic = only(events, "io.jgo.Panic", e -> true);
        assertTrue(panic.getString("exception").contains("boom"), panic.toString());
        RecordedEvent dl = only(events, "io.jgo.Deadlock", e -> true);
        assertTrue(dl.getString("report").contains("[chan receive]"), dl.toString());
        assertTrue(events.stream().noneMatch(e -> e.getEventType().getName().equals("io.jgo.GoroutinePark")
                && e.getDuration("waited").toNanos() < JfrEvents.PARK_THRESHOLD_NANOS), "short parks are below the threshold");
    }

    private static RecordedEvent only(List<RecordedEvent> events, String type, java.util.function.Predicate<RecordedEvent> p) {
        List<RecordedEvent> m = events.stream().filter(e -> e.getEventType().getName().equals(type)).filter(p)
                .collect(Collectors.toList());
        assertEquals(1, m.size(), type + " in " + events);
        return m.get(0);
    }
}
