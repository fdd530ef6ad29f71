package io.jgo.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end in quick mode, on this JVM only: it starts a fresh JVM per run, parses
 * the results and writes the table, the CSV files and the chart.
 */
class HarnessQuickTest {

    @Test
    @Timeout(120)
    void quickModeRunsFreshJvmsAndWritesTableCsvAndChart(@TempDir Path out) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int feature = Runtime.version().feature();
        String contenders = Systems.jgoCompiled() ? "jgo-" + feature : "threads-" + feature;
        new Harness(true, 1, out, Path.of(System.getProperty("java.class.path")), 60,
                List.of(new Contender(contenders, contenders, contenders.substring(0, contenders.indexOf('-')),
                        Path.of(javaBin))),
                List.of(Workload.SKYNET, Workload.MUTEX_UNCONTENDED)).run();
        String table = Files.readString(out.resolve("table.md"));
        assertTrue(table.matches("(?s).*\\| skynet, 1,000 leaves \\| ms \\| lower \\| [0-9.,]+ \\([0-9.,]+–[0-9.,]+\\) \\|.*"),
                table);
        assertTrue(table.contains("| Mutex, uncontended, per op | ns/op | lower |"), table);
        String summary = Files.readString(out.resolve("summary.csv"));
        assertTrue(summary.contains("skynet,ms,false," + contenders + ","), summary);
        assertTrue(Files.readString(out.resolve("results.csv")).lines().count() >= 3);
        assertTrue(Files.readString(out.resolve("chart.svg")).startsWith("<svg"));
    }
}
