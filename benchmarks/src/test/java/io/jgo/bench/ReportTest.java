package io.jgo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ReportTest {
    static final Contender JGO = new Contender("jgo-25", "jgo (JDK 25)", "jgo", Path.of("java"));
    static final Contender VT = new Contender("vthreads-25", "virtual threads (JDK 25)", "vthreads", Path.of("java"));
    static final Contender GO = new Contender("go", "Go", "go", Path.of("jgobench"));

    static Report report() {
        List<Report.Row> rows = List.of(
                new Report.Row("skynet", "ms", false, 1_000_000, "skynet, 1M leaves"),
                new Report.Row("buffered.p2", "Mmsg/s", true, 10_000_000, "buffered, 2 P"));
        List<Sample> samples = List.of(
                new Sample(1, "jgo-25", "skynet", 100, "ms", 1_000_000),
                new Sample(2, "jgo-25", "skynet", 300, "ms", 1_000_000),
                new Sample(3, "jgo-25", "skynet", 200, "ms", 1_000_000),
                new Sample(1, "go", "skynet", 400, "ms", 1_000_000),
                new Sample(2, "go", "skynet", 500, "ms", 1_000_000),
                new Sample(3, "go", "skynet", 450, "ms", 1_000_000),
                new Sample(1, "vthreads-25", "skynet", 1000, "ms", 10_000),
                new Sample(1, "go", "buffered.p2", 26, "Mmsg/s", 10_000_000));
        return new Report(List.of(JGO, VT, GO), rows, samples, Map.of("vthreads-25", List.of("a note")),
                "jgo-25", "go", "vthreads-25");
    }

    @Test
    void mediansMinMaxAndRatiosComeFromTheSameRun() {
        Report r = report();
        Report.Cell jgo = r.cell("skynet", "jgo-25");
        assertEquals(200, jgo.median());
        assertEquals(100, jgo.min());
        assertEquals(300, jgo.max());
        assertEquals(3, jgo.count());
        assertEquals(450, r.cell("skynet", "go").median());
        assertEquals(250, Report.cell(new double[] {100, 400, 300, 200}, 1).median()); // even count: mean of the middle two
        assertEquals(200.0 / 450, r.ratio("skynet", "go"), 1e-9);
        assertTrue(Double.isNaN(r.ratio("skynet", "vthreads-25")), "another size: no ratio");
        assertTrue(Double.isNaN(r.ratio("buffered.p2", "go")), "no jgo value: no ratio");
    }

    @Test
    void theTableShowsEveryContenderScaledSizesAndNotes() {
        String md = report().markdown();
        assertTrue(md.contains("| skynet, 1M leaves | ms | lower | 200 (100–300) | 1,000 (1,000–1,000) [n=10,000] | 450 (400–500) | 0.44 | – |"), md);
        assertTrue(md.contains("| buffered, 2 P | Mmsg/s | higher | – | – | 26.0 (26.0–26.0) | – | – |"), md);
        assertTrue(md.contains("- virtual threads (JDK 25): a note"), md);
    }

    @Test
    void theCsvHasOneLinePerCell() {
        String csv = report().csv();
        List<String> lines = csv.lines().toList();
        assertEquals("metric,unit,higher_is_better,contender,median,min,max,n,runs", lines.get(0));
        assertEquals(5, lines.size());
        assertTrue(lines.contains("skynet,ms,false,jgo-25,200.000,100.000,300.000,1000000,3"), csv);
    }

    @Test
    void theChartIsWellFormedSvgWithABarPerCell() throws Exception {
        String svg = report().svg("a <title> & more");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        // background + 3 legend swatches + 4 bars (3 skynet, 1 buffered)
        assertEquals(1 + 3 + 4, doc.getElementsByTagName("rect").getLength());
        assertTrue(svg.contains("a &lt;title&gt; &amp; more"));
    }

    @Test
    void goalsAreCheckedAgainstTheSameRun() {
        String g = report().goals(List.of("vthreads-25", "go"));
        // jgo 100–300 ms vs Go 400–500 ms: the goal 0.25 × Go is 100–125 ms, which jgo's range straddles
        assertTrue(g.contains("| skynet ≤ 0.25 × Go | 200 | Go 450 | on par (0.44 ×, ranges overlap) |"), g);
        assertTrue(g.contains("| prime sieve ≤ 0.5 × Go | – | – | not measured |"), g);
        // vthreads ran skynet at another size: only Go counts, and jgo's range is below Go's
        assertTrue(g.contains("| skynet, 1M leaves | ahead of Go |"), g);
        assertTrue(g.contains("| buffered, 2 P | jgo not measured |"), g);
        assertTrue(g.contains("jgo ahead of every compared peer (ranges apart) on 1 of 1 rows."), g);
    }

    static Report twoContenders(String row, boolean higher, double[] jgo, double[] peer, String peerSystem) {
        Contender p = new Contender("peer", "Peer", peerSystem, Path.of("java"));
        java.util.ArrayList<Sample> samples = new java.util.ArrayList<>();
        for (double v : jgo) {
            samples.add(new Sample(1, "jgo-25", row, v, "ns/op", 1000));
        }
        for (double v : peer) {
            samples.add(new Sample(1, "peer", row, v, "ns/op", 1000));
        }
        Report.Row r = new Report.Row(row, "ns/op", higher, 1000, row,
                row.equals("select") ? java.util.Set.of(Systems.THREADS) : java.util.Set.of());
        return new Report(List.of(JGO, p), List.of(r), samples, Map.of(), "jgo-25", "go", "peer");
    }

    @Test
    void aheadAndBehindOnlyWhenTheRangesDoNotOverlap() {
        assertEquals(Report.Verdict.AHEAD,
                twoContenders("x", false, new double[] {1, 2, 3}, new double[] {4, 5, 6}, "go").verdict("x", "peer"));
        assertEquals(Report.Verdict.BEHIND,
                twoContenders("x", false, new double[] {7, 8, 9}, new double[] {4, 5, 6}, "go").verdict("x", "peer"));
        // medians 2 and 5, but jgo's worst run (5.5) is inside the peer's range: no call
        assertEquals(Report.Verdict.ON_PAR,
                twoContenders("x", false, new double[] {1, 2, 5.5}, new double[] {4, 5, 6}, "go").verdict("x", "peer"));
        assertEquals(Report.Verdict.AHEAD,
                twoContenders("x", true, new double[] {7, 8, 9}, new double[] {4, 5, 6}, "go").verdict("x", "peer"));
        String g = twoContenders("x", false, new double[] {1, 2, 5.5}, new double[] {4, 5, 6}, "go")
                .goals(List.of("peer"));
        assertTrue(g.contains("| x | on par with Peer 5.00 |"), g);
        assertTrue(g.contains("on 0 of 1 rows"), g);
    }

    @Test
    void oneOrTwoRunsMakeNoVerdict() {
        Report r = twoContenders("x", false, new double[] {1, 2}, new double[] {40, 50, 60}, "go");
        assertEquals(Report.Verdict.TOO_FEW_RUNS, r.verdict("x", "peer"));
        assertTrue(r.goals(List.of("peer")).contains("| x | too few runs to call against Peer |"));
    }

    @Test
    void aRowRunWithAnotherAlgorithmIsMarkedAndNotCompared() {
        Report r = twoContenders("select", false, new double[] {1, 2, 3}, new double[] {40, 50, 60}, Systems.THREADS);
        assertEquals(Report.Verdict.NOT_COMPARED, r.verdict("select", "peer"));
        assertTrue(r.markdown().contains("50.0 (40.0–60.0) †"), r.markdown());
        String g = r.goals(List.of("peer"));
        assertTrue(g.contains("| select | Peer: another algorithm, not compared |"), g);
        assertTrue(g.contains("on 0 of 0 rows"), g);
    }

    @Test
    void resultLinesParse() {
        Sample s = Sample.parse("RESULT pingpong 203.500 ns/rt 1000000", 2, "go", ".p1");
        assertEquals(new Sample(2, "go", "pingpong.p1", 203.5, "ns/rt", 1_000_000), s);
    }
}
