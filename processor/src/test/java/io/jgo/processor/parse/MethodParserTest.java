package io.jgo.processor.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import io.jgo.processor.testing.Attributed;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;
import org.junit.jupiter.api.Test;

/**
 * The javac behaviour the whole processor stands on (docs/processor.md, "The pipeline"): after
 * parsing, the method's own trees are attributed in place. If a future JDK changes it, this
 * fails first.
 */
class MethodParserTest {

    @Test
    void afterParsingEveryExpressionHasATypeAndEveryCallASymbol() {
        List<String> seen = new ArrayList<>();
        Attributed.forEachGoMethod("p.A", """
                package p;
                import io.jgo.*; import io.jgo.annotation.Go;
                class A {
                    @Go static int f(Chan<Integer> ch) {
                        var x = ch.recv();
                        java.util.function.Function<Integer, Integer> g = y -> y + 1;
                        return g.apply(x);
                    }
                }
                """, ctx -> {
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
                    Element e = ctx.trees().getElement(getCurrentPath());
                    assertTrue(e instanceof ExecutableElement, node + " has no method symbol");
                    seen.add(e.getEnclosingElement().getSimpleName() + "." + e.getSimpleName());
                    assertNotNull(ctx.trees().getTypeMirror(getCurrentPath()), node + " has no type");
                    return super.visitMethodInvocation(node, unused);
                }

                @Override
                public Void visitVariable(VariableTree node, Void unused) {
                    TypeMirror t = ctx.trees().getElement(getCurrentPath()).asType();
                    seen.add(node.getName() + ":" + t);
                    return super.visitVariable(node, unused);
                }
            }.scan(new TreePath(ctx.method().path(), ctx.method().tree().getBody()), null);
        });
        assertEquals(List.of("x:java.lang.Integer", "Chan.recv", "g:java.util.function.Function<java.lang.Integer,java.lang.Integer>",
                "y:java.lang.Integer", "Function.apply"), seen);
    }
}
