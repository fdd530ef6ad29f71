package io.jgo.it.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real-world code through the processor: the sources of commons-lang3, commons-collections4, guava
 * and commons-math3, with {@code @Go} on every method where a user could put it ({@link GoAnnotator}),
 * compiled as a user's build would ({@link CorpusCompiler}). The rule under test: every such
 * method becomes a frame that compiles, or gets one {@code [jgo]} error that docs/errors.md lists.
 *
 * <p>By default a fixed sample (every {@value #SAMPLE_EVERY}th file of each library, compiled
 * against the library's jar) runs; {@code -Pcorpus} compiles every file of the four libraries
 * ({@code -Djgo.corpus=full}). The report goes to {@code target/corpus/report.md}.
 */
class CorpusIT {
    static final int SAMPLE_EVERY = 12;
    private static final Path WORK = Path.of("target", "corpus");
    /** The differential run's seed: -Djgo.corpus.seed=N replays another. */
    private static final long SEED = Long.getLong("jgo.corpus.seed", 20261207L);

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void everyAnnotatedMethodCompilesOrIsRefusedWithADocumentedError() throws IOException {
        boolean full = "full".equals(System.getProperty("jgo.corpus"));
        ErrorsCatalog catalog = new ErrorsCatalog(Path.of(System.getProperty("jgo.rootDir", ".."), "docs", "errors.md"));
        List<CorpusCompiler.Result> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> bySection = new TreeMap<>();
        Map<String, Differential.Result> differential = new TreeMap<>();
        Map<String, FrameSizes.Result> sizes = new TreeMap<>();
        for (Corpus.Library lib : Corpus.LIBRARIES) {
            List<Path> files = Corpus.sources(lib, WORK.resolve("sources"));
            if (!full) {
                List<Path> sample = new ArrayList<>();
                for (int i = 0; i < files.size(); i += SAMPLE_EVERY) {
                    sample.add(files.get(i));
                }
                files = sample;
            }
            CorpusCompiler.Result r = CorpusCompiler.compile(lib.name(), Corpus.root(lib, WORK.resolve("sources")),
                    files, Corpus.classPath(lib, !full), WORK.resolve("work-" + lib.name()));
            results.add(r);
            if (r.failures() == 0) {
                List<Path> extra = full ? List.of() : List.of(Corpus.onClassPath(lib.artifact(), ".jar"));
                Differential.Result d = Differential.run(r.classes(), extra, lib.packages(), SEED);
                differential.put(lib.name(), d);
                sizes.put(lib.name(), FrameSizes.measure(r.classes()));
                d.mismatches().forEach(m -> failures.add("plain and goroutine differ (run seed " + SEED + "): " + m));
            }
            r.generatedFailures().forEach(p -> failures.add("generated code does not compile: " + p));
            r.otherFailures().forEach(p -> failures.add(p.toString()));
            for (CorpusCompiler.Refusal refusal : r.refusals()) {
                String section = catalog.sectionOf(refusal.message());
                if (section == null) {
                    failures.add("a refusal that docs/errors.md does not list: " + refusal.file() + ":" + refusal.line()
                            + ": " + refusal.message());
                } else {
                    bySection.merge(section, 1, Integer::sum);
                }
            }
        }
        String report = report(results, bySection, differential, sizes, full);
        Files.createDirectories(WORK);
        Files.writeString(WORK.resolve("report.md"), report, StandardCharsets.UTF_8);
        System.out.println(report);
        int methods = results.stream().mapToInt(CorpusCompiler.Result::methods).sum();
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures) + "\n\n" + report);
        assertTrue(methods >= (full ? 20_000 : 1_000), "too few methods in the corpus: " + methods);
        int called = differential.values().stream().mapToInt(Differential.Result::called).sum();
        assertTrue(called >= (full ? 2_000 : 100), "too few methods called both ways: " + called);
    }

    private static String report(List<CorpusCompiler.Result> results, Map<String, Integer> bySection,
                                 Map<String, Differential.Result> differential, Map<String, FrameSizes.Result> sizes,
                                 boolean full) {
        StringBuilder b = new StringBuilder();
        b.append("# jgo corpus run (").append(full ? "every file" : "sample: every " + SAMPLE_EVERY + "th file")
                .append(")\n\n| library | files | methods with @Go | frames compiled | refused | failing generated files | other failures | passes |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CorpusCompiler.Result r : results) {
            long failingFiles = r.generatedFailures().stream().map(CorpusCompiler.Problem::file).distinct().count();
            b.append("| ").append(r.library()).append(" | ").append(r.files()).append(" | ").append(r.methods())
                    .append(" | ").append(r.framesCompiled()).append(" | ").append(r.refusals().size()).append(" | ")
                    .append(failingFiles).append(" | ").append(r.otherFailures().size()).append(" | ")
                    .append(r.passes()).append(" |\n");
        }
        b.append("\n| library | static methods called plain and as goroutines (")
                .append(Differential.CALLS).append(" calls each, seed ").append(SEED)
                .append(") | not comparable (plain runs differ) | timed out | differing |\n|---|---:|---:|---:|---:|\n");
        differential.forEach((lib, d) -> b.append("| ").append(lib).append(" | ").append(d.called()).append(" | ")
                .append(d.notComparable()).append(" | ").append(d.timedOut()).append(" | ")
                .append(d.mismatches().size()).append(" |\n"));
        b.append("\nFrame sizes (bytecode of the frame class against the plain method):\n\n");
        sizes.forEach((lib, z) -> b.append("- ").append(lib).append(": ").append(z.summary()).append("\n"));
        b.append("\n| refusals, by section of errors.md | count |\n|---|---:|\n");
        bySection.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue())
                .forEach(e -> b.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n"));
        return b.toString();
    }
}
