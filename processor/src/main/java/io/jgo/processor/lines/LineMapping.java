package io.jgo.processor.lines;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which line of the user's file each line of a generated source stands for, read from the line
 * markers ({@code // line N}) the lowering writes before each statement it translates.
 *
 * <p>The generated file is cut into segments, one per member of the generated class or of one of
 * its nested classes (a line indented by 4 or 8 spaces that starts a declaration begins one). In
 * a segment, a line stands for the marker above it, or, before the first marker, the first one
 * below it (a {@code resume} begins with its dispatch, which stands for its first statement).
 * A segment with no marker (a constructor, {@code location()}, a field) stands for the line of
 * the method's declaration (the first entry of the frame's {@code LINES}), or else the first
 * marker of its nested class. Lines of the top-level class before its
 * first nested class (the entry points) stand for nothing: 0.
 */
public final class LineMapping {
    private static final Pattern MARKER = Pattern.compile("// line (\\d+)");
    /** A frame's line table, whose first entry is the line of the method's declaration. */
    private static final Pattern ENTRY_LINE = Pattern.compile("\\bLINES = \\{(\\d+)");
    /** A nested class of the generated class: its own frame. */
    private static final Pattern NESTED_CLASS = Pattern.compile("^ {4}[a-z@][^=(]*\\b(class|interface|enum|record) \\w+.*");
    /** A member of the generated class or of a nested class (not a comment, not a closing brace). */
    private static final Pattern MEMBER = Pattern.compile("^ {4}( {4})?[A-Za-z@<].*");

    private LineMapping() {
    }

    /**
     * The user's line of each generated line: {@code result[n]} for line {@code n} (1-based;
     * index 0 unused); 0 where a line stands for none.
     */
    public static int[] of(String generatedSource) {
        String[] lines = generatedSource.split("\n", -1);
        int n = lines.length;
        int[] marker = new int[n + 1];
        int[] segment = new int[n + 1];
        int[] region = new int[n + 1];
        int seg = 0;
        int reg = 0;
        for (int i = 1; i <= n; i++) {
            String l = lines[i - 1];
            Matcher m = MARKER.matcher(l);
            if (m.find()) {
                marker[i] = Integer.parseInt(m.group(1));
            }
            if (NESTED_CLASS.matcher(l).matches()) {
                reg++;
            }
            if (MEMBER.matcher(l).matches()) {
                seg++;
            }
            segment[i] = seg;
            region[i] = reg;
        }
        int[] firstOfRegion = new int[reg + 1];
        for (int i = 1; i <= n; i++) {
            Matcher entry = ENTRY_LINE.matcher(lines[i - 1]);
            if (entry.find()) {
                firstOfRegion[region[i]] = Integer.parseInt(entry.group(1));
            }
        }
        for (int i = 1; i <= n; i++) {
            if (marker[i] != 0 && firstOfRegion[region[i]] == 0) {
                firstOfRegion[region[i]] = marker[i];
            }
        }
        int[] result = new int[n + 1];
        int prev = 0;
        for (int i = 1; i <= n; i++) {
            if (i == 1 || segment[i] != segment[i - 1]) {
                prev = 0;
            }
            if (marker[i] != 0) {
                prev = marker[i];
            }
            result[i] = prev;
        }
        int next = 0;
        for (int i = n; i >= 1; i--) {
            if (i == n || segment[i] != segment[i + 1]) {
                next = 0;
            }
            if (marker[i] != 0) {
                next = marker[i];
            }
            if (result[i] == 0) {
                result[i] = next != 0 ? next : region[i] == 0 ? 0 : firstOfRegion[region[i]];
            }
        }
        return result;
    }
}
