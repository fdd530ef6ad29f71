package io.jgo.processor.parse;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code @Go} methods that annotation processing never shows the processor: methods of
 * anonymous classes (an enum constant's body is one) and of local classes. javac hands a
 * processor only the members of named, non-local classes, so without this scan such a method
 * compiles silently and then runs as plain Java (or fails at run time, unprocessed).
 *
 * <p>Runs on the parsed trees alone, without attribution: the annotation is recognised by name,
 * {@code @io.jgo.annotation.Go}, or {@code @Go} in a file that imports {@code io.jgo.annotation.Go} or
 * {@code io.jgo.annotation.*}.
 */
public final class HiddenGoMethods {
    private static final String GO = "io.jgo.annotation.Go";

    /** A hidden {@code @Go} method and why it is hidden. */
    public record Hidden(MethodTree method, AnnotationTree annotation, String where) {
    }

    private HiddenGoMethods() {
    }

    public static List<Hidden> in(CompilationUnitTree unit) {
        boolean simpleNameIsGo = false;
        for (ImportTree i : unit.getImports()) {
            String imported = i.getQualifiedIdentifier().toString();
            if (!i.isStatic() && (imported.equals(GO) || imported.equals("io.jgo.annotation.*"))) {
                simpleNameIsGo = true;
            }
        }
        boolean goBySimpleName = simpleNameIsGo;
        List<Hidden> found = new ArrayList<>();
        new TreeScanner<Void, String>() {
            // where: null inside named member classes; else what hides the class being scanned
            @Override
            public Void visitNewClass(NewClassTree node, String where) {
                scan(node.getEnclosingExpression(), where);
                scan(node.getIdentifier(), where);
                scan(node.getArguments(), where);
                if (node.getClassBody() != null) {
                    scan(node.getClassBody(), "an anonymous class");
                }
                return null;
            }

            @Override
            public Void visitBlock(BlockTree node, String where) {
                statements(node.getStatements(), where);
                return null;
            }

            @Override
            public Void visitCase(CaseTree node, String where) {
                scan(node.getExpressions(), where);
                if (node.getStatements() != null) {
                    statements(node.getStatements(), where); // a local class right in a case group
                } else {
                    scan(node.getBody(), where);
                }
                return null;
            }

            private void statements(List<? extends StatementTree> statements, String where) {
                for (StatementTree s : statements) {
                    if (s instanceof ClassTree local) {
                        scan(local, "local class " + local.getSimpleName());
                    } else {
                        scan(s, where);
                    }
                }
            }

            @Override
            public Void visitMethod(MethodTree node, String where) {
                if (where != null) {
                    for (AnnotationTree a : node.getModifiers().getAnnotations()) {
                        if (isGo(a.getAnnotationType(), goBySimpleName)) {
                            found.add(new Hidden(node, a, where));
                        }
                    }
                }
                return super.visitMethod(node, where);
            }
        }.scan(unit, null);
        return found;
    }

    private static boolean isGo(Tree type, boolean bySimpleName) {
        if (type instanceof IdentifierTree id) {
            return bySimpleName && id.getName().contentEquals("Go");
        }
        return type instanceof MemberSelectTree ms && ms.toString().equals(GO);
    }
}
