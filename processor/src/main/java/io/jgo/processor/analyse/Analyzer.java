package io.jgo.processor.analyse;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.jgo.processor.diag.UnsupportedCodeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Finds, in an attributed {@code @Go} body, the suspension points (by resolved symbol), the
 * {@code go(...)} spawn sites, and where each local variable must live.
 *
 * <p>A variable declared where every enclosing statement contains a suspension point is
 * "lowered": its declaration becomes an assignment. It becomes a frame field when it may be
 * read after a suspension point without being written first (a reference after the point, or a
 * loop around both), else a local of {@code resume}.
 */
public final class Analyzer {
    /** Names generated code uses in {@code resume} or the frame; user variables are renamed. */
    private static final Set<String> RESERVED = Set.of(
            "value", "error", "label", "self", "caller", "g", "SUSPENDED", "LINES", "dispatch$");

    /** The suspending function types, by qualified name: a lambda of one in @Go code is a frame. */
    public static final Set<String> FN_TYPES = Set.of("io.jgo.GoRunnable", "io.jgo.GoCallable", "io.jgo.GoConsumer",
            "io.jgo.GoFunction", "io.jgo.GoBiConsumer", "io.jgo.GoBiFunction");

    private final Trees trees;
    private final Types types;
    private final Elements elements;

    public Analyzer(Trees trees, Types types, Elements elements) {
        this.trees = trees;
        this.types = types;
        this.elements = elements;
    }

    /** The first use in the method of the simple name {@code name}, or null. */
    public IdentifierTree firstUseOf(TreePath method, String name) {
        IdentifierTree[] found = {null};
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void unused) {
                if (found[0] == null && node.getName().contentEquals(name)) {
                    found[0] = node;
                }
                return null;
            }
        }.scan(method, null);
        return found[0];
    }

    /** True if some expression or symbol in the method is erroneous (e.g. a class generated later). */
    public boolean hasErrorTypes(TreePath method) {
        boolean[] found = {false};
        new TreePathScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (found[0] || tree == null) {
                    return null;
                }
                if (tree instanceof ExpressionTree && !(tree instanceof LambdaExpressionTree)) {
                    TypeMirror t = trees.getTypeMirror(new TreePath(getCurrentPath(), tree));
                    if (t != null && t.getKind() == TypeKind.ERROR) {
                        found[0] = true;
                        return null;
                    }
                }
                return super.scan(tree, unused);
            }
        }.scan(method, null);
        return found[0];
    }

    /** Builds and analyses the unit of a {@code @Go} method (and of the lambdas it spawns). */
    public Unit analyseMethod(ExecutableElement method, TreePath methodPath, String frameName) {
        MethodTree tree = (MethodTree) methodPath.getLeaf();
        TreePath body = new TreePath(methodPath, tree.getBody());
        Unit unit = new Unit(Unit.Kind.METHOD, method, body, null, frameName, method.getReturnType());
        unit.params.addAll(method.getParameters());
        unit.needsSelf = !method.getModifiers().contains(Modifier.STATIC);
        analyse(unit, methodPath.getCompilationUnit());
        return unit;
    }

    private void analyse(Unit unit, CompilationUnitTree cu) {
        Scan scan = new Scan(unit, cu);
        scan.scan(unit.body, null);
        List<TreePath> points = new ArrayList<>(scan.suspensionPaths);
        points.addAll(scan.preemptPaths);
        Set<Tree> outerLoops = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TreePath p : points) {
            for (TreePath q = p; q != null && q.getLeaf() != unit.body.getParentPath().getLeaf(); q = q.getParentPath()) {
                unit.suspending.add(q.getLeaf());
                if (q != p && unit.preemptLoops.contains(q.getLeaf())) {
                    outerLoops.add(q.getLeaf());
                }
                if (q.getLeaf() == unit.body.getLeaf()) {
                    break;
                }
            }
        }
        unit.suspending.add(unit.body.getLeaf());
        for (Tree loop : unit.preemptLoops) {
            if (!outerLoops.contains(loop)) {
                unit.leafLoops.add(loop);
            }
        }
        classifyVariables(unit, scan, cu);
        int n = 0;
        for (Unit child : unit.children) {
            n++;
            analyseLambda(unit, child, cu);
        }
    }

    /** The simple name of the suspending function type {@code t} is (GoRunnable, ...), or null. */
    public String fnType(TypeMirror t) {
        if (t instanceof DeclaredType dt && dt.asElement() instanceof TypeElement te
                && FN_TYPES.contains(te.getQualifiedName().toString())) {
            return te.getSimpleName().toString();
        }
        return null;
    }

    private void analyseLambda(Unit parent, Unit child, CompilationUnitTree cu) {
        // captured variables: referenced in the lambda, declared outside it
        Set<VariableElement> declaredInside = new HashSet<>();
        Set<VariableElement> captured = new LinkedHashSet<>();
        boolean[] self = {false};
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree node, Void unused) {
                Element e = trees.getElement(getCurrentPath());
                if (e instanceof VariableElement v) {
                    declaredInside.add(v);
                }
                return super.visitVariable(node, unused);
            }

            @Override
            public Void visitIdentifier(IdentifierTree node, Void unused) {
                Element e = trees.getElement(getCurrentPath());
                if (e instanceof VariableElement v && isLocal(v) && !declaredInside.contains(v)) {
                    captured.add(v);
                } else if (node.getName().contentEquals("this") || isImplicitInstanceMember(e, getCurrentPath())) {
                    self[0] = true;
                }
                return null;
            }
        }.scan(child.body, null);
        captured.removeAll(declaredInside);
        if (child.kind == Unit.Kind.FN_LAMBDA) {
            // the captured values first, then the lambda's own parameters (the call's arguments)
            List<VariableElement> own = new ArrayList<>();
            for (VariableTree p : child.lambda.getParameters()) {
                own.add((VariableElement) trees.getElement(new TreePath(child.body.getParentPath(), p)));
            }
            captured.removeAll(own);
            child.params.addAll(captured);
            child.params.addAll(own);
            child.lambdaParams = own.size();
        } else {
            child.params.addAll(captured);
        }
        child.needsSelf = self[0] && parent.needsSelf;
        analyse(child, cu);
    }

    /** The locals declared outside {@code tree} that it references. */
    private Set<VariableElement> captures(TreePath tree) {
        Set<VariableElement> declaredInside = new HashSet<>();
        Set<VariableElement> captured = new LinkedHashSet<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree node, Void unused) {
                if (trees.getElement(getCurrentPath()) instanceof VariableElement v) {
                    declaredInside.add(v);
                }
                return super.visitVariable(node, unused);
            }

            @Override
            public Void visitIdentifier(IdentifierTree node, Void unused) {
                if (trees.getElement(getCurrentPath()) instanceof VariableElement v && isLocal(v)) {
                    captured.add(v);
                }
                return null;
            }
        }.scan(tree, null);
        captured.removeAll(declaredInside);
        return captured;
    }

    /** An unqualified name that means {@code this.name}. */
    boolean isImplicitInstanceMember(Element e, TreePath path) {
        if (e == null || e.getModifiers().contains(Modifier.STATIC)) {
            return false;
        }
        return e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.METHOD;
    }

    static boolean isLocal(VariableElement v) {
        return switch (v.getKind()) {
            case LOCAL_VARIABLE, PARAMETER, EXCEPTION_PARAMETER, RESOURCE_VARIABLE -> true;
            default -> v.getKind().name().equals("BINDING_VARIABLE");
        };
    }

    // ------------------------------------------------------------------------------------------

    /** One pass over a unit's body (not into the bodies of spawned lambdas). */
    private final class Scan extends TreePathScanner<Void, Void> {
        final Unit unit;
        final CompilationUnitTree cu;
        final List<TreePath> suspensionPaths = new ArrayList<>();
        final List<TreePath> declarations = new ArrayList<>();
        final Map<VariableElement, List<Long>> references = new IdentityHashMap<>();
        final List<Tree> loops = new ArrayList<>();
        /** Locals that a local class declaration captures (it is declared at the top of resume). */
        final Set<VariableElement> capturedByLocalClass = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Loops whose back-edge gets a preemption check: a resumable state at their head. */
        final List<TreePath> preemptPaths = new ArrayList<>();
        /** Lambdas of go(() -> f(args)) with a @Go f: their receiver and arguments belong to this unit. */
        final Set<Tree> spawnedCallLambdas = Collections.newSetFromMap(new IdentityHashMap<>());
        /**
         * Above 0 inside the body of a suspending function's lambda: this unit prints it again as
         * plain Java (what the function runs when called from plain code), so its variables are
         * named here, but its suspension points belong to the lambda's own frame.
         */
        int plainCopy;

        Scan(Unit unit, CompilationUnitTree cu) {
            this.unit = unit;
            this.cu = cu;
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            String fn = plainCopy == 0 ? fnType(trees.getTypeMirror(getCurrentPath())) : null;
            if (fn == null) {
                return super.visitLambdaExpression(node, unused);
            }
            long fns = unit.children.stream().filter(c -> c.kind == Unit.Kind.FN_LAMBDA).count();
            TypeMirror result = fnResultType(trees.getTypeMirror(getCurrentPath()));
            Unit child = new Unit(Unit.Kind.FN_LAMBDA, unit.method, new TreePath(getCurrentPath(), node.getBody()),
                    node, unit.frameName + "_Fn" + (fns + 1), result);
            child.fnType = fn;
            unit.children.add(child);
            unit.fnLambdas.put(node, child);
            plainCopy++;
            try {
                return super.visitLambdaExpression(node, unused);
            } finally {
                plainCopy--;
            }
        }

        @Override
        public Void visitMemberReference(com.sun.source.tree.MemberReferenceTree node, Void unused) {
            Element e = trees.getElement(getCurrentPath());
            if (plainCopy == 0 && e instanceof ExecutableElement m && (AnnotationNames.has(m, AnnotationNames.SUSPENDING)
                    || AnnotationNames.has(m, AnnotationNames.GO))) {
                TypeMirror target = trees.getTypeMirror(getCurrentPath());
                String fn = fnType(target);
                if (fn == null) {
                    String ti = target instanceof DeclaredType dt ? dt.asElement().getSimpleName().toString() : "?";
                    throw new UnsupportedCodeException(node, "a method reference to suspending method "
                            + m.getSimpleName() + "(...) where a plain functional interface (" + ti + ") is expected: "
                            + "each call would block its carrier thread; use a for loop, or a suspending function type "
                            + "(" + suggestFn(m) + ")");
                }
                if (m.isVarArgs()) {
                    throw new UnsupportedCodeException(node, "a method reference of a suspending function type to "
                            + "the variable-arity method " + m.getSimpleName() + "(...) is not supported; use a lambda "
                            + "that calls it");
                }
                unit.fnReferences.add(node);
            }
            return super.visitMemberReference(node, unused);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            Element e = trees.getElement(getCurrentPath());
            if (plainCopy > 0) {
                return super.visitMethodInvocation(node, unused);
            }
            if (e instanceof ExecutableElement m && isJgoRun(m) && !insideLambdaOrClass(getCurrentPath())) {
                throw new UnsupportedCodeException(node, "Jgo.run(...) inside @Go code blocks a carrier thread until "
                        + "the goroutine it starts has ended; call the @Go method directly (T v = m(args);), or start "
                        + "it with go(() -> m(args))");
            }
            if (e instanceof ExecutableElement m) {
                if (isGoSpawn(m) && node.getArguments().size() == 1
                        && strip(node.getArguments().get(0)) instanceof LambdaExpressionTree lambda) {
                    spawn(node, lambda);
                    return null;
                }
                if (AnnotationNames.has(m, AnnotationNames.SUSPENDING)) {
                    suspension(new Suspension(Suspension.Kind.TWIN, m, trees.getTypeMirror(getCurrentPath())));
                } else if (AnnotationNames.has(m, AnnotationNames.GO)) {
                    suspension(new Suspension(Suspension.Kind.GO_CALL, m, trees.getTypeMirror(getCurrentPath())));
                }
            }
            return super.visitMethodInvocation(node, unused);
        }

        @Override
        public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
            TypeMirror iterated = trees.getTypeMirror(new TreePath(getCurrentPath(), node.getExpression()));
            if (plainCopy > 0) {
                loops.add(node);
                return super.visitEnhancedForLoop(node, unused);
            }
            if (hasRangeNext(iterated)) {
                suspension(new Suspension(Suspension.Kind.RANGE, null, iterableElementType(iterated)));
            } else {
                preemptible();
            }
            loops.add(node);
            return super.visitEnhancedForLoop(node, unused);
        }

        @Override
        public Void visitForLoop(ForLoopTree node, Void unused) {
            loops.add(node);
            preemptible();
            return super.visitForLoop(node, unused);
        }

        @Override
        public Void visitWhileLoop(WhileLoopTree node, Void unused) {
            loops.add(node);
            preemptible();
            return super.visitWhileLoop(node, unused);
        }

        @Override
        public Void visitDoWhileLoop(DoWhileLoopTree node, Void unused) {
            loops.add(node);
            preemptible();
            return super.visitDoWhileLoop(node, unused);
        }

        /**
         * Go preempts any loop, so every loop of the unit gets a check at the head of each
         * iteration, which may yield: a state boundary, like a suspension point. Not in code
         * that is not @Go code (lambdas, class bodies) or that must not yield (synchronized).
         */
        private void preemptible() {
            TreePath path = getCurrentPath();
            for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
                Tree t = p.getLeaf();
                if (t == unit.body.getLeaf()) {
                    break;
                }
                if (t instanceof SynchronizedTree || t instanceof LambdaExpressionTree || t instanceof ClassTree) {
                    return;
                }
            }
            preemptPaths.add(path);
            unit.preemptLoops.add(path.getLeaf());
        }

        @Override
        public Void visitVariable(VariableTree node, Void unused) {
            declarations.add(getCurrentPath());
            return super.visitVariable(node, unused);
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
            Tree parent = getCurrentPath().getParentPath().getLeaf();
            if (parent instanceof BlockTree || parent instanceof com.sun.source.tree.CaseTree) {
                capturedByLocalClass.addAll(captures(getCurrentPath()));
            }
            return super.visitClass(node, unused);
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
            Element e = trees.getElement(getCurrentPath());
            if (e instanceof VariableElement v && isLocal(v)) {
                references.computeIfAbsent(v, k -> new ArrayList<>()).add(start(node));
            }
            if (node.getName().contentEquals("this")) {
                unit.needsSelf |= unit.kind == Unit.Kind.METHOD && unit.needsSelf;
            }
            return null;
        }

        @Override
        public Void visitAssignment(AssignmentTree node, Void unused) {
            written(node.getVariable());
            return super.visitAssignment(node, unused);
        }

        @Override
        public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
            written(node.getVariable());
            return super.visitCompoundAssignment(node, unused);
        }

        @Override
        public Void visitUnary(UnaryTree node, Void unused) {
            switch (node.getKind()) {
                case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> written(node.getExpression());
                default -> { }
            }
            return super.visitUnary(node, unused);
        }

        private void written(ExpressionTree target) {
            Element e = trees.getElement(new TreePath(getCurrentPath(), target));
            if (e instanceof VariableElement v && isLocal(v)) {
                unit.reassigned.add(v);
            }
        }

        private void spawn(MethodInvocationTree node, LambdaExpressionTree lambda) {
            TreePath lambdaPath = new TreePath(new TreePath(getCurrentPath(), node.getArguments().get(0)), lambda);
            if (node.getArguments().get(0) != lambda) {
                lambdaPath = new TreePath(getCurrentPath(), lambda); // parenthesised: path shape is irrelevant below
            }
            Tree body = lambda.getBody();
            TreePath bodyPath = new TreePath(lambdaPath, body);
            if (body instanceof MethodInvocationTree call) {
                Element callee = trees.getElement(bodyPath);
                if (callee != null && AnnotationNames.has(callee, AnnotationNames.GO)) {
                    unit.spawnedCalls.add(node);
                    spawnedCallLambdas.add(lambda);
                    // Go's `go f(args)`: the receiver and the arguments, whatever expressions they
                    // are, are evaluated here, in this unit, at the go statement; one that suspends
                    // (go(() -> f(ch.recv()))) is a suspension point of this unit, spilled in order
                    scan(new TreePath(bodyPath, call.getMethodSelect()), null);
                    for (ExpressionTree a : call.getArguments()) {
                        scan(new TreePath(bodyPath, a), null);
                    }
                    return;
                }
            }
            String name = unit.frameName + "_Go" + (unit.children.size() + 1);
            Unit child = new Unit(Unit.Kind.GO_LAMBDA, unit.method, bodyPath, lambda, name,
                    types.getNoType(TypeKind.VOID));
            unit.children.add(child);
            unit.spawnedLambdas.put(node, child);
            // references from the lambda to this unit's variables count as uses here (captures)
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitIdentifier(IdentifierTree id, Void unused) {
                    Element e = trees.getElement(getCurrentPath());
                    if (e instanceof VariableElement v && isLocal(v)) {
                        references.computeIfAbsent(v, k -> new ArrayList<>()).add(start(node));
                    }
                    return null;
                }
            }.scan(bodyPath, null);
        }

        /** True inside a lambda or class body of this unit: code that is not the goroutine's own. */
        private boolean insideLambdaOrClass(TreePath path) {
            for (TreePath p = path.getParentPath(); p != null && p.getLeaf() != unit.body.getLeaf(); p = p.getParentPath()) {
                if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
                    return true;
                }
            }
            return false;
        }

        private void suspension(Suspension s) {
            TreePath path = getCurrentPath();
            check(path);
            unit.suspensions.put(path.getLeaf(), s);
            suspensionPaths.add(path);
        }

        /** Rejects suspension points where the transform cannot put a state boundary. */
        private void check(TreePath path) {
            String what = describe(path.getLeaf());
            if (path.getLeaf() == unit.body.getLeaf()) {
                return; // the body of go(() -> ch.send(x)) itself
            }
            for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
                Tree t = p.getLeaf();
                if (t == unit.body.getLeaf()) {
                    return;
                }
                if (t instanceof SynchronizedTree) {
                    throw new UnsupportedCodeException(path.getLeaf(), what + " inside a synchronized block: a goroutine "
                            + "cannot suspend while holding a monitor; use io.jgo's Mutex (or a channel) instead "
                            + "of synchronized, or move the operation out of the block");
                }
                if (t instanceof LambdaExpressionTree && spawnedCallLambdas.contains(t)) {
                    continue; // an argument of go(() -> f(args)): evaluated by the spawner, see spawn()
                }
                if (t instanceof LambdaExpressionTree) {
                    throw new UnsupportedCodeException(path.getLeaf(), what + " inside a lambda of a plain "
                            + "functional interface: its body is not @Go code and cannot suspend; use a for loop "
                            + "instead of forEach-style calls, give the lambda a suspending function type "
                            + "(GoRunnable, GoConsumer, GoFunction, ...), or spawn it with go(() -> ...)");
                }
                if (t instanceof ClassTree) {
                    throw new UnsupportedCodeException(path.getLeaf(), what + " inside a local or anonymous class: its "
                            + "methods are not @Go code; move the operation into a @Go method of a named class");
                }
            }
        }

        private String describe(Tree t) {
            if (t instanceof EnhancedForLoopTree) {
                return "a range loop over a channel";
            }
            Element e = trees.getElement(getCurrentPath());
            if (e != null && AnnotationNames.has(e, AnnotationNames.GO)) {
                return "a call of @Go method " + e.getSimpleName() + "(...)";
            }
            return "a suspending call" + (e != null ? " (" + e.getSimpleName() + ")" : "");
        }

        long start(Tree t) {
            return trees.getSourcePositions().getStartPosition(cu, t);
        }
    }

    private static boolean isJgoRun(ExecutableElement m) {
        return m.getSimpleName().contentEquals("run") && m.getEnclosingElement() instanceof TypeElement owner
                && owner.getQualifiedName().contentEquals("io.jgo.Jgo");
    }

    /** The suspending function type that matches {@code m}'s shape, for a diagnostic. */
    private static String suggestFn(ExecutableElement m) {
        int n = m.getParameters().size();
        boolean result = m.getReturnType().getKind() != TypeKind.VOID;
        return switch (n) {
            case 0 -> result ? "GoCallable" : "GoRunnable";
            case 1 -> result ? "GoFunction" : "GoConsumer";
            default -> result ? "GoBiFunction" : "GoBiConsumer";
        };
    }

    /** The result type of a suspending function type's method, as a member of {@code fnType}; void if none. */
    private TypeMirror fnResultType(TypeMirror fnType) {
        DeclaredType dt = (DeclaredType) fnType;
        for (Element member : ((TypeElement) dt.asElement()).getEnclosedElements()) {
            if (member instanceof ExecutableElement m && m.getModifiers().contains(Modifier.ABSTRACT)) {
                // the frame's own result type only types its resume: Object is always denotable,
                // and the caller casts the value to the type at the call site
                return m.getReturnType().getKind() == TypeKind.VOID ? m.getReturnType()
                        : elements.getTypeElement("java.lang.Object").asType();
            }
        }
        return types.getNoType(TypeKind.VOID);
    }

    private boolean isGoSpawn(ExecutableElement m) {
        return m.getSimpleName().contentEquals("go")
                && m.getEnclosingElement() instanceof TypeElement owner
                && owner.getQualifiedName().contentEquals("io.jgo.Jgo")
                && m.getParameters().size() == 1
                && types.erasure(m.getParameters().get(0).asType()).toString().equals("java.lang.Runnable");
    }

    /** True if values of {@code type} offer {@code rangeNext(Frame)}: channels and their views. */
    public boolean hasRangeNext(TypeMirror type) {
        if (!(type instanceof DeclaredType dt)) {
            return false;
        }
        for (Element member : elements.getAllMembers((TypeElement) dt.asElement())) {
            if (member instanceof ExecutableElement m && m.getSimpleName().contentEquals("rangeNext")
                    && m.getParameters().size() == 1
                    && types.erasure(m.getParameters().get(0).asType()).toString().equals("io.jgo.runtime.Frame")) {
                return true;
            }
        }
        return false;
    }

    /** {@code E} of the {@code Iterable<E>} that {@code type} implements; Object if unknown. */
    public TypeMirror iterableElementType(TypeMirror type) {
        TypeElement iterable = elements.getTypeElement("java.lang.Iterable");
        List<TypeMirror> work = new ArrayList<>(List.of(type));
        while (!work.isEmpty()) {
            TypeMirror t = work.remove(0);
            if (t instanceof DeclaredType dt && dt.asElement().equals(iterable)) {
                if (dt.getTypeArguments().size() == 1) {
                    return dt.getTypeArguments().get(0);
                }
                break;
            }
            work.addAll(types.directSupertypes(t));
        }
        return elements.getTypeElement("java.lang.Object").asType();
    }

    static ExpressionTree strip(ExpressionTree e) {
        while (e instanceof ParenthesizedTree p) {
            e = p.getExpression();
        }
        return e;
    }

    // ------------------------------------------------------------------------------------------

    private void classifyVariables(Unit unit, Scan scan, CompilationUnitTree cu) {
        Set<String> used = new HashSet<>(RESERVED);
        for (VariableElement p : unit.params) {
            unit.vars.put(p, new LocalVar(p, unique(p.getSimpleName().toString(), used), p.asType(),
                    LocalVar.Storage.FIELD));
        }
        SourcePositions pos = trees.getSourcePositions();
        for (TreePath decl : scan.declarations) {
            Element e = trees.getElement(decl);
            if (!(e instanceof VariableElement v) || !isLocal(v) || unit.vars.containsKey(v)) {
                continue;
            }
            LocalVar.Storage storage = LocalVar.Storage.NATIVE;
            if (isLoweredLevel(unit, decl)) {
                // a resource is read again by its implicit close(), after the body's suspensions
                // a local class declared at this level is declared at the top of resume and
                // reads what it captures from the frame's fields when an instance is created
                storage = v.getKind() == ElementKind.RESOURCE_VARIABLE || scan.capturedByLocalClass.contains(v)
                        || livesAcrossSuspension(unit, scan, decl, v, pos, cu)
                        ? LocalVar.Storage.FIELD : LocalVar.Storage.RESUME_LOCAL;
                if (storage == LocalVar.Storage.RESUME_LOCAL && livesAcrossPreemption(scan, decl, v, pos, cu)) {
                    unit.preemptSaved.add(v);
                }
            }
            unit.vars.put(v, new LocalVar(v, unique(v.getSimpleName().toString(), used), v.asType(), storage));
        }
    }

    private static String unique(String base, Set<String> used) {
        String name = base;
        for (int i = 1; !used.add(name); i++) {
            name = base + "$" + i;
        }
        return name;
    }

    /** Every enclosing statement up to the body contains a suspension point. */
    private boolean isLoweredLevel(Unit unit, TreePath decl) {
        if (decl.getParentPath().getLeaf() instanceof EnhancedForLoopTree loop && unit.leafLoops.contains(loop)
                && loop.getVariable() == decl.getLeaf()) {
            return false; // declared inside each iteration of a loop printed as a Java loop
        }
        boolean binding = decl.getLeaf().getKind().name().equals("BINDING_PATTERN")
                || !(decl.getParentPath().getLeaf() instanceof BlockTree
                        || decl.getParentPath().getLeaf() instanceof ForLoopTree
                        || decl.getParentPath().getLeaf() instanceof EnhancedForLoopTree
                        || decl.getParentPath().getLeaf() instanceof CatchTree
                        || decl.getParentPath().getLeaf() instanceof TryTree
                        || decl.getParentPath().getLeaf() instanceof com.sun.source.tree.CaseTree);
        boolean skippedOwnStatement = !binding;
        for (TreePath p = decl.getParentPath(); p != null; p = p.getParentPath()) {
            Tree t = p.getLeaf();
            if (t instanceof LambdaExpressionTree || t instanceof ClassTree) {
                return false; // also when the body itself is a lambda (a function that makes one)
            }
            if (t == unit.body.getLeaf()) {
                return true;
            }
            if (t instanceof StatementTree) {
                if (!skippedOwnStatement) {
                    skippedOwnStatement = true; // a pattern binding may flow out of its statement
                    continue;
                }
                if (!unit.isSuspending(t)) {
                    return false;
                }
            }
        }
        return false;
    }

    /** A local variable's declaration, scope and references, as source positions. */
    private record Span(Tree scope, long scopeStart, long scopeEnd, long declEnd, List<Long> refs, boolean forInit) {
        /** True if position {@code p} is in the variable's scope, after its declaration. */
        boolean after(long p) {
            return p >= declEnd && p < scopeEnd && p >= scopeStart;
        }
    }

    private Span span(Scan scan, TreePath decl, VariableElement v, SourcePositions pos, CompilationUnitTree cu) {
        Tree scope = scopeOf(decl);
        return new Span(scope, pos.getStartPosition(cu, scope), pos.getEndPosition(cu, scope),
                pos.getEndPosition(cu, decl.getLeaf()), scan.references.getOrDefault(v, List.of()),
                decl.getParentPath().getLeaf() instanceof ForLoopTree);
    }

    private boolean livesAcrossSuspension(Unit unit, Scan scan, TreePath decl, VariableElement v,
            SourcePositions pos, CompilationUnitTree cu) {
        Span span = span(scan, decl, v, pos, cu);
        for (TreePath s : scan.suspensionPaths) {
            long sp = pos.getStartPosition(cu, s.getLeaf());
            if (!span.after(sp)) {
                continue;
            }
            // where execution continues after the point: past a call's arguments, or in a range body
            long after = s.getLeaf() instanceof EnhancedForLoopTree loop
                    ? pos.getStartPosition(cu, loop.getStatement()) : pos.getEndPosition(cu, s.getLeaf());
            for (long r : span.refs()) {
                if (r >= after) {
                    return true;
                }
            }
            if (readInLoopAround(scan, sp, span, pos, cu)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if a loop around position {@code sp} (one that starts after the declaration and ends in
     * its scope, or a for loop declaring it in its initializer) reads the variable somewhere: the
     * loop's next iteration may read what was there before {@code sp}.
     */
    private static boolean readInLoopAround(Scan scan, long sp, Span v, SourcePositions pos, CompilationUnitTree cu) {
        for (Tree loop : scan.loops) {
            long ls = pos.getStartPosition(cu, loop);
            long le = pos.getEndPosition(cu, loop);
            boolean candidate = (ls > v.declEnd() && le <= v.scopeEnd()) || (v.forInit() && loop == v.scope());
            if (candidate && ls <= sp && sp < le) {
                for (long r : v.refs()) {
                    if (ls <= r && r < le) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A local of resume that may be read after a loop's preemption check without being written
     * first: it is saved into a field when the check yields, and restored on resumption.
     * Conservative: saving a dead variable is harmless.
     */
    private boolean livesAcrossPreemption(Scan scan, TreePath decl, VariableElement v, SourcePositions pos,
            CompilationUnitTree cu) {
        Span span = span(scan, decl, v, pos, cu);
        for (TreePath lp : scan.preemptPaths) {
            long sp = preemptPosition(lp.getLeaf(), pos, cu);
            if (!span.after(sp)) {
                continue;
            }
            for (long r : span.refs()) {
                if (r >= sp) {
                    return true; // the loop runs again from its head after the check
                }
            }
            if (readInLoopAround(scan, sp, span, pos, cu)) {
                return true;
            }
        }
        return false;
    }

    /** Where a loop's check stands: after a for loop's initializers, else at the loop. */
    private static long preemptPosition(Tree loop, SourcePositions pos, CompilationUnitTree cu) {
        if (loop instanceof ForLoopTree f && !f.getInitializer().isEmpty()) {
            return pos.getEndPosition(cu, f.getInitializer().get(f.getInitializer().size() - 1));
        }
        return pos.getStartPosition(cu, loop);
    }

    private static Tree scopeOf(TreePath decl) {
        TreePath p = decl.getParentPath();
        if (p.getLeaf() instanceof BlockTree || p.getLeaf() instanceof ForLoopTree
                || p.getLeaf() instanceof EnhancedForLoopTree || p.getLeaf() instanceof CatchTree
                || p.getLeaf() instanceof TryTree || p.getLeaf() instanceof com.sun.source.tree.CaseTree) {
            return p.getLeaf();
        }
        // a pattern binding: conservatively, the block around its statement
        while (p != null && !(p.getLeaf() instanceof BlockTree)) {
            p = p.getParentPath();
        }
        return p != null ? p.getLeaf() : decl.getLeaf();
    }
}
