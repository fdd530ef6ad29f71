package io.jgo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The Go programs of {@code benchmarks/go/} at tiny sizes, when a Go toolchain is on the PATH or
 * Debian's Go 1.23 is installed, as {@code run.sh} looks for them (skipped otherwise): each must
 * build, compute the right answer and print the RESULT protocol.
 */
@Timeout(120)
class GoSmokeTest {
    static Path binary;

    @BeforeAll
    static void build() throws Exception {
        String go = goOnPath() ? "go" : Files.isExecutable(DEBIAN_GO) ? DEBIAN_GO.toString() : null;
        assumeTrue(go != null, "no go on the PATH (benchmarks/install-go.sh installs it)");
        binary = Path.of("target", "jgobench-test").toAbsolutePath();
        Process p = new ProcessBuilder(go, "build", "-o", binary.toString(), ".")
                .directory(new File("go")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(100, TimeUnit.SECONDS), "go build did not finish");
        assertEquals(0, p.exitValue(), "go build failed: " + out);
    }

    /** Where Debian's golang-1.23-go puts the toolchain (benchmarks/install-go.sh). */
    static final Path DEBIAN_GO = Path.of("/usr/lib/go-1.23/bin/go");

    static boolean goOnPath() {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "go")));
    }

    @TestFactory
    Stream<DynamicTest> everyGoWorkloadComputesTheRightAnswer() {
        return Stream.of(Workload.values()).map(w -> DynamicTest.dynamicTest("go " + w.id, () -> {
            int n = SmokeTest.tiny(w);
            // With the harness's warm-up: its runs must print nothing (only the measured run reports).
            ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--workload", w.id, "--n", Integer.toString(n),
                    "--warmup", Integer.toString(w.warmupSize(n)),
                    "--warmup-rounds", Integer.toString(w.warmupRounds())).redirectErrorStream(true);
            pb.environment().put("GOMAXPROCS", "2");
            String out = run(pb);
            List<String> results = out.lines().filter(l -> l.startsWith("RESULT ")).toList();
            assertEquals(w.metrics.size(), results.size(), out);
            for (int i = 0; i < results.size(); i++) {
                Sample s = Sample.parse(results.get(i), 1, "go", "");
                assertEquals(w.metrics.get(i).name(), s.metric(), out);
                assertEquals(w.metrics.get(i).unit(), s.unit(), out);
                assertEquals(n, s.n());
            }
            assertTrue(out.contains("CHECK " + w.id + " ok"), out);
        }));
    }

    @TestFactory
    Stream<DynamicTest> badSizesAreRefusedWithAMessage() {
        return Stream.of(DynamicTest.dynamicTest("skynet 500", () -> {
            ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--workload", "skynet", "--n", "500")
                    .redirectErrorStream(true);
            String out = run(pb);
            assertTrue(out.contains("power of 10"), out);
        }));
    }

    private static String run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out + "\n(exit " + p.exitValue() + ")";
    }
}
