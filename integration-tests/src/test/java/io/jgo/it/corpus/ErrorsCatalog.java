package io.jgo.it.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The messages that docs/errors.md lists, each under its section's heading: a refusal is
 * justified when its message is one of them. Messages are matched by their words, because the
 * names in them (methods, classes) differ from the examples in the document.
 */
final class ErrorsCatalog {
    /** How many of an example's words a message must contain to be that example. */
    private static final double MATCH = 0.75;

    private record Example(String section, Set<String> words) {
    }

    private final List<Example> examples = new ArrayList<>();

    ErrorsCatalog(Path errorsMd) {
        List<String> lines;
        try {
            lines = Files.readAllLines(errorsMd, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String section = "";
        boolean inCode = false;
        StringBuilder message = null;
        for (String line : lines) {
            if (line.startsWith("```")) {
                if (message != null) {
                    add(section, message);
                    message = null;
                }
                inCode = !inCode;
                continue;
            }
            if (!inCode) {
                if (line.startsWith("## ")) {
                    section = line.substring(3).strip();
                }
                continue;
            }
            if (line.startsWith("[jgo]")) {
                if (message != null) {
                    add(section, message);
                }
                message = new StringBuilder(line);
            } else if (message != null) {
                message.append(' ').append(line.strip());
            }
        }
        if (examples.isEmpty()) {
            throw new IllegalStateException("no [jgo] message found in " + errorsMd);
        }
    }

    private void add(String section, CharSequence message) {
        examples.add(new Example(section, words(message.toString())));
    }

    /** The section of errors.md that lists this message, or null if none does. */
    String sectionOf(String message) {
        Set<String> have = words(message);
        String best = null;
        double bestScore = 0;
        for (Example e : examples) {
            int found = 0;
            for (String w : e.words()) {
                if (have.contains(w)) {
                    found++;
                }
            }
            double score = e.words().isEmpty() ? 0 : (double) found / e.words().size();
            if (score > bestScore) {
                bestScore = score;
                best = e.section();
            }
        }
        return bestScore >= MATCH ? best : null;
    }

    /** The words of a message that are not names: lower-case words of four letters or more. */
    private static Set<String> words(String message) {
        Set<String> out = new HashSet<>();
        for (String w : message.split("[^A-Za-z@']+")) {
            if (w.length() >= 4 && w.equals(w.toLowerCase(Locale.ROOT))) {
                out.add(w);
            }
        }
        return out;
    }
}
