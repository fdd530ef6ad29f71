package io.jgo.processor.lines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LineMappingTest {
    private static final String SOURCE = String.join("\n",
            "package p;",                                              // 1
            "public final class FooGo {",                               // 2
            "    public static Task<Integer> run(int n) {",             // 3
            "        return new Run(n);",                               // 4
            "    }",                                                    // 5
            "    static final class Run extends Frame<Integer> {",      // 6
            "        private static final int[] LINES = {12, 14};",     // 7
            "        Run(int n) {",                                     // 8
            "            this.n = n;",                                  // 9
            "        }",                                                // 10
            "        protected Object resume(Object value, Throwable error) throws Throwable {", // 11
            "            switch (label) {",                             // 12
            "                case 0: { // entry",                       // 13
            "                    // line 13",                           // 14
            "                    label = 1;",                           // 15
            "                    // line 14",                           // 16
            "                    if (x) {",                             // 17
            "                        // line 15",                       // 18
            "                        y();",                             // 19
            "                    }",                                    // 20
            "                case 1: { // line 14: after f(...)",       // 21
            "                    return 1;",                            // 22
            "            }",                                            // 23
            "        }",                                                // 24
            "        public StackTraceElement location() {",            // 25
            "            return null;",                                 // 26
            "        }",                                                // 27
            "    }",                                                    // 28
            "}");                                                       // 29

    @Test
    void eachLineStandsForTheMarkerAboveItInItsMember() {
        int[] m = LineMapping.of(SOURCE);
        assertEquals(15, m[19], "a statement inside a block has its own marker");
        assertEquals(14, m[17]);
        assertEquals(13, m[15]);
        assertEquals(14, m[21], "a case comment that starts with the line is a marker");
        assertEquals(14, m[22]);
    }

    @Test
    void theDispatchBeforeTheFirstMarkerStandsForTheFirstStatement() {
        int[] m = LineMapping.of(SOURCE);
        assertEquals(13, m[11]);
        assertEquals(13, m[12]);
        assertEquals(13, m[13]);
    }

    @Test
    void membersWithoutMarkersStandForTheMethodsDeclarationAndEntryPointsForNothing() {
        int[] m = LineMapping.of(SOURCE);
        assertEquals(12, m[8], "the constructor");
        assertEquals(12, m[9]);
        assertEquals(12, m[26], "location()");
        assertEquals(0, m[4], "the entry points are the processor's own code");
    }
}
