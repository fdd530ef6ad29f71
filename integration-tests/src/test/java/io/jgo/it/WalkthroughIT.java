package io.jgo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the sample app's walkthrough exactly as the README tells a new user to
 * ({@code java -jar sample-app/target/jgo-sample-app.jar}), on JDK 17 and JDK 25, and checks every
 * chapter's output. Output that depends on timing (which worker took which job, how many ms) is
 * checked for its invariant, never for its order or speed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WalkthroughIT {
    private static final Path JAR = Path.of(System.getProperty("jgo.sampleJar", "../sample-app/target/jgo-sample-app.jar"));
    private static final Path SOURCES = Path.of(System.getProperty("jgo.sampleSources",
            "../sample-app/src/main/java/io/jgo/sample"));

    /** Every chapter's check, in the walkthrough's order. A chapter without a check fails the run. */
    private static Map<String, Consumer<String>> checks() {
        Map<String, Consumer<String>> c = new LinkedHashMap<>();
        c.put("hello", s -> contains(s, "hello, world ("));
        c.put("waitgroup", s -> contains(s, "10000 of 10000 goroutines slept 10 ms each"));
        c.put("sum", s -> {
            Matcher m = find(s, "x, y = (-?\\d+), (-?\\d+)");
            assertEquals(Set.of("-5", "17"), Set.of(m.group(1), m.group(2)), s);
            contains(s, "x + y = 12");
        });
        c.put("pipeline", s -> contains(s, "sum of 0..999999 sent through a channel: 499999500000"));
        c.put("ordered", s -> {
            contains(s, "chained by channels:  0 1 2 3 4 5 6 7 8 9\n");
            contains(s, "GOMAXPROCS=1, no triggers: 9 0 1 2 3 4 5 6 7 8 ");
        });
        c.put("workers", s -> {
            Matcher m = Pattern.compile("worker ([123]) finished job (\\d+) -> (\\d+)").matcher(s);
            Set<Integer> jobs = new HashSet<>();
            while (m.find()) {
                int job = Integer.parseInt(m.group(2));
                assertEquals(2 * job, Integer.parseInt(m.group(3)), s);
                assertTrue(jobs.add(job), "job " + job + " done twice:\n" + s);
            }
            assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9), jobs, s);
            contains(s, "9 jobs of 20 ms on 3 workers took");
        });
        c.put("buffered", s -> contains(s, "  len=2 cap=2\n  a third send would block: trySend -> false\n"
                + "  buffered\n  channel\n  len=0 after two receives\n"));
        c.put("range", s -> contains(s, "  range: 0 1 4 9 16 25\n  after close: v=null ok=false\n"));
        // Timer deadlines fire in order, whatever the load: 50 ms < 300 ms and 10 ms < 1 s.
        c.put("timeout", s -> contains(s, "  timeout result 1 (took 300 ms, timeout 50 ms)\n"
                + "  result 2 (took 10 ms, timeout 1000 ms)\n"));
        c.put("default", s -> contains(s, "  no message received\n  no message sent (nobody is receiving on an "
                + "unbuffered channel)\n  no activity\n"));
        c.put("closures", s -> contains(s, CLOSURES_OUTPUT));
        c.put("ticker", s -> {
            Matcher m = Pattern.compile("tick (\\d) at \\+(\\d+) ms").matcher(s);
            int n = 0;
            long last = -1;
            while (m.find()) {
                n++;
                assertEquals(n, Integer.parseInt(m.group(1)), s);
                long ms = Long.parseLong(m.group(2));
                assertTrue(ms >= n * 25L - 2 && ms >= last, "tick " + n + " came too early:\n" + s);
                last = ms;
            }
            assertEquals(5, n, s);
            contains(s, "ticker stopped after 5 runs");
        });
        c.put("context", s -> {
            find(s, "slow worker: stopped after \\d+ of 100 steps: context deadline exceeded");
            // the quick worker needs 20 ms of a 200 ms budget; under extreme load it may be cut short too
            find(s, "quick worker: (done, 2 steps|stopped after [0-2] of 2 steps: context deadline exceeded)");
        });
        c.put("mutex", s -> contains(s, "counter = 100000 (1000 goroutines x 100 increments"));
        c.put("rwmutex", s -> {
            Matcher m = find(s, "10000 reads \\((\\d+) hits, (\\d+) misses");
            assertEquals(10000, Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)), s);
            contains(s, "100 writes, 10 keys cached");
        });
        c.put("cond", s -> {
            Matcher m = find(s, "3 consumers: (\\d+) \\+ (\\d+) \\+ (\\d+) = 500500 \\(expected 500500\\)");
            long sum = Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3));
            assertEquals(500500, sum, s);
        });
        c.put("primes", s -> {
            contains(s, "148933 with 1 goroutine");
            contains(s, "148933 with 16 goroutines");
        });
        c.put("sieve", s -> {
            List<String> primes = new ArrayList<>();
            for (int n = 2; primes.size() < 100; n++) {
                boolean prime = true;
                for (int d = 2; d * d <= n; d++) {
                    prime &= n % d != 0;
                }
                if (prime) {
                    primes.add(String.valueOf(n));
                }
            }
            List<String> printed = new ArrayList<>();
            for (String line : s.split("\n")) {
                if (line.matches("  \\d+( \\d+)*")) {
                    printed.addAll(List.of(line.trim().split(" ")));
                }
            }
            assertEquals(primes, printed, s);
            find(s, "\\(\\d+ goroutines were alive in the chain\\)");
        });
        c.put("fanout", s -> contains(s, "333383335000 (expected 333383335000)"));
        c.put("http", s -> {
            contains(s, "20 of 20 requests answered 200 by http://127.0.0.1:");
            assertEquals(3, Pattern.compile("  200 page \\d+\n").matcher(s).results().count(), s);
        });
        c.put("files", s -> {
            contains(s, "wrote 40 files into ");
            contains(s, "40 files, 40000 lines read by 40 goroutines");
            contains(s, "sum of every number in every file: 800020000 (expected 800020000)");
            contains(s, "  removed ");
        });
        c.put("database", s -> {
            Map<String, Integer> seen = new HashMap<>();
            Matcher m = Pattern.compile("(Lisbon|Oslo|Kyoto|Quito)=(\\d)").matcher(s);
            Map<String, Integer> users = Map.of("Lisbon", 3, "Oslo", 2, "Kyoto", 2, "Quito", 1);
            while (m.find()) {
                assertEquals(users.get(m.group(1)), Integer.parseInt(m.group(2)), s);
                seen.merge(m.group(1), 1, Integer::sum);
            }
            assertEquals(Map.of("Lisbon", 2, "Oslo", 2, "Kyoto", 2, "Quito", 2), seen, s);
            // a real embedded database, not a stand-in
            find(s, "  H2 2\\.\\d+\\.\\d+ .*, in memory: jdbc:h2:mem:");
            contains(s, "created table users, inserted 8 rows");
            find(s, "8 queries of 50 ms on 4 connections took \\d+ ms with GOMAXPROCS=1 \\(one after another: 400 ms\\)");
            // the invariant (the chapter also checks it and throws): with one P, JDBC calls that block
            // their threads still overlap, and the heartbeat goroutine still ticks
            Matcher overlap = find(s, "up to (\\d+) JDBC calls were blocked at once, each on its own carrier thread; "
                    + "the heartbeat goroutine ticked (\\d+) times meanwhile");
            int peak = Integer.parseInt(overlap.group(1));
            assertTrue(peak >= 2 && peak <= 4, "2 to 4 calls (4 connections) overlapped:\n" + s);
            assertTrue(Integer.parseInt(overlap.group(2)) >= 1, "the heartbeat ticked:\n" + s);
        });
        c.put("observe", s -> {
            // a thousand identical waiting goroutines are one entry, with labels and creator
            contains(s, "  | goroutine profile: total 1001\n"
                    + "  | 1000 goroutines [chan receive] {request=r-17}:\n"
                    + "  | io.jgo.sample.Observe.worker(...)\n  | \tObserve.java:"
                    + lineOf("Observe.java", "jobs.recv(); // null once jobs is closed") + "\n"
                    + "  | created by io.jgo.sample.Observe.main\n");
            find(s, "its MBean io.jgo:type=GoRuntime,name=\"observe\": goroutines=1001 gomaxprocs=1 carriers=\\d+ parks=\\d+");
            contains(s, "after close(jobs): goroutines=1\n");
        });
        c.put("deadlock", s -> {
            contains(s, "Jgo.run threw DeadlockException:\n  | all goroutines are asleep - deadlock!");
            // each goroutine: its wait reason, its method, and the source line it waits at
            contains(s, "[chan receive]:\n  | io.jgo.sample.Deadlock.main(...)\n  | \tDeadlock.java:"
                    + lineOf("Deadlock.java", "return result.recv();") + "\n");
            contains(s, "[chan receive]:\n  | io.jgo.sample.Deadlock.holder(...)\n  | \tDeadlock.java:"
                    + lineOf("Deadlock.java", "String s = never.recv();") + "\n");
            contains(s, "[sync.Mutex.Lock]:\n  | io.jgo.sample.Deadlock.waiter(...)\n  | \tDeadlock.java:"
                    + lineOf("Deadlock.java", "mu.lock();               // held forever") + "\n");
        });
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyChapterOnJdk17() {
        return chapters(17);
    }

    @TestFactory
    Stream<DynamicTest> everyChapterOnJdk25() {
        return chapters(25);
    }

    /** Runs the walkthrough with no argument (list, then every chapter) and checks each section. */
    private Stream<DynamicTest> chapters(int feature) {
        Path jdk = Jdks.home(feature);
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: build the sample app first (mvn package)");
        String out = Exec.run(Path.of("."), 150, Jdks.tool(jdk, "java"), "-Xmx512m", "-jar", JAR.toString())
                .assertOk().output();
        Map<String, String> sections = sections(out);
        Map<String, Consumer<String>> checks = checks();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("lists and runs every chapter, in order", () -> {
            assertEquals(List.copyOf(checks.keySet()), List.copyOf(sections.keySet()), out);
            for (String name : checks.keySet()) {
                assertTrue(Pattern.compile("^ *\\d+\\. " + name + " ", Pattern.MULTILINE).matcher(out).find(),
                        "the list names " + name + ":\n" + out);
            }
        }));
        for (Map.Entry<String, Consumer<String>> e : checks.entrySet()) {
            tests.add(dynamicTest(e.getKey(), () -> {
                String section = sections.get(e.getKey());
                assertTrue(section != null, "chapter " + e.getKey() + " did not run:\n" + out);
                assertTrue(section.contains("    read more: docs/"), "says where to read more:\n" + section);
                e.getValue().accept(section);
            }));
        }
        return tests.stream();
    }

    /** What sample-app/go/closures/main.go prints with Go; the "closures" chapter prints the same. */
    private static final String CLOSURES_OUTPUT = """
            got a b
            receive two: ok
            receive one more: failed: nothing after c
            attempt 1
            attempt 2
            attempt 3
            retry done, error: false
            timer fired
            config: loaded
            errgroup: part 2 failed 10 20 0
            context done: context canceled
            fib(20) = 6765
            """;

    /**
     * The Go original of the "closures" chapter prints what the chapter prints (checked when a Go
     * toolchain is on the PATH; the expected text above is its output).
     */
    @Test
    void theClosuresChapterPrintsWhatItsGoOriginalPrints() throws IOException {
        Path go = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(d -> Path.of(d, "go")).filter(Files::isExecutable).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(go != null, "no go on the PATH");
        Path home = Files.createTempDirectory("jgo-gohome");
        Path source = Path.of("..", "sample-app", "go", "closures", "main.go").toAbsolutePath().normalize();
        String out = Exec.run(home, Map.of("HOME", home.toString(), "GOCACHE", home.resolve("cache").toString(),
                "GO111MODULE", "off", "GOFLAGS", ""), 120, List.of(go.toString(), "run", source.toString()))
                .assertOk().output();
        assertEquals(CLOSURES_OUTPUT, out);
    }

    @Test
    void runsOnlyTheNamedChaptersAndRejectsAnUnknownOne() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String two = Exec.run(Path.of("."), 60, java, "-Xmx256m", "-jar", JAR.toString(), "range", "buffered")
                .assertOk().output();
        assertEquals(List.of("range", "buffered"), List.copyOf(sections(two).keySet()), two);

        Exec.Result bad = Exec.run(Path.of("."), 60, java, "-jar", JAR.toString(), "nosuch");
        assertEquals(2, bad.exitCode(), bad.output());
        assertTrue(bad.output().contains("no chapter 'nosuch'; chapters: hello, waitgroup,"), bad.output());
    }

    /** Splits the output at "=== name: title" headers. */
    private static Map<String, String> sections(String out) {
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^=== ([a-z0-9-]+): ", Pattern.MULTILINE).matcher(out);
        List<int[]> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {m.start()});
            names.add(m.group(1));
        }
        for (int i = 0; i < names.size(); i++) {
            int end = i + 1 < names.size() ? starts.get(i + 1)[0] : out.length();
            sections.put(names.get(i), out.substring(starts.get(i)[0], end));
        }
        return sections;
    }

    private static void contains(String s, String part) {
        assertTrue(s.contains(part), "expected \"" + part + "\" in:\n" + s);
    }

    private static Matcher find(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        assertTrue(m.find(), "expected /" + regex + "/ in:\n" + s);
        return m;
    }

    /** The 1-based line of the sample source that contains {@code text} (exactly once). */
    private static int lineOf(String file, String text) {
        try {
            List<String> lines = Files.readAllLines(SOURCES.resolve(file));
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    assertEquals(-1, found, text + " occurs twice in " + file);
                    found = i + 1;
                }
            }
            assertTrue(found > 0, text + " not found in " + file);
            return found;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + SOURCES.resolve(file), e);
        }
    }
}
