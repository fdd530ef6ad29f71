package io.jgo.processor.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.IntersectionTypeTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.WildcardTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.jgo.processor.analyse.LocalVar;
import io.jgo.processor.analyse.Unit;
import io.jgo.processor.diag.UnsupportedCodeException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Prints attributed statements and expressions that contain no suspension point as Java source
 * for a frame's {@code resume}: locals become their generated names, the receiver becomes
 * {@code self}, types are written through JavaPoet (imports), private members go through the
 * generated class's handle helpers, and jumps that leave the printed tree ask the {@link Host}.
 */
final class Printer {
    private final Trees trees;
    private final Types types;
    private final TypeNames typeNames;
    private final Unit unit;
    private final Host host;
    private final PrivateAccess privates;
    private final ClassName generated;
    private final TypeElement userClass;
    private final CompilationUnitTree cu;

    /** While a local class to be declared at the top of resume is printed: the frame fields it captures. */
    private java.util.Set<LocalVar> hoistCaptures;
    /** Loops, switches and labelled statements being printed (break/continue targets). */
    private final Deque<Tree> nativeTargets = new ArrayDeque<>();
    /** Depth inside lambda bodies and class bodies being printed. */
    private int nested;
    /** Classes declared in printed code (anonymous and local). */
    private final Deque<TypeElement> printedClasses = new ArrayDeque<>();
    private final Set<Element> declaredClasses = new HashSet<>();

    Printer(Trees trees, Types types, TypeNames typeNames, Unit unit, Host host, PrivateAccess privates,
            ClassName generated, TypeElement userClass, CompilationUnitTree cu) {
        this.trees = trees;
        this.types = types;
        this.typeNames = typeNames;
        this.unit = unit;
        this.host = host;
        this.privates = privates;
        this.generated = generated;
        this.userClass = userClass;
        this.cu = cu;
    }

    static TreePath child(TreePath parent, Tree t) {
        return new TreePath(parent, t);
    }

    private Element el(TreePath p) {
        return trees.getElement(p);
    }

    TypeMirror type(TreePath p) {
        return trees.getTypeMirror(p);
    }

    // ---------------------------------------------------------------- expressions

    CodeBlock expr(TreePath p) {
        Tree t = p.getLeaf();
        switch (t.getKind()) {
            case IDENTIFIER:
                return identifier(p, (IdentifierTree) t);
            case MEMBER_SELECT:
                return memberSelect(p, (MemberSelectTree) t);
            case METHOD_INVOCATION:
                return invocation(p, (MethodInvocationTree) t);
            case NEW_CLASS:
                return newClass(p, (NewClassTree) t);
            case NEW_ARRAY:
                return newArray(p, (NewArrayTree) t);
            case PARENTHESIZED:
                return CodeBlock.of("($L)", expr(child(p, ((ParenthesizedTree) t).getExpression())));
            case ASSIGNMENT: {
                AssignmentTree a = (AssignmentTree) t;
                return assign(child(p, a.getVariable()), expr(child(p, a.getExpression())));
            }
            case CONDITIONAL_EXPRESSION: {
                ConditionalExpressionTree c = (ConditionalExpressionTree) t;
                return CodeBlock.of("$L ? $L : $L", expr(child(p, c.getCondition())),
                        expr(child(p, c.getTrueExpression())), expr(child(p, c.getFalseExpression())));
            }
            case TYPE_CAST: {
                TypeCastTree c = (TypeCastTree) t;
                return CodeBlock.of("($L) $L", typeTree(child(p, c.getType())), expr(child(p, c.getExpression())));
            }
            case INSTANCE_OF:
                return instanceOf(p, (InstanceOfTree) t, null);
            case ARRAY_ACCESS: {
                ArrayAccessTree a = (ArrayAccessTree) t;
                return CodeBlock.of("$L[$L]", expr(child(p, a.getExpression())), expr(child(p, a.getIndex())));
            }
            case LAMBDA_EXPRESSION: {
                Unit fn = unit.fnLambdas.get(t);
                return fn != null ? fnLambda(p, (LambdaExpressionTree) t, fn) : lambda(p, (LambdaExpressionTree) t);
            }
            case MEMBER_REFERENCE:
                return unit.fnReferences.contains(t) ? fnReference(p, (MemberReferenceTree) t)
                        : memberReference(p, (MemberReferenceTree) t);
            case SWITCH_EXPRESSION:
                return switchExpression(p, (SwitchExpressionTree) t);
            case INT_LITERAL, LONG_LITERAL, FLOAT_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL, CHAR_LITERAL,
                    STRING_LITERAL, NULL_LITERAL:
                return literal((LiteralTree) t);
            default:
                break;
        }
        if (t instanceof CompoundAssignmentTree c) {
            return compound(p, c, expr(child(p, c.getExpression())));
        }
        if (t instanceof UnaryTree u) {
            return unary(p, u);
        }
        if (t instanceof BinaryTree b) {
            return CodeBlock.of("$L $L $L", expr(child(p, b.getLeftOperand())), Operators.binary(b.getKind()),
                    expr(child(p, b.getRightOperand())));
        }
        if (isTypeTree(t)) {
            return typeTree(p);
        }
        throw new UnsupportedCodeException(t, "this expression (" + t.getKind() + ") is not supported in @Go code yet");
    }

    static boolean isTypeTree(Tree t) {
        return t instanceof PrimitiveTypeTree || t instanceof ArrayTypeTree || t instanceof ParameterizedTypeTree
                || t instanceof WildcardTree || t instanceof UnionTypeTree || t instanceof IntersectionTypeTree;
    }

    CodeBlock literal(LiteralTree l) {
        Object v = l.getValue();
        return switch (l.getKind()) {
            case INT_LITERAL -> CodeBlock.of("$L", v);
            case LONG_LITERAL -> CodeBlock.of("$LL", v);
            case FLOAT_LITERAL -> CodeBlock.of("$Lf", v);
            case DOUBLE_LITERAL -> CodeBlock.of("$Ld", v);
            case BOOLEAN_LITERAL -> CodeBlock.of("$L", v);
            case CHAR_LITERAL -> CodeBlock.of("'$L'", charEscape((Character) v));
            case STRING_LITERAL -> CodeBlock.of("$L", stringLiteral((String) v)); // $S would split at newlines
            default -> CodeBlock.of("null");
        };
    }

    private static String stringLiteral(String v) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            b.append(c == '"' ? "\\\"" : c == '\'' ? "'" : charEscape(c));
        }
        return b.append('"').toString();
    }

    private static String charEscape(char c) {
        return switch (c) {
            case '\'' -> "\\'";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            default -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
        };
    }

    private CodeBlock identifier(TreePath p, IdentifierTree id) {
        String name = id.getName().toString();
        if (name.equals("this")) {
            return CodeBlock.of(printedClasses.isEmpty() ? "self" : "this");
        }
        if (name.equals("super")) {
            if (printedClasses.isEmpty()) {
                throw new UnsupportedCodeException(id, "'super' is not supported in @Go code; call the method "
                        + "through a helper method of your class");
            }
            return CodeBlock.of("super");
        }
        Element e = el(p);
        if (e instanceof VariableElement v) {
            if (unit.vars.get(v) != null) {
                return localRef(v);
            }
            if (v.getKind() == ElementKind.FIELD || v.getKind() == ElementKind.ENUM_CONSTANT) {
                return implicitField(id, v);
            }
            return CodeBlock.of("$N", name);
        }
        if (e instanceof TypeElement te) {
            return CodeBlock.of("$T", className(te));
        }
        if (e instanceof PackageElement) {
            return CodeBlock.of("$L", name);
        }
        return CodeBlock.of("$N", name);
    }

    /**
     * A variable of the unit as printed here: inside a lambda or class body, a lowered variable
     * (a frame field or a local of resume, neither final) is read through a final copy taken
     * before the statement, the value Java captures.
     */
    CodeBlock localRef(VariableElement v) {
        LocalVar lv = unit.vars.get(v);
        if (lv == null) {
            return CodeBlock.of("$N", v.getSimpleName().toString());
        }
        if (nested > 0 && lv.lowered() && hoistCaptures != null) {
            hoistCaptures.add(lv); // a field of the hoisted class, of the same name
            return CodeBlock.of("$N", lv.name);
        }
        if (nested > 0 && lv.lowered()) {
            return CodeBlock.of("$N", host.captureCopy(lv));
        }
        return CodeBlock.of("$N", lv.name);
    }

    private static final ClassName FN = ClassName.get("io.jgo.runtime", "Fn");

    private static String fnFactory(String fnType) {
        return switch (fnType) {
            case "GoRunnable" -> "runnable";
            case "GoCallable" -> "callable";
            case "GoConsumer" -> "consumer";
            case "GoFunction" -> "function";
            case "GoBiConsumer" -> "biConsumer";
            default -> "biFunction";
        };
    }

    private static int fnArity(String fnType) {
        return switch (fnType) {
            case "GoRunnable", "GoCallable" -> 0;
            case "GoConsumer", "GoFunction" -> 1;
            default -> 2;
        };
    }

    /**
     * {@code <A, B>} of the function's type, to call the factory with: a lambda printed where its
     * source had a target type may stand where generated code has none ({@code return} from
     * resume). Empty when an argument cannot be written (a wildcard, a captured type).
     */
    private CodeBlock fnWitness(TreePath p) {
        TypeMirror t = type(p);
        if (!(t instanceof javax.lang.model.type.DeclaredType dt)) {
            return CodeBlock.of("");
        }
        List<CodeBlock> args = new ArrayList<>();
        for (TypeMirror a : dt.getTypeArguments()) {
            if (a.getKind() == TypeKind.WILDCARD || a.getKind() == TypeKind.INTERSECTION || a.toString().contains("capture#")
                    || (a instanceof javax.lang.model.type.TypeVariable tv && TypeNames.isCaptured(tv))) {
                return CodeBlock.of("");
            }
            args.add(CodeBlock.of("$T", typeNames.of(a)));
        }
        return args.isEmpty() ? CodeBlock.of("") : CodeBlock.of("<$L>", CodeBlock.join(args, ", "));
    }

    /** The names of the twin body's parameters: the call's arguments, then the calling frame. */
    private static List<String> bodyParams(int arity) {
        List<String> ps = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
            ps.add("p" + i + "$");
        }
        ps.add("caller$");
        return ps;
    }

    /**
     * A lambda of a suspending function type: {@code Fn.consumer(plain, body)}, where the plain
     * lambda is the source's lambda printed as plain Java (what a plain caller runs) and the body
     * runs a new frame of the lambda as a nested call of the calling frame, with the captured
     * values (copies taken when the lambda is created) and the call's arguments.
     */
    private CodeBlock fnLambda(TreePath p, LambdaExpressionTree l, Unit child) {
        CodeBlock plain = lambda(p, l);
        nested++;
        try {
            List<CodeBlock> args = new ArrayList<>();
            if (child.needsSelf) {
                args.add(CodeBlock.of("self"));
            }
            int captured = child.params.size() - child.lambdaParams;
            for (int i = 0; i < captured; i++) {
                args.add(localRef(child.params.get(i)));
            }
            List<String> ps = bodyParams(child.lambdaParams);
            for (int i = 0; i < child.lambdaParams; i++) {
                args.add(CodeBlock.of("$N", ps.get(i)));
            }
            boolean generic = !unit.method.getTypeParameters().isEmpty()
                    || (!unit.method.getModifiers().contains(Modifier.STATIC)
                            && !TypeNames.classTypeParameters(userClass).isEmpty());
            CodeBlock frame = CodeBlock.of("new $T$L($L)", generated.nestedClass(child.frameName),
                    generic ? "<>" : "", CodeBlock.join(args, ", "));
            return CodeBlock.of("$T.$L$L($L, ($L) -> $T.call($N, $L))", FN, fnWitness(p), fnFactory(child.fnType), plain,
                    String.join(", ", ps), FN, "caller$", frame);
        } finally {
            nested--;
        }
    }

    /**
     * A method reference of a suspending function type to a suspending method: the reference as
     * written for plain callers, and a body that calls the method's twin (or runs the @Go
     * method's frame) with the calling frame. The receiver is evaluated once, when the reference
     * is created, as Java does: so it must be {@code this} or a local variable.
     */
    private CodeBlock fnReference(TreePath p, MemberReferenceTree mr) {
        CodeBlock plain = memberReference(p, mr);
        ExecutableElement m = (ExecutableElement) el(p);
        String fnType = types.asElement(type(p)).getSimpleName().toString();
        List<String> ps = bodyParams(fnArity(fnType));
        TreePath qp = child(p, mr.getQualifierExpression());
        Element qe = el(qp);
        boolean typeQualified = qe instanceof TypeElement || isTypeTree(mr.getQualifierExpression());
        boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
        List<CodeBlock> args = new ArrayList<>();
        CodeBlock receiver = null;
        int first = 0;
        nested++;
        try {
            if (isStatic) {
                receiver = typeTree(qp);
            } else if (typeQualified) {
                receiver = CodeBlock.of("$N", ps.get(0)); // an unbound reference: the first argument
                first = 1;
            } else {
                Tree q = mr.getQualifierExpression();
                if (q instanceof IdentifierTree id && id.getName().contentEquals("this") && printedClasses.isEmpty()) {
                    receiver = CodeBlock.of("self");
                } else if (q instanceof IdentifierTree && qe instanceof VariableElement v && unit.vars.containsKey(v)) {
                    receiver = localRef(v);
                } else {
                    throw new UnsupportedCodeException(mr, "a method reference of a suspending function type to "
                            + m.getSimpleName() + "(...) must have a local variable or 'this' before '::'; use a "
                            + "lambda that calls it");
                }
            }
            for (int i = first; i < ps.size() - 1; i++) {
                args.add(CodeBlock.of("$N", ps.get(i)));
            }
            CodeBlock call;
            if (io.jgo.processor.analyse.AnnotationNames.has(m, io.jgo.processor.analyse.AnnotationNames.SUSPENDING)) {
                List<CodeBlock> all = new ArrayList<>(args);
                all.add(CodeBlock.of("$N", "caller$"));
                call = CodeBlock.of("$L.$N($L)", receiver, m.getSimpleName().toString(), CodeBlock.join(all, ", "));
            } else {
                List<CodeBlock> all = new ArrayList<>();
                if (!isStatic) {
                    all.add(receiver);
                }
                all.addAll(args);
                call = CodeBlock.of("$T.call($N, ($T) $T.$N($L))", FN, "caller$",
                        com.palantir.javapoet.ParameterizedTypeName.get(RuntimeNames.FRAME,
                                com.palantir.javapoet.WildcardTypeName.subtypeOf(Object.class)),
                        host.generatedClassOf((TypeElement) m.getEnclosingElement()),
                        m.getSimpleName().toString(), CodeBlock.join(all, ", "));
            }
            return CodeBlock.of("$T.$L$L($L, ($L) -> $L)", FN, fnWitness(p), fnFactory(fnType), plain, String.join(", ", ps),
                    call);
        } finally {
            nested--;
        }
    }

    private boolean memberOfPrintedClass(Element member) {
        Element owner = member.getEnclosingElement();
        for (TypeElement c : printedClasses) {
            if (c.equals(owner) || (owner instanceof TypeElement o
                    && types.isSubtype(types.erasure(c.asType()), types.erasure(o.asType())))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the generated class must reach {@code member} through a handle: a private member
     * of a class it does not print, or a protected member inherited from another package (the
     * user's class may use it, the generated class beside it may not).
     */
    private boolean isPrivate(Element member) {
        if (member.getModifiers().contains(Modifier.PRIVATE)) {
            return !declaredClasses.contains(member.getEnclosingElement());
        }
        if (member.getModifiers().contains(Modifier.PROTECTED) && member.getEnclosingElement() instanceof TypeElement owner
                && !packageOf(owner).equals(packageOf(userClass)) && !declaredClasses.contains(owner)) {
            privates.throughSubclass(member, subclassReaching(owner));
            return true;
        }
        return false;
    }

    private static String packageOf(Element e) {
        while (e != null && !(e instanceof javax.lang.model.element.PackageElement)) {
            e = e.getEnclosingElement();
        }
        return e == null ? "" : ((javax.lang.model.element.PackageElement) e).getQualifiedName().toString();
    }

    /** The user's class, or the enclosing class of it, whose protected access reaches {@code owner}'s members. */
    private TypeElement subclassReaching(TypeElement owner) {
        for (Element e = userClass; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (types.isSubtype(types.erasure(t.asType()), types.erasure(owner.asType()))) {
                return t;
            }
        }
        return userClass;
    }

    private CodeBlock implicitField(Tree at, VariableElement f) {
        if (memberOfPrintedClass(f)) {
            return CodeBlock.of("$N", f.getSimpleName());
        }
        boolean isStatic = f.getModifiers().contains(Modifier.STATIC);
        if (isPrivate(f)) {
            return privateGet(f, isStatic ? null : receiverFor(at, f), f.asType());
        }
        if (isStatic) {
            return CodeBlock.of("$T.$N", className((TypeElement) f.getEnclosingElement()), f.getSimpleName());
        }
        return CodeBlock.of("$L.$N", receiverFor(at, f), f.getSimpleName());
    }

    /** The receiver of an unqualified instance member of the user's class. */
    CodeBlock receiverFor(Tree at, Element member) {
        if (!unit.needsSelf) {
            throw new UnsupportedCodeException(at, "no receiver for " + member.getSimpleName());
        }
        Element owner = member.getEnclosingElement();
        if (owner instanceof TypeElement o && !types.isSubtype(types.erasure(userClass.asType()), types.erasure(o.asType()))) {
            CodeBlock outer = enclosingInstance(o);
            if (outer == null) {
                throw new UnsupportedCodeException(at, "@Go code in an inner class cannot use the enclosing instance's "
                        + "member " + member.getSimpleName() + "; pass the outer object as a parameter or make the "
                        + "inner class static");
            }
            return outer;
        }
        return CodeBlock.of("self");
    }

    /**
     * The enclosing instance of the user's inner class that is an {@code owner} (for
     * {@code Outer.this} or a member of the outer class used by its simple name): javac keeps it
     * in a synthetic field of the inner object, read here through a handle, one hop per level of
     * nesting. Null when no enclosing instance is one.
     */
    private CodeBlock enclosingInstance(TypeElement owner) {
        CodeBlock expr = CodeBlock.of("self");
        TypeMirror at = userClass.asType();
        for (TypeElement inner = userClass; inner.getNestingKind() == NestingKind.MEMBER
                && !inner.getModifiers().contains(Modifier.STATIC) && inner.getKind() == ElementKind.CLASS; ) {
            TypeElement outer = (TypeElement) inner.getEnclosingElement();
            TypeMirror outerType = at instanceof javax.lang.model.type.DeclaredType dt
                    && dt.getEnclosingType().getKind() == TypeKind.DECLARED ? dt.getEnclosingType() : outer.asType();
            String helper = privates.outerInstance(inner, outer);
            expr = types.isSameType(types.erasure(outerType), outerType) || !inScope(outerType)
                    ? CodeBlock.of("$T.outer$$$L($L)", generated, helper, expr)
                    : CodeBlock.of("(($T) $T.outer$$$L($L))", typeNames.of(outerType), generated, helper, expr);
            if (types.isSubtype(types.erasure(outer.asType()), types.erasure(owner.asType()))) {
                return expr;
            }
            inner = outer;
            at = outerType;
        }
        return null;
    }

    ClassName className(TypeElement te) {
        if (te.getNestingKind() == NestingKind.LOCAL || te.getNestingKind() == NestingKind.ANONYMOUS) {
            return ClassName.get("", te.getSimpleName().toString());
        }
        TypeNames.refusePrivate(te, declaredClasses::contains);
        return ClassName.get(te);
    }

    private CodeBlock memberSelect(TreePath p, MemberSelectTree ms) {
        String name = ms.getIdentifier().toString();
        TreePath qp = child(p, ms.getExpression());
        if (name.equals("class")) {
            return CodeBlock.of("$T.class", typeNames.erased(type(qp)));
        }
        Element e = el(p);
        if (e instanceof TypeElement te) {
            return CodeBlock.of("$T", className(te));
        }
        if (e instanceof PackageElement pe) {
            return CodeBlock.of("$L", pe.getQualifiedName());
        }
        if (name.equals("this")) {
            Element q = el(qp);
            if (printedClasses.contains(q)) {
                return CodeBlock.of("$T.this", typeNames.erased(type(qp)));
            }
            if (q != null && q.equals(userClass)) {
                return CodeBlock.of("self");
            }
            CodeBlock outer = q instanceof TypeElement qt && unit.needsSelf ? enclosingInstance(qt) : null;
            if (outer != null) {
                return outer;
            }
            throw new UnsupportedCodeException(ms, "@Go code cannot use " + ms + "; pass the object as a parameter");
        }
        if (name.equals("super")) {
            throw new UnsupportedCodeException(ms, "'" + ms + "' is not supported in @Go code");
        }
        Element qe = el(qp);
        boolean viaType = qe instanceof TypeElement;
        if (e instanceof VariableElement f && (f.getKind() == ElementKind.FIELD || f.getKind() == ElementKind.ENUM_CONSTANT)
                && isPrivate(f)) {
            if (f.getModifiers().contains(Modifier.STATIC)) {
                return privateGet(f, null, type(p));
            }
            return privateGet(f, expr(qp), type(p));
        }
        if (viaType) {
            return CodeBlock.of("$T.$N", className((TypeElement) qe), name);
        }
        return CodeBlock.of("$L.$N", expr(qp), name);
    }

    private CodeBlock args(TreePath p, List<? extends ExpressionTree> args) {
        List<CodeBlock> codes = new ArrayList<>();
        for (ExpressionTree a : args) {
            codes.add(expr(child(p, a)));
        }
        return CodeBlock.join(codes, ", ");
    }

    CodeBlock typeArgs(TreePath p, List<? extends Tree> typeArgs) {
        if (typeArgs.isEmpty()) {
            return CodeBlock.of("");
        }
        List<CodeBlock> codes = new ArrayList<>();
        for (Tree a : typeArgs) {
            codes.add(typeTree(child(p, a)));
        }
        return CodeBlock.of("<$L>", CodeBlock.join(codes, ", "));
    }

    private CodeBlock invocation(TreePath p, MethodInvocationTree mi) {
        if (unit.spawnedLambdas.containsKey(mi) || unit.spawnedCalls.contains(mi)) {
            return host.spawn(mi, p);
        }
        ExecutableElement m = (ExecutableElement) el(p);
        return invocation(p, mi, m, args(p, mi.getArguments()), null);
    }

    /**
     * A call of {@code m}; {@code receiver} is the printed receiver (null: print it from the tree),
     * {@code args} the printed arguments.
     */
    CodeBlock invocation(TreePath p, MethodInvocationTree mi, ExecutableElement m, CodeBlock args, CodeBlock receiver) {
        CodeBlock targs = typeArgs(p, mi.getTypeArguments());
        boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
        String name = m.getSimpleName().toString();
        ExpressionTree select = mi.getMethodSelect();
        if (m.getKind() == ElementKind.CONSTRUCTOR) {
            // super(...) or this(...) in a constructor of a class declared in @Go code
            if (select instanceof IdentifierTree id) {
                return CodeBlock.of("$L$L($L)", targs, id.getName().toString(), args);
            }
            MemberSelectTree qualified = (MemberSelectTree) select; // outer.super(...)
            return CodeBlock.of("$L.$L$L($L)", expr(child(child(p, qualified), qualified.getExpression())), targs,
                    qualified.getIdentifier().toString(), args);
        }
        if (select instanceof IdentifierTree) {
            if (memberOfPrintedClass(m)) {
                return targs.isEmpty() ? CodeBlock.of("$N($L)", name, args)
                        : CodeBlock.of("this.$L$N($L)", targs, name, args);
            }
            if (isPrivate(m)) {
                return privateCall(p, m, isStatic ? null : receiverFor(mi, m), args);
            }
            if (isStatic) {
                return CodeBlock.of("$T.$L$N($L)", className((TypeElement) m.getEnclosingElement()), targs, name, args);
            }
            return CodeBlock.of("$L.$L$N($L)", receiverFor(mi, m), targs, name, args);
        }
        MemberSelectTree ms = (MemberSelectTree) select;
        TreePath sp = child(p, ms);
        TreePath qp = child(sp, ms.getExpression());
        if (ms.getExpression() instanceof IdentifierTree q && q.getName().contentEquals("super")) {
            if (!printedClasses.isEmpty()) {
                return CodeBlock.of("super.$L$N($L)", targs, name, args);
            }
            if (isStatic) {
                return CodeBlock.of("$T.$L$N($L)", className((TypeElement) m.getEnclosingElement()), targs, name, args);
            }
            if (m.getEnclosingElement().getKind().isInterface() || m.getModifiers().contains(Modifier.ABSTRACT)) {
                throw new UnsupportedCodeException(mi, "'super." + name + "(...)' of an interface's default method is "
                        + "not supported in @Go code; call it from a helper method of your class");
            }
            // invokespecial from the generated class: a findSpecial handle in the user's class
            CodeBlock self = receiverFor(mi, m);
            CodeBlock all = args.isEmpty() ? self : CodeBlock.of("$L, $L", self, args);
            CodeBlock call = CodeBlock.of("$T.$L($L)", generated, privates.superCall(m, userClass), all);
            TypeMirror ret = m.getReturnType();
            if (ret.getKind() != TypeKind.VOID && !types.isSameType(types.erasure(ret), ret) && !isStatement(p)) {
                return CodeBlock.of("(($T) $L)", typeNames.of(type(p)), call);
            }
            return call;
        }
        Element qe = el(qp);
        if (qe instanceof TypeElement te && receiver == null) {
            if (isPrivate(m)) {
                return privateCall(p, m, null, args);
            }
            return CodeBlock.of("$T.$L$N($L)", className(te), targs, name, args);
        }
        CodeBlock r = receiver != null ? receiver : expr(qp);
        if (isPrivate(m)) {
            return privateCall(p, m, isStatic ? null : r, args);
        }
        return CodeBlock.of("$L.$L$N($L)", r, targs, name, args);
    }

    /**
     * Reads a private field through its handle. The helper returns Object; a field of a generic
     * type is cast back to its type at this use ({@code useType}: {@code s.items} with
     * {@code s} a {@code Stack<T>} is a {@code List<T>}), never to the declared {@code List<E>},
     * whose E may not be in scope here (a static method of a generic class).
     */
    CodeBlock privateGet(VariableElement f, CodeBlock receiver, TypeMirror useType) {
        if (f.getConstantValue() != null && receiver == null) {
            // a constant variable: javac inlines it too, and a case label needs a constant
            return constantLiteral(f.getConstantValue());
        }
        CodeBlock get = receiver == null ? CodeBlock.of("$T.get$$$L()", generated, privateField(f))
                : CodeBlock.of("$T.get$$$L($L)", generated, privateField(f), receiver);
        if (!types.isSameType(types.erasure(f.asType()), f.asType())) {
            TypeMirror t = useType != null && useType.getKind() != TypeKind.ERROR ? useType : f.asType();
            return CodeBlock.of("(($T) $L)", typeNames.of(inScope(t) ? t : types.erasure(t)), get);
        }
        return get;
    }

    /**
     * True if every type variable {@code t} mentions is declared where the generated code is:
     * by the @Go method, or by its class when the method is an instance method (frames of
     * instance methods of generic classes declare the class's type parameters). Captured
     * wildcards print as their bounds, so they count as in scope when their bounds are.
     */
    boolean inScope(TypeMirror t) {
        return inScope(t, new HashSet<>());
    }

    private boolean inScope(TypeMirror t, Set<TypeMirror> seen) {
        if (t == null || !seen.add(t)) {
            return true;
        }
        switch (t.getKind()) {
            case ARRAY:
                return inScope(((javax.lang.model.type.ArrayType) t).getComponentType(), seen);
            case DECLARED: {
                javax.lang.model.type.DeclaredType d = (javax.lang.model.type.DeclaredType) t;
                for (TypeMirror a : d.getTypeArguments()) {
                    if (!inScope(a, seen)) {
                        return false;
                    }
                }
                return d.getEnclosingType().getKind() != TypeKind.DECLARED || inScope(d.getEnclosingType(), seen);
            }
            case WILDCARD: {
                javax.lang.model.type.WildcardType w = (javax.lang.model.type.WildcardType) t;
                return inScope(w.getExtendsBound(), seen) && inScope(w.getSuperBound(), seen);
            }
            case INTERSECTION:
                return ((javax.lang.model.type.IntersectionType) t).getBounds().stream().allMatch(b -> inScope(b, seen));
            case TYPEVAR: {
                javax.lang.model.type.TypeVariable tv = (javax.lang.model.type.TypeVariable) t;
                if (TypeNames.isCaptured(tv)) {
                    return inScope(tv.getUpperBound(), seen);
                }
                Element owner = tv.asElement().getEnclosingElement();
                if (owner.equals(unit.method)) {
                    return true;
                }
                if (unit.method.getModifiers().contains(Modifier.STATIC)) {
                    return false;
                }
                for (Element c = unit.method.getEnclosingElement(); c instanceof TypeElement te;
                        c = te.getModifiers().contains(Modifier.STATIC) ? null : te.getEnclosingElement()) {
                    if (owner.equals(c)) {
                        return true;
                    }
                }
                return false;
            }
            default:
                return true;
        }
    }

    /**
     * The name of a private field's helpers. Their signatures name the field's type (erased), so a
     * private class there is refused here, as in the frame, before it reaches generated code.
     */
    private String privateField(VariableElement f) {
        typeNames.of(types.erasure(f.asType()));
        className((TypeElement) f.getEnclosingElement()); // the handle's lookup names the class
        return privates.field(f);
    }

    /** An expression statement's expression: a cast there would not be a statement. */
    private static boolean isStatement(TreePath p) {
        return p.getParentPath() != null && p.getParentPath().getLeaf() instanceof ExpressionStatementTree;
    }

    /** A constant's value as a Java constant expression of the same type. */
    static CodeBlock constantLiteral(Object v) {
        if (v instanceof String str) {
            return CodeBlock.of("$S", str);
        }
        if (v instanceof Character c) {
            return CodeBlock.of("((char) $L)", (int) c); // no escape to get wrong: '\u0027' is a quote
        }
        if (v instanceof Boolean) {
            return CodeBlock.of("$L", v);
        }
        if (v instanceof Float fl) {
            return fl.isNaN() ? CodeBlock.of("(0.0f / 0.0f)") : fl.isInfinite()
                    ? CodeBlock.of(fl > 0 ? "(1.0f / 0.0f)" : "(-1.0f / 0.0f)") : CodeBlock.of("($Lf)", fl);
        }
        if (v instanceof Double d) {
            return d.isNaN() ? CodeBlock.of("(0.0d / 0.0d)") : d.isInfinite()
                    ? CodeBlock.of(d > 0 ? "(1.0d / 0.0d)" : "(-1.0d / 0.0d)") : CodeBlock.of("($Ld)", d);
        }
        if (v instanceof Long l) {
            return CodeBlock.of("($LL)", l);
        }
        if (v instanceof Byte || v instanceof Short) {
            return CodeBlock.of("(($L) $L)", v instanceof Byte ? "byte" : "short", v);
        }
        return CodeBlock.of("($L)", v);
    }

    private CodeBlock privateCall(TreePath call, ExecutableElement m, CodeBlock receiver, CodeBlock args) {
        // the helper's signature names the erased parameter and result types, its handle the class
        className((TypeElement) m.getEnclosingElement());
        for (VariableElement param : m.getParameters()) {
            typeNames.of(types.erasure(param.asType()));
        }
        if (m.getReturnType().getKind() != TypeKind.VOID) {
            typeNames.of(types.erasure(m.getReturnType()));
        }
        String helper = privates.method(m);
        CodeBlock all = receiver == null ? args
                : args.isEmpty() ? receiver : CodeBlock.of("$L, $L", receiver, args);
        CodeBlock invoke = CodeBlock.of("$T.invoke$$$L($L)", generated, helper, all);
        TypeMirror ret = m.getReturnType();
        if (ret.getKind() != TypeKind.VOID && !types.isSameType(types.erasure(ret), ret)
                && (call == null || !isStatement(call))) {
            // the helper returns the erasure: cast to the call's type, which the callee's own
            // type variables are not (they are inferred at this call)
            TypeMirror t = call != null ? type(call) : ret;
            return CodeBlock.of("(($T) $L)", typeNames.of(inScope(t) ? t : types.erasure(t)), invoke);
        }
        return invoke;
    }

    private CodeBlock newClass(TreePath p, NewClassTree nc) {
        CodeBlock args = args(p, nc.getArguments());
        ExecutableElement ctor = (ExecutableElement) el(p);
        TreePath idp = child(p, nc.getIdentifier());
        CodeBlock typeArgs = typeArgs(p, nc.getTypeArguments());
        if (nc.getClassBody() != null) {
            TypeElement anon = (TypeElement) el(child(p, nc.getClassBody()));
            CodeBlock.Builder b = CodeBlock.builder();
            b.add("new $L$L($L) {\n$>", typeArgs, typeTree(idp), args);
            classMembers(child(p, nc.getClassBody()), anon, b);
            b.add("$<}");
            return b.build();
        }
        if (nc.getEnclosingExpression() != null) {
            if (!declaredClasses.contains((TypeElement) ctor.getEnclosingElement())) {
                className((TypeElement) ctor.getEnclosingElement()); // outer.new Inner() names Inner
            }
            return CodeBlock.of("$L.new $L$L($L)", expr(child(p, nc.getEnclosingExpression())), typeArgs,
                    simpleTypeTree(idp), args);
        }
        return plainNew(p, nc, ctor, args);
    }

    /**
     * {@code new C(args)} with the arguments already printed (or evaluated into temporaries), for
     * a class without body or explicit outer instance: through its handle when the constructor is
     * private, with the implicit outer instance for an inner class.
     */
    CodeBlock plainNew(TreePath p, NewClassTree nc, ExecutableElement ctor, CodeBlock args) {
        TreePath idp = child(p, nc.getIdentifier());
        CodeBlock typeArgs = typeArgs(p, nc.getTypeArguments());
        TypeElement cls = (TypeElement) ctor.getEnclosingElement();
        if (ctor.getModifiers().contains(Modifier.PRIVATE) && !declaredClasses.contains(cls)) {
            className(cls); // a private class itself cannot be named by the generated class at all
            return privateCall(null, ctor, null, args);
        }
        if (cls.getNestingKind() == NestingKind.MEMBER && !cls.getModifiers().contains(Modifier.STATIC)
                && cls.getKind() == ElementKind.CLASS && printedClasses.isEmpty()) {
            if (!declaredClasses.contains(cls)) {
                className(cls); // self.new Inner() names Inner
            }
            return CodeBlock.of("$L.new $L$L($L)", receiverFor(nc, cls), typeArgs, simpleTypeTree(idp), args);
        }
        return CodeBlock.of("new $L$L($L)", typeArgs, typeTree(idp), args);
    }

    private CodeBlock simpleTypeTree(TreePath p) {
        Tree t = p.getLeaf();
        if (t instanceof ParameterizedTypeTree pt) {
            CodeBlock base = simpleTypeTree(child(p, pt.getType()));
            return CodeBlock.of("$L$L", base, pt.getTypeArguments().isEmpty() ? CodeBlock.of("<>")
                    : typeArgs(p, pt.getTypeArguments()));
        }
        Element e = el(p);
        return CodeBlock.of("$N", e != null ? e.getSimpleName().toString() : t.toString());
    }

    private CodeBlock newArray(TreePath p, NewArrayTree na) {
        TypeMirror whole = type(p);
        if (na.getInitializers() != null) {
            List<CodeBlock> inits = new ArrayList<>();
            for (ExpressionTree i : na.getInitializers()) {
                inits.add(expr(child(p, i)));
            }
            return CodeBlock.of("new $T {$L}", typeNames.of(whole), CodeBlock.join(inits, ", "));
        }
        TypeMirror elem = whole;
        int depth = 0;
        while (elem.getKind() == TypeKind.ARRAY) {
            elem = ((ArrayType) elem).getComponentType();
            depth++;
        }
        CodeBlock.Builder b = CodeBlock.builder().add("new $T", typeNames.erased(elem));
        for (ExpressionTree d : na.getDimensions()) {
            b.add("[$L]", expr(child(p, d)));
        }
        for (int i = na.getDimensions().size(); i < depth; i++) {
            b.add("[]");
        }
        return b.build();
    }

    /** Printed form of a type tree, with imports through JavaPoet. */
    CodeBlock typeTree(TreePath p) {
        Tree t = p.getLeaf();
        if (t instanceof ParameterizedTypeTree pt) {
            CodeBlock base = typeTree(child(p, pt.getType()));
            if (pt.getTypeArguments().isEmpty()) {
                return CodeBlock.of("$L<>", base);
            }
            return CodeBlock.of("$L$L", base, typeArgs(p, pt.getTypeArguments()));
        }
        if (t instanceof ArrayTypeTree at) {
            return CodeBlock.of("$L[]", typeTree(child(p, at.getType())));
        }
        if (t instanceof WildcardTree w) {
            if (w.getBound() == null) {
                return CodeBlock.of("?");
            }
            return CodeBlock.of(w.getKind() == Tree.Kind.EXTENDS_WILDCARD ? "? extends $L" : "? super $L",
                    typeTree(child(p, w.getBound())));
        }
        if (t instanceof UnionTypeTree u) {
            List<CodeBlock> alts = new ArrayList<>();
            for (Tree a : u.getTypeAlternatives()) {
                alts.add(typeTree(child(p, a)));
            }
            return CodeBlock.join(alts, " | ");
        }
        if (t instanceof IntersectionTypeTree it) {
            List<CodeBlock> bounds = new ArrayList<>();
            for (Tree a : it.getBounds()) {
                bounds.add(typeTree(child(p, a)));
            }
            return CodeBlock.join(bounds, " & ");
        }
        if (t instanceof PrimitiveTypeTree pt) {
            return CodeBlock.of("$L", pt.getPrimitiveTypeKind().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (t.getKind() == Tree.Kind.ANNOTATED_TYPE) {
            return typeTree(child(p, ((com.sun.source.tree.AnnotatedTypeTree) t).getUnderlyingType()));
        }
        Element e = el(p);
        if (e instanceof TypeElement te) {
            return CodeBlock.of("$T", className(te));
        }
        if (e != null && e.getKind() == ElementKind.TYPE_PARAMETER) {
            return CodeBlock.of("$N", TypeNames.nameOf(e));
        }
        TypeMirror m = type(p);
        if (m != null) {
            return CodeBlock.of("$T", typeNames.of(m));
        }
        return CodeBlock.of("$L", t);
    }

    CodeBlock instanceOf(TreePath p, InstanceOfTree io, CodeBlock operand) {
        CodeBlock e = operand != null ? operand : expr(child(p, io.getExpression()));
        Tree pattern = io.getPattern();
        if (pattern instanceof com.sun.source.tree.BindingPatternTree bp) {
            TreePath pp = child(p, bp);
            TreePath vp = child(pp, bp.getVariable());
            VariableElement v = (VariableElement) el(vp);
            LocalVar lv = unit.vars.get(v);
            CodeBlock type = CodeBlock.of("$T", typeNames.of(v.asType()));
            if (lv != null && lv.lowered()) {
                String tmp = lv.name + "$p";
                return CodeBlock.of("($L instanceof $L $N && ($N = $N) == $N)", e, type, tmp, lv.name, tmp, tmp);
            }
            return CodeBlock.of("$L instanceof $L $N", e, type, lv != null ? lv.name : v.getSimpleName().toString());
        }
        return CodeBlock.of("$L instanceof $L", e, typeTree(child(p, io.getType())));
    }

    private CodeBlock lambda(TreePath p, LambdaExpressionTree l) {
        List<CodeBlock> params = new ArrayList<>();
        boolean explicit = false;
        for (VariableTree v : l.getParameters()) {
            explicit |= v.getType() != null && trees.getSourcePositions().getStartPosition(cu, v.getType()) >= 0
                    && trees.getSourcePositions().getEndPosition(cu, v.getType()) > 0;
        }
        for (VariableTree v : l.getParameters()) {
            TreePath vp = child(p, v);
            VariableElement ve = (VariableElement) el(vp);
            LocalVar lv = unit.vars.get(ve);
            String name = lv != null ? lv.name : v.getName().toString();
            params.add(explicit ? CodeBlock.of("$T $N", typeNames.of(ve.asType()), name) : CodeBlock.of("$N", name));
        }
        CodeBlock head = explicit || params.size() != 1 ? CodeBlock.of("($L) -> ", CodeBlock.join(params, ", "))
                : CodeBlock.of("$L -> ", params.get(0));
        Deque<Tree> saved = new ArrayDeque<>(nativeTargets);
        nativeTargets.clear();
        nested++;
        try {
            TreePath bp = child(p, l.getBody());
            if (l.getBody() instanceof BlockTree) {
                CodeBlock.Builder b = CodeBlock.builder().add("$L", head);
                blockBody(bp, b);
                return b.build();
            }
            return CodeBlock.of("$L$L", head, expr(bp));
        } finally {
            nested--;
            nativeTargets.addAll(saved);
        }
    }

    private CodeBlock memberReference(TreePath p, MemberReferenceTree mr) {
        TreePath qp = child(p, mr.getQualifierExpression());
        Element qe = el(qp);
        Element target = el(p);
        if (target != null && isPrivate(target)) {
            throw new UnsupportedCodeException(mr, "a method reference to " + (target.getModifiers().contains(
                    Modifier.PRIVATE) ? "private " : "protected ") + target.getSimpleName()
                    + " is not supported in @Go code; use a lambda that calls it");
        }
        CodeBlock q;
        if (qe instanceof TypeElement || isTypeTree(mr.getQualifierExpression())) {
            q = typeTree(qp);
        } else {
            q = expr(qp);
        }
        String name = mr.getMode() == MemberReferenceTree.ReferenceMode.NEW ? "new" : mr.getName().toString();
        CodeBlock targs = mr.getTypeArguments() == null ? CodeBlock.of("") : typeArgs(p, mr.getTypeArguments());
        return CodeBlock.of("$L::$L$L", q, targs, name);
    }

    private CodeBlock switchExpression(TreePath p, SwitchExpressionTree sw) {
        TreePath sel = child(p, sw.getExpression());
        CodeBlock.Builder b = CodeBlock.builder();
        b.add("switch ($L) {\n$>", condition(sel));
        nativeTargets.push(sw);
        try {
            for (CaseTree c : sw.getCases()) {
                caseClause(child(p, c), c, type(sel), b);
            }
        } finally {
            nativeTargets.pop();
        }
        b.add("$<}");
        return b.build();
    }

    CodeBlock caseLabels(TreePath p, CaseTree c, TypeMirror selector) {
        if (c.getExpressions().isEmpty()) {
            return CodeBlock.of("default");
        }
        boolean isEnum = selector != null && selector.getKind() == TypeKind.DECLARED
                && types.asElement(selector).getKind() == ElementKind.ENUM;
        List<CodeBlock> labels = new ArrayList<>();
        for (ExpressionTree e : c.getExpressions()) {
            if (isEnum) {
                Element constant = el(child(p, e));
                labels.add(CodeBlock.of("$N", constant != null ? constant.getSimpleName().toString() : e.toString()));
            } else {
                labels.add(expr(child(p, e)));
            }
        }
        return CodeBlock.of("case $L", CodeBlock.join(labels, ", "));
    }

    private void caseClause(TreePath p, CaseTree c, TypeMirror selector, CodeBlock.Builder b) {
        CodeBlock labels = caseLabels(p, c, selector);
        if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
            Tree body = c.getBody();
            TreePath bp = child(p, body);
            if (body instanceof BlockTree) {
                b.add("$L -> ", labels);
                blockBody(bp, b);
                b.add("\n");
            } else if (body instanceof StatementTree) {
                b.add("$L -> ", labels);
                CodeBlock.Builder inner = CodeBlock.builder();
                stmt(bp, inner);
                b.add(inner.build());
            } else {
                b.add("$L -> $L;\n", labels, expr(bp));
            }
        } else {
            b.add("$L:\n$>", labels);
            for (StatementTree s : c.getStatements()) {
                stmt(child(p, s), b);
            }
            b.add("$<");
        }
    }

    // ---------------------------------------------------------------- assignments

    /** {@code target = value}, where target is a variable, field or array element. */
    CodeBlock assign(TreePath target, CodeBlock value) {
        Tree t = target.getLeaf();
        if (t instanceof ParenthesizedTree pt) {
            return assign(child(target, pt.getExpression()), value);
        }
        VariableElement f = privateField(target);
        if (f != null) {
            return CodeBlock.of("$T.set$$$L($L$L)", generated, privateField(f), privateReceiverPrefix(target, f), value);
        }
        return CodeBlock.of("$L = $L", expr(target), value);
    }

    /** Writes private field {@code f} of {@code receiver} (null: a static field) through its handle. */
    CodeBlock privateSet(VariableElement f, CodeBlock receiver, CodeBlock value) {
        return receiver == null ? CodeBlock.of("$T.set$$$L($L)", generated, privateField(f), value)
                : CodeBlock.of("$T.set$$$L($L, $L)", generated, privateField(f), receiver, value);
    }

    private CodeBlock privateReceiverPrefix(TreePath target, VariableElement f) {
        if (f.getModifiers().contains(Modifier.STATIC)) {
            return CodeBlock.of("");
        }
        Tree t = target.getLeaf();
        if (t instanceof MemberSelectTree ms) {
            return CodeBlock.of("$L, ", expr(child(target, ms.getExpression())));
        }
        return CodeBlock.of("$L, ", receiverFor(t, f));
    }

    /** The private field {@code target} names, if it needs a handle. */
    VariableElement privateField(TreePath target) {
        Tree t = target.getLeaf();
        if (!(t instanceof IdentifierTree || t instanceof MemberSelectTree)) {
            return null;
        }
        Element e = el(target);
        if (e instanceof VariableElement v && v.getKind() == ElementKind.FIELD && isPrivate(v)
                && !memberOfPrintedClass(v)) {
            return v;
        }
        return null;
    }

    CodeBlock compound(TreePath p, CompoundAssignmentTree c, CodeBlock value) {
        TreePath target = child(p, c.getVariable());
        VariableElement f = privateField(target);
        if (f != null) {
            requireSimpleReceiver(target);
            TypeMirror ft = type(target);
            CodeBlock current = expr(target);
            CodeBlock combined = CodeBlock.of("($T) ($L $L ($L))", typeNames.of(ft), current,
                    Operators.binaryOfCompound(c.getKind()), value);
            return CodeBlock.of("$T.set$$$L($L$L)", generated, privateField(f), privateReceiverPrefix(target, f), combined);
        }
        return CodeBlock.of("$L $L $L", expr(target), Operators.compound(c.getKind()), value);
    }

    private void requireSimpleReceiver(TreePath target) {
        if (target.getLeaf() instanceof MemberSelectTree ms) {
            Tree q = ms.getExpression();
            if (!(q instanceof IdentifierTree)) {
                throw new UnsupportedCodeException(target.getLeaf(), "compound assignment to the private field "
                        + ms.getIdentifier() + " of a computed object; store the object in a local variable first");
            }
        }
    }

    /** An expression whose value is unused: {@code x++} on a private field becomes a plain setter call. */
    CodeBlock statementExpression(TreePath p) {
        if (p.getLeaf() instanceof UnaryTree u && (u.getKind() == Tree.Kind.POSTFIX_INCREMENT
                || u.getKind() == Tree.Kind.POSTFIX_DECREMENT) && privateField(child(p, u.getExpression())) != null) {
            TreePath operand = child(p, u.getExpression());
            VariableElement f = privateField(operand);
            requireSimpleReceiver(operand);
            return CodeBlock.of("$T.set$$$L($L($T) ($L $L 1))", generated, privateField(f),
                    privateReceiverPrefix(operand, f), typeNames.of(type(operand)), expr(operand),
                    u.getKind() == Tree.Kind.POSTFIX_INCREMENT ? "+" : "-");
        }
        return expr(p);
    }

    private CodeBlock unary(TreePath p, UnaryTree u) {
        TreePath operand = child(p, u.getExpression());
        Tree.Kind k = u.getKind();
        boolean incdec = k == Tree.Kind.PREFIX_INCREMENT || k == Tree.Kind.PREFIX_DECREMENT
                || k == Tree.Kind.POSTFIX_INCREMENT || k == Tree.Kind.POSTFIX_DECREMENT;
        if (incdec) {
            VariableElement f = privateField(operand);
            if (f != null) {
                requireSimpleReceiver(operand);
                TypeName ft = typeNames.of(type(operand));
                String op = k == Tree.Kind.PREFIX_INCREMENT || k == Tree.Kind.POSTFIX_INCREMENT ? "+" : "-";
                String undo = op.equals("+") ? "-" : "+";
                CodeBlock set = CodeBlock.of("$T.set$$$L($L($T) ($L $L 1))", generated, privateField(f),
                        privateReceiverPrefix(operand, f), ft, expr(operand), op);
                if (k == Tree.Kind.PREFIX_INCREMENT || k == Tree.Kind.PREFIX_DECREMENT) {
                    return set;
                }
                return CodeBlock.of("(($T) ($L $L 1))", ft, set, undo);
            }
        }
        return Operators.unary(k, expr(operand));
    }

    // ---------------------------------------------------------------- statements

    /**
     * Writes the line marker of statement {@code t}: a comment {@code // line N} that maps the
     * generated lines after it to line N of the user's file (see {@code LineMapping}), from which
     * the class files get the user's line numbers. Blocks get none: their statements have theirs.
     */
    void lineMarker(Tree t, CodeBlock.Builder b) {
        if (t instanceof BlockTree) {
            return;
        }
        long pos = trees.getSourcePositions().getStartPosition(cu, t);
        if (pos >= 0) {
            b.add("// line $L\n", cu.getLineMap().getLineNumber(pos));
        }
    }

    /** Prints {@code { statements }} (braces included). */
    void blockBody(TreePath p, CodeBlock.Builder b) {
        b.add("{\n$>");
        for (StatementTree s : ((BlockTree) p.getLeaf()).getStatements()) {
            stmt(child(p, s), b);
        }
        b.add("$<}");
    }

    /**
     * The body of a loop the lowering prints itself (with its preemption check): break and
     * continue that target {@code loop} or {@code label} stay Java jumps.
     */
    void loopBody(TreePath body, Tree loop, LabeledStatementTree label, CodeBlock.Builder b) {
        if (label != null) {
            nativeTargets.push(label);
        }
        nativeTargets.push(loop);
        try {
            body(body, b);
        } finally {
            nativeTargets.pop();
            if (label != null) {
                nativeTargets.pop();
            }
        }
    }

    /** A statement as its own block contents (for if/loop bodies). */
    private void body(TreePath p, CodeBlock.Builder b) {
        if (p.getLeaf() instanceof BlockTree bt) {
            for (StatementTree s : bt.getStatements()) {
                stmt(child(p, s), b);
            }
        } else {
            stmt(p, b);
        }
    }

    void stmt(TreePath p, CodeBlock.Builder b) {
        Tree t = p.getLeaf();
        lineMarker(t, b);
        switch (t.getKind()) {
            case BLOCK -> {
                blockBody(p, b);
                b.add("\n");
            }
            case EXPRESSION_STATEMENT -> b.add("$L;\n", statementExpression(child(p, ((ExpressionStatementTree) t).getExpression())));
            case VARIABLE -> localVariable(p, (VariableTree) t, b);
            case EMPTY_STATEMENT -> b.add(";\n");
            case IF -> ifStatement(p, (IfTree) t, b, false);
            case WHILE_LOOP -> {
                WhileLoopTree w = (WhileLoopTree) t;
                nativeTargets.push(w);
                b.beginControlFlow("while ($L)", condition(child(p, w.getCondition())));
                body(child(p, w.getStatement()), b);
                b.endControlFlow();
                nativeTargets.pop();
            }
            case DO_WHILE_LOOP -> {
                DoWhileLoopTree w = (DoWhileLoopTree) t;
                nativeTargets.push(w);
                b.beginControlFlow("do");
                body(child(p, w.getStatement()), b);
                nativeTargets.pop();
                b.endControlFlow("while ($L)", condition(child(p, w.getCondition())));
            }
            case FOR_LOOP -> forLoop(p, (ForLoopTree) t, b);
            case ENHANCED_FOR_LOOP -> {
                EnhancedForLoopTree f = (EnhancedForLoopTree) t;
                TreePath vp = child(p, f.getVariable());
                VariableElement v = (VariableElement) el(vp);
                LocalVar lv = unit.vars.get(v);
                nativeTargets.push(f);
                b.beginControlFlow("for ($L$L $N : $L)", f.getVariable().getModifiers().getFlags().contains(Modifier.FINAL)
                        ? "final " : "", localType(v), lv != null ? lv.name : v.getSimpleName().toString(),
                        expr(child(p, f.getExpression())));
                body(child(p, f.getStatement()), b);
                b.endControlFlow();
                nativeTargets.pop();
            }
            case LABELED_STATEMENT -> {
                LabeledStatementTree l = (LabeledStatementTree) t;
                nativeTargets.push(l);
                b.add("$L:\n", l.getLabel());
                stmt(child(p, l.getStatement()), b);
                nativeTargets.pop();
            }
            case SWITCH -> {
                SwitchTree sw = (SwitchTree) t;
                TreePath sel = child(p, sw.getExpression());
                nativeTargets.push(sw);
                b.add("switch ($L) {\n$>", condition(sel));
                for (CaseTree c : sw.getCases()) {
                    caseClause(child(p, c), c, type(sel), b);
                }
                b.add("$<}\n");
                nativeTargets.pop();
            }
            case BREAK -> {
                BreakTree br = (BreakTree) t;
                String label = br.getLabel() == null ? null : br.getLabel().toString();
                if (nested > 0 || findNative(label, false)) {
                    b.add("$L;\n", label == null ? "break" : "break " + label);
                } else {
                    b.add(host.jumpOut(br, label, false));
                }
            }
            case CONTINUE -> {
                ContinueTree ct = (ContinueTree) t;
                String label = ct.getLabel() == null ? null : ct.getLabel().toString();
                if (nested > 0 || findNative(label, true)) {
                    b.add("$L;\n", label == null ? "continue" : "continue " + label);
                } else {
                    b.add(host.jumpOut(ct, label, true));
                }
            }
            case RETURN -> {
                ReturnTree r = (ReturnTree) t;
                CodeBlock v = r.getExpression() == null ? null : expr(child(p, r.getExpression()));
                if (nested > 0) {
                    b.add("$L;\n", v == null ? CodeBlock.of("return") : CodeBlock.of("return $L", v));
                } else {
                    b.add(host.returnOut(v, r));
                }
            }
            case YIELD -> {
                YieldTree y = (YieldTree) t;
                CodeBlock v = expr(child(p, y.getValue()));
                if (nested > 0 || nativeTargets.stream().anyMatch(x -> x instanceof SwitchExpressionTree)) {
                    b.add("yield $L;\n", v);
                } else {
                    b.add(host.yieldOut(v, y));
                }
            }
            case THROW -> b.add("throw $L;\n", expr(child(p, ((ThrowTree) t).getExpression())));
            case ASSERT -> {
                AssertTree a = (AssertTree) t;
                if (a.getDetail() == null) {
                    b.add("assert $L;\n", expr(child(p, a.getCondition())));
                } else {
                    b.add("assert $L : $L;\n", expr(child(p, a.getCondition())), expr(child(p, a.getDetail())));
                }
            }
            case SYNCHRONIZED -> {
                SynchronizedTree s = (SynchronizedTree) t;
                b.beginControlFlow("synchronized ($L)", condition(child(p, s.getExpression())));
                body(child(p, s.getBlock()), b);
                b.endControlFlow();
            }
            case TRY -> tryStatement(p, (TryTree) t, b);
            case CLASS -> {
                ClassTree c = (ClassTree) t;
                TypeElement te = (TypeElement) el(p);
                localClass(p, c, te, b);
            }
            default -> throw new UnsupportedCodeException(t, "this statement (" + t.getKind()
                    + ") is not supported in @Go code yet");
        }
    }

    /** A condition; parentheses are added by the caller's syntax. */
    CodeBlock condition(TreePath p) {
        if (p.getLeaf() instanceof ParenthesizedTree pt) {
            return expr(child(p, pt.getExpression()));
        }
        return expr(p);
    }

    private boolean findNative(String label, boolean isContinue) {
        for (Tree t : nativeTargets) {
            if (label != null) {
                if (t instanceof LabeledStatementTree l && l.getLabel().contentEquals(label)) {
                    return true;
                }
            } else if (t instanceof WhileLoopTree || t instanceof DoWhileLoopTree || t instanceof ForLoopTree
                    || t instanceof EnhancedForLoopTree || (!isContinue && t instanceof SwitchTree)) {
                return true;
            }
            if (t instanceof SwitchExpressionTree) {
                return false;
            }
        }
        return false;
    }

    void ifStatement(TreePath p, IfTree i, CodeBlock.Builder b, boolean elseIf) {
        CodeBlock c = condition(child(p, i.getCondition()));
        if (elseIf) {
            b.nextControlFlow("else if ($L)", c);
        } else {
            b.beginControlFlow("if ($L)", c);
        }
        body(child(p, i.getThenStatement()), b);
        if (i.getElseStatement() instanceof IfTree ei) {
            ifStatement(child(p, ei), ei, b, true);
            return;
        }
        if (i.getElseStatement() != null) {
            b.nextControlFlow("else");
            body(child(p, i.getElseStatement()), b);
        }
        b.endControlFlow();
    }

    private void forLoop(TreePath p, ForLoopTree f, CodeBlock.Builder b) {
        List<CodeBlock> init = new ArrayList<>();
        boolean declared = false;
        for (StatementTree s : f.getInitializer()) {
            TreePath sp = child(p, s);
            if (s instanceof VariableTree v) {
                VariableElement ve = (VariableElement) el(sp);
                LocalVar lv = unit.vars.get(ve);
                String name = lv != null ? lv.name : v.getName().toString();
                CodeBlock value = v.getInitializer() == null ? null : expr(child(sp, v.getInitializer()));
                CodeBlock one = value == null ? CodeBlock.of("$N", name) : CodeBlock.of("$N = $L", name, value);
                if (!declared) {
                    one = CodeBlock.of("$L $L", localType(ve), one);
                    declared = true;
                }
                init.add(one);
            } else {
                init.add(expr(child(sp, ((ExpressionStatementTree) s).getExpression())));
            }
        }
        List<CodeBlock> update = new ArrayList<>();
        for (ExpressionStatementTree s : f.getUpdate()) {
            update.add(expr(child(child(p, s), s.getExpression())));
        }
        CodeBlock cond = f.getCondition() == null ? CodeBlock.of("") : expr(child(p, f.getCondition()));
        nativeTargets.push(f);
        b.beginControlFlow("for ($L; $L; $L)", CodeBlock.join(init, ", "), cond, CodeBlock.join(update, ", "));
        body(child(p, f.getStatement()), b);
        b.endControlFlow();
        nativeTargets.pop();
    }

    CodeBlock localType(VariableElement v) {
        TypeMirror t = v.asType();
        if (!denotable(t)) {
            return CodeBlock.of("var");
        }
        return CodeBlock.of("$T", typeNames.of(t));
    }

    private boolean denotable(TypeMirror t) {
        if (t.getKind() == TypeKind.INTERSECTION) {
            return false;
        }
        if (t.getKind() == TypeKind.TYPEVAR && TypeNames.isCaptured((javax.lang.model.type.TypeVariable) t)) {
            return false;
        }
        if (t.getKind() == TypeKind.DECLARED) {
            TypeElement e = (TypeElement) types.asElement(t);
            if (e.getNestingKind() == NestingKind.ANONYMOUS) {
                return false;
            }
            for (TypeMirror a : ((javax.lang.model.type.DeclaredType) t).getTypeArguments()) {
                if (!denotable(a)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void localVariable(TreePath p, VariableTree v, CodeBlock.Builder b) {
        VariableElement ve = (VariableElement) el(p);
        LocalVar lv = unit.vars.get(ve);
        String name = lv != null ? lv.name : v.getName().toString();
        CodeBlock init = v.getInitializer() == null ? null : expr(child(p, v.getInitializer()));
        if (lv != null && lv.lowered()) {
            if (init != null) {
                b.add("$N = $L;\n", name, init);
            }
            return;
        }
        String fin = v.getModifiers().getFlags().contains(Modifier.FINAL) ? "final " : "";
        CodeBlock type = localType(ve);
        if (init == null) {
            b.add("$L$L $N;\n", fin, type, name);
        } else {
            b.add("$L$L $N = $L;\n", fin, type, name, init);
        }
    }

    private void tryStatement(TreePath p, TryTree t, CodeBlock.Builder b) {
        List<CodeBlock> resources = new ArrayList<>();
        for (Tree r : t.getResources()) {
            TreePath rp = child(p, r);
            if (r instanceof VariableTree v) {
                VariableElement ve = (VariableElement) el(rp);
                LocalVar lv = unit.vars.get(ve);
                resources.add(CodeBlock.of("$L $N = $L", localType(ve), lv != null ? lv.name : v.getName().toString(),
                        expr(child(rp, v.getInitializer()))));
            } else {
                resources.add(expr(rp));
            }
        }
        if (resources.isEmpty()) {
            b.beginControlFlow("try");
        } else {
            b.beginControlFlow("try ($L)", CodeBlock.join(resources, "; "));
        }
        body(child(p, t.getBlock()), b);
        for (CatchTree c : t.getCatches()) {
            TreePath cp = child(p, c);
            TreePath vp = child(cp, c.getParameter());
            VariableElement ve = (VariableElement) el(vp);
            LocalVar lv = unit.vars.get(ve);
            b.nextControlFlow("catch ($L $N)", typeTree(child(vp, c.getParameter().getType())),
                    lv != null ? lv.name : ve.getSimpleName().toString());
            body(child(cp, c.getBlock()), b);
        }
        if (t.getFinallyBlock() != null) {
            b.nextControlFlow("finally");
            body(child(p, t.getFinallyBlock()), b);
        }
        b.endControlFlow();
    }

    // ---------------------------------------------------------------- classes in printed code

    private void localClass(TreePath p, ClassTree c, TypeElement te, CodeBlock.Builder b) {
        if (te.getKind() != ElementKind.CLASS) {
            throw new UnsupportedCodeException(c, "local " + te.getKind().toString().toLowerCase(java.util.Locale.ROOT)
                    + " declarations are not supported in @Go methods; declare it as a member of your class");
        }
        declaredClasses.add(te);
        CodeBlock.Builder head = CodeBlock.builder();
        for (Modifier m : c.getModifiers().getFlags()) {
            head.add("$L ", m);
        }
        head.add("class $N", c.getSimpleName());
        if (!c.getTypeParameters().isEmpty()) {
            throw new UnsupportedCodeException(c, "generic local classes are not supported in @Go methods; "
                    + "declare the class as a member of your class");
        }
        if (c.getExtendsClause() != null) {
            head.add(" extends $L", typeTree(child(p, c.getExtendsClause())));
        }
        if (!c.getImplementsClause().isEmpty()) {
            List<CodeBlock> is = new ArrayList<>();
            for (Tree i : c.getImplementsClause()) {
                is.add(typeTree(child(p, i)));
            }
            head.add(" implements $L", CodeBlock.join(is, ", "));
        }
        CodeBlock own = captureFields; // not for classes declared inside this one
        captureFields = CodeBlock.of("");
        CodeBlock.Builder members = CodeBlock.builder();
        classMembers(p, te, members);
        b.add("$L {\n$>", head.build());
        b.add(own);
        b.add(members.build());
        b.add("$<}\n");
    }

    private CodeBlock captureFields = CodeBlock.of("");

    /**
     * A local class declared where the state machine runs, printed to be declared at the top of
     * {@code resume} (in scope in every state). The method's variables it captures are frame
     * fields (see the analysis); the class copies each into a final field of the same name when
     * an instance is created, which is when Java captures them (they are effectively final).
     */
    void hoistedLocalClass(TreePath p, String frameName, CodeBlock.Builder b) {
        java.util.Set<LocalVar> saved = hoistCaptures;
        hoistCaptures = new java.util.LinkedHashSet<>();
        try {
            ClassTree c = (ClassTree) p.getLeaf();
            TypeElement te = (TypeElement) el(p);
            CodeBlock.Builder probe = CodeBlock.builder();
            localClass(p, c, te, probe); // collects the captures
            CodeBlock.Builder fields = CodeBlock.builder();
            for (LocalVar lv : hoistCaptures) {
                fields.add("private final $T $N = $N.this.$N;\n", typeNames.of(lv.type), lv.name, frameName, lv.name);
            }
            captureFields = fields.build();
            localClass(p, c, te, b);
        } finally {
            hoistCaptures = saved;
        }
    }

    private void classMembers(TreePath p, TypeElement te, CodeBlock.Builder b) {
        ClassTree c = (ClassTree) p.getLeaf();
        declaredClasses.add(te);
        printedClasses.push(te);
        Deque<Tree> saved = new ArrayDeque<>(nativeTargets);
        nativeTargets.clear();
        nested++;
        try {
            for (Tree m : c.getMembers()) {
                TreePath mp = child(p, m);
                if (m instanceof MethodTree mt) {
                    method(mp, mt, te, b);
                } else if (m instanceof VariableTree v) {
                    CodeBlock.Builder mods = CodeBlock.builder();
                    for (Modifier mod : v.getModifiers().getFlags()) {
                        mods.add("$L ", mod);
                    }
                    VariableElement ve = (VariableElement) el(mp);
                    if (v.getInitializer() == null) {
                        b.add("$L$T $N;\n", mods.build(), typeNames.of(ve.asType()), v.getName().toString());
                    } else {
                        b.add("$L$T $N = $L;\n", mods.build(), typeNames.of(ve.asType()), v.getName().toString(),
                                expr(child(mp, v.getInitializer())));
                    }
                } else if (m instanceof BlockTree bt) {
                    if (bt.isStatic()) {
                        b.add("static ");
                    }
                    blockBody(mp, b);
                    b.add("\n");
                } else {
                    throw new UnsupportedCodeException(m, "this member of a class declared in @Go code is not supported; "
                            + "declare the class as a member of your class");
                }
            }
        } finally {
            nested--;
            printedClasses.pop();
            nativeTargets.addAll(saved);
        }
    }

    private void method(TreePath p, MethodTree m, TypeElement owner, CodeBlock.Builder b) {
        ExecutableElement me = (ExecutableElement) el(p);
        if (me != null && me.getKind() == ElementKind.CONSTRUCTOR && m.getBody() != null
                && trees.getSourcePositions().getStartPosition(cu, m) == trees.getSourcePositions().getStartPosition(cu, m.getBody())) {
            return; // javac's implicit default constructor
        }
        if (me != null && me.getKind() == ElementKind.CONSTRUCTOR
                && trees.getSourcePositions().getEndPosition(cu, m) <= 0) {
            return;
        }
        if (me != null && me.getKind() == ElementKind.CONSTRUCTOR && owner.getNestingKind() == NestingKind.ANONYMOUS) {
            return;
        }
        CodeBlock.Builder head = CodeBlock.builder();
        for (AnnotationTree a : m.getModifiers().getAnnotations()) {
            Element ae = el(child(child(p, m.getModifiers()), a));
            TypeMirror at = type(child(child(p, m.getModifiers()), a));
            if (at != null && at.toString().equals("java.lang.Override")) {
                head.add("@$T\n", Override.class);
            } else if (ae != null) {
                // other annotations on methods of local classes do not change what the code does
            }
        }
        for (Modifier mod : m.getModifiers().getFlags()) {
            head.add("$L ", mod);
        }
        if (me != null && !me.getTypeParameters().isEmpty()) {
            // a generic method of a class declared in @Go code: <K extends K0, V> Map<K, V> m()
            List<CodeBlock> tps = new ArrayList<>();
            for (javax.lang.model.element.TypeParameterElement tp : me.getTypeParameters()) {
                com.palantir.javapoet.TypeVariableName v = typeNames.declaration(tp);
                List<CodeBlock> bounds = new ArrayList<>();
                v.bounds().forEach(bound -> bounds.add(CodeBlock.of("$T", bound)));
                tps.add(bounds.isEmpty() ? CodeBlock.of("$L", v.name())
                        : CodeBlock.of("$L extends $L", v.name(), CodeBlock.join(bounds, " & ")));
            }
            head.add("<$L> ", CodeBlock.join(tps, ", "));
        }
        List<CodeBlock> params = new ArrayList<>();
        for (VariableTree v : m.getParameters()) {
            VariableElement ve = (VariableElement) el(child(p, v));
            LocalVar lv = unit.vars.get(ve);
            params.add(CodeBlock.of("$T $N", typeNames.of(ve.asType()), lv != null ? lv.name : v.getName().toString()));
        }
        if (me.getKind() == ElementKind.CONSTRUCTOR) {
            head.add("$N($L)", owner.getSimpleName().toString(), CodeBlock.join(params, ", "));
        } else {
            head.add("$T $N($L)", typeNames.of(me.getReturnType()), m.getName().toString(), CodeBlock.join(params, ", "));
        }
        if (!m.getThrows().isEmpty()) {
            List<CodeBlock> th = new ArrayList<>();
            for (ExpressionTree e : m.getThrows()) {
                th.add(typeTree(child(p, e)));
            }
            head.add(" throws $L", CodeBlock.join(th, ", "));
        }
        if (m.getBody() == null) {
            b.add("$L;\n", head.build());
            return;
        }
        b.add("$L ", head.build());
        blockBody(child(p, m.getBody()), b);
        b.add("\n");
    }
}
