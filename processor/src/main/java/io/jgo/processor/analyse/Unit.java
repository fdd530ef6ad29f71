package io.jgo.processor.analyse;

import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * A body that becomes one frame class: a {@code @Go} method's body, or the body of a lambda
 * spawned with {@code go(() -> { ... })}. Filled by {@link Analyzer}.
 */
public final class Unit {

    public enum Kind {
        METHOD,
        GO_LAMBDA,
        /** A lambda of a suspending function type (GoRunnable, ...): a frame per call. */
        FN_LAMBDA
    }

    public final Kind kind;
    /** The {@code @Go} method (for a lambda: the method it is written in). */
    public final ExecutableElement method;
    /** The body: a block, or a lambda's expression. */
    public final TreePath body;
    /** For GO_LAMBDA: the lambda. */
    public final LambdaExpressionTree lambda;
    /** The frame class's simple name, unique in the generated class. */
    public final String frameName;
    /** The result type: the method's return type; void for a lambda. */
    public final TypeMirror resultType;

    // ---- analysis results ----

    /** Parameters (a method's, or a lambda's captured variables), in constructor order. */
    public final List<VariableElement> params = new ArrayList<>();
    /** Whether the frame keeps the receiver (an instance method, or a lambda using {@code this}). */
    public boolean needsSelf;
    /** Every suspension point, by tree. */
    public final Map<Tree, Suspension> suspensions = new IdentityHashMap<>();
    /** Every tree that contains a suspension point (the points themselves included). */
    public final Set<Tree> suspending = Collections.newSetFromMap(new IdentityHashMap<>());
    /** {@code go(() -> ...)} sites whose lambda body became a frame of its own. */
    public final Map<MethodInvocationTree, Unit> spawnedLambdas = new IdentityHashMap<>();
    /** {@code go(() -> f(a, b))} sites with a {@code @Go} callee and plain arguments. */
    public final Set<MethodInvocationTree> spawnedCalls = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Variables declared in (or captured by) this unit. */
    public final Map<VariableElement, LocalVar> vars = new LinkedHashMap<>();
    /** Variables written after their declaration. */
    public final Set<VariableElement> reassigned = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Loops with a preemption check at their head (every loop of the unit's own code). */
    public final Set<Tree> preemptLoops = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Preemptible loops with no suspension point or other such loop inside: printed as Java loops. */
    public final Set<Tree> leafLoops = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Locals of resume that live across a preemption check: saved when it yields. */
    public final Set<VariableElement> preemptSaved = new java.util.LinkedHashSet<>();
    /** Lambdas of a suspending function type in this unit's code, and their frames. */
    public final Map<Tree, Unit> fnLambdas = new IdentityHashMap<>();
    /** Method references of a suspending function type to a suspending method: no frame of their own. */
    public final Set<Tree> fnReferences = Collections.newSetFromMap(new IdentityHashMap<>());
    /** For FN_LAMBDA: how many parameters at the end of {@link #params} are the lambda's own. */
    public int lambdaParams;
    /** For FN_LAMBDA: the suspending function type (its erasure's simple name, e.g. GoConsumer). */
    public String fnType;
    /** Frames of lambdas spawned from this unit. */
    public final List<Unit> children = new ArrayList<>();

    public Unit(Kind kind, ExecutableElement method, TreePath body, LambdaExpressionTree lambda,
            String frameName, TypeMirror resultType) {
        this.kind = kind;
        this.method = method;
        this.body = body;
        this.lambda = lambda;
        this.frameName = frameName;
        this.resultType = resultType;
    }

    public boolean isSuspending(Tree tree) {
        return suspending.contains(tree);
    }

    @Override
    public String toString() {
        return frameName;
    }
}
