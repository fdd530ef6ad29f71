package io.jgo.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording for the profiles in benchmarks/NOTES.md: the hottest methods (top
 * frame of the execution samples, and inclusive counts), the classes that take the most allocated
 * bytes (allocation samples, weighted), and GC pause time. {@code benchmarks/profile.sh} records
 * and calls it: {@code java -cp benchmarks.jar io.jgo.bench.JfrSummary recording.jfr [top]}.
 */
public final class JfrSummary {
    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrSummary recording.jfr [top-N]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, Long> selfSamples = new HashMap<>();
        Map<String, Long> totalSamples = new HashMap<>();
        Map<String, Long> allocBytes = new HashMap<>();
        Map<String, Long> allocSites = new HashMap<>();
        long samples = 0;
        long allocTotal = 0;
        long gcPauseNanos = 0;
        long gcCount = 0;
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            switch (type) {
                case "jdk.ExecutionSample": {
                    RecordedStackTrace st = e.getStackTrace();
                    if (st == null || st.getFrames().isEmpty()) {
                        break;
                    }
                    samples++;
                    selfSamples.merge(name(st.getFrames().get(0)), 1L, Long::sum);
                    st.getFrames().stream().map(JfrSummary::name).distinct()
                            .forEach(m -> totalSamples.merge(m, 1L, Long::sum));
                    break;
                }
                case "jdk.ObjectAllocationSample": {
                    long w = e.getLong("weight");
                    allocTotal += w;
                    allocBytes.merge(e.getClass("objectClass").getName(), w, Long::sum);
                    RecordedStackTrace st = e.getStackTrace();
                    if (st != null) {
                        st.getFrames().stream().filter(f -> f.isJavaFrame()
                                && !isJdk(f.getMethod().getType().getName()))
                                .findFirst().ifPresent(f -> allocSites.merge(name(f), w, Long::sum));
                    }
                    break;
                }
                case "jdk.GarbageCollection":
                    gcCount++;
                    gcPauseNanos += e.getLong("sumOfPauses");
                    break;
                default:
                    break;
            }
        }
        System.out.printf(Locale.ROOT, "execution samples: %d%n", samples);
        print("hottest methods (self)", selfSamples, samples, top, "");
        print("hottest methods (inclusive)", totalSamples, samples, top, "");
        System.out.printf(Locale.ROOT, "%nallocated (sampled estimate): %,d MB%n", allocTotal >> 20);
        print("allocated bytes by class", allocBytes, allocTotal, top, "");
        print("allocated bytes by first non-JDK frame", allocSites, allocTotal, top, "");
        System.out.printf(Locale.ROOT, "%nGC: %d collections, %.1f ms of pauses%n", gcCount, gcPauseNanos / 1e6);
    }

    private static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.");
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Long> counts, long total, int top, String unit) {
        System.out.println();
        System.out.println(title + ":");
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(en -> sorted.put(en.getKey(), en.getValue()));
        sorted.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%s%n",
                total == 0 ? 0.0 : 100.0 * v / total, k, unit));
    }
}
