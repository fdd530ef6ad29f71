package io.jgo.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.tools.Diagnostic;

/**
 * Reports problems at source positions. Every message says what is wrong and what to write
 * instead; docs/errors.md lists them all.
 */
public final class Diagnostics {
    private final Trees trees;
    private int errors;

    public Diagnostics(Trees trees) {
        this.trees = trees;
    }

    /** A compile error at {@code tree} in {@code unit}. */
    public void error(Tree tree, CompilationUnitTree unit, String message) {
        errors++;
        trees.printMessage(Diagnostic.Kind.ERROR, "[jgo] " + message, tree, unit);
    }

    /** Errors reported so far. */
    public int errorCount() {
        return errors;
    }
}
