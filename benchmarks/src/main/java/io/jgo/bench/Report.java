package io.jgo.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the samples of one harness run into a table of medians with min–max and the ratios
 * jgo/Go and jgo/virtual threads, a CSV file, and an SVG bar chart (drawn here: no dependency).
 */
public final class Report {

    /**
     * A row of the table: one metric at one processor count. {@code otherAlgorithm} names the
     * systems whose program for this row is a different algorithm (not line for line jgo's and
     * Go's): their cells are marked and jgo is not compared with them.
     */
    public record Row(String key, String unit, boolean higherIsBetter, int fullSize, String description,
                      Set<String> otherAlgorithm) {
        public Row(String key, String unit, boolean higherIsBetter, int fullSize, String description) {
            this(key, unit, higherIsBetter, fullSize, description, Set.of());
        }
    }

    /** How jgo's range compares with a peer's on one row. */
    public enum Verdict {
        /** jgo's worst run is better than the peer's best. */
        AHEAD,
        /** jgo's best run is worse than the peer's worst. */
        BEHIND,
        /** The min–max ranges overlap: no call. */
        ON_PAR,
        /** Fewer than {@link #MIN_RUNS} runs on a side: no call either. */
        TOO_FEW_RUNS,
        /** Not comparable: missing, another size, or another algorithm. */
        NOT_COMPARED
    }

    /** Median, min and max of one contender's values for one row, and the size it ran at. */
    public record Cell(double median, double min, double max, int n, int count) {
    }

    private final List<Contender> contenders;
    private final List<Row> rows;
    private final Map<String, Map<String, Cell>> cells = new LinkedHashMap<>();
    /** Contender id → why it did not run (skipped) or what failed, for the notes under the table. */
    private final Map<String, List<String>> notes;
    /** The contenders the ratio columns divide: jgo, and its two references. */
    private final String jgo;
    private final String go;
    private final String vthreads;

    public Report(List<Contender> contenders, List<Row> rows, List<Sample> samples,
                  Map<String, List<String>> notes, String jgo, String go, String vthreads) {
        this.contenders = contenders;
        this.rows = rows;
        this.notes = notes;
        this.jgo = jgo;
        this.go = go;
        this.vthreads = vthreads;
        for (Row r : rows) {
            Map<String, Cell> byContender = new LinkedHashMap<>();
            for (Contender c : contenders) {
                double[] vs = samples.stream()
                        .filter(s -> s.metric().equals(r.key()) && s.contender().equals(c.id()))
                        .mapToDouble(Sample::value).toArray();
                if (vs.length > 0) {
                    int n = samples.stream()
                            .filter(s -> s.metric().equals(r.key()) && s.contender().equals(c.id()))
                            .mapToInt(Sample::n).findFirst().orElse(0);
                    byContender.put(c.id(), cell(vs, n));
                }
            }
            cells.put(r.key(), byContender);
        }
    }

    static Cell cell(double[] values, int n) {
        double[] v = values.clone();
        Arrays.sort(v);
        int k = v.length;
        double median = k % 2 == 1 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
        return new Cell(median, v[0], v[k - 1], n, k);
    }

    public Cell cell(String row, String contender) {
        Map<String, Cell> m = cells.get(row);
        return m == null ? null : m.get(contender);
    }

    /**
     * jgo's median over {@code peer}'s for {@code row}, or NaN when either is missing or the two
     * ran at different sizes (a platform-thread cell scaled down is not the same measurement).
     */
    public double ratio(String row, String peer) {
        Cell a = cell(row, jgo);
        Cell b = cell(row, peer);
        if (a == null || b == null || b.median() == 0 || a.n() != b.n()) {
            return Double.NaN;
        }
        return a.median() / b.median();
    }

    /**
     * jgo against {@code peer} on {@code row}: ahead or behind only when the min–max ranges do not
     * overlap; a peer that ran another size or another algorithm is not compared.
     */
    public Verdict verdict(String row, String peer) {
        Row r = row(row);
        Cell j = cell(row, jgo);
        Cell c = cell(row, peer);
        if (r == null || j == null || c == null || j.n() != c.n() || r.otherAlgorithm().contains(system(peer))) {
            return Verdict.NOT_COMPARED;
        }
        if (j.count() < MIN_RUNS || c.count() < MIN_RUNS) {
            return Verdict.TOO_FEW_RUNS;
        }
        boolean higher = r.higherIsBetter();
        if (higher ? j.min() > c.max() : j.max() < c.min()) {
            return Verdict.AHEAD;
        }
        if (higher ? j.max() < c.min() : j.min() > c.max()) {
            return Verdict.BEHIND;
        }
        return Verdict.ON_PAR;
    }

    /** Runs per side below which no verdict is called: one or two runs make no range. */
    static final int MIN_RUNS = 3;

    private Row row(String key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    }

    private String system(String id) {
        return contenders.stream().filter(c -> c.id().equals(id)).map(Contender::system).findFirst().orElse(id);
    }

    /** The table in Markdown (readable as plain text too). */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| workload | unit | better |");
        for (Contender c : contenders) {
            sb.append(' ').append(c.label()).append(" |");
        }
        sb.append(" jgo/Go | jgo/VT |\n|---|---|---|");
        for (int i = 0; i < contenders.size(); i++) {
            sb.append("---:|");
        }
        sb.append("---:|---:|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.description()).append(" | ").append(r.unit()).append(" | ")
                    .append(r.higherIsBetter() ? "higher" : "lower").append(" |");
            for (Contender c : contenders) {
                Cell cell = cell(r.key(), c.id());
                sb.append(' ');
                if (cell == null) {
                    sb.append('–');
                } else {
                    sb.append(num(cell.median())).append(" (").append(num(cell.min())).append('–')
                            .append(num(cell.max())).append(')');
                    if (cell.n() != r.fullSize()) {
                        sb.append(" [n=").append(String.format(Locale.ROOT, "%,d", cell.n())).append(']');
                    }
                    if (r.otherAlgorithm().contains(c.system())) {
                        sb.append(" †");
                    }
                }
                sb.append(" |");
            }
            sb.append(' ').append(ratioText(r.key(), go)).append(" | ").append(ratioText(r.key(), vthreads))
                    .append(" |\n");
        }
        List<String> lines = new ArrayList<>();
        if (rows.stream().anyMatch(r -> !r.otherAlgorithm().isEmpty())) {
            lines.add("- †: another algorithm than jgo's and Go's for this row (see the method); not compared");
        }
        for (Contender c : contenders) {
            for (String note : notes.getOrDefault(c.id(), List.of())) {
                lines.add("- " + c.label() + ": " + note);
            }
        }
        if (!lines.isEmpty()) {
            sb.append('\n').append(String.join("\n", lines)).append('\n');
        }
        return sb.toString();
    }

    private String ratioText(String row, String peer) {
        double r = ratio(row, peer);
        if (Double.isNaN(r)) {
            return "–";
        }
        Row rw = row(row);
        return String.format(Locale.ROOT, "%.2f", r) + (rw != null && rw.otherAlgorithm().contains(system(peer)) ? " †" : "");
    }

    /**
     * The project's goals, checked against this run: each line says the goal, jgo's median, the
     * reference it is measured against, and whether it is met: "yes" when jgo's whole min–max
     * range meets it, "no" when none of it does, "on par" when the ranges straddle the goal. Then,
     * for every row, jgo against each peer that ran the same size and the same algorithm: ahead
     * or behind only when the ranges do not overlap, else on par.
     */
    public String goals(List<String> peers) {
        StringBuilder sb = new StringBuilder("| goal | jgo | against | met? |\n|---|---:|---:|---|\n");
        goalRatio(sb, "skynet ≤ 0.25 × Go", "skynet", go, 0.25, false);
        goalRatio(sb, "prime sieve ≤ 0.5 × Go", "sieve", go, 0.5, false);
        goalAbsolute(sb, "ping-pong round trip, 1 P < 80 ns", "pingpong.p1", 80, false);
        goalRatio(sb, "ping-pong round trip, 2 P ≤ Go", "pingpong.p2", go, 1.0, false);
        goalBestPeer(sb, "buffered, 1 P ≥ 1.5 × best peer", "buffered.p1", peers, 1.5);
        goalBestPeer(sb, "buffered, 2 P ≥ 1.5 × best peer", "buffered.p2", peers, 1.5);
        goalAbsolute(sb, "heap per parked goroutine ≤ 120 B", "parked.heap", 120, false);
        goalAbsolute(sb, "release 1M parked goroutines < 100 ms", "parked.release", 100, false);
        sb.append("\n| workload | jgo against each peer (ranges compared) |\n|---|---|\n");
        int ahead = 0;
        int compared = 0;
        for (Row r : rows) {
            Cell j = cell(r.key(), jgo);
            if (j == null) {
                sb.append("| ").append(r.description()).append(" | jgo not measured |\n");
                continue;
            }
            List<String> parts = new ArrayList<>();
            boolean aheadOfAll = true;
            boolean any = false;
            for (String p : peers) {
                Verdict v = verdict(r.key(), p);
                Cell c = cell(r.key(), p);
                switch (v) {
                    case AHEAD -> parts.add("ahead of " + label(p));
                    case BEHIND -> parts.add("behind " + label(p) + " " + num(c.median()));
                    case ON_PAR -> parts.add("on par with " + label(p) + " " + num(c.median()));
                    case TOO_FEW_RUNS -> parts.add("too few runs to call against " + label(p));
                    default -> {
                        if (c != null && r.otherAlgorithm().contains(system(p))) {
                            parts.add(label(p) + ": another algorithm, not compared");
                        }
                        continue;
                    }
                }
                any = true;
                aheadOfAll &= v == Verdict.AHEAD;
            }
            if (any) {
                compared++;
                if (aheadOfAll) {
                    ahead++;
                }
            }
            sb.append("| ").append(r.description()).append(" | ")
                    .append(parts.isEmpty() ? "no peer at the same size" : String.join("; ", parts)).append(" |\n");
        }
        sb.append(String.format(Locale.ROOT, "%njgo ahead of every compared peer (ranges apart) on %d of %d rows.%n",
                ahead, compared));
        return sb.toString();
    }

    /** Rows on which jgo is ahead of every peer it is compared with (for tests and the summary). */
    int rowsAheadOfEveryPeer(List<String> peers) {
        int n = 0;
        for (Row r : rows) {
            boolean any = false;
            boolean all = true;
            for (String p : peers) {
                Verdict v = verdict(r.key(), p);
                if (v != Verdict.NOT_COMPARED) {
                    any = true;
                    all &= v == Verdict.AHEAD;
                }
            }
            if (any && all) {
                n++;
            }
        }
        return n;
    }

    private String label(String id) {
        return contenders.stream().filter(c -> c.id().equals(id)).map(Contender::label).findFirst().orElse(id);
    }

    /** "yes" if the whole range meets the goal, "no" if none of it does, else "on par". */
    private static String met(Cell j, double limit, boolean higher) {
        boolean best = higher ? j.max() >= limit : j.min() <= limit;
        boolean worst = higher ? j.min() >= limit : j.max() <= limit;
        return worst ? "yes" : !best ? "no" : "on par (range " + num(j.min()) + "–" + num(j.max()) + ")";
    }

    private void goalRatio(StringBuilder sb, String target, String row, String peer, double factor, boolean higher) {
        Cell j = cell(row, jgo);
        Cell p = cell(row, peer);
        String jv = j == null ? "–" : num(j.median());
        String pv = p == null ? "–" : label(peer) + " " + num(p.median());
        String met;
        if (j == null || p == null) {
            met = "not measured";
        } else if (j.n() != p.n()) {
            met = "not comparable (sizes differ)";
        } else {
            // jgo's range against the goal drawn from the peer's range: met only if jgo's worst
            // meets the peer's best times the factor, missed only if jgo's best misses its worst.
            boolean worstMeets = higher ? j.min() >= factor * p.max() : j.max() <= factor * p.min();
            boolean bestMeets = higher ? j.max() >= factor * p.min() : j.min() <= factor * p.max();
            met = worstMeets ? "yes" : !bestMeets
                    ? String.format(Locale.ROOT, "no (%.2f ×)", j.median() / p.median())
                    : String.format(Locale.ROOT, "on par (%.2f ×, ranges overlap)", j.median() / p.median());
        }
        sb.append("| ").append(target).append(" | ").append(jv).append(" | ").append(pv).append(" | ").append(met)
                .append(" |\n");
    }

    private void goalAbsolute(StringBuilder sb, String target, String row, double limit, boolean higher) {
        Cell j = cell(row, jgo);
        String met = j == null ? "not measured" : met(j, limit, higher);
        sb.append("| ").append(target).append(" | ").append(j == null ? "–" : num(j.median())).append(" | ")
                .append(num(limit)).append(" | ").append(met).append(" |\n");
    }

    private void goalBestPeer(StringBuilder sb, String target, String row, List<String> peers, double factor) {
        String best = null;
        Cell j = cell(row, jgo);
        Row r = row(row);
        for (String p : peers) {
            Cell c = cell(row, p);
            if (c != null && (j == null || c.n() == j.n())
                    && (r == null || !r.otherAlgorithm().contains(system(p)))
                    && (best == null || c.median() > cell(row, best).median())) {
                best = p;
            }
        }
        goalRatio(sb, target, row, best == null ? "none" : best, factor, true);
    }

    /** One line per row and contender: the numbers behind the table. */
    public String csv() {
        StringBuilder sb = new StringBuilder("metric,unit,higher_is_better,contender,median,min,max,n,runs\n");
        for (Row r : rows) {
            for (Contender c : contenders) {
                Cell cell = cell(r.key(), c.id());
                if (cell != null) {
                    sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.3f,%.3f,%.3f,%d,%d%n", r.key(), r.unit(),
                            r.higherIsBetter(), c.id(), cell.median(), cell.min(), cell.max(), cell.n(),
                            cell.count()));
                }
            }
        }
        return sb.toString();
    }

    private static final String[] COLORS = {"#1f77b4", "#17becf", "#ff7f0e", "#7f7f7f", "#2ca02c", "#9467bd"};

    /**
     * A horizontal bar chart: one group per row, one bar per contender, each group scaled to its
     * own largest median (units differ between rows); a thin line marks min–max.
     */
    public String svg(String title) {
        int barH = 12;
        int gap = 4;
        int labelW = 230;
        int plotW = 520;
        int valueW = 150;
        int width = labelW + plotW + valueW;
        List<Row> shown = new ArrayList<>();
        for (Row r : rows) {
            if (!cells.get(r.key()).isEmpty()) {
                shown.add(r);
            }
        }
        int groupH = contenders.size() * (barH + gap) + 18;
        int legendH = 22;
        int height = 40 + legendH + shown.size() * groupH + 10;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                esc(title)));
        int lx = 10;
        for (int i = 0; i < contenders.size(); i++) {
            sb.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"32\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"41\">%s</text>%n",
                    lx, COLORS[i % COLORS.length], lx + 14, esc(contenders.get(i).label())));
            lx += 24 + 7 * contenders.get(i).label().length();
        }
        int y = 40 + legendH;
        for (Row r : shown) {
            Map<String, Cell> m = cells.get(r.key());
            double max = m.values().stream().mapToDouble(Cell::max).max().orElse(1);
            sb.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
                    y + 11, esc(r.description() + " (" + r.unit() + ", " + (r.higherIsBetter() ? "higher" : "lower")
                            + " is better)")));
            y += 16;
            for (int i = 0; i < contenders.size(); i++) {
                Contender c = contenders.get(i);
                Cell cell = m.get(c.id());
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                        labelW - 6, y + barH - 2, esc(c.label())));
                if (cell != null) {
                    double w = max > 0 ? cell.median() / max * plotW : 0;
                    double x0 = max > 0 ? cell.min() / max * plotW : 0;
                    double x1 = max > 0 ? cell.max() / max * plotW : 0;
                    sb.append(String.format(Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                            labelW, y, Math.max(w, 0.5), barH, COLORS[i % COLORS.length]));
                    sb.append(String.format(Locale.ROOT,
                            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" stroke-width=\"1\"/>%n",
                            labelW + x0, y + barH / 2, labelW + x1, y + barH / 2));
                    String text = num(cell.median()) + (cell.n() != r.fullSize()
                            ? String.format(Locale.ROOT, " [n=%,d]", cell.n()) : "")
                            + (r.otherAlgorithm().contains(c.system()) ? " †" : "");
                    sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
                            labelW + Math.max(w, x1) + 4, y + barH - 2, esc(text)));
                } else {
                    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#999\">not run</text>%n",
                            labelW + 4, y + barH - 2));
                }
                y += barH + gap;
            }
            y += 2;
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    static String num(double v) {
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
