package io.jgo.processor.analyse;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import io.jgo.processor.diag.UnsupportedCodeException;
import java.util.List;

/**
 * Refuses, at their position, the constructs of Java 21 and later that frames do not print yet:
 * pattern labels and guards in {@code case} ({@code case Integer i when i > 0 ->}), and record
 * patterns ({@code o instanceof Point(int x, int y)}). The processor is built against Java 17's
 * Tree API, which shows neither (a pattern label is missing from {@code getExpressions()}), so
 * without this check they would be printed wrong. Found by the trees' kind names, which exist
 * only on the JDKs that have the constructs.
 */
public final class NewerJava {
    private NewerJava() {
    }

    public static void check(MethodTree method) {
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitCase(CaseTree node, Void unused) {
                for (Tree label : labels(node)) {
                    String kind = label.getKind().name();
                    if (!kind.equals("CONSTANT_CASE_LABEL") && !kind.equals("DEFAULT_CASE_LABEL")
                            && !(label instanceof com.sun.source.tree.ExpressionTree)) {
                        throw new UnsupportedCodeException(label, "a pattern in a case label (" + label
                                + ") is not supported in @Go code yet; test with instanceof in an if chain, or move "
                                + "the switch into a plain helper method");
                    }
                }
                Tree guard = guard(node);
                if (guard != null) {
                    throw new UnsupportedCodeException(guard, "a guard ('when') in a case label is not supported in "
                            + "@Go code yet; test it in the case body, or move the switch into a plain helper method");
                }
                return super.visitCase(node, unused);
            }

            @Override
            public Void visitInstanceOf(InstanceOfTree node, Void unused) {
                Tree pattern = node.getPattern();
                if (pattern != null && !(pattern instanceof com.sun.source.tree.BindingPatternTree)) {
                    throw new UnsupportedCodeException(pattern, "a record pattern (" + pattern + ") is not supported "
                            + "in @Go code yet; bind the record with a type pattern (o instanceof Point p) and use "
                            + "its accessors");
                }
                return super.visitInstanceOf(node, unused);
            }
        }.scan(method.getBody(), null);
    }

    /** {@code CaseTree.getLabels()} where the running JDK has it (Java 21): the labels as written. */
    @SuppressWarnings("unchecked")
    private static List<? extends Tree> labels(CaseTree c) {
        try {
            return (List<? extends Tree>) CaseTree.class.getMethod("getLabels").invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return List.of();
        }
    }

    private static Tree guard(CaseTree c) {
        try {
            return (Tree) CaseTree.class.getMethod("getGuard").invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
