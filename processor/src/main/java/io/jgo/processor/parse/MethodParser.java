package io.jgo.processor.parse;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;

/**
 * Finds a method's source tree and makes javac attribute it.
 *
 * <p>Relies on a javac behaviour checked by this module's tests on JDK 17 and 25: the first
 * {@link Trees#getElement} on a tree that has no symbol yet attributes the whole top-level
 * class in place, after which every expression of the original trees has a type and every
 * invocation a resolved method symbol.
 */
public final class MethodParser {
    private final Trees trees;

    public MethodParser(Trees trees) {
        this.trees = trees;
    }

    /** The method's tree, attributed; empty when it has no source here (a class file). */
    public Optional<ParsedMethod> parse(ExecutableElement method) {
        TreePath path = trees.getPath(method);
        if (path == null || !(path.getLeaf() instanceof MethodTree tree)) {
            return Optional.empty();
        }
        if (tree.getBody() != null) {
            attribute(new TreePath(path, tree.getBody()));
        }
        return Optional.of(new ParsedMethod(method, tree, path));
    }

    /**
     * Asks for the symbol of the first name in the body (names in the signature already have one),
     * which attributes the enclosing class.
     */
    private void attribute(TreePath body) {
        new TreePathScanner<Boolean, Void>() {
            private boolean done;

            @Override
            public Boolean visitIdentifier(IdentifierTree node, Void unused) {
                touch();
                return null;
            }

            @Override
            public Boolean visitMemberSelect(MemberSelectTree node, Void unused) {
                touch();
                return super.visitMemberSelect(node, unused);
            }

            private void touch() {
                if (!done) {
                    done = true;
                    trees.getElement(getCurrentPath());
                }
            }
        }.scan(body, null);
    }
}
