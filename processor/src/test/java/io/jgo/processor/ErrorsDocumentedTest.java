package io.jgo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/errors.md lists every message the processor can print: this reads the processor's sources,
 * finds each place that makes a message, and checks that the message's text is in errors.md.
 *
 * <p>A message site is the argument list of {@code new UnsupportedCodeException(...)},
 * {@code error(...)} (the processor's and {@code Diagnostics}'), {@code reportOnce(...)}, {@code printMessage(...)} and
 * {@code super(...)} (an exception that carries a message), and any expression that starts with
 * a {@code "[jgo]"} literal. In an argument, string literals joined by {@code +} form one
 * fragment; anything else (a name, a kind) is a placeholder between fragments, which errors.md
 * writes as an example value. The first fragment of a message (of at least {@value #FIRST_MIN}
 * characters) and every other fragment of at least {@value #MIN} characters must appear in
 * errors.md, or, if a message has none of these, its longest fragment. Whitespace is normalised
 * (errors.md wraps its lines). Messages starting with "internal:" are bugs of the processor,
 * listed in errors.md as a group.
 */
class ErrorsDocumentedTest {
    private static final int MIN = 16;
    /** The leading text names the message: it is checked when shorter too, unless it is only punctuation. */
    private static final int FIRST_MIN = 4;
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Path ERRORS_MD = Path.of("..", "docs", "errors.md");
    private static final Pattern SITE = Pattern.compile(
            "new\\s+UnsupportedCodeException\\s*\\(|\\berror\\s*\\(|\\breportOnce\\s*\\(|\\bprintMessage\\s*\\(|\\bsuper\\s*\\(");

    /** A message's literal text between placeholders, and where it is. */
    record Fragment(String text, String where) {
    }

    @Test
    void everyMessageOfTheProcessorIsInErrorsMd() throws IOException {
        String doc = normalise(Files.readString(ERRORS_MD, StandardCharsets.UTF_8));
        List<Fragment> fragments = fragments();
        List<String> missing = new ArrayList<>();
        for (Fragment f : fragments) {
            if (!doc.contains(normalise(f.text()))) {
                missing.add(f.where() + ": \"" + f.text() + "\"");
            }
        }
        assertTrue(missing.isEmpty(), "messages the processor prints that docs/errors.md does not list "
                + "(add a section with the message, what triggers it and what to write instead):\n  "
                + String.join("\n  ", missing));
    }

    @Test
    void theScanFindsTheMessagesItIsMeantToFind() throws IOException {
        List<String> texts = fragments().stream().map(Fragment::text).toList();
        // one of each kind of site: exception, Diagnostics.error, GoProcessor.error, printMessage, super(...)
        for (String known : List.of("is not supported in @Go code; use a lambda that calls it",
                "inside a lambda of a plain functional interface: its body is not @Go code and cannot suspend; use a "
                        + "for loop instead of forEach-style calls, give the lambda a suspending function type "
                        + "(GoRunnable, GoConsumer, GoFunction, ...), or spawn it with go(() -> ...)",
                ", which is generated from this very class: inside @Go code call the @Go method directly (f(x)) or "
                        + "spawn it with go(() -> f(x))",
                "@Go on a native method: only Java method bodies can become goroutines; call the native method from "
                        + "a @Go method instead",
                "after reading the class (",
                "the processor reads method bodies through javac's Trees API, and the processing environment")) {
            assertTrue(texts.contains(known), "not found by the scan: " + known + "\nfound: " + texts);
        }
        assertTrue(texts.size() > 40, texts.toString());
    }

    @Test
    void internalErrorsAreListedAsAGroup() throws IOException {
        String doc = normalise(Files.readString(ERRORS_MD, StandardCharsets.UTF_8));
        assertTrue(doc.contains("[jgo] internal error"), "errors.md lists '[jgo] internal error ...'");
        assertTrue(doc.contains("[jgo] internal: "), "errors.md lists the '[jgo] internal: ...' messages");
    }

    @Test
    void fragmentsAreSplitAtPlaceholdersAndJoinedAcrossPlus() {
        List<Fragment> out = new ArrayList<>();
        scan("""
                throw new UnsupportedCodeException(t, "a suspension point inside this statement ("
                        + t.getKind() + ") is not supported; move it to its " + "own statement before it");
                error(m, "short " + x);
                String s = "[jgo] internal error" + where + ": " + t; // a comment with error("x")
                /* error("in a comment") */
                b.add("error(\\"in a literal\\")");
                """, "T.java", out);
        assertEquals(java.util.Set.of(
                new Fragment("a suspension point inside this statement (", "T.java:1"),
                new Fragment(") is not supported; move it to its own statement before it", "T.java:2"),
                new Fragment("short", "T.java:3"),
                new Fragment("internal error", "T.java:4")), java.util.Set.copyOf(out));
        assertEquals(4, out.size(), out.toString());
    }

    // ------------------------------------------------------------------------------------------

    private static List<Fragment> fragments() throws IOException {
        List<Fragment> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(files.size() > 10, "the processor's sources, from " + SOURCES.toAbsolutePath());
        for (Path f : files) {
            scan(Files.readString(f, StandardCharsets.UTF_8), SOURCES.relativize(f).toString(), out);
        }
        return out;
    }

    /**
     * Adds the fragments of the messages made in {@code source}. The source is first reduced to
     * its code: comments are dropped and each string literal becomes {@code "<n>"}, its value kept
     * aside, so that sites and parentheses are found in code only.
     */
    static void scan(String source, String file, List<Fragment> out) {
        List<String> literals = new ArrayList<>();
        List<Integer> literalLines = new ArrayList<>();
        String code = mask(source, literals, literalLines);
        List<int[]> done = new ArrayList<>(); // argument spans already read (a "[jgo]" literal inside a site)
        Matcher m = SITE.matcher(code);
        while (m.find()) {
            int open = m.end() - 1;
            int close = matching(code, open);
            for (String arg : splitTopLevel(code.substring(open + 1, close))) {
                message(arg, literals, literalLines, file, out);
            }
            done.add(new int[] {open, close});
        }
        Matcher jgo = Pattern.compile("\"(\\d+)\"").matcher(code);
        while (jgo.find()) {
            int start = jgo.start();
            if (!literals.get(Integer.parseInt(jgo.group(1))).startsWith("[jgo]")
                    || done.stream().anyMatch(s -> s[0] < start && start < s[1])) {
                continue;
            }
            message(code.substring(start, expressionEnd(code, start)), literals, literalLines, file, out);
        }
    }

    /** The fragments of one argument expression; none if it has no literal of its own. */
    private static void message(String arg, List<String> literals, List<Integer> lines, String file,
            List<Fragment> out) {
        List<String> runs = new ArrayList<>();
        List<Integer> runLines = new ArrayList<>();
        StringBuilder run = null;
        int runLine = 0;
        int depth = 0;
        boolean afterPlus = true;
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            if (depth == 0 && c == '"') {
                int end = arg.indexOf('"', i + 1);
                int n = Integer.parseInt(arg.substring(i + 1, end));
                if (run == null || !afterPlus) {
                    if (run != null) {
                        runs.add(run.toString());
                        runLines.add(runLine);
                    }
                    run = new StringBuilder();
                    runLine = lines.get(n);
                }
                run.append(literals.get(n));
                i = end;
                afterPlus = false;
            } else if (c == '+' && depth == 0) {
                afterPlus = true;
            } else if (!Character.isWhitespace(c)) {
                if (run != null) {
                    runs.add(run.toString());
                    runLines.add(runLine);
                    run = null;
                }
                afterPlus = false;
            }
        }
        if (run != null) {
            runs.add(run.toString());
            runLines.add(runLine);
        }
        if (runs.isEmpty()) {
            return; // e.getMessage(), a variable: the message was made elsewhere
        }
        List<Fragment> own = new ArrayList<>();
        Fragment longest = null;
        for (int i = 0; i < runs.size(); i++) {
            String text = runs.get(i).strip();
            if (text.startsWith("[jgo]")) {
                text = text.substring("[jgo]".length()).strip();
            }
            if (i == 0 && text.startsWith("internal:")) {
                return; // a bug of the processor: errors.md lists these as a group
            }
            Fragment f = new Fragment(text, file + ":" + runLines.get(i));
            if (text.length() >= MIN || (i == 0 && text.length() >= FIRST_MIN)) {
                own.add(f);
            }
            if (!text.isEmpty() && (longest == null || text.length() > longest.text().length())) {
                longest = f;
            }
        }
        if (own.isEmpty() && longest != null) {
            own.add(longest);
        }
        out.addAll(own);
    }

    /** Drops comments, replaces each string literal (text blocks included) by {@code "<index>"}. */
    private static String mask(String s, List<String> literals, List<Integer> lines) {
        StringBuilder code = new StringBuilder();
        int line = 1;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                for (int k = i; k < end; k++) {
                    if (s.charAt(k) == '\n') {
                        line++;
                        code.append('\n');
                    }
                }
                i = end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                String body = s.substring(s.indexOf('\n', i) + 1, end);
                lines.add(line);
                literals.add(unescape(body.stripIndent()));
                code.append('"').append(literals.size() - 1).append('"');
                line += (int) s.substring(i, end).chars().filter(ch -> ch == '\n').count();
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int k = i + 1;
                while (s.charAt(k) != c) {
                    k += s.charAt(k) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    lines.add(line);
                    literals.add(unescape(s.substring(i + 1, k)));
                    code.append('"').append(literals.size() - 1).append('"');
                } else {
                    code.append("'?'");
                }
                i = k + 1;
            } else {
                if (c == '\n') {
                    line++;
                }
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(e); // \" \' \\
            }
        }
        return b.toString();
    }

    /** The index of the parenthesis that closes the one at {@code open}. */
    private static int matching(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced parentheses after " + code.substring(open, Math.min(code.length(), open + 80)));
    }

    /** The arguments of an argument list, split at the commas outside parentheses. */
    private static List<String> splitTopLevel(String args) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(args.substring(from, i));
                from = i + 1;
            }
        }
        out.add(args.substring(from));
        return out;
    }

    /** Where the expression starting at {@code start} ends: a comma, semicolon or unmatched closer. */
    private static int expressionEnd(String code, int start) {
        int depth = 0;
        for (int i = start; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth-- == 0) {
                    return i;
                }
            } else if ((c == ',' || c == ';') && depth == 0) {
                return i;
            }
        }
        return code.length();
    }

    /** Whitespace runs (line breaks of the wrapped errors.md included) as one space. */
    private static String normalise(String s) {
        return s.replaceAll("\\s+", " ");
    }
}
