package io.jgo.it.corpus;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Puts {@code @Go} on every method of a source file where a user could put it: a method with a
 * body (not a constructor) of a top-level or member class, interface, enum or record. Methods of
 * anonymous, local and enum-constant classes are left alone: the processor refuses them by design
 * (errors.md, "@Go on method m of an anonymous class"), so annotating them would only test that
 * one refusal again and again. So are abstract and native methods, which have no body.
 *
 * <p>The text is changed only by inserting {@value #ANNOTATION} before a method's first
 * modifier (or its type parameters or result type), so every other offset of the file moves by a
 * known amount and a diagnostic can be traced back to its method.
 */
final class GoAnnotator {
    static final String ANNOTATION = "@io.jgo.annotation.Go ";

    /** A method that may carry {@code @Go}: its class's simple name, its name, its extent in the original text. */
    record Site(String owner, String name, long start, long end) {
    }

    /** A source file and its eligible methods, in order of position. */
    record Unit(Path root, Path path, String text, List<Site> sites) {
        Path relativePath() {
            return root.relativize(path);
        }

        /** The text with {@code @Go} on every site not in {@code skipped}. */
        String annotated(Set<Site> skipped) {
            StringBuilder b = new StringBuilder(text.length() + sites.size() * ANNOTATION.length());
            int at = 0;
            for (Site s : sites) {
                if (skipped.contains(s)) {
                    continue;
                }
                b.append(text, at, (int) s.start()).append(ANNOTATION);
                at = (int) s.start();
            }
            return b.append(text, at, text.length()).toString();
        }

        /**
         * The innermost site around a position of {@link #annotated(Set)}'s text, or null. A
         * position inside an inserted annotation belongs to the method it annotates.
         */
        Site siteAt(long annotatedPos, Set<Site> skipped) {
            long original = annotatedPos;
            long shift = 0;
            for (Site s : sites) {
                if (skipped.contains(s)) {
                    continue;
                }
                long insertedAt = s.start() + shift;
                if (annotatedPos < insertedAt) {
                    break;
                }
                shift += ANNOTATION.length();
                original = Math.max(s.start(), annotatedPos - shift);
            }
            Site best = null;
            for (Site s : sites) {
                if (s.start() <= original && original < s.end()
                        && (best == null || s.end() - s.start() < best.end() - best.start())) {
                    best = s;
                }
            }
            return best;
        }
    }

    private GoAnnotator() {
    }

    /** Parses each file (no attribution) and lists the methods that may carry {@code @Go}. */
    static List<Unit> scan(Path root, List<Path> files) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<Unit> units = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        java.util.Map<URI, Source> byUri = new java.util.HashMap<>();
        for (Path p : files) {
            try {
                Source s = new Source(p, Files.readString(p, StandardCharsets.UTF_8));
                sources.add(s);
                byUri.put(s.toUri(), s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, sources);
        Trees trees = Trees.instance(task);
        SourcePositions pos = trees.getSourcePositions();
        try {
            for (CompilationUnitTree cu : task.parse()) {
                Source src = byUri.get(cu.getSourceFile().toUri());
                List<Site> sites = new ArrayList<>();
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitMethod(MethodTree m, Void v) {
                        if (eligible(getCurrentPath(), m)) {
                            String owner = ((ClassTree) getCurrentPath().getParentPath().getLeaf()).getSimpleName().toString();
                            sites.add(new Site(owner, m.getName().toString(), pos.getStartPosition(cu, m),
                                    pos.getEndPosition(cu, m)));
                        }
                        return super.visitMethod(m, v);
                    }
                }.scan(cu, null);
                sites.sort((a, b) -> Long.compare(a.start(), b.start()));
                units.add(new Unit(root, src.path, src.text, Collections.unmodifiableList(sites)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return units;
    }

    private static boolean eligible(TreePath path, MethodTree m) {
        if (m.getBody() == null || m.getName().contentEquals("<init>")) {
            return false;
        }
        Set<Modifier> mods = m.getModifiers().getFlags();
        if (mods.contains(Modifier.ABSTRACT) || mods.contains(Modifier.NATIVE)) {
            return false;
        }
        // every enclosing tree up to the compilation unit is a class: a member, not a local class
        for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
            Tree t = p.getLeaf();
            if (t instanceof CompilationUnitTree) {
                return true;
            }
            if (!(t instanceof ClassTree)) {
                return false;
            }
            if (p.getParentPath().getLeaf().getKind() == Tree.Kind.NEW_CLASS) {
                return false;
            }
        }
        return false;
    }

    /** A file's text as javac's parser reads it. */
    private static final class Source extends SimpleJavaFileObject {
        final Path path;
        final String text;

        Source(Path path, String text) {
            super(URI.create("string:///" + path.toString().replace('\\', '/')), Kind.SOURCE);
            this.path = path;
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
