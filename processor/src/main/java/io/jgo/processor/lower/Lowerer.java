package io.jgo.processor.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.jgo.processor.analyse.LocalVar;
import io.jgo.processor.analyse.Suspension;
import io.jgo.processor.analyse.Unit;
import io.jgo.processor.diag.UnsupportedCodeException;
import io.jgo.processor.lower.JumpTargets.CatchEntry;
import io.jgo.processor.lower.JumpTargets.Finally;
import io.jgo.processor.lower.JumpTargets.TryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Lowers one unit into a {@link StateMachine}: walks the body in Java's order and decides what
 * becomes a state, leaving the bookkeeping to three parts:
 * <ul>
 *   <li>{@link StateBuilder} writes the states: labels, code, jumps, preemption checks, the
 *       exception dispatch;</li>
 *   <li>{@link JumpTargets} knows what {@code break}, {@code continue}, {@code yield},
 *       {@code return} and exceptions resolve against: the enclosing lowered statements, the
 *       finally blocks on the way out, the current try entry;</li>
 *   <li>{@link FrameStorage} decides where values live: frame fields for locals and spilled
 *       temporaries, locals of {@code resume}, the classes declared in the method.</li>
 * </ul>
 *
 * <p>Statements that contain a suspension point are taken apart into states with explicit jumps;
 * every other statement is printed unchanged into the current state. Expressions that contain a
 * suspension point are evaluated in Java's order with the operands before the point spilled into
 * frame fields. After a twin or {@code call} returned {@code SUSPENDED} the frame returns it at
 * once: nothing else runs until the runtime resumes it.
 */
public final class Lowerer implements Host {
    private final Trees trees;
    private final Types types;
    private final Elements elements;
    private final TypeNames typeNames;
    private final Unit unit;
    private final CompilationUnitTree cu;
    private final ClassName generated;
    private final TypeElement userClass;
    private final Printer printer;
    private final Completion completion;
    private final GeneratedNames generatedNames;
    private final JumpTargets targets = new JumpTargets();
    private final FrameStorage storage;
    private final StateBuilder states;

    /** Maps a class to the name of the class generated for it. */
    public interface GeneratedNames {
        ClassName of(TypeElement userClass);
    }

    public Lowerer(Trees trees, Types types, Elements elements, Unit unit, ClassName generated,
            TypeElement userClass, PrivateAccess privates, GeneratedNames generatedNames) {
        this.trees = trees;
        this.types = types;
        this.elements = elements;
        this.typeNames = new TypeNames(types, elements, true);
        this.unit = unit;
        this.cu = unit.body.getCompilationUnit();
        this.generated = generated;
        this.userClass = userClass;
        this.generatedNames = generatedNames;
        this.printer = new Printer(trees, types, typeNames, unit, this, privates, generated, userClass, cu);
        this.completion = new Completion(trees);
        this.storage = new FrameStorage(trees, types, elements, typeNames, unit, userClass);
        this.states = new StateBuilder(targets, storage.preemptSaves());
    }

    private long line(Tree t) {
        long pos = trees.getSourcePositions().getStartPosition(cu, t);
        return pos < 0 ? states.line() : cu.getLineMap().getLineNumber(pos);
    }

    // ================================================================ entry

    public StateMachine lower() {
        Label entry = states.newLabel();
        states.atLine(line(unit.body.getLeaf()));
        states.mark(entry);
        states.comment("entry");
        Tree body = unit.body.getLeaf();
        if (body instanceof BlockTree) {
            for (StatementTree s : ((BlockTree) body).getStatements()) {
                stmt(Printer.child(unit.body, s));
            }
        } else if (unit.kind == Unit.Kind.FN_LAMBDA && unit.resultType.getKind() != TypeKind.VOID) {
            // a function's expression body is its result; the body counts as suspending even
            // when nothing in it suspends (e.g. a lambda that makes another function)
            boolean points = !unit.suspensions.isEmpty() || !unit.preemptLoops.isEmpty();
            states.emit(returnOut(points ? expr(unit.body) : printer.expr(unit.body), body));
            states.close();
        } else if (unit.kind == Unit.Kind.FN_LAMBDA && unit.suspensions.isEmpty() && unit.preemptLoops.isEmpty()) {
            states.emitStatement("$L", printer.statementExpression(unit.body));
        } else {
            exprStatement(unit.body);
        }
        if (states.isOpen()) {
            if (unit.resultType.getKind() == TypeKind.VOID) {
                states.emitStatement("return null");
            } else {
                states.emitStatement("throw new $T($S)", IllegalStateException.class, "fell off the end of " + unit.frameName);
            }
            states.close();
        }
        Label returnLabel = targets.returnLabelIfUsed();
        if (returnLabel != null) {
            // every try has been left: the state is covered by no try entry
            states.mark(returnLabel);
            states.comment("return after finally");
            states.emitStatement("return result$$");
            states.close();
        }
        states.restoreStates();
        return build();
    }

    private StateMachine build() {
        FrameStorage.Layout layout = storage.layout(targets.returnLabelIfUsed() != null);
        List<TypeVariableName> tvs = new ArrayList<>();
        if (!unit.method.getModifiers().contains(Modifier.STATIC)) {
            for (TypeParameterElement tp : TypeNames.classTypeParameters(userClass)) {
                tvs.add(typeNames.declaration(tp));
            }
        }
        for (TypeParameterElement tp : unit.method.getTypeParameters()) {
            tvs.add(typeNames.declaration(tp));
        }
        return new StateMachine(unit, tvs, typeNames.boxed(unit.resultType), layout.params(), layout.fields(),
                layout.locals(), layout.resumeLocals(), layout.declaresClasses(), states.states(),
                states.exceptionDispatch(false), states.exceptionDispatch(true), states.lines(), new ArrayList<>());
    }

    // ================================================================ statements

    private void stmt(TreePath p) {
        Tree t = p.getLeaf();
        states.atLine(line(t));
        if (!unit.isSuspending(t)) {
            if (t instanceof ClassTree) {
                hoistLocalClass(p);
                return;
            }
            CodeBlock.Builder b = CodeBlock.builder();
            printer.stmt(p, b);
            states.emit(b.build());
            if (!completion.canComplete(p)) {
                states.close();
            }
            return;
        }
        if (states.isOpen()) {
            CodeBlock.Builder marker = CodeBlock.builder();
            printer.lineMarker(t, marker);
            states.emit(marker.build());
        }
        if (unit.leafLoops.contains(t)) {
            leafLoop(p, p, null);
            return;
        }
        if (t instanceof LabeledStatementTree l && unit.leafLoops.contains(l.getStatement())) {
            leafLoop(p, Printer.child(p, l.getStatement()), l);
            return;
        }
        switch (t.getKind()) {
            case BLOCK -> {
                for (StatementTree s : ((BlockTree) t).getStatements()) {
                    stmt(Printer.child(p, s));
                }
            }
            case EXPRESSION_STATEMENT -> exprStatement(Printer.child(p, ((ExpressionStatementTree) t).getExpression()));
            case VARIABLE -> {
                VariableTree v = (VariableTree) t;
                LocalVar lv = unit.vars.get((VariableElement) trees.getElement(p));
                CodeBlock value = expr(Printer.child(p, v.getInitializer()));
                states.emitStatement("$N = $L", lv.name, value);
            }
            case IF -> ifStatement(p, (IfTree) t);
            case WHILE_LOOP -> whileLoop(p, (WhileLoopTree) t, null);
            case DO_WHILE_LOOP -> doWhileLoop(p, (DoWhileLoopTree) t, null);
            case FOR_LOOP -> forLoop(p, (ForLoopTree) t, null);
            case ENHANCED_FOR_LOOP -> enhancedFor(p, (EnhancedForLoopTree) t, null);
            case LABELED_STATEMENT -> labeled(p, (LabeledStatementTree) t);
            case SWITCH -> switchStatement(p, (SwitchTree) t);
            case RETURN -> {
                ReturnTree r = (ReturnTree) t;
                CodeBlock v = expr(Printer.child(p, r.getExpression()));
                states.emit(returnOut(v, r));
                states.close();
            }
            case THROW -> {
                CodeBlock v = expr(Printer.child(p, ((ThrowTree) t).getExpression()));
                states.emitStatement("throw $L", v);
                states.close();
            }
            case YIELD -> {
                CodeBlock v = expr(Printer.child(p, ((YieldTree) t).getValue()));
                states.emit(yieldOut(v, t));
                states.close();
            }
            case TRY -> tryStatement(p, (TryTree) t);
            default -> throw new UnsupportedCodeException(t, "a suspension point inside this statement ("
                    + t.getKind() + ") is not supported; move it to its own statement before it");
        }
    }

    private void hoistLocalClass(TreePath p) {
        CodeBlock.Builder b = CodeBlock.builder();
        printer.hoistedLocalClass(p, unit.frameName, b);
        if (states.hasPendingCaptures()) {
            throw new UnsupportedCodeException(p.getLeaf(), "internal: a local class captured a copy");
        }
        storage.hoistClass(b.build());
    }

    private void exprStatement(TreePath p) {
        ExpressionTree e = (ExpressionTree) p.getLeaf();
        while (e instanceof ParenthesizedTree pt) {
            p = Printer.child(p, pt.getExpression());
            e = pt.getExpression();
        }
        if (!unit.isSuspending(e)) {
            states.emitStatement("$L", printer.statementExpression(p));
            return;
        }
        Suspension s = unit.suspensions.get(e);
        if (s != null) {
            suspendCall(p, (MethodInvocationTree) e, s, false);
            return;
        }
        CodeBlock c = expr(p);
        if (e instanceof ConditionalExpressionTree || e instanceof SwitchExpressionTree) {
            return; // already evaluated into a temporary; the value is unused
        }
        states.emitStatement("$L", c);
    }

    private CodeBlock condition(TreePath p) {
        while (p.getLeaf() instanceof ParenthesizedTree pt) {
            p = Printer.child(p, pt.getExpression());
        }
        return expr(p);
    }

    private void ifStatement(TreePath p, IfTree i) {
        CodeBlock cond = condition(Printer.child(p, i.getCondition()));
        TreePath then = Printer.child(p, i.getThenStatement());
        TreePath other = i.getElseStatement() == null ? null : Printer.child(p, i.getElseStatement());
        if (!unit.isSuspending(i.getThenStatement()) && (other == null || !unit.isSuspending(i.getElseStatement()))) {
            CodeBlock.Builder b = CodeBlock.builder().beginControlFlow("if ($L)", cond);
            printer.stmt(then, b);
            if (other != null) {
                b.nextControlFlow("else");
                printer.stmt(other, b);
            }
            b.endControlFlow();
            states.emit(b.build());
            boolean completes = other == null || completion.canComplete(then) || completion.canComplete(other);
            if (!completes) {
                states.close();
            }
            return;
        }
        Label elseL = states.newLabel();
        Label end = other == null ? elseL : states.newLabel();
        states.jumpUnless(cond, elseL);
        stmt(then);
        if (other != null) {
            if (states.isOpen()) {
                states.jump(end);
            }
            states.mark(elseL);
            stmt(other);
        }
        states.mark(end);
    }

    /**
     * A loop with no suspension point inside: a Java loop in a state of its own, whose every
     * iteration starts with the preemption check. Entering the state again re-enters the loop
     * exactly where the check stood (after the condition of the previous iteration and the for
     * update, before this iteration's condition), so a yield there resumes it.
     */
    private void leafLoop(TreePath whole, TreePath p, LabeledStatementTree labelled) {
        Tree t = p.getLeaf();
        // before the loop's state: for initializers, the for-each source (kept in fields)
        String arr = null;
        String idx = null;
        String it = null;
        TypeName itType = null;
        if (t instanceof ForLoopTree f) {
            for (StatementTree s : f.getInitializer()) {
                TreePath sp = Printer.child(p, s);
                if (s instanceof VariableTree v) {
                    LocalVar lv = unit.vars.get((VariableElement) trees.getElement(sp));
                    if (v.getInitializer() != null) {
                        states.emitStatement("$N = $L", lv.name, printer.expr(Printer.child(sp, v.getInitializer())));
                    }
                } else {
                    stmt(sp);
                }
            }
        } else if (t instanceof EnhancedForLoopTree f) {
            TreePath ep = Printer.child(p, f.getExpression());
            TypeMirror iterated = printer.type(ep);
            CodeBlock source = printer.expr(ep);
            if (iterated.getKind() == TypeKind.ARRAY) {
                arr = storage.temp(iterated);
                idx = storage.field("i", TypeName.INT);
                states.emitStatement("$N = $L", arr, source);
                states.emitStatement("$N = 0", idx);
            } else {
                TypeName arg = typeNames.typeArgument(iterableElement(iterated));
                itType = ParameterizedTypeName.get(ClassName.get(java.util.Iterator.class), arg.isPrimitive() ? arg.box() : arg);
                it = storage.field("it", itType);
                states.emitStatement("$N = $L.iterator()", it, source);
            }
        }
        Label head = states.newLabel();
        states.atLine(line(t));
        states.mark(head);
        // the loop's state: everything below is printed after states.mark(head), so that the final
        // copies of captured locals are declared in this state
        CodeBlock.Builder b = CodeBlock.builder();
        List<CodeBlock> saves = new ArrayList<>();
        CodeBlock header;
        CodeBlock cond = null;
        CodeBlock element = null;
        TreePath body;
        String what;
        switch (t.getKind()) {
            case WHILE_LOOP -> {
                WhileLoopTree w = (WhileLoopTree) t;
                TreePath cp = Printer.child(p, w.getCondition());
                cond = completion.isConstantTrue(cp) ? null : printer.condition(cp);
                header = CodeBlock.of("for (;;)");
                body = Printer.child(p, w.getStatement());
                what = "while";
            }
            case DO_WHILE_LOOP -> {
                header = CodeBlock.of("do");
                body = Printer.child(p, ((DoWhileLoopTree) t).getStatement());
                what = "do";
            }
            case FOR_LOOP -> {
                ForLoopTree f = (ForLoopTree) t;
                if (f.getCondition() != null) {
                    TreePath cp = Printer.child(p, f.getCondition());
                    cond = completion.isConstantTrue(cp) ? null : printer.condition(cp);
                }
                List<CodeBlock> update = new ArrayList<>();
                for (ExpressionStatementTree u : f.getUpdate()) {
                    TreePath up = Printer.child(p, u);
                    update.add(printer.statementExpression(Printer.child(up, u.getExpression())));
                }
                header = update.isEmpty() ? CodeBlock.of("for (;;)") : CodeBlock.of("for (;; $L)", CodeBlock.join(update, ", "));
                body = Printer.child(p, f.getStatement());
                what = "for";
            }
            case ENHANCED_FOR_LOOP -> {
                EnhancedForLoopTree f = (EnhancedForLoopTree) t;
                VariableElement v = (VariableElement) trees.getElement(Printer.child(p, f.getVariable()));
                LocalVar lv = unit.vars.get(v);
                String fin = f.getVariable().getModifiers().getFlags().contains(Modifier.FINAL) ? "final " : "";
                if (arr != null) {
                    // the loop runs on Java locals; the index is saved only when the check yields
                    String arrLocal = arr + "$l";
                    String idxLocal = idx + "$l";
                    b.add("final $T $N = $N;\n", typeNames.of(printer.type(Printer.child(p, f.getExpression()))), arrLocal, arr);
                    saves.add(CodeBlock.of("$N = $N", idx, idxLocal));
                    header = CodeBlock.of("for (int $N = $N;; $N++)", idxLocal, idx, idxLocal);
                    cond = CodeBlock.of("$N < $N.length", idxLocal, arrLocal);
                    element = CodeBlock.of("$L$L $N = $N[$N];\n", fin, printer.localType(v), lv.name, arrLocal, idxLocal);
                    what = "for over an array";
                } else {
                    String itLocal = it + "$l";
                    b.add("final $T $N = $N;\n", itType, itLocal, it);
                    header = CodeBlock.of("for (;;)");
                    cond = CodeBlock.of("$N.hasNext()", itLocal);
                    element = CodeBlock.of("$L$L $N = $N.next();\n", fin, printer.localType(v), lv.name, itLocal);
                    what = "for over an Iterable";
                }
                body = Printer.child(p, f.getStatement());
            }
            default -> throw new UnsupportedCodeException(t, "internal: not a loop");
        }
        states.comment(what + ", line " + states.line() + " (a Java loop with a preemption check)");
        if (labelled != null) {
            b.add("$L:\n", labelled.getLabel());
        }
        b.beginControlFlow("$L", header);
        b.add(states.preemptCheck(head, saves));
        if (cond != null) {
            b.add("if (!($L)) break;\n", cond);
        }
        if (element != null) {
            b.add(element);
        }
        printer.loopBody(body, t, labelled, b);
        if (t instanceof DoWhileLoopTree d) {
            b.endControlFlow("while ($L)", printer.condition(Printer.child(p, d.getCondition())));
        } else {
            b.endControlFlow();
        }
        states.emit(b.build());
        if (!completion.canComplete(whole)) {
            states.close();
        }
    }

    private void whileLoop(TreePath p, WhileLoopTree w, String label) {
        Label head = states.newLabel();
        Label end = states.newLabel();
        states.mark(head);
        states.comment("while, line " + states.line());
        TreePath cp = Printer.child(p, w.getCondition());
        if (!completion.isConstantTrue(cp)) {
            states.jumpUnless(condition(cp), end);
        }
        targets.withinLoop(w, label, end, head, () -> stmt(Printer.child(p, w.getStatement())));
        states.backEdge(head);
        states.mark(end);
    }

    private void doWhileLoop(TreePath p, DoWhileLoopTree d, String label) {
        Label body = states.newLabel();
        Label cont = states.newLabel();
        Label end = states.newLabel();
        states.mark(body);
        states.comment("do, line " + states.line());
        targets.withinLoop(d, label, end, cont, () -> stmt(Printer.child(p, d.getStatement())));
        states.mark(cont);
        CodeBlock cond = condition(Printer.child(p, d.getCondition()));
        states.emit(CodeBlock.builder().beginControlFlow("if ($L)", cond).add(states.backEdgeCode(body)).endControlFlow().build());
        states.mark(end);
    }

    private void forLoop(TreePath p, ForLoopTree f, String label) {
        for (StatementTree s : f.getInitializer()) {
            TreePath sp = Printer.child(p, s);
            if (s instanceof VariableTree v && !unit.isSuspending(s)) {
                LocalVar lv = unit.vars.get((VariableElement) trees.getElement(sp));
                if (v.getInitializer() != null) {
                    states.emitStatement("$N = $L", lv.name, printer.expr(Printer.child(sp, v.getInitializer())));
                }
            } else {
                stmt(sp);
            }
        }
        Label head = states.newLabel();
        Label cont = states.newLabel();
        Label end = states.newLabel();
        states.mark(head);
        states.comment("for, line " + states.line());
        if (f.getCondition() != null) {
            TreePath cp = Printer.child(p, f.getCondition());
            if (!completion.isConstantTrue(cp)) {
                states.jumpUnless(condition(cp), end);
            }
        }
        targets.withinLoop(f, label, end, cont, () -> stmt(Printer.child(p, f.getStatement())));
        states.mark(cont);
        for (ExpressionStatementTree u : f.getUpdate()) {
            TreePath up = Printer.child(p, u);
            exprStatement(Printer.child(up, u.getExpression()));
        }
        states.backEdge(head);
        states.mark(end);
    }

    private void enhancedFor(TreePath p, EnhancedForLoopTree f, String label) {
        TreePath ep = Printer.child(p, f.getExpression());
        TreePath vp = Printer.child(p, f.getVariable());
        LocalVar lv = unit.vars.get((VariableElement) trees.getElement(vp));
        Suspension range = unit.suspensions.get(f);
        TypeMirror iterated = printer.type(ep);
        CodeBlock source = expr(ep);
        Label head = states.newLabel();
        Label end = states.newLabel();
        Label cont;
        if (range != null) {
            CodeBlock ch = source;
            if (!storage.isStable(ep)) {
                String tmp = storage.temp(iterated);
                states.emitStatement("$N = $L", tmp, source);
                ch = CodeBlock.of("$N", tmp);
            }
            cont = head;
            states.mark(head);
            states.comment("range over a channel, line " + states.line());
            Label next = states.newLabel();
            states.endWith(CodeBlock.builder()
                    .add("label = $L;\n", next.id)
                    .add("value = $L.rangeNext(this);\n", ch)
                    .add("if (value == SUSPENDED) return SUSPENDED;\n").build(), next);
            states.mark(next);
            states.comment("line " + states.line() + ": next element of the range");
            states.emitStatement("if (error != null) throw error");
            states.emit(CodeBlock.builder().beginControlFlow("if (value == $T.END)", RuntimeNames.CHAN).add(StateBuilder.jumpCode(end))
                    .endControlFlow().build());
            states.emitStatement("$N = ($T) value", lv.name, typeNames.of(range.resultType()));
        } else if (iterated.getKind() == TypeKind.ARRAY) {
            String arr = storage.temp(iterated);
            String idx = storage.field("i", TypeName.INT);
            states.emitStatement("$N = $L", arr, source);
            states.emitStatement("$N = 0", idx);
            cont = states.newLabel();
            states.mark(head);
            states.comment("for over an array, line " + states.line());
            states.jumpUnless(CodeBlock.of("$N < $N.length", idx, arr), end);
            states.emitStatement("$N = $N[$N]", lv.name, arr, idx);
            targets.withinLoop(f, label, end, cont, () -> stmt(Printer.child(p, f.getStatement())));
            states.mark(cont);
            states.emitStatement("$N++", idx);
            states.backEdge(head);
            states.mark(end);
            return;
        } else {
            TypeMirror elem = iterableElement(iterated);
            TypeName arg = typeNames.typeArgument(elem);
            String it = storage.field("it", ParameterizedTypeName.get(ClassName.get(java.util.Iterator.class),
                    arg.isPrimitive() ? arg.box() : arg));
            states.emitStatement("$N = $L.iterator()", it, source);
            cont = head;
            states.mark(head);
            states.comment("for over an Iterable, line " + states.line());
            states.jumpUnless(CodeBlock.of("$N.hasNext()", it), end);
            states.emitStatement("$N = $N.next()", lv.name, it);
        }
        targets.withinLoop(f, label, end, cont, () -> stmt(Printer.child(p, f.getStatement())));
        states.backEdge(head);
        states.mark(end);
    }

    private TypeMirror iterableElement(TypeMirror t) {
        TypeElement iterable = elements.getTypeElement("java.lang.Iterable");
        List<TypeMirror> work = new ArrayList<>(List.of(t));
        while (!work.isEmpty()) {
            TypeMirror x = work.remove(0);
            if (x.getKind() == TypeKind.DECLARED && types.asElement(x).equals(iterable)) {
                List<? extends TypeMirror> args = ((javax.lang.model.type.DeclaredType) x).getTypeArguments();
                return args.isEmpty() ? elements.getTypeElement("java.lang.Object").asType() : args.get(0);
            }
            work.addAll(types.directSupertypes(x));
        }
        return elements.getTypeElement("java.lang.Object").asType();
    }

    private void labeled(TreePath p, LabeledStatementTree l) {
        String name = l.getLabel().toString();
        TreePath sp = Printer.child(p, l.getStatement());
        Tree s = l.getStatement();
        switch (s.getKind()) {
            case WHILE_LOOP -> whileLoop(sp, (WhileLoopTree) s, name);
            case DO_WHILE_LOOP -> doWhileLoop(sp, (DoWhileLoopTree) s, name);
            case FOR_LOOP -> forLoop(sp, (ForLoopTree) s, name);
            case ENHANCED_FOR_LOOP -> enhancedFor(sp, (EnhancedForLoopTree) s, name);
            default -> {
                Label end = states.newLabel();
                targets.withinBreakable(l, name, end, () -> stmt(sp));
                states.mark(end);
            }
        }
    }

    /** Emits the dispatch of a lowered switch; returns the label of each case. */
    private List<Label> switchDispatch(TreePath p, List<? extends CaseTree> cases, TypeMirror selType,
            CodeBlock selector, CodeBlock noMatch) {
        List<Label> labels = new ArrayList<>();
        CodeBlock.Builder b = CodeBlock.builder().beginControlFlow("switch ($L)", selector);
        boolean hasDefault = false;
        for (CaseTree c : cases) {
            Label l = states.newLabel();
            labels.add(l);
            hasDefault |= c.getExpressions().isEmpty();
            b.add("$L:\n$>", printer.caseLabels(Printer.child(p, c), c, selType));
            b.add("label = $L;\n", l.id).add("break;\n").add("$<");
        }
        if (!hasDefault) {
            b.add("default:\n$>").add(noMatch).add("$<");
        }
        b.endControlFlow();
        b.add("continue dispatch$$;\n");
        states.emit(b.build());
        states.close();
        return labels;
    }

    private void switchStatement(TreePath p, SwitchTree sw) {
        TreePath sel = Printer.child(p, sw.getExpression());
        TypeMirror selType = printer.type(sel);
        CodeBlock selector = condition(sel);
        Label end = states.newLabel();
        List<Label> labels = switchDispatch(p, sw.getCases(), selType, selector,
                CodeBlock.builder().add("label = $L;\n", end.id).build());
        targets.withinBreakable(sw, null, end, () -> cases(p, sw.getCases(), labels, end, this::exprStatement));
        states.mark(end);
    }

    /**
     * Lowers each case at its label. A rule's expression goes to {@code ruleExpression}; a rule
     * that completes goes to {@code end}, a group of statements falls through to the next case.
     */
    private void cases(TreePath p, List<? extends CaseTree> cases, List<Label> labels, Label end,
            Consumer<TreePath> ruleExpression) {
        for (int i = 0; i < cases.size(); i++) {
            CaseTree c = cases.get(i);
            TreePath cp = Printer.child(p, c);
            states.mark(labels.get(i));
            if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                Tree body = c.getBody();
                if (body instanceof ExpressionTree) {
                    ruleExpression.accept(Printer.child(cp, body));
                } else {
                    stmt(Printer.child(cp, body));
                }
                if (states.isOpen()) {
                    states.jump(end);
                }
            } else {
                for (StatementTree s : c.getStatements()) {
                    stmt(Printer.child(cp, s));
                }
            }
        }
    }

    private Finally newFinally() {
        Finally fin = targets.newFinally(states.newLabel());
        storage.bookkeeping(fin.next(), TypeName.INT);
        storage.bookkeeping(fin.thrown(), ClassName.get(Throwable.class));
        return fin;
    }

    private void tryStatement(TreePath p, TryTree t) {
        if (!t.getResources().isEmpty() && t.getCatches().isEmpty() && t.getFinallyBlock() == null) {
            resources(p, t, 0);
            return;
        }
        Finally fin = t.getFinallyBlock() != null ? newFinally() : null;
        // try (R r = ...) B catch ... finally ...  ==  try { try (R r = ...) B } catch ... finally ...
        Runnable block = t.getResources().isEmpty() ? () -> stmt(Printer.child(p, t.getBlock())) : () -> resources(p, t, 0);
        lowerTry(p, t, fin, block);
    }

    /** Lowers try/catch/finally whose try block is {@code block}. */
    private void lowerTry(TreePath p, TryTree t, Finally fin, Runnable block) {
        Label after = states.newLabel();
        List<CatchEntry> catches = new ArrayList<>();
        List<TreePath> catchBodies = new ArrayList<>();
        for (CatchTree c : t.getCatches()) {
            TreePath cp = Printer.child(p, c);
            TreePath vp = Printer.child(cp, c.getParameter());
            VariableElement v = (VariableElement) trees.getElement(vp);
            LocalVar lv = unit.vars.get(v);
            List<TypeName> alternatives = new ArrayList<>();
            TypeMirror vt = v.asType();
            if (vt.getKind() == TypeKind.UNION) {
                for (TypeMirror a : ((javax.lang.model.type.UnionType) vt).getAlternatives()) {
                    alternatives.add(typeNames.of(a));
                }
            } else {
                alternatives.add(typeNames.of(vt));
            }
            catches.add(new CatchEntry(alternatives, lv.name, typeNames.of(vt), states.newLabel()));
            catchBodies.add(Printer.child(cp, c.getBlock()));
        }
        if (fin != null) {
            states.emitStatement("$N = null", fin.thrown());
        }
        Label tryStart = states.newLabel();
        TryEntry outer = targets.enterTry(catches, fin);
        states.mark(tryStart);
        states.comment("try, line " + states.line());
        block.run();
        targets.enterCatches(outer, fin);
        Label afterTry = fin != null ? fin.start() : after;
        if (states.isOpen()) {
            if (fin != null) {
                states.emitStatement("$N = $L", fin.next(), after.id);
            }
            states.jump(afterTry);
        }
        for (int i = 0; i < catches.size(); i++) {
            states.atLine(line(t.getCatches().get(i)));
            states.mark(catches.get(i).body());
            states.comment("catch, line " + states.line());
            stmt(catchBodies.get(i));
            if (states.isOpen()) {
                if (fin != null) {
                    states.emitStatement("$N = $L", fin.next(), after.id);
                }
                states.jump(afterTry);
            }
        }
        targets.exitTry(outer, fin);
        if (fin != null) {
            states.atLine(line(t.getFinallyBlock()));
            states.mark(fin.start());
            states.comment("finally, line " + states.line());
            stmt(Printer.child(p, t.getFinallyBlock()));
            if (states.isOpen()) {
                states.emitStatement("if ($N != null) throw $N", fin.thrown(), fin.thrown());
                states.emitStatement("label = $N", fin.next());
                states.emitStatement("continue dispatch$$");
                states.close();
            }
        }
        states.mark(after);
    }

    /** try-with-resources, resource {@code i} onwards, as JLS 14.20.3.1 spells it out. */
    private void resources(TreePath p, TryTree t, int i) {
        if (i == t.getResources().size()) {
            stmt(Printer.child(p, t.getBlock()));
            return;
        }
        Tree r = t.getResources().get(i);
        TreePath rp = Printer.child(p, r);
        String resource;
        if (r instanceof VariableTree v) {
            LocalVar lv = unit.vars.get((VariableElement) trees.getElement(rp));
            states.emitStatement("$N = $L", lv.name, expr(Printer.child(rp, v.getInitializer())));
            resource = lv.name;
        } else {
            resource = storage.temp(printer.type(rp));
            states.emitStatement("$N = $L", resource, expr(rp));
        }
        Finally fin = newFinally();
        Label after = states.newLabel();
        states.emitStatement("$N = null", fin.thrown());
        Label start = states.newLabel();
        TryEntry outer = targets.enterTry(List.of(), fin);
        states.mark(start);
        states.comment("try-with-resources, line " + states.line());
        resources(p, t, i + 1);
        if (states.isOpen()) {
            states.emitStatement("$N = $L", fin.next(), after.id);
            states.jump(fin.start());
        }
        targets.exitTry(outer, fin);
        states.mark(fin.start());
        states.comment("close " + resource);
        states.emit(CodeBlock.builder()
                .beginControlFlow("if ($N != null)", resource)
                .beginControlFlow("if ($N != null)", fin.thrown())
                .beginControlFlow("try")
                .add("$N.close();\n", resource)
                .nextControlFlow("catch ($T suppressed$$)", Throwable.class)
                .add("$N.addSuppressed(suppressed$$);\n", fin.thrown())
                .endControlFlow()
                .nextControlFlow("else")
                .add("$N.close();\n", resource)
                .endControlFlow()
                .endControlFlow()
                .add("if ($N != null) throw $N;\n", fin.thrown(), fin.thrown())
                .add("label = $N;\n", fin.next())
                .add("continue dispatch$$;\n")
                .build());
        states.close();
        states.mark(after);
    }

    // ================================================================ Host

    @Override
    public CodeBlock jumpOut(Tree jump, String label, boolean isContinue) {
        JumpTargets.Target t = targets.jumpTarget(label, isContinue);
        if (t == null) {
            throw new UnsupportedCodeException(jump, "internal: no lowered target for this jump");
        }
        Label to = isContinue ? t.continueTo : t.breakTo;
        if (isContinue && t.finallyDepth == targets.finallyDepth()) {
            // a continue that crosses no finally is a back-edge: it checks for preemption
            return CodeBlock.builder().add("{\n$>").add(states.backEdgeCode(to)).add("$<}\n").build();
        }
        return CodeBlock.builder().add("{\n$>").add(jumpThrough(to, t.finallyDepth)).add("$<}\n").build();
    }

    /** Jumps to {@code l}, a target entered when {@code depth} finally blocks were open, through the ones opened since. */
    private CodeBlock jumpThrough(Label l, int depth) {
        return StateBuilder.jumpThrough(l, targets.finalliesCrossed(depth));
    }

    @Override
    public CodeBlock returnOut(CodeBlock value, Tree at) {
        CodeBlock.Builder b = CodeBlock.builder().add("{\n$>");
        if (value != null && at instanceof ReturnTree r && needsTargetType(r.getExpression())) {
            // resume returns Object: a local of the method's result type gives the expression
            // the target type its return statement gives it (a lambda's type, a generic call's
            // inference; an assignment reaches into ?:, a cast would not)
            b.add("$T ret$$ = $L;\n", typeNames.of(unit.resultType), value);
            value = CodeBlock.of("ret$$");
        }
        CodeBlock v = value == null ? CodeBlock.of("null") : returnValue(value);
        if (targets.finallyDepth() == 0) {
            return b.add("return $L;\n", v).add("$<}\n").build();
        }
        Label returnLabel = targets.returnLabel(states::newLabel);
        return b.add("result$$ = $L;\n", v).add(jumpThrough(returnLabel, 0)).add("$<}\n").build();
    }

    /**
     * Whether a returned expression goes through a local of the result type: any expression of a
     * reference type but a literal or a name, whose type is already fixed. A lambda, a method
     * reference, a generic call or a diamond (also inside ?: or a switch) takes its type from its
     * target; the local costs nothing, and inference never sees Object.
     */
    private boolean needsTargetType(ExpressionTree e) {
        return e != null && !unit.resultType.getKind().isPrimitive() && unit.resultType.getKind() != TypeKind.VOID
                && !(e instanceof LiteralTree) && !(e instanceof IdentifierTree);
    }

    private CodeBlock returnValue(CodeBlock value) {
        TypeMirror r = unit.resultType;
        if (r.getKind().isPrimitive()) {
            return CodeBlock.of("($T) ($L)", typeNames.of(r), value);
        }
        return value;
    }

    @Override
    public CodeBlock yieldOut(CodeBlock value, Tree at) {
        JumpTargets.Target t = targets.yieldTarget();
        if (t == null) {
            throw new UnsupportedCodeException(at, "internal: yield without a switch expression");
        }
        return CodeBlock.builder().add("{\n$>").add("$N = $L;\n", t.yieldTemp, value)
                .add(jumpThrough(t.breakTo, t.finallyDepth)).add("$<}\n").build();
    }

    @Override
    public String captureCopy(LocalVar var) {
        return states.captureCopy(var, typeNames.of(var.type));
    }

    @Override
    public ClassName generatedClassOf(TypeElement owner) {
        return generatedNames.of(owner);
    }

    @Override
    public CodeBlock spawn(MethodInvocationTree call, TreePath path) {
        Unit child = unit.spawnedLambdas.get(call);
        if (child != null) {
            List<CodeBlock> args = new ArrayList<>();
            if (child.needsSelf) {
                args.add(CodeBlock.of("self"));
            }
            for (VariableElement v : child.params) {
                args.add(printer.localRef(v)); // a copy when the go(...) is inside a lambda or class
            }
            boolean generic = !unit.method.getTypeParameters().isEmpty()
                    || (!unit.method.getModifiers().contains(Modifier.STATIC)
                            && !TypeNames.classTypeParameters(userClass).isEmpty());
            return CodeBlock.of("$T.go(new $T$L($L))", RuntimeNames.JGO, generated.nestedClass(child.frameName),
                    generic ? "<>" : "", CodeBlock.join(args, ", "));
        }
        TreePath bp = spawnedCall(path, call);
        MethodInvocationTree body = (MethodInvocationTree) bp.getLeaf();
        ExecutableElement callee = (ExecutableElement) trees.getElement(bp);
        return CodeBlock.of("$T.go($L)", RuntimeNames.JGO, goEntryCall(bp, body, callee, null, null));
    }

    /** The path of the call in {@code go(() -> f(...))}: the lambda's body, past any parentheses. */
    private static TreePath spawnedCall(TreePath goPath, MethodInvocationTree go) {
        TreePath lp = Printer.child(goPath, go.getArguments().get(0));
        while (lp.getLeaf() instanceof ParenthesizedTree pt) {
            lp = Printer.child(lp, pt.getExpression());
        }
        return Printer.child(lp, ((LambdaExpressionTree) lp.getLeaf()).getBody());
    }

    /**
     * {@code go(() -> f(a, ch.recv()))}: as in Go, the receiver and arguments are evaluated by the
     * spawner, left to right, before the goroutine starts; one that suspends suspends the spawner
     * (spilled like any call's operands), then f's frame is spawned with the values.
     */
    private CodeBlock spawnWithSuspendingOperands(TreePath p, MethodInvocationTree go) {
        TreePath bp = spawnedCall(p, go);
        MethodInvocationTree body = (MethodInvocationTree) bp.getLeaf();
        ExecutableElement callee = (ExecutableElement) trees.getElement(bp);
        Operands ops = invocationOperands(bp, body, callee);
        return CodeBlock.of("$T.go($L)", RuntimeNames.JGO, goEntryCall(bp, body, callee, ops.receiver, ops.args));
    }

    // ================================================================ expressions

    /** Evaluates an expression that may contain suspension points; returns code for its value. */
    private CodeBlock expr(TreePath p) {
        Tree t = p.getLeaf();
        if (!unit.isSuspending(t)) {
            return printer.expr(p);
        }
        Suspension s = unit.suspensions.get(t);
        if (s != null) {
            return suspendCall(p, (MethodInvocationTree) t, s, true);
        }
        switch (t.getKind()) {
            case PARENTHESIZED:
                return CodeBlock.of("($L)", expr(Printer.child(p, ((ParenthesizedTree) t).getExpression())));
            case METHOD_INVOCATION: {
                MethodInvocationTree mi = (MethodInvocationTree) t;
                if (unit.spawnedCalls.contains(mi)) {
                    return spawnWithSuspendingOperands(p, mi);
                }
                ExecutableElement m = (ExecutableElement) trees.getElement(p);
                Operands ops = invocationOperands(p, mi, m);
                return printer.invocation(p, mi, m, CodeBlock.join(ops.args, ", "), ops.receiver);
            }
            case NEW_CLASS: {
                NewClassTree nc = (NewClassTree) t;
                ExecutableElement ctor = (ExecutableElement) trees.getElement(p);
                if (nc.getClassBody() != null || nc.getEnclosingExpression() != null) {
                    throw new UnsupportedCodeException(t, "a suspension point in the arguments of this 'new' "
                            + "expression is not supported; evaluate it into a local variable first");
                }
                List<TreePath> ops = new ArrayList<>();
                for (ExpressionTree a : nc.getArguments()) {
                    ops.add(Printer.child(p, a));
                }
                List<CodeBlock> args = operands(ops);
                return printer.plainNew(p, nc, ctor, CodeBlock.join(args, ", "));
            }
            case NEW_ARRAY:
                return newArray(p, (NewArrayTree) t);
            case CONDITIONAL_AND, CONDITIONAL_OR:
                return shortCircuit(p, (BinaryTree) t);
            case CONDITIONAL_EXPRESSION:
                return conditional(p, (ConditionalExpressionTree) t);
            case ASSIGNMENT:
                return assignment(p, (AssignmentTree) t);
            case TYPE_CAST: {
                TypeCastTree c = (TypeCastTree) t;
                return CodeBlock.of("($L) $L", printer.typeTree(Printer.child(p, c.getType())),
                        expr(Printer.child(p, c.getExpression())));
            }
            case INSTANCE_OF: {
                InstanceOfTree io = (InstanceOfTree) t;
                return printer.instanceOf(p, io, expr(Printer.child(p, io.getExpression())));
            }
            case ARRAY_ACCESS: {
                ArrayAccessTree a = (ArrayAccessTree) t;
                List<CodeBlock> ops = operands(List.of(Printer.child(p, a.getExpression()), Printer.child(p, a.getIndex())));
                return CodeBlock.of("$L[$L]", ops.get(0), ops.get(1));
            }
            case MEMBER_SELECT: {
                MemberSelectTree ms = (MemberSelectTree) t;
                VariableElement pf = printer.privateField(p);
                if (pf != null) {
                    if (pf.getModifiers().contains(Modifier.STATIC)) {
                        throw new UnsupportedCodeException(t, "reading the private static field " + ms.getIdentifier()
                                + " through a suspending expression is not supported; name it through its class");
                    }
                    return printer.privateGet(pf, expr(Printer.child(p, ms.getExpression())), printer.type(p));
                }
                return CodeBlock.of("$L.$N", expr(Printer.child(p, ms.getExpression())), ms.getIdentifier().toString());
            }
            case SWITCH_EXPRESSION:
                return switchExpression(p, (SwitchExpressionTree) t);
            default:
                break;
        }
        if (t instanceof CompoundAssignmentTree c) {
            return compoundAssignment(p, c);
        }
        if (t instanceof UnaryTree u) {
            return unary(p, u);
        }
        if (t instanceof BinaryTree b) {
            List<CodeBlock> ops = operands(List.of(Printer.child(p, b.getLeftOperand()), Printer.child(p, b.getRightOperand())));
            return CodeBlock.of("$L $L $L", ops.get(0), Operators.binary(b.getKind()), ops.get(1));
        }
        throw new UnsupportedCodeException(t, "a suspension point inside this expression (" + t.getKind()
                + ") is not supported; evaluate it into a local variable first");
    }

    private CodeBlock newArray(TreePath p, NewArrayTree na) {
        if (na.getInitializers() != null) {
            List<TreePath> ops = new ArrayList<>();
            for (ExpressionTree a : na.getInitializers()) {
                ops.add(Printer.child(p, a));
            }
            List<CodeBlock> vals = operands(ops);
            return CodeBlock.of("new $T {$L}", typeNames.of(printer.type(p)), CodeBlock.join(vals, ", "));
        }
        List<TreePath> ops = new ArrayList<>();
        for (ExpressionTree a : na.getDimensions()) {
            ops.add(Printer.child(p, a));
        }
        List<CodeBlock> dims = operands(ops);
        TypeMirror elem = printer.type(p);
        int depth = 0;
        while (elem.getKind() == TypeKind.ARRAY) {
            elem = ((javax.lang.model.type.ArrayType) elem).getComponentType();
            depth++;
        }
        CodeBlock.Builder b = CodeBlock.builder().add("new $T", typeNames.erased(elem));
        for (CodeBlock d : dims) {
            b.add("[$L]", d);
        }
        for (int i = dims.size(); i < depth; i++) {
            b.add("[]");
        }
        return b.build();
    }

    /**
     * Evaluates operands left to right. Those before the last one that suspends are spilled into
     * fields (unless their value cannot change), so they keep Java's evaluation order.
     */
    private List<CodeBlock> operands(List<TreePath> ops) {
        int last = -1;
        for (int i = 0; i < ops.size(); i++) {
            if (unit.isSuspending(ops.get(i).getLeaf())) {
                last = i;
            }
        }
        List<CodeBlock> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            TreePath op = ops.get(i);
            CodeBlock c = expr(op);
            if (i < last && !storage.isStable(op)) {
                c = storage.spill(states, c, printer.type(op));
            }
            out.add(c);
        }
        return out;
    }

    private static final class Operands {
        CodeBlock receiver;
        List<CodeBlock> args;
    }

    private Operands invocationOperands(TreePath p, MethodInvocationTree mi, ExecutableElement m) {
        List<TreePath> ops = new ArrayList<>();
        boolean hasReceiver = false;
        if (mi.getMethodSelect() instanceof MemberSelectTree ms) {
            TreePath sp = Printer.child(p, ms);
            TreePath qp = Printer.child(sp, ms.getExpression());
            Element qe = trees.getElement(qp);
            boolean isSuper = ms.getExpression() instanceof IdentifierTree id && id.getName().contentEquals("super");
            if (!(qe instanceof TypeElement) && !isSuper) {
                ops.add(qp);
                hasReceiver = true;
            }
        }
        for (ExpressionTree a : mi.getArguments()) {
            ops.add(Printer.child(p, a));
        }
        List<CodeBlock> codes = operands(ops);
        Operands o = new Operands();
        if (hasReceiver) {
            o.receiver = codes.get(0);
            o.args = codes.subList(1, codes.size());
        } else {
            o.args = codes;
        }
        return o;
    }

    /**
     * Whether a @Go call's entry point is assigned to a {@code Task} of the call's type first: a
     * generic method passed a lambda or method reference, with a result type generated code can
     * write.
     */
    private boolean targetsTask(MethodInvocationTree mi, ExecutableElement m, TypeMirror callType) {
        return callType != null && !m.getTypeParameters().isEmpty() && callType.getKind() != TypeKind.VOID
                && callType.getKind() != TypeKind.ERROR && printer.inScope(callType) && !typeNames.containsCapture(callType)
                && !storage.isLocalClassType(callType) && !rawBoundArgument(callType) && passesFunctions(mi);
    }

    /** Whether a call passes a lambda or method reference, whose type may come from the call's target. */
    private static boolean passesFunctions(MethodInvocationTree mi) {
        for (ExpressionTree a : mi.getArguments()) {
            while (a instanceof ParenthesizedTree pt) {
                a = pt.getExpression();
            }
            if (a instanceof LambdaExpressionTree || a instanceof MemberReferenceTree) {
                return true;
            }
        }
        return false;
    }

    /** A twin call or a @Go call: the state boundary. Returns code for the result. */
    private CodeBlock suspendCall(TreePath p, MethodInvocationTree mi, Suspension s, boolean wantValue) {
        ExecutableElement m = s.callee();
        Operands ops = invocationOperands(p, mi, m);
        long at = line(mi);
        Label resume = states.newLabel();
        states.atLine(at);
        CodeBlock.Builder boundary = CodeBlock.builder().add("label = $L;\n", resume.id);
        TypeName anyFrame = ParameterizedTypeName.get(RuntimeNames.FRAME, WildcardTypeName.subtypeOf(Object.class));
        if (s.kind() == Suspension.Kind.TWIN) {
            List<CodeBlock> args = varargsAsArray(p, mi, m, ops.args);
            args.add(CodeBlock.of("this"));
            boundary.add("value = $L;\n", printer.invocation(p, mi, m, CodeBlock.join(args, ", "), ops.receiver));
        } else if (targetsTask(mi, m, s.resultType())) {
            // the plain call infers its type arguments from its target too (onResultOf(Entry::getKey)
            // gets F from the Ordering<F> it is assigned to): the entry point's Task gets the same
            boundary.add("{\n$>").add("$T task$$ = $L;\n", ParameterizedTypeName.get(RuntimeNames.TASK,
                            typeNames.boxed(s.resultType())), goEntryCall(p, mi, m, ops.receiver, ops.args))
                    .add("value = call(($T) task$$);\n", anyFrame).add("$<}\n");
        } else {
            boundary.add("value = call(($T) $L);\n", anyFrame, goEntryCall(p, mi, m, ops.receiver, ops.args));
        }
        states.endWith(boundary.add("if (value == SUSPENDED) return SUSPENDED;\n").build(), resume);
        states.mark(resume);
        states.comment("line " + at + ": after " + mi.getMethodSelect() + "(...)");
        states.emitStatement("if (error != null) throw error");
        TypeMirror rt = s.resultType();
        if (!wantValue || rt == null || rt.getKind() == TypeKind.VOID) {
            return CodeBlock.of("value");
        }
        return CodeBlock.of("(($L) value)", castType(rt));
    }

    /** A type for a cast: an intersection ({@code firstNonNull} of two collections) is cast to all its bounds. */
    private CodeBlock castType(TypeMirror t) {
        if (t instanceof javax.lang.model.type.IntersectionType it) {
            List<CodeBlock> bounds = new ArrayList<>();
            for (TypeMirror b : it.getBounds()) {
                bounds.add(CodeBlock.of("$T", typeNames.of(b)));
            }
            return CodeBlock.join(bounds, " & ");
        }
        if (rawBoundArgument(t)) {
            return CodeBlock.of("$T", typeNames.erased(t));
        }
        return CodeBlock.of("$T", typeNames.of(t));
    }

    /**
     * A type argument that is a type variable with a raw bound, for a parameter whose bound is
     * parameterized: {@code TreeRangeSet<C>} with {@code C extends Comparable} where the parameter
     * is {@code C extends Comparable<?>}. javac accepts it in a declaration but not in a cast, so
     * the cast is to the raw type and the assignment is unchecked, as plain Java's is.
     */
    private boolean rawBoundArgument(TypeMirror t) {
        if (!(t instanceof javax.lang.model.type.DeclaredType dt)) {
            return false;
        }
        List<? extends TypeParameterElement> params = ((TypeElement) dt.asElement()).getTypeParameters();
        List<? extends TypeMirror> args = dt.getTypeArguments();
        for (int i = 0; i < args.size() && i < params.size(); i++) {
            if (args.get(i) instanceof javax.lang.model.type.TypeVariable tv
                    && tv.getUpperBound() instanceof javax.lang.model.type.DeclaredType bound
                    && bound.getTypeArguments().isEmpty()
                    && !((TypeElement) bound.asElement()).getTypeParameters().isEmpty()) {
                for (TypeMirror pb : params.get(i).getBounds()) {
                    if (pb instanceof javax.lang.model.type.DeclaredType p && !p.getTypeArguments().isEmpty()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The twin of {@code m(A... xs)} takes the array, then the frame: a variable-arity call's
     * trailing arguments are packed into the array javac would have created.
     */
    private List<CodeBlock> varargsAsArray(TreePath p, MethodInvocationTree mi, ExecutableElement m, List<CodeBlock> args) {
        List<CodeBlock> out = new ArrayList<>(args);
        if (!m.isVarArgs()) {
            return out;
        }
        int n = m.getParameters().size();
        // the array javac would create: the parameter's type as a member of the receiver's type
        // (Box<Integer>'s putAll(E...) takes an Integer[]), erased (a generic array cannot be
        // created; the twin's own type variables are inferred from it)
        TypeMirror paramType = m.getParameters().get(n - 1).asType();
        if (!m.getModifiers().contains(Modifier.STATIC)) {
            TypeMirror receiver = mi.getMethodSelect() instanceof MemberSelectTree ms
                    ? printer.type(Printer.child(Printer.child(p, ms), ms.getExpression()))
                    : userClass.asType();
            if (receiver instanceof javax.lang.model.type.DeclaredType dt) {
                try {
                    List<? extends TypeMirror> ps = ((javax.lang.model.type.ExecutableType) types.asMemberOf(dt, m))
                            .getParameterTypes();
                    paramType = ps.get(n - 1);
                } catch (IllegalArgumentException notAMember) {
                    // keep the declared type
                }
            }
        }
        TypeMirror arrayType = types.erasure(paramType);
        List<? extends ExpressionTree> actual = mi.getArguments();
        boolean variableArity = actual.size() != n
                || !types.isAssignable(printer.type(Printer.child(p, actual.get(n - 1))), arrayType);
        if (!variableArity) {
            return out;
        }
        List<CodeBlock> packed = new ArrayList<>(out.subList(n - 1, out.size()));
        out.subList(n - 1, out.size()).clear();
        out.add(CodeBlock.of("new $T {$L}", typeNames.of(arrayType), CodeBlock.join(packed, ", ")));
        return out;
    }

    /**
     * The name of the entry point that {@code super.m(...)} calls: {@code m$super} (a plain
     * method's {@code super} helper is {@code super$m}).
     */
    public static String superEntryName(ExecutableElement m) {
        return m.getSimpleName() + "$super";
    }

    /**
     * {@code XGo.m(receiver, args)}: the generated entry point of a @Go method. For
     * {@code super.m(args)}, {@code XGo.m$super(self, args)}: the entry that builds the named
     * class's own frame without dispatching on the receiver, which is what invokespecial does.
     */
    private CodeBlock goEntryCall(TreePath p, MethodInvocationTree mi, ExecutableElement m, CodeBlock receiver,
            List<CodeBlock> args) {
        boolean viaSuper = mi.getMethodSelect() instanceof MemberSelectTree sel
                && sel.getExpression() instanceof IdentifierTree id && id.getName().contentEquals("super");
        if (args == null) {
            args = new ArrayList<>();
            for (ExpressionTree a : mi.getArguments()) {
                args.add(printer.expr(Printer.child(p, a)));
            }
            if (mi.getMethodSelect() instanceof MemberSelectTree ms && !viaSuper) {
                TreePath qp = Printer.child(Printer.child(p, ms), ms.getExpression());
                if (!(trees.getElement(qp) instanceof TypeElement)) {
                    receiver = printer.expr(qp);
                }
            }
        }
        TypeElement owner = (TypeElement) m.getEnclosingElement();
        ClassName target = generatedNames.of(owner);
        List<CodeBlock> all = new ArrayList<>();
        boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
        if (!isStatic) {
            // an implicit receiver: this object, or (a method of the outer class) the enclosing instance
            all.add(receiver != null ? receiver : viaSuper ? CodeBlock.of("self") : printer.receiverFor(mi, m));
        }
        all.addAll(args);
        CodeBlock targs = CodeBlock.of("");
        if (!mi.getTypeArguments().isEmpty() && (isStatic || owner.getTypeParameters().isEmpty())) {
            targs = printer.typeArgs(p, mi.getTypeArguments());
        }
        String entry = viaSuper ? superEntryName(m) : m.getSimpleName().toString();
        return CodeBlock.of("$T.$L$N($L)", target, targs, entry, CodeBlock.join(all, ", "));
    }

    private CodeBlock shortCircuit(TreePath p, BinaryTree b) {
        TreePath right = Printer.child(p, b.getRightOperand());
        CodeBlock left = expr(Printer.child(p, b.getLeftOperand()));
        if (!unit.isSuspending(b.getRightOperand())) {
            return CodeBlock.of("$L $L $L", left, Operators.binary(b.getKind()), printer.expr(right));
        }
        String tmp = storage.field("cond", TypeName.BOOLEAN);
        states.emitStatement("$N = $L", tmp, left);
        Label end = states.newLabel();
        boolean and = b.getKind() == Tree.Kind.CONDITIONAL_AND;
        states.emit(CodeBlock.builder().beginControlFlow(and ? "if (!$N)" : "if ($N)", tmp).add(StateBuilder.jumpCode(end))
                .endControlFlow().build());
        CodeBlock r = expr(right);
        states.emitStatement("$N = $L", tmp, r);
        states.mark(end);
        return CodeBlock.of("$N", tmp);
    }

    private CodeBlock conditional(TreePath p, ConditionalExpressionTree c) {
        CodeBlock cond = expr(Printer.child(p, c.getCondition()));
        if (!unit.isSuspending(c.getTrueExpression()) && !unit.isSuspending(c.getFalseExpression())) {
            return CodeBlock.of("$L ? $L : $L", cond, printer.expr(Printer.child(p, c.getTrueExpression())),
                    printer.expr(Printer.child(p, c.getFalseExpression())));
        }
        String tmp = storage.temp(printer.type(p));
        Label other = states.newLabel();
        Label end = states.newLabel();
        states.jumpUnless(cond, other);
        states.emitStatement("$N = $L", tmp, expr(Printer.child(p, c.getTrueExpression())));
        states.jump(end);
        states.mark(other);
        states.emitStatement("$N = $L", tmp, expr(Printer.child(p, c.getFalseExpression())));
        states.mark(end);
        return storage.readTemp(tmp, printer.type(p));
    }

    /**
     * The operands of an assignment target, evaluated before the right-hand side (spilled when the
     * right-hand side suspends); null when the target is a variable or a field of a type or of
     * {@code this}, which the printer writes.
     */
    private CodeBlock target(TreePath target, boolean rhsSuspends) {
        Tree t = target.getLeaf();
        while (t instanceof ParenthesizedTree pt) {
            target = Printer.child(target, pt.getExpression());
            t = pt.getExpression();
        }
        if (t instanceof ArrayAccessTree a) {
            List<TreePath> ops = List.of(Printer.child(target, a.getExpression()), Printer.child(target, a.getIndex()));
            List<CodeBlock> codes = rhsSuspends ? spillAll(ops) : operands(ops);
            return CodeBlock.of("$L[$L]", codes.get(0), codes.get(1));
        }
        if (t instanceof MemberSelectTree ms && !(trees.getElement(Printer.child(target, ms.getExpression())) instanceof TypeElement)) {
            if (printer.privateField(target) != null) {
                return null; // see privateTarget
            }
            TreePath qp = Printer.child(target, ms.getExpression());
            CodeBlock q = rhsSuspends ? spillAll(List.of(qp)).get(0) : expr(qp);
            return CodeBlock.of("$L.$N", q, ms.getIdentifier().toString());
        }
        return null;
    }

    private List<CodeBlock> spillAll(List<TreePath> ops) {
        List<CodeBlock> out = new ArrayList<>();
        for (TreePath op : ops) {
            CodeBlock c = expr(op);
            if (!storage.isStable(op)) {
                c = storage.spill(states, c, printer.type(op));
            }
            out.add(c);
        }
        return out;
    }

    /**
     * A private field assigned through its handle ({@code XGo.set$f(receiver, value)}), with its
     * receiver already evaluated. Java evaluates the receiver before the right-hand side, so when
     * the right-hand side suspends (or the receiver is read twice, by a compound assignment) the
     * receiver is spilled first: a local that is not read after the statement is not saved in
     * the frame, and reading it again after the suspension would find it gone.
     */
    private record PrivateTarget(VariableElement field, CodeBlock receiver) {
    }

    private PrivateTarget privateTarget(TreePath target, boolean spill) {
        Tree t = target.getLeaf();
        while (t instanceof ParenthesizedTree pt) {
            target = Printer.child(target, pt.getExpression());
            t = pt.getExpression();
        }
        VariableElement f = printer.privateField(target);
        if (f == null) {
            return null;
        }
        if (f.getModifiers().contains(Modifier.STATIC)) {
            if (t instanceof MemberSelectTree ms && !(trees.getElement(Printer.child(target, ms.getExpression())) instanceof TypeElement)) {
                throw new UnsupportedCodeException(t, "assigning the private static field " + ms.getIdentifier()
                        + " through an expression around a suspension point is not supported; name it through its "
                        + "class instead");
            }
            return new PrivateTarget(f, null);
        }
        if (t instanceof MemberSelectTree ms) {
            TreePath qp = Printer.child(target, ms.getExpression());
            return new PrivateTarget(f, spill ? spillAll(List.of(qp)).get(0) : expr(qp));
        }
        return new PrivateTarget(f, printer.receiverFor(t, f));
    }

    private CodeBlock assignment(TreePath p, AssignmentTree a) {
        TreePath tp = Printer.child(p, a.getVariable());
        boolean rhsSuspends = unit.isSuspending(a.getExpression());
        PrivateTarget pt = privateTarget(tp, rhsSuspends);
        if (pt != null) {
            return printer.privateSet(pt.field(), pt.receiver(), expr(Printer.child(p, a.getExpression())));
        }
        CodeBlock target = target(tp, rhsSuspends);
        CodeBlock value = expr(Printer.child(p, a.getExpression()));
        if (target == null) {
            return printer.assign(tp, value);
        }
        return CodeBlock.of("$L = $L", target, value);
    }

    private CodeBlock compoundAssignment(TreePath p, CompoundAssignmentTree c) {
        TreePath tp = Printer.child(p, c.getVariable());
        boolean rhsSuspends = unit.isSuspending(c.getExpression());
        if (!rhsSuspends) {
            PrivateTarget pt = privateTarget(tp, true); // the receiver is read twice: evaluate it once
            if (pt != null) {
                TypeMirror ft = printer.type(tp);
                CodeBlock value = printer.expr(Printer.child(p, c.getExpression()));
                return printer.privateSet(pt.field(), pt.receiver(), CodeBlock.of("($T) ($L $L ($L))", typeNames.of(ft),
                        printer.privateGet(pt.field(), pt.receiver(), ft), Operators.binaryOfCompound(c.getKind()), value));
            }
            CodeBlock target = target(tp, false);
            CodeBlock value = printer.expr(Printer.child(p, c.getExpression()));
            if (target == null) {
                return printer.compound(p, c, value);
            }
            return CodeBlock.of("$L $L $L", target, Operators.compound(c.getKind()), value);
        }
        TypeMirror vt = printer.type(tp);
        PrivateTarget pt = privateTarget(tp, true);
        CodeBlock target = pt != null ? null : target(tp, true);
        CodeBlock readTarget = pt != null ? printer.privateGet(pt.field(), pt.receiver(), vt)
                : target != null ? target : printer.expr(tp);
        String old = storage.temp(vt);
        states.emitStatement("$N = $L", old, readTarget);
        CodeBlock value = expr(Printer.child(p, c.getExpression()));
        CodeBlock combined = vt.toString().equals("java.lang.String")
                ? CodeBlock.of("$N $L ($L)", old, Operators.binaryOfCompound(c.getKind()), value)
                : CodeBlock.of("($T) ($N $L ($L))", typeNames.of(vt), old, Operators.binaryOfCompound(c.getKind()), value);
        if (pt != null) {
            return printer.privateSet(pt.field(), pt.receiver(), combined);
        }
        if (target == null) {
            return printer.assign(tp, combined);
        }
        return CodeBlock.of("$L = $L", target, combined);
    }

    private CodeBlock unary(TreePath p, UnaryTree u) {
        TreePath op = Printer.child(p, u.getExpression());
        Tree.Kind k = u.getKind();
        boolean incdec = k == Tree.Kind.PREFIX_INCREMENT || k == Tree.Kind.PREFIX_DECREMENT
                || k == Tree.Kind.POSTFIX_INCREMENT || k == Tree.Kind.POSTFIX_DECREMENT;
        if (incdec) {
            CodeBlock target = target(op, false);
            if (target == null) {
                throw new UnsupportedCodeException(u, "internal: suspending increment target");
            }
            return Operators.unary(k, target);
        }
        return Operators.unary(k, expr(op));
    }

    private CodeBlock switchExpression(TreePath p, SwitchExpressionTree sw) {
        String result = storage.temp(printer.type(p));
        TreePath sel = Printer.child(p, sw.getExpression());
        TypeMirror selType = printer.type(sel);
        CodeBlock selector = condition(sel);
        Label end = states.newLabel();
        List<Label> labels = switchDispatch(p, sw.getCases(), selType, selector,
                CodeBlock.builder().add("throw new $T($S);\n", IncompatibleClassChangeError.class,
                        "unexpected enum constant").build());
        targets.withinSwitchExpression(sw, end, result, () -> cases(p, sw.getCases(), labels, end,
                value -> states.emitStatement("$N = $L", result, expr(value))));
        if (states.isOpen()) {
            states.jump(end);
        }
        states.mark(end);
        return CodeBlock.of("$N", result);
    }
}
