package io.jgo.sample;

import io.jgo.Jgo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The jgo walkthrough: runs each chapter (all of them, or those named on the command line) and
 * explains what it shows.
 *
 * <pre>java -jar sample-app/target/jgo-sample-app.jar [chapter...]</pre>
 */
public final class Walkthrough {
    private Walkthrough() {
    }

    /** A chapter: what it shows, and the code that shows it. */
    private record Chapter(String title, Runnable body) {
    }

    private static Map<String, Chapter> chapters() {
        Map<String, Chapter> c = new LinkedHashMap<>();
        c.put("pipeline", new Chapter("a producer and a consumer connected by a channel", () -> {
            int n = 1_000_000;
            long t0 = System.nanoTime();
            // PipelineGo.run is the entry point jgo generated for the @Go method Pipeline.run
            long total = Jgo.run(PipelineGo.run(n));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("  sum of 0..%d sent through a channel: %d (%d ms)%n", n - 1, total, ms);
        }));
        return c;
    }

    public static void main(String[] args) {
        Map<String, Chapter> all = chapters();
        List<String> wanted = args.length == 0 ? List.copyOf(all.keySet()) : List.of(args);
        for (String name : wanted) {
            Chapter chapter = all.get(name);
            if (chapter == null) {
                System.err.println("no chapter '" + name + "'; chapters: " + String.join(", ", all.keySet()));
                System.exit(2);
            }
            System.out.println(name + ": " + chapter.title());
            chapter.body().run();
        }
    }
}
