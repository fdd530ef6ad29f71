package io.jgo.it.corpus;

import io.jgo.processor.GoProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a library's sources with {@code @Go} on every eligible method, using jgo's processor
 * as a user's build would, and sorts what javac reports.
 *
 * <p>A refusal ({@code [jgo]} error) names one method: that method loses its annotation and the
 * library is compiled again, until no method is refused. javac compiles the generated classes
 * only in a build with no error, so the last pass is the one that shows whether every generated
 * file compiles. Anything else that javac reports as an error is a failure of the processor: an
 * error in a generated file, an error in the user's own file that the plain build does not have,
 * or a refusal that points at no annotated method.
 */
final class CorpusCompiler {
    private static final java.util.regex.Pattern OVERRIDES_GO =
            java.util.regex.Pattern.compile("overrides the @Go method ([\\w$]+)\\.([\\w$]+) but is not @Go");
    private static final java.util.regex.Pattern PRIVATE_CLASS =
            java.util.regex.Pattern.compile("@Go methods in private class ([\\w$]+) are not supported");
    /** Enough passes for refusals that only show once an earlier one is gone. */
    private static final int MAX_PASSES = 12;

    /** One reported error, where it was and what it said. */
    record Problem(String file, long line, String message, String sourceLine) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message + (sourceLine.isEmpty() ? "" : "\n      " + sourceLine.strip());
        }
    }

    /** One refused method and the message it got. */
    record Refusal(Path file, GoAnnotator.Site site, long line, String message, int pass) {
    }

    /** What the compile of one library came to. */
    record Result(String library, int files, int methods, int framesCompiled, List<Refusal> refusals,
                  List<Problem> generatedFailures, List<Problem> otherFailures, int passes, Path classes) {
        int failures() {
            return generatedFailures.size() + otherFailures.size();
        }
    }

    private CorpusCompiler() {
    }

    /**
     * Compiles {@code files} into {@code work/classes}, generated sources into {@code work/generated}.
     *
     * @param classPath the library's own dependencies plus jgo's annotations and runtime
     */
    static Result compile(String library, Path root, List<Path> files, List<Path> classPath, Path work) {
        List<GoAnnotator.Unit> units = GoAnnotator.scan(root, files);
        int methods = units.stream().mapToInt(u -> u.sites().size()).sum();
        Map<GoAnnotator.Unit, Set<GoAnnotator.Site>> skipped = new IdentityHashMap<>();
        units.forEach(u -> skipped.put(u, new HashSet<>()));
        List<Refusal> refusals = new ArrayList<>();
        Path classes = work.resolve("classes");
        Path generated = work.resolve("generated");
        for (int pass = 1; ; pass++) {
            Pass p = compileOnce(units, skipped, classPath, classes, generated, work.resolve("annotated"));
            List<Refusal> fresh = new ArrayList<>();
            List<Problem> other = new ArrayList<>(p.other);
            for (Pass.Reported r : p.refused) {
                GoAnnotator.Site site = r.unit.siteAt(r.position, skipped.get(r.unit));
                if (site != null && PRIVATE_CLASS.matcher(r.message).find()) {
                    // reported once, at the class's first @Go method: all of them are refused
                    for (GoAnnotator.Site s : r.unit.sites()) {
                        if (s.owner().equals(site.owner()) && !skipped.get(r.unit).contains(s)) {
                            fresh.add(new Refusal(r.unit.path(), s, r.line, r.message, pass));
                        }
                    }
                    continue;
                }
                java.util.regex.Matcher override = OVERRIDES_GO.matcher(r.message);
                if ((site == null || skipped.get(r.unit).contains(site)) && override.find()) {
                    // an override that cannot be @Go (refused earlier, or in an anonymous class):
                    // the overridden method loses @Go instead, as its author would have to do
                    int before = fresh.size();
                    for (GoAnnotator.Unit u : units) {
                        for (GoAnnotator.Site s : u.sites()) {
                            if (s.owner().equals(override.group(1)) && s.name().equals(override.group(2))
                                    && !skipped.get(u).contains(s)) {
                                fresh.add(new Refusal(u.path(), s, r.line, r.message, pass));
                            }
                        }
                    }
                    if (fresh.size() == before) {
                        other.add(new Problem(r.unit.path().toString(), r.line, "no annotated method to withdraw for: "
                                + r.message, ""));
                    }
                    continue;
                }
                if (site == null || skipped.get(r.unit).contains(site)) {
                    other.add(new Problem(r.unit.path().toString(), r.line, "refusal outside any annotated method: "
                            + r.message, ""));
                } else {
                    fresh.add(new Refusal(r.unit.path(), site, r.line, r.message, pass));
                }
            }
            // one error per method: a second, different message about the same method is a processor bug
            Map<GoAnnotator.Site, String> first = new HashMap<>();
            List<Refusal> distinct = new ArrayList<>();
            for (Refusal r : fresh) {
                String before = first.putIfAbsent(r.site(), r.message());
                if (before == null) {
                    distinct.add(r);
                    skipped.get(unitOf(units, r.file())).add(r.site());
                } else if (!before.equals(r.message())) {
                    other.add(new Problem(r.file().toString(), r.line(), "second refusal of method " + r.site().name()
                            + ": " + r.message(), ""));
                }
            }
            fresh = distinct;
            refusals.addAll(fresh);
            if (Boolean.getBoolean("jgo.corpus.verbose")) {
                System.out.printf("%s pass %d: %d refused, %d generated-file errors, %d other%n", library, pass,
                        fresh.size(), p.generated.size(), other.size());
            }
            // generated files are compiled only once no method is refused: until then their errors
            // are the missing classes of refused methods
            if (fresh.isEmpty() || pass == MAX_PASSES) {
                int frames = methods - refusals.size();
                return new Result(library, files.size(), methods, frames, refusals, p.generated, other, pass, classes);
            }
        }
    }

    private static GoAnnotator.Unit unitOf(List<GoAnnotator.Unit> units, Path file) {
        for (GoAnnotator.Unit u : units) {
            if (u.path().equals(file)) {
                return u;
            }
        }
        throw new IllegalStateException(file.toString());
    }

    /** What one javac run reported, sorted. */
    private static final class Pass {
        record Reported(GoAnnotator.Unit unit, long position, long line, String message) {
        }

        final List<Reported> refused = new ArrayList<>();
        final List<Problem> generated = new ArrayList<>();
        final List<Problem> other = new ArrayList<>();
    }

    private static Pass compileOnce(List<GoAnnotator.Unit> units, Map<GoAnnotator.Unit, Set<GoAnnotator.Site>> skipped,
                                    List<Path> classPath, Path classes, Path generated, Path annotated) {
        try {
            clean(classes);
            clean(generated);
            clean(annotated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        Map<URI, GoAnnotator.Unit> byObject = new HashMap<>();
        List<JavaFileObject> sources = new ArrayList<>();
        for (GoAnnotator.Unit u : units) {
            String text = u.annotated(skipped.get(u));
            JavaFileObject o = new Annotated(u.path(), text);
            // the annotated text as compiled, to reproduce a failure with plain javac
            try {
                Path copy = annotated.resolve(u.relativePath());
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byObject.put(o.toUri(), u);
            sources.add(o);
        }
        List<String> options = List.of("-nowarn", "-Xmaxerrs", "100000", "-Xlint:none", "--release", "17",
                "-encoding", "UTF-8", "-implicit:none");
        Pass pass = new Pass();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, Locale.ROOT, null)) {
            fm.setLocationFromPaths(javax.tools.StandardLocation.CLASS_PATH, classPath);
            fm.setLocationFromPaths(javax.tools.StandardLocation.CLASS_OUTPUT, List.of(classes));
            fm.setLocationFromPaths(javax.tools.StandardLocation.SOURCE_OUTPUT, List.of(generated));
            JavaCompiler.CompilationTask task = javac.getTask(null, fm, diags, options, null, sources);
            task.setProcessors(List.of(new GoProcessor()));
            task.setLocale(Locale.ROOT);
            boolean ok = task.call();
            if (!ok && diags.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR)) {
                pass.other.add(new Problem("(javac)", 0, "the compilation failed without reporting an error", ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String message = d.getMessage(Locale.ROOT);
            JavaFileObject src = d.getSource();
            GoAnnotator.Unit unit = src == null ? null : byObject.get(src.toUri());
            if (unit != null && message.startsWith("[jgo]") && !message.startsWith("[jgo] internal")) {
                pass.refused.add(new Pass.Reported(unit, d.getPosition(), d.getLineNumber(), message));
                continue;
            }
            String file = src == null ? "(no file)" : src.getName();
            Problem problem = new Problem(file, d.getLineNumber(), message, lineOf(src, d.getLineNumber()));
            if (src != null && unit == null) {
                pass.generated.add(problem);
            } else {
                pass.other.add(problem);
            }
        }
        return pass;
    }

    private static String lineOf(JavaFileObject src, long line) {
        if (src == null || line < 1) {
            return "";
        }
        try {
            String[] lines = src.getCharContent(true).toString().split("\n", -1);
            return line <= lines.length ? lines[(int) line - 1] : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }

    /** A source file with its {@code @Go} annotations, named like the original. */
    private static final class Annotated extends SimpleJavaFileObject {
        private final String text;

        Annotated(Path path, String text) {
            super(URI.create("file://" + path.toAbsolutePath().toString().replace('\\', '/')), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
