package io.jgo.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Instruction-level profile of JIT-compiled code, for the profiles in benchmarks/NOTES.md: where
 * inside a compiled method the samples fall (JFR's line numbers blur inlined code, and a sample
 * often lands on the instruction after a stall, e.g. right after a {@code lock cmpxchg}).
 * {@code benchmarks/annotate.sh} records the samples with {@code perf} and calls it while the
 * profiled JVM still runs:
 * {@code java -cp benchmarks.jar io.jgo.bench.PerfAnnotate PID before.map,after.map ips.txt [methods] [min%]}.
 *
 * <p>It attributes each sampled address to the compiled method that contains it (the JVM's perf
 * maps, {@code jcmd PID Compiler.perfmap}, taken before and after sampling), reads the machine code of the hottest methods from
 * {@code /proc/PID/mem} (root, or {@code kernel.yama.ptrace_scope=0}) and disassembles it with
 * {@code objdump}, then prints each instruction that got at least {@code min%} of the method's
 * samples with a few instructions before it.
 */
public final class PerfAnnotate {
    private static final int CONTEXT = 5;
    private static final Pattern INSN = Pattern.compile("\\s*([0-9a-f]+):\\s+(?:[0-9a-f]{2} )+\\s*(.*)");

    private PerfAnnotate() {
    }

    /** A compiled method's code range and name, from the perf map. */
    record Code(long start, long size, String name) {
    }

    /** One disassembled instruction. */
    private record Insn(long addr, String text) {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: PerfAnnotate PID perf-map[,later-perf-map] ip-list [methods=4] [min-percent=1.5]");
            System.exit(2);
        }
        long pid = Long.parseLong(args[0]);
        List<Code> codes = readMaps(args[1].split(","));
        int methods = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        double minPercent = args.length > 4 ? Double.parseDouble(args[4]) : 1.5;

        List<Long> ips = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8)) {
            String t = line.trim();
            if (!t.isEmpty()) {
                ips.add(Long.parseUnsignedLong(t.split("\\s+")[0], 16));
            }
        }
        int total = ips.size();
        Map<Integer, Map<Long, Integer>> hits = attribute(codes, ips);
        int outside = total;
        for (Map<Long, Integer> h : hits.values()) {
            outside -= sum(h);
        }
        if (total == 0) {
            System.err.println("PerfAnnotate: no samples (did perf record the process?)");
            System.exit(1);
        }
        System.out.printf(Locale.ROOT, "%d samples; %.1f %% outside JIT-compiled code (JVM, kernel, interpreter)%n",
                total, 100.0 * outside / total);
        List<Map.Entry<Integer, Map<Long, Integer>>> ranked = new ArrayList<>(hits.entrySet());
        ranked.sort((a, b) -> Integer.compare(sum(b.getValue()), sum(a.getValue())));
        for (int r = 0; r < ranked.size(); r++) {
            Code c = codes.get(ranked.get(r).getKey());
            int n = sum(ranked.get(r).getValue());
            if (r < 12) {
                System.out.printf(Locale.ROOT, "%5.1f %%  %s%n", 100.0 * n / total, c.name);
            }
        }
        try (RandomAccessFile mem = new RandomAccessFile("/proc/" + pid + "/mem", "r")) {
            for (int r = 0; r < Math.min(methods, ranked.size()); r++) {
                Code c = codes.get(ranked.get(r).getKey());
                Map<Long, Integer> h = ranked.get(r).getValue();
                int n = sum(h);
                System.out.printf(Locale.ROOT, "%n== %s (%.1f %% of all samples; the %% below are of this method's)%n",
                        c.name, 100.0 * n / total);
                byte[] bytes = new byte[(int) c.size];
                mem.seek(c.start);
                mem.readFully(bytes);
                printHot(disassemble(bytes, c.start), h, n, minPercent);
            }
        }
    }

    /**
     * Sampled addresses by the code range that holds them: index into {@code codes} (sorted by
     * start, not overlapping) → address → samples. Addresses in no range are left out.
     */
    static Map<Integer, Map<Long, Integer>> attribute(List<Code> codes, List<Long> ips) {
        long[] starts = codes.stream().mapToLong(Code::start).toArray();
        Map<Integer, Map<Long, Integer>> hits = new HashMap<>();
        for (long ip : ips) {
            int i = Arrays.binarySearch(starts, ip);
            i = i >= 0 ? i : -i - 2;
            if (i >= 0 && ip < codes.get(i).start + codes.get(i).size) {
                hits.computeIfAbsent(i, k -> new HashMap<>()).merge(ip, 1, Integer::sum);
            }
        }
        return hits;
    }

    static int sum(Map<Long, Integer> h) {
        int s = 0;
        for (int v : h.values()) {
            s += v;
        }
        return s;
    }

    /**
     * The code ranges of several perf maps of one process, taken at different times (the JIT
     * compiles and replaces methods while we sample): where ranges overlap, the later map wins.
     */
    static List<Code> readMaps(String[] maps) throws IOException {
        List<Code> codes = new ArrayList<>();
        for (int m = maps.length - 1; m >= 0; m--) {
            List<Code> older = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(maps[m]), StandardCharsets.UTF_8)) {
                String[] p = line.split(" ", 3);
                if (p.length == 3) {
                    older.add(new Code(Long.parseUnsignedLong(p[0].replace("0x", ""), 16),
                            Long.parseUnsignedLong(p[1].replace("0x", ""), 16), p[2]));
                }
            }
            for (Code c : older) {
                if (codes.stream().noneMatch(k -> c.start < k.start + k.size && k.start < c.start + c.size)) {
                    codes.add(c);
                }
            }
        }
        codes.sort((a, b) -> Long.compareUnsigned(a.start, b.start));
        return codes;
    }

    /** Address and text of each instruction, from objdump. */
    private static List<Insn> disassemble(byte[] code, long start) throws IOException, InterruptedException {
        Path bin = Files.createTempFile("jgo-code", ".bin");
        try {
            Files.write(bin, code);
            String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "i386:x86-64";
            Process p = new ProcessBuilder("objdump", "-D", "-b", "binary", "-m" + arch,
                    "--adjust-vma=0x" + Long.toHexString(start), bin.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("objdump failed: " + out);
            }
            List<Insn> insns = new ArrayList<>();
            for (String line : out.split("\n")) {
                Matcher m = INSN.matcher(line);
                if (m.matches()) {
                    insns.add(new Insn(Long.parseUnsignedLong(m.group(1), 16), m.group(2)));
                }
            }
            return insns;
        } finally {
            Files.deleteIfExists(bin);
        }
    }

    private static void printHot(List<Insn> insns, Map<Long, Integer> h, int n, double minPercent) {
        int shownUpTo = -1;
        for (int i = 0; i < insns.size(); i++) {
            if (100.0 * h.getOrDefault(insns.get(i).addr(), 0) / n < minPercent) {
                continue;
            }
            int from = Math.max(shownUpTo + 1, i - CONTEXT);
            if (from > shownUpTo + 1 && shownUpTo >= 0) {
                System.out.println("        ...");
            }
            for (int j = from; j <= i; j++) {
                long addr = insns.get(j).addr();
                System.out.printf(Locale.ROOT, "%6.1f %%  %x: %s%n", 100.0 * h.getOrDefault(addr, 0) / n, addr,
                        insns.get(j).text());
            }
            shownUpTo = i;
        }
    }
}
