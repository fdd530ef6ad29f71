package io.jgo.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs every workload for every contender in alternation, each run in a fresh process, for
 * several rounds, then prints the table of medians (min–max) with the ratios jgo/Go and
 * jgo/virtual threads, and writes {@code results.csv}, {@code summary.csv}, {@code table.md} and
 * {@code chart.svg}. {@code benchmarks/run.sh} builds everything and calls it.
 *
 * <pre>
 * java -cp benchmarks.jar io.jgo.bench.Harness [--quick] [--rounds N] [--out DIR]
 *      [--contenders jgo-17,jgo-25,vthreads-25,threads-25,go] [--workloads skynet,pingpong,...]
 *      [--java17 PATH] [--java25 PATH] [--go-bin PATH] [--jar PATH] [--timeout SECONDS]
 * </pre>
 */
public final class Harness {

    /** One process to start per contender and round: a workload at a processor count. */
    record Spec(Workload workload, int procs, boolean procsInKey) {
        String suffix() {
            return procsInKey ? ".p" + procs : "";
        }
    }

    private final boolean quick;
    private final int rounds;
    private final Path out;
    private final Path jar;
    private final long timeoutSeconds;
    private final List<Contender> contenders;
    private final List<Workload> workloads;
    private final int cores = Runtime.getRuntime().availableProcessors();

    private final List<Sample> samples = new ArrayList<>();
    /** The harness's own arguments, printed with the environment so that a table says how it was made. */
    private String arguments = "";
    private final Map<String, List<String>> notes = new LinkedHashMap<>();

    Harness(boolean quick, int rounds, Path out, Path jar, long timeoutSeconds, List<Contender> contenders,
            List<Workload> workloads) {
        this.quick = quick;
        this.rounds = rounds;
        this.out = out;
        this.jar = jar;
        this.timeoutSeconds = timeoutSeconds;
        this.contenders = contenders;
        this.workloads = workloads;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        int rounds = -1;
        Path out = Path.of("benchmarks/results/latest");
        Path jar = Path.of(Harness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        long timeout = 180;
        Path java17 = Path.of(System.getProperty("java.home"), "bin", "java");
        Path java25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        Path goBin = Path.of("benchmarks/target/jgobench");
        Set<String> only = null;
        List<Workload> workloads = new ArrayList<>(Arrays.asList(Workload.values()));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick": quick = true; break;
                case "--rounds": rounds = Integer.parseInt(args[++i]); break;
                case "--out": out = Path.of(args[++i]); break;
                case "--jar": jar = Path.of(args[++i]); break;
                case "--timeout": timeout = Long.parseLong(args[++i]); break;
                case "--java17": java17 = Path.of(args[++i]); break;
                case "--java25": java25 = Path.of(args[++i]); break;
                case "--go-bin": goBin = Path.of(args[++i]); break;
                case "--contenders": only = new LinkedHashSet<>(Arrays.asList(args[++i].split(","))); break;
                case "--workloads":
                    workloads.clear();
                    for (String id : args[++i].split(",")) {
                        workloads.add(Workload.byId(id));
                    }
                    break;
                default:
                    System.err.println("Harness: unknown argument " + args[i]
                            + "\nusage: Harness [--quick] [--rounds N] [--out DIR] [--contenders ids] "
                            + "[--workloads " + Workload.ids() + "] [--java17 PATH] [--java25 PATH] "
                            + "[--go-bin PATH] [--jar PATH] [--timeout SECONDS]");
                    System.exit(2);
            }
        }
        if (rounds < 0) {
            rounds = quick ? 1 : 5;
        }
        List<Contender> all = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        addJava(all, missing, java17);
        addJava(all, missing, java25);
        if (Files.isExecutable(goBin)) {
            all.add(new Contender("go", "Go " + goVersion(goBin).replaceAll("^go([0-9.]+).*", "$1"), Contender.GO, goBin));
        } else {
            missing.add("Go: skipped: no Go benchmark binary at " + goBin
                    + " (install Go with benchmarks/install-go.sh, then run benchmarks/run.sh)");
        }
        List<Contender> contenders = new ArrayList<>();
        for (Contender c : all) {
            if (only == null || only.contains(c.id())) {
                contenders.add(c);
            }
        }
        Harness h = new Harness(quick, rounds, out, jar, timeout, contenders, workloads);
        h.arguments = String.join(" ", args);
        missing.forEach(m -> h.notes.computeIfAbsent("_", k -> new ArrayList<>()).add(m));
        h.run();
    }

    /** Adds jgo, virtual threads and (on the newest JDK only) platform threads for one JVM. */
    private static void addJava(List<Contender> all, List<String> missing, Path java) {
        if (!Files.isExecutable(java)) {
            missing.add("no JVM at " + java + ": its rows are not run");
            return;
        }
        int feature = javaFeature(java);
        if (all.stream().anyMatch(c -> c.id().equals("jgo-" + feature))) {
            return; // the same JDK given twice
        }
        String version = javaVersion(java);
        all.add(new Contender("jgo-" + feature, "jgo (JDK " + version + ")", Systems.JGO, java));
        if (feature >= 21) {
            all.add(new Contender("vthreads-" + feature, "virtual threads (JDK " + version + ")",
                    Systems.VTHREADS, java));
            all.add(new Contender("threads-" + feature, "platform threads (JDK " + version + ")",
                    Systems.THREADS, java));
        }
    }

    void run() throws IOException, InterruptedException {
        List<Spec> specs = new ArrayList<>();
        for (Workload w : workloads) {
            if (w == Workload.PINGPONG || w == Workload.BUFFERED) {
                specs.add(new Spec(w, 1, true));
                if (cores >= 2) {
                    specs.add(new Spec(w, 2, true));
                }
            } else {
                specs.add(new Spec(w, cores, false));
            }
        }
        for (Contender c : contenders) {
            if (c.isPlatformThreads() && !quick) {
                note(c.id(), "scaled down where a million threads would not fit or would take minutes: "
                        + "the cells marked [n=...] ran at that size");
            }
        }
        Files.createDirectories(out);
        Path raw = out.resolve("results.csv");
        Files.writeString(raw, "round,contender,metric,value,unit,n\n");
        String env = environment();
        System.out.println(env);
        Set<String> skipped = new LinkedHashSet<>();
        for (int round = 1; round <= rounds; round++) {
            for (int si = 0; si < specs.size(); si++) {
                Spec spec = specs.get(si);
                // Rotate the order each round so that no contender always runs first (or last).
                for (int k = 0; k < contenders.size(); k++) {
                    Contender c = contenders.get((k + round + si) % contenders.size());
                    if (skipped.contains(c.id())) {
                        continue;
                    }
                    runOne(round, spec, c, skipped, raw);
                }
            }
            if (round < rounds) {
                // A run cut short still leaves the table of the rounds it finished.
                write(specs, env + "partial:  " + round + " of " + rounds + " rounds done when this was written\n",
                        round);
            }
        }
        String text = write(specs, env + "load end: " + loadAverage() + "\n", rounds);
        System.out.println();
        System.out.println(text);
        System.out.println("wrote " + out.resolve("table.md") + ", summary.csv, results.csv, chart.svg");
    }

    /** Writes table.md, summary.csv, chart.svg and environment.txt from the samples so far. */
    private String write(List<Spec> specs, String env, int roundsDone) throws IOException {
        List<Report.Row> rows = new ArrayList<>();
        for (Spec s : specs) {
            for (Workload.Metric m : s.workload().metrics) {
                rows.add(new Report.Row(m.name() + s.suffix(), m.unit(), m.higherIsBetter(),
                        quick ? s.workload().quickSize : s.workload().fullSize,
                        describe(s, m), s.workload().otherAlgorithm()));
            }
        }
        String jgo = newest("jgo");
        Report report = new Report(contenders, rows, samples, notes, jgo, "go", newest("vthreads"));
        String table = report.markdown();
        String header = "jgo/Go and jgo/VT divide the medians of " + label(jgo)
                + " by those of Go and of " + label(newest("vthreads"))
                + " (for `higher`-is-better rows, a ratio above 1 means jgo is ahead; for `lower`, below 1;"
                + " `–` where the two ran different sizes). A ratio is not a verdict: jgo is called ahead or"
                + " behind a peer only when their min–max ranges do not overlap, else on par.\n";
        List<String> peers = new ArrayList<>();
        for (Contender c : contenders) {
            if (!c.system().equals(Systems.JGO)) {
                peers.add(c.id());
            }
        }
        table = table + "\n" + report.goals(peers);
        Files.writeString(out.resolve("summary.csv"), report.csv());
        Files.writeString(out.resolve("chart.svg"), report.svg("jgo benchmarks: medians of " + roundsDone
                + " round(s), each bar scaled to its row's largest value (" + (quick ? "quick mode" : "full sizes") + ")"));
        Files.writeString(out.resolve("table.md"), "```\n" + env + "```\n\n" + header + "\n" + table);
        Files.writeString(out.resolve("environment.txt"), env);
        return header + "\n" + table;
    }

    private void runOne(int round, Spec spec, Contender c, Set<String> skipped, Path raw)
            throws IOException, InterruptedException {
        Workload w = spec.workload();
        int n = c.size(w, quick);
        int warmup = quick ? 0 : w.warmupSize(n);
        List<String> cmd = c.command(jar, w, n, warmup, spec.procs(), (int) Math.max(1, timeoutSeconds - 15));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("GOMAXPROCS", Integer.toString(spec.procs()));
        Process p = pb.start();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), buf), "harness-reader");
        reader.start();
        boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        reader.join();
        String output = buf.toString(StandardCharsets.UTF_8);
        String tag = String.format(Locale.ROOT, "[round %d/%d] %-22s %-14s", round, rounds,
                w.id + spec.suffix(), c.id());
        if (!finished || p.exitValue() != 0 && p.exitValue() != 3) {
            keepFailure(c, spec, round, cmd, output);
        }
        if (!finished) {
            note(c.id(), w.id + spec.suffix() + " round " + round + ": timed out after " + timeoutSeconds + " s");
            System.out.println(tag + " TIMEOUT");
            return;
        }
        int exit = p.exitValue();
        if (exit == 4) {
            note(c.id(), w.id + spec.suffix() + " round " + round + ": hung (watchdog after "
                    + (timeoutSeconds - 15) + " s; goroutine and thread dump kept)");
            System.out.println(tag + " HUNG (watchdog)");
            return;
        }
        if (exit == 3) {
            String why = output.lines().filter(l -> l.startsWith("SKIPPED ")).map(l -> l.substring(8))
                    .findFirst().orElse("skipped");
            note(c.id(), "skipped: " + why);
            skipped.add(c.id());
            System.out.println(tag + " skipped: " + why);
            return;
        }
        List<Sample> got = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("RESULT ")) {
                got.add(Sample.parse(line, round, c.id(), spec.suffix()));
            }
        }
        if (exit != 0 || !output.contains("CHECK " + w.id + " ok")) {
            String tail = String.join(" | ", lastLines(output, 3));
            note(c.id(), w.id + spec.suffix() + " round " + round + ": failed (exit " + exit + "): " + tail);
            System.out.println(tag + " FAILED (exit " + exit + "): " + tail);
            return;
        }
        StringBuilder line = new StringBuilder(tag);
        for (Sample s : got) {
            samples.add(s);
            Files.writeString(raw, String.format(Locale.ROOT, "%d,%s,%s,%.3f,%s,%d%n", s.round(), s.contender(),
                    s.metric(), s.value(), s.unit(), s.n()), java.nio.file.StandardOpenOption.APPEND);
            line.append(' ').append(s.metric()).append('=').append(Report.num(s.value())).append(' ').append(s.unit());
        }
        System.out.println(line);
    }

    /** Keeps the whole output of a failed or hung run (goroutine dumps, deadlock reports) for its bug report. */
    private void keepFailure(Contender c, Spec spec, int round, List<String> cmd, String output) throws IOException {
        Path dir = out.resolve("failures");
        Files.createDirectories(dir);
        Path file = dir.resolve(c.id() + "-" + spec.workload().id + spec.suffix() + "-round" + round + ".txt");
        Files.writeString(file, "GOMAXPROCS=" + spec.procs() + " " + String.join(" ", cmd) + "\n\n" + output);
        note(c.id(), "output of the failed run kept in " + file);
    }

    private String describe(Spec s, Workload.Metric m) {
        String procs = s.procsInKey() ? ", " + s.procs() + " P" : "";
        Workload w = s.workload();
        String n = compact(quick ? w.quickSize : w.fullSize);
        switch (m.name()) {
            case "skynet": return "skynet, " + n + " leaves" + procs;
            case "pingpong": return "ping-pong round trip" + procs;
            case "sieve": return "prime sieve, " + n + " primes" + procs;
            case "buffered": return "buffered 4→4, cap 1024, " + n + " msgs" + procs;
            case "parked.heap": return n + " parked: heap per goroutine";
            case "parked.rss": return n + " parked: RSS per goroutine";
            case "parked.spawn": return n + " parked: spawn and park";
            case "parked.release": return n + " parked: release all";
            case "select": return "select over 4 channels, per op";
            case "timers": return "timer churn, " + n + " × 100 sleeps of 10 µs";
            case "mutex-uncontended": return "Mutex, uncontended, per op";
            case "mutex-contended": return "Mutex, 4 contending, per op";
            case "select-work": return "select over 4 channels, work in each case, per op";
            case "timer-reset": return n + " timers (AfterFunc) reset and stopped";
            case "ctx-cancel": return n + " goroutines watch one context, cancelled";
            case "mutex-100": return "Mutex, 100 contending, per op";
            case "fan-in": return "fan-in, 1,000 producers to one channel, per msg";
            default: return m.name() + procs;
        }
    }

    /** 1000000 → "1M", 10000 → "10k", 5000 → "5,000". */
    static String compact(int n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return n / 1_000_000 + "M";
        }
        if (n >= 10_000 && n % 1_000 == 0) {
            return n / 1_000 + "k";
        }
        return String.format(Locale.ROOT, "%,d", n);
    }

    private String newest(String system) {
        String best = null;
        int bestFeature = -1;
        for (Contender c : contenders) {
            if (c.system().equals(system) && !notes.getOrDefault(c.id(), List.of()).stream()
                    .anyMatch(n -> n.startsWith("skipped"))) {
                int f = Integer.parseInt(c.id().substring(c.id().lastIndexOf('-') + 1));
                if (f > bestFeature) {
                    bestFeature = f;
                    best = c.id();
                }
            }
        }
        return best == null ? system : best;
    }

    private String label(String id) {
        return contenders.stream().filter(c -> c.id().equals(id)).map(Contender::label).findFirst().orElse(id);
    }

    private void note(String contender, String text) {
        List<String> l = notes.computeIfAbsent(contender, k -> new ArrayList<>());
        if (!l.contains(text)) {
            l.add(text);
        }
    }

    private String environment() {
        StringBuilder sb = new StringBuilder();
        sb.append("date:     ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
                .append(" UTC\n");
        sb.append("machine:  ").append(cpuModel()).append(", ").append(cores).append(" CPUs, ")
                .append(memTotal()).append(", ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append('\n');
        for (Contender c : contenders) {
            String v = c.isGo() ? goVersion(c.runtime()) : javaVersionLine(c.runtime());
            sb.append(String.format(Locale.ROOT, "%-9s %s%n", c.id() + ":", v));
        }
        String commit = exec("git", "rev-parse", "--short", "HEAD").trim();
        if (!commit.isEmpty() && !commit.contains(" ")) {
            boolean dirty = !exec("git", "status", "--porcelain", "--untracked-files=no").isBlank();
            sb.append("commit:   ").append(commit).append(dirty ? " (with uncommitted changes)" : "").append('\n');
        }
        sb.append("args:     ").append(arguments.isEmpty() ? "(none)" : arguments).append('\n');
        sb.append("load:     ").append(loadAverage()).append(" (1, 5, 15 min load average at the start: other work on the machine)\n");
        sb.append("mode:     ").append(quick ? "quick (small sizes)" : "full sizes").append(", ").append(rounds)
                .append(" round(s), every run a fresh process, contenders rotated each round; JVMs with default flags")
                .append('\n');
        sb.append("cpu:      ").append(Contender.TASKSET != null
                ? "every contender pinned with taskset to as many cores as the row has Ps (GC and JIT threads included)"
                : "NOT pinned: no taskset on this machine, so JVM and Go helper threads may use every core").append('\n');
        for (String n : notes.getOrDefault("_", List.of())) {
            sb.append("note:     ").append(n).append('\n');
        }
        return sb.toString();
    }

    // ---- small helpers ----

    private static void copy(InputStream in, ByteArrayOutputStream buf) {
        try (in) {
            in.transferTo(buf);
        } catch (IOException e) {
            // the process died: what was read is all there is
        }
    }

    private static List<String> lastLines(String s, int k) {
        List<String> lines = s.lines().filter(l -> !l.isBlank()).toList();
        return lines.subList(Math.max(0, lines.size() - k), lines.size());
    }

    static int javaFeature(Path java) {
        String line = javaVersionLine(java);
        int q = line.indexOf('"');
        if (q >= 0) {
            String v = line.substring(q + 1);
            String first = v.split("[.\"+-]")[0];
            try {
                return Integer.parseInt(first);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static String javaVersionLine(Path java) {
        String all = exec(java.toString(), "-version");
        List<String> lines = all.lines().toList();
        return lines.isEmpty() ? "unknown" : String.join("; ", lines.subList(0, Math.min(2, lines.size())));
    }

    /** The Go version the benchmark binary was built with ({@code go version BINARY}), e.g. go1.23.5. */
    private static String goVersion(Path bin) {
        for (String go : new String[] {"go", "/usr/lib/go-1.23/bin/go"}) {
            String v = exec(go, "version", bin.toString()).trim();
            int at = v.indexOf(": go");
            if (at >= 0) {
                return v.substring(at + 2).trim();
            }
        }
        return "go (version unknown)";
    }

    /** The full version of a JVM, such as 25.0.3, from {@code java -version}. */
    static String javaVersion(Path java) {
        String line = javaVersionLine(java);
        int q = line.indexOf('"');
        int e = q < 0 ? -1 : line.indexOf('"', q + 1);
        return e > q ? line.substring(q + 1, e) : Integer.toString(javaFeature(java));
    }

    private static String exec(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return s;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB RAM").findFirst()
                    .orElse("? RAM");
        } catch (IOException | NumberFormatException e) {
            return "? RAM";
        }
    }
}
