package io.jgo.processor.lower;

import com.palantir.javapoet.CodeBlock;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import io.jgo.processor.analyse.LocalVar;

/**
 * What the {@link Printer} asks of the lowering when printed code leaves the printed tree: a
 * jump to a lowered statement, a return of the unit, a lambda capturing a lowered variable.
 */
interface Host {

    /** Code for {@code break}/{@code continue} (label may be null) whose target is lowered. */
    CodeBlock jumpOut(Tree jump, String label, boolean isContinue);

    /** Code for {@code return value;} of the unit (value null for {@code return;}). */
    CodeBlock returnOut(CodeBlock value, Tree at);

    /** Code for {@code yield value;} to a lowered switch expression. */
    CodeBlock yieldOut(CodeBlock value, Tree at);

    /** The name of a final copy of {@code var}, declared before the code being printed. */
    String captureCopy(LocalVar var);

    /** The generated class ({@code FooGo}) holding the entry points of {@code owner}'s @Go methods. */
    com.palantir.javapoet.ClassName generatedClassOf(javax.lang.model.element.TypeElement owner);

    /** Code for a {@code go(...)} site analysed as a spawn. */
    CodeBlock spawn(MethodInvocationTree call, TreePath path);
}
