package io.jgo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.Location;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.StepEvent;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.StepRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A debugger works in the user's source: a breakpoint set by the user's file and line, found the
 * way IDEs find code through JDI (the reference types whose source name is the file, then
 * {@code locationsOfLine}), hits when a goroutine runs that line after it suspended and resumed on
 * a carrier, and a step over stops at the next line of the user's file. The debuggee is compiled
 * with javac's {@code -g} by the JDK under test and run by it, listening for a debugger; JDI attaches
 * from the test's JDK.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DebuggerIT {
    /** Line numbers matter: {@link #BREAK_LINE} and the next are named below. */
    private static final String PROGRAM = """
            package demo;

            import io.jgo.*; import io.jgo.annotation.Go;
            import static io.jgo.Jgo.*;

            public class Stepper {
                @Go static int work(Chan<Integer> in) {
                    gosched();
                    int a = in.recv();
                    int b = a * 2;
                    int c = b + 1;
                    return c;
                }

                public static void main(String[] args) {
                    Chan<Integer> in = Chan.make();
                    go(() -> in.send(20));
                    System.out.println("result=" + Jgo.run(StepperGo.work(in)));
                }
            }
            """;
    private static final int BREAK_LINE = 10;
    private static final long EVENT_WAIT_MS = 60_000;

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aBreakpointOnAUserLineHitsInTheGoroutineAndStepOverMovesToTheNextUserLine(int feature, @TempDir Path tmp)
            throws Exception {
        Path jdk = Jdks.home(feature);
        Path src = tmp.resolve("src/demo/Stepper.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, PROGRAM);
        Path classes = tmp.resolve("classes");
        String cp = JgoJars.join(List.of(JgoJars.annotations(), JgoJars.runtime()));
        Exec.run(tmp, Map.of(), 60, Exec.list(Jdks.tool(jdk, "javac"), "--release", "17", "-g", "-d", classes,
                "-cp", cp, "-processorpath", JgoJars.join(JgoJars.processorPath()), src.toString())).assertOk();

        // The debuggee listens (suspended) and the test attaches, as an IDE's "remote" run does:
        // the JDK under test's own JDWP options, whatever the test's JDK (a JDK 25 launching
        // connector passes options JDK 17's agent does not know).
        Process debuggee = new ProcessBuilder(Jdks.tool(jdk, "java"), "-Xmx256m",
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=localhost:0",
                "-cp", classes + java.io.File.pathSeparator + JgoJars.runtime(), "demo.Stepper")
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String port = listeningPort(debuggee.getInputStream(), out);
        Thread drainOut = drain(debuggee.getInputStream(), out);
        AttachingConnector attach = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(c -> c.transport().name().equals("dt_socket")).findFirst().orElseThrow();
        Map<String, Connector.Argument> args = attach.defaultArguments();
        args.get("hostname").setValue("localhost");
        args.get("port").setValue(port);
        VirtualMachine vm = attach.attach(args);
        try {
            ClassPrepareRequest prepare = vm.eventRequestManager().createClassPrepareRequest();
            prepare.addSourceNameFilter("Stepper.java"); // by the user's file, as IDEs do
            prepare.enable();
            vm.resume();

            List<String> breakpointTypes = new ArrayList<>();
            Location hit = null;
            ThreadReference thread = null;
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EVENT_WAIT_MS);
            while (hit == null) {
                EventSet set = next(vm, deadline, seen);
                for (Event e : set) {
                    if (e instanceof ClassPrepareEvent cp2) {
                        ReferenceType t = cp2.referenceType();
                        seen.add("prepared " + t.name() + " source " + sourceName(t));
                        for (Location l : t.locationsOfLine(BREAK_LINE)) {
                            BreakpointRequest b = vm.eventRequestManager().createBreakpointRequest(l);
                            b.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                            b.enable();
                            breakpointTypes.add(t.name());
                        }
                    } else if (e instanceof BreakpointEvent b) {
                        hit = b.location();
                        thread = b.thread();
                    } else if (e instanceof VMDeathEvent || e instanceof VMDisconnectEvent) {
                        fail("the program ended before the breakpoint hit; breakpoints in " + breakpointTypes
                                + "; events " + seen + "; output:\n" + out);
                    }
                }
                if (hit == null) {
                    set.resume();
                }
            }
            // the user's class keeps its plain method (called from plain code), with the same line
            assertEquals(java.util.Set.of("demo.Stepper", "demo.StepperGo$Work"), java.util.Set.copyOf(breakpointTypes),
                    "the line's code is found through the user's file name in both the plain method and the frame");
            assertEquals("demo.StepperGo$Work", hit.declaringType().name(), "the goroutine runs the frame's code");
            assertEquals("Stepper.java", hit.sourceName());
            assertEquals(BREAK_LINE, hit.lineNumber());
            assertEquals("resume", hit.method().name());
            assertTrue(thread.name().startsWith("jgo-"), "it runs on a carrier, after the goroutine resumed: "
                    + thread.name());
            StackFrame frame = thread.frame(0);
            Value a = valueOf(frame, "a");
            assertNotNull(a, "the local a is readable by its source name");
            assertEquals(20, ((IntegerValue) a).value());

            StepRequest step = vm.eventRequestManager().createStepRequest(thread, StepRequest.STEP_LINE,
                    StepRequest.STEP_OVER);
            step.addCountFilter(1);
            step.enable();
            thread.resume();
            Location stepped = null;
            while (stepped == null) {
                EventSet set = next(vm, deadline, seen);
                for (Event e : set) {
                    if (e instanceof StepEvent s) {
                        stepped = s.location();
                    } else if (e instanceof VMDeathEvent || e instanceof VMDisconnectEvent) {
                        fail("the program ended before the step; output:\n" + out);
                    }
                }
                if (stepped == null) {
                    set.resume();
                }
            }
            assertEquals("Stepper.java", stepped.sourceName());
            assertEquals(BREAK_LINE + 1, stepped.lineNumber(), "step over moves to the next line of the user's file");
            vm.eventRequestManager().deleteEventRequest(step);
            vm.eventRequestManager().deleteAllBreakpoints();
            vm.resume();
            assertTrue(debuggee.waitFor(30, TimeUnit.SECONDS), "the program ended");
            drainOut.join(10_000);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("result=41"), out.toString(StandardCharsets.UTF_8));
        } finally {
            if (debuggee.isAlive()) {
                debuggee.destroyForcibly();
            }
        }
    }

    /** A variable by its source name: a local of the frame's code, or a field of the frame. */
    private static Value valueOf(StackFrame frame, String name) throws Exception {
        var local = frame.visibleVariableByName(name);
        if (local != null) {
            return frame.getValue(local);
        }
        ObjectReference self = frame.thisObject();
        var field = self.referenceType().fieldByName(name);
        assertNotNull(field, "no local or frame field " + name);
        return self.getValue(field);
    }

    private static String sourceName(ReferenceType t) {
        try {
            return t.sourceName();
        } catch (com.sun.jdi.AbsentInformationException e) {
            return "?";
        }
    }

    private static EventSet next(VirtualMachine vm, long deadline, List<String> seen) throws InterruptedException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        assertFalse(left <= 0, "no event in time; events " + seen);
        EventSet set = vm.eventQueue().remove(left);
        assertNotNull(set, "no event in time; events " + seen);
        return set;
    }

    /** Reads the debuggee's first line, where JDWP says which port it listens on. */
    private static String listeningPort(InputStream in, ByteArrayOutputStream sink) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            line.append((char) c);
        }
        sink.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("address: .*?(\\d+)\\s*$").matcher(line);
        assertTrue(m.find(), "JDWP's listening line: " + line);
        return m.group(1);
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (sink) {
                        sink.write(buf, 0, n);
                    }
                }
            } catch (IOException ended) {
                // the debuggee is gone
            }
        }, "debuggee-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
