package io.jgo.sample;

import io.jgo.Jgo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The jgo walkthrough: lists the chapters, then runs all of them in order, or only those named on
 * the command line. Each chapter is the jgo form of a classic Go program, prints what it shows,
 * and says where in {@code docs/} to read more.
 *
 * <pre>
 * java -jar sample-app/target/jgo-sample-app.jar            # list, then run every chapter
 * java -jar sample-app/target/jgo-sample-app.jar sieve http # run two chapters
 * java -jar sample-app/target/jgo-sample-app.jar --list     # only list them
 * </pre>
 */
public final class Walkthrough {
    private Walkthrough() {
    }

    /** A chapter: its name on the command line, what it shows, where to read more, its code. */
    record Chapter(String name, String title, String source, String readMore, Runnable body) {
        /** One sentence: what to notice in this chapter. */
        String point() {
            return POINTS.getOrDefault(source, "");
        }
    }

    /** What each chapter shows, by its source file. */
    private static final Map<String, String> POINTS = Map.ofEntries(
            Map.entry("Hello.java",
                    "a @Go method runs as a goroutine; go(() -> f(x)) starts one; a channel brings the answer back"),
            Map.entry("WaitGroups.java",
                    "goroutines are cheap: ten thousand sleep at once on a couple of carrier threads; wg.await() waits for all"),
            Map.entry("Sum.java",
                    "two goroutines send partial sums over one channel; main receives both, in arrival order"),
            Map.entry("Pipeline.java",
                    "a range loop over a channel suspends per element; the producer closes the channel to end it"),
            Map.entry("Ordered.java",
                    "channels impose an order; without them the scheduler picks one, and with one P it is Go's"),
            Map.entry("WorkerPool.java",
                    "three workers share one jobs channel; closing it ends their range loops"),
            Map.entry("Buffered.java",
                    "a buffered channel takes sends without a receiver until it is full"),
            Map.entry("RangeClose.java",
                    "range ends at close; a receive after close yields null (Go's zero value) and ok=false"),
            Map.entry("SelectTimeout.java",
                    "select waits for whichever case is ready first: the answer or time.After"),
            Map.entry("SelectDefault.java",
                    "selectOrDefault never waits: it returns null when no case is ready"),
            Map.entry("Closures.java",
                    "functions that may block, passed to helpers, AfterFunc, Once and an errgroup, suspend instead"),
            Map.entry("Tickers.java",
                    "a Ticker's channel delivers the time every period; the goroutine holds no thread in between"),
            Map.entry("Contexts.java",
                    "a context's done() channel is closed at the deadline; workers select on it and stop"),
            Map.entry("MutexCounter.java",
                    "a goroutine that finds a Mutex locked parks; try/finally is Go's defer mu.Unlock()"),
            Map.entry("RWCache.java",
                    "readers share an RWMutex; a writer waits for them, and new readers wait behind the writer"),
            Map.entry("CondWait.java",
                    "Cond.await releases the lock while waiting; waiters re-check their condition in a loop"),
            Map.entry("Primes.java",
                    "CPU-bound goroutines share the Ps; loops carry a preemption check so none hogs one"),
            Map.entry("Sieve.java",
                    "a chain of goroutines, one per prime, each filtering the stream it reads"),
            Map.entry("FanOutFanIn.java",
                    "several stages read one channel (fan-out); a merge copies their outputs into one (fan-in)"),
            Map.entry("HttpFetch.java",
                    "await(sendAsync(...)) parks the goroutine until the response arrives: no thread waits on the network"),
            Map.entry("FileProcessing.java",
                    "blocking(...) around file I/O hands the P to another carrier while the thread blocks"),
            Map.entry("Database.java",
                    "blocking JDBC calls overlap even with GOMAXPROCS=1, because blocking(...) hands the P off"),
            Map.entry("Observe.java",
                    "a grouped dump folds a thousand waiting goroutines into one entry with their labels and creator; the MBean counts them"),
            Map.entry("Deadlock.java",
                    "when nothing can ever wake the main goroutine, Jgo.run throws Go's deadlock error with a dump"));

    /** Every chapter, in the order a newcomer should read them. */
    static List<Chapter> chapters() {
        List<Chapter> c = new ArrayList<>();
        c.add(new Chapter("hello", "hello, goroutine: go f(x) and a channel to hear back",
                "Hello.java", "docs/getting-started.md, docs/dsl.md", Hello::show));
        c.add(new Chapter("waitgroup", "10,000 goroutines and a WaitGroup",
                "WaitGroups.java", "docs/dsl.md (sync)", WaitGroups::show));
        c.add(new Chapter("sum", "a sum sent back over a channel (the Go tour)",
                "Sum.java", "docs/dsl.md (channels)", Sum::show));
        c.add(new Chapter("pipeline", "a producer and a consumer connected by a channel, 1,000,000 values",
                "Pipeline.java", "docs/dsl.md (range)", Walkthrough::pipeline));
        c.add(new Chapter("ordered", "0..9 in order via channel triggers; GOMAXPROCS=1 shows runnext",
                "Ordered.java", "docs/runtime.md (run queues, runnext)", Ordered::show));
        c.add(new Chapter("workers", "a worker pool with jobs and results channels",
                "WorkerPool.java", "docs/dsl.md (channels, range)", WorkerPool::show));
        c.add(new Chapter("buffered", "buffered channels: len, cap, a send that would block",
                "Buffered.java", "docs/semantics.md (channels)", Buffered::show));
        c.add(new Chapter("range", "range over a channel, close, and the ok-receive",
                "RangeClose.java", "docs/semantics.md (close, zero values)", RangeClose::show));
        c.add(new Chapter("timeout", "select with a time.After timeout",
                "SelectTimeout.java", "docs/dsl.md (select)", SelectTimeout::show));
        c.add(new Chapter("default", "select with default: non-blocking sends and receives",
                "SelectDefault.java", "docs/dsl.md (select)", SelectDefault::show));
        c.add(new Chapter("closures", "a Go program that passes closures around, line for line, with Go's output",
                "Closures.java", "docs/dsl.md (functions)", Closures::show));
        c.add(new Chapter("ticker", "a task run every 25 ms by a time.Ticker",
                "Tickers.java", "docs/semantics.md (timers)", Tickers::show));
        c.add(new Chapter("context", "context.WithTimeout cancelling slow work",
                "Contexts.java", "docs/dsl.md (context)", Contexts::show));
        c.add(new Chapter("mutex", "a counter under a Mutex, 1,000 goroutines",
                "MutexCounter.java", "docs/dsl.md (sync)", MutexCounter::show));
        c.add(new Chapter("rwmutex", "a cache under an RWMutex: many readers, a few writers",
                "RWCache.java", "docs/dsl.md (sync)", RWCache::show));
        c.add(new Chapter("cond", "a bounded queue with Cond: wait until a condition holds",
                "CondWait.java", "docs/dsl.md (sync)", CondWait::show));
        c.add(new Chapter("primes", "counting primes below 2,000,000 split over goroutines",
                "Primes.java", "docs/runtime.md (preemption)", Primes::show));
        c.add(new Chapter("sieve", "the concurrent prime sieve: one goroutine per prime",
                "Sieve.java", "docs/dsl.md (select)", Sieve::show));
        c.add(new Chapter("fanout", "a pipeline with fan-out and fan-in",
                "FanOutFanIn.java", "docs/dsl.md (range, WaitGroup)", FanOutFanIn::show));
        c.add(new Chapter("http", "concurrent HTTP requests to a local server: sendAsync + await",
                "HttpFetch.java", "docs/dsl.md (await)", HttpFetch::show));
        c.add(new Chapter("files", "parallel file processing in a temporary folder, via blocking(...)",
                "FileProcessing.java", "docs/runtime.md (handoff)", FileProcessing::show));
        c.add(new Chapter("database", "concurrent JDBC queries on an embedded H2 database: the P is handed off",
                "Database.java", "docs/runtime.md (handoff), docs/comparison.md", Database::show));
        c.add(new Chapter("observe", "seeing inside: labels, a grouped goroutine dump, the runtime's MBean",
                "Observe.java", "docs/debugging.md", Observe::show));
        c.add(new Chapter("deadlock", "a deliberate deadlock, caught: the goroutine dump",
                "Deadlock.java", "docs/troubleshooting.md, docs/errors.md", Deadlock::show));
        return c;
    }

    private static void pipeline() {
        int n = 1_000_000;
        long t0 = System.nanoTime();
        // PipelineGo.run is the entry point jgo generated for the @Go method Pipeline.run
        long total = Jgo.run(PipelineGo.run(n));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("  sum of 0..%d sent through a channel: %d (%d ms)%n", n - 1, total, ms);
    }

    public static void main(String[] args) {
        List<Chapter> all = chapters();
        boolean listOnly = args.length == 1 && (args[0].equals("--list") || args[0].equals("-l"));
        if (args.length == 0 || listOnly) {
            System.out.println("jgo walkthrough: " + all.size() + " chapters (run one: java -jar jgo-sample-app.jar <name>)");
            for (int i = 0; i < all.size(); i++) {
                Chapter ch = all.get(i);
                System.out.printf("  %2d. %-10s %s%n", i + 1, ch.name(), ch.title());
            }
            System.out.println();
            if (listOnly) {
                return;
            }
        }
        List<Chapter> wanted = new ArrayList<>();
        if (args.length == 0) {
            wanted.addAll(all);
        }
        for (String name : args) {
            Chapter found = all.stream().filter(ch -> ch.name().equals(name)).findFirst().orElse(null);
            if (found == null) {
                StringBuilder names = new StringBuilder();
                all.forEach(ch -> names.append(names.length() == 0 ? "" : ", ").append(ch.name()));
                System.err.println("no chapter '" + name + "'; chapters: " + names);
                System.exit(2);
            }
            wanted.add(found);
        }
        for (Chapter ch : wanted) {
            System.out.println("=== " + ch.name() + ": " + ch.title());
            System.out.println("    " + ch.point());
            System.out.println("    (source: sample-app/src/main/java/io/jgo/sample/" + ch.source() + ")");
            long t0 = System.nanoTime();
            ch.body().run();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("    read more: " + ch.readMore() + "   [" + ms + " ms]");
            System.out.println();
        }
    }
}
