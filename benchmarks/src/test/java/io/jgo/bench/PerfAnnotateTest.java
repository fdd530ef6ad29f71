package io.jgo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attribution of perf samples to JIT-compiled code ranges ({@code annotate.sh}). */
class PerfAnnotateTest {

    @Test
    void aLaterPerfMapWinsWhereRangesOverlapAndKeepsTheOthers(@TempDir Path dir) throws Exception {
        Path before = dir.resolve("before.map");
        Path after = dir.resolve("after.map");
        Files.writeString(before, "0x1000 0x100 Old.replaced()\n0x3000 0x80 Old.kept()\n");
        Files.writeString(after, "1080 100 New.compiled()\n2000 40 New.other()\n");
        List<PerfAnnotate.Code> codes = PerfAnnotate.readMaps(new String[] {before.toString(), after.toString()});
        assertEquals(List.of("New.compiled()", "New.other()", "Old.kept()"),
                codes.stream().map(PerfAnnotate.Code::name).toList());
        assertEquals(0x1080, codes.get(0).start());
        assertEquals(0x100, codes.get(0).size());
    }

    @Test
    void samplesCountAtTheirAddressInsideTheirRangeAndNowhereElse() {
        List<PerfAnnotate.Code> codes = List.of(
                new PerfAnnotate.Code(0x1000, 0x10, "a"), new PerfAnnotate.Code(0x2000, 0x10, "b"));
        Map<Integer, Map<Long, Integer>> hits = PerfAnnotate.attribute(codes,
                List.of(0x1000L, 0x1004L, 0x1004L, 0x100fL, 0x1010L, 0xfffL, 0x2008L, 0x9000L));
        assertEquals(Map.of(0x1000L, 1, 0x1004L, 2, 0x100fL, 1), hits.get(0));
        assertEquals(Map.of(0x2008L, 1), hits.get(1));
        assertEquals(5, PerfAnnotate.sum(hits.get(0)) + PerfAnnotate.sum(hits.get(1)));
        assertFalse(hits.containsKey(2));
    }
}
