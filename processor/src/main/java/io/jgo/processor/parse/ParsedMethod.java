package io.jgo.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import javax.lang.model.element.ExecutableElement;

/** A {@code @Go} method with its source tree, attributed in place by javac. */
public record ParsedMethod(ExecutableElement element, MethodTree tree, TreePath path) {

    /** The compilation unit the method is declared in. */
    public CompilationUnitTree unit() {
        return path.getCompilationUnit();
    }
}
