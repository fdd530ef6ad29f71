package io.jgo.processor.diag;

import com.sun.source.tree.Tree;

/**
 * Thrown by a stage when a {@code @Go} method uses a construct the transform cannot handle; the
 * processor reports it at {@link #tree()} and generates nothing for that class.
 */
public final class UnsupportedCodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Tree tree;

    public UnsupportedCodeException(Tree tree, String message) {
        super(message);
        this.tree = tree;
    }

    /** Where the construct is. */
    public Tree tree() {
        return tree;
    }
}
