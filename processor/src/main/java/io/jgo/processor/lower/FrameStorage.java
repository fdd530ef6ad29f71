package io.jgo.processor.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.jgo.processor.analyse.LocalVar;
import io.jgo.processor.analyse.Unit;
import io.jgo.processor.diag.UnsupportedCodeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Where the values of one unit live in its frame: the parameters, the locals the analysis hoisted
 * to fields (they live across a suspension) or to the top of {@code resume}, the temporaries that
 * operands are spilled into, the copies a preemption check saves, and the bookkeeping fields of
 * finally blocks and returns.
 *
 * <p>No Java local outlives a state unless it is declared at the top of {@code resume}, so every
 * value read in a later state than the one that computed it goes through a field declared here.
 * Generated names never clash with the user's: those are unique in the method already, and a
 * temporary skips any name a local took.
 */
final class FrameStorage {

    /** The declarations of a frame, in the order the emitter writes them. */
    record Layout(List<StateMachine.Field> params, List<StateMachine.Field> fields, CodeBlock locals,
            List<StateMachine.Field> resumeLocals, boolean declaresClasses) {
    }

    private final Trees trees;
    private final Types types;
    private final Elements elements;
    private final TypeNames typeNames;
    private final Unit unit;
    private final TypeElement userClass;
    /** Temporaries and bookkeeping fields, in the order they were allocated. */
    private final List<StateMachine.Field> allocated = new ArrayList<>();
    private final List<CodeBlock> hoistedClasses = new ArrayList<>();
    private Set<String> localNames;
    private int temps;

    FrameStorage(Trees trees, Types types, Elements elements, TypeNames typeNames, Unit unit, TypeElement userClass) {
        this.trees = trees;
        this.types = types;
        this.elements = elements;
        this.typeNames = typeNames;
        this.unit = unit;
        this.userClass = userClass;
    }

    // ---------------------------------------------------------------- temporaries

    /** A new field {@code base$N} of {@code type}. */
    String field(String base, TypeName type) {
        String name = base + "$" + (++temps);
        // a user's local keeps its name, or becomes name$N when the name is taken: skip those
        while (localNames().contains(name)) {
            name = base + "$" + (++temps);
        }
        allocated.add(new StateMachine.Field(name, type, false));
        return name;
    }

    /** A field of a fixed name the lowering itself uses (a finally block's {@code next$N}, {@code thrown$N}). */
    void bookkeeping(String name, TypeName type) {
        allocated.add(new StateMachine.Field(name, type, false));
    }

    private Set<String> localNames() {
        if (localNames == null) {
            localNames = new HashSet<>();
            for (LocalVar lv : unit.vars.values()) {
                localNames.add(lv.name);
            }
        }
        return localNames;
    }

    /** A temporary holding a value of {@code type}. */
    String temp(TypeMirror type) {
        // a class declared in the method is not in scope for the frame's fields, only in resume
        return field("tmp", isLocalClassType(type) ? ClassName.OBJECT : typeNames.of(type));
    }

    /** Reads a spilled temporary as its type. */
    CodeBlock readTemp(String tmp, TypeMirror type) {
        return isLocalClassType(type) ? CodeBlock.of("(($T) $N)", typeNames.of(type), tmp) : CodeBlock.of("$N", tmp);
    }

    /** Evaluates {@code value} into a new temporary in the current state; returns code that reads it. */
    CodeBlock spill(StateBuilder states, CodeBlock value, TypeMirror type) {
        String tmp = temp(type);
        states.emitStatement("$N = $L", tmp, value);
        return readTemp(tmp, type);
    }

    /** A class declared in the method or in a class declared in it (not in scope for fields). */
    boolean isLocalClassType(TypeMirror t) {
        return t.getKind() == TypeKind.DECLARED
                && ((TypeElement) types.asElement(t)).getNestingKind() != NestingKind.TOP_LEVEL
                && ((TypeElement) types.asElement(t)).getNestingKind() != NestingKind.MEMBER;
    }

    /**
     * An operand whose value cannot change while a later operand suspends, so it need not be
     * spilled: a literal, {@code this}, a constant, a type, or a variable of the frame that is
     * never reassigned.
     */
    boolean isStable(TreePath op) {
        Tree t = op.getLeaf();
        while (t instanceof ParenthesizedTree pt) {
            t = pt.getExpression();
            op = Printer.child(op, t);
        }
        if (t instanceof LiteralTree) {
            return true;
        }
        // a lambda or method reference is spilled too: the final copies of the locals it captures
        // are declared in the state where it is created, which must be the state that uses it
        if (t instanceof IdentifierTree id) {
            if (id.getName().contentEquals("this")) {
                return true;
            }
            Element e = trees.getElement(op);
            if (e instanceof VariableElement v) {
                if (v.getConstantValue() != null) {
                    return true;
                }
                LocalVar lv = unit.vars.get(v);
                // a local of resume is not saved across a suspension: read it before
                return lv != null && lv.storage != LocalVar.Storage.RESUME_LOCAL && !unit.reassigned.contains(v);
            }
            return e instanceof TypeElement;
        }
        return t instanceof MemberSelectTree ms && ms.getIdentifier().contentEquals("class");
    }

    // ---------------------------------------------------------------- preemption

    /** The field a local of resume is saved in while its goroutine is preempted. */
    private static String savedField(LocalVar lv) {
        return lv.name + "$p";
    }

    /** The locals of resume that every preemption check saves, and how each is restored. */
    List<StateBuilder.PreemptSave> preemptSaves() {
        List<StateBuilder.PreemptSave> out = new ArrayList<>();
        for (VariableElement v : unit.preemptSaved) {
            LocalVar lv = unit.vars.get(v);
            out.add(new StateBuilder.PreemptSave(lv.name, savedField(lv),
                    isLocalClassType(lv.type) ? typeNames.of(lv.type) : null));
        }
        return out;
    }

    // ---------------------------------------------------------------- declarations

    /** A class declared in the method: declared at the top of resume, where every state sees it. */
    void hoistClass(CodeBlock declaration) {
        hoistedClasses.add(declaration);
    }

    /**
     * The frame's declarations. {@code returnsThroughFinally}: a return crossed a finally block,
     * and its value waits in {@code result$}.
     */
    Layout layout(boolean returnsThroughFinally) {
        List<StateMachine.Field> params = new ArrayList<>();
        if (unit.needsSelf) {
            params.add(new StateMachine.Field("self", typeNames.of(userClass.asType()), true));
        }
        for (VariableElement p : unit.params) {
            LocalVar lv = unit.vars.get(p);
            if (unit.kind != Unit.Kind.METHOD) {
                TypeElement local = localClassIn(p.asType());
                if (local != null) {
                    throw new UnsupportedCodeException(unit.lambda, "this lambda becomes a frame class of its own "
                            + "(a goroutine or a suspending function), which cannot name " + local.getSimpleName()
                            + ", a class declared in the method, used by " + p.getSimpleName() + "; declare "
                            + local.getSimpleName() + " as a member of " + userClass.getSimpleName() + " instead");
                }
            }
            params.add(new StateMachine.Field(lv.name, typeNames.of(p.asType()), !unit.reassigned.contains(p)));
        }
        List<StateMachine.Field> fields = new ArrayList<>();
        List<StateMachine.Field> resumeLocals = new ArrayList<>();
        CodeBlock.Builder locals = CodeBlock.builder();
        for (CodeBlock c : hoistedClasses) {
            locals.add(c);
        }
        for (LocalVar lv : unit.vars.values()) {
            if (unit.params.contains(lv.element)) {
                continue;
            }
            if (lv.storage != LocalVar.Storage.NATIVE) {
                refuseUnwritableType(lv);
            }
            if (lv.storage == LocalVar.Storage.FIELD) {
                if (lv.type.getKind() == TypeKind.DECLARED
                        && ((TypeElement) types.asElement(lv.type)).getNestingKind() == NestingKind.LOCAL) {
                    throw new UnsupportedCodeException(trees.getTree(lv.element), "variable " + lv.element.getSimpleName()
                            + " of the local class " + types.asElement(lv.type).getSimpleName() + " lives across a "
                            + "suspension point; declare the class as a member of " + userClass.getSimpleName()
                            + " instead of inside the method");
                }
                fields.add(new StateMachine.Field(lv.name, typeNames.of(lv.type), false));
            } else if (lv.storage == LocalVar.Storage.RESUME_LOCAL) {
                locals.add("$T $N = $L;\n", typeNames.of(lv.type), lv.name, zero(lv.type));
                resumeLocals.add(new StateMachine.Field(lv.name, typeNames.of(lv.type), false));
            }
        }
        if (returnsThroughFinally) {
            fields.add(new StateMachine.Field("result$", ClassName.OBJECT, false));
        }
        for (VariableElement v : unit.preemptSaved) {
            LocalVar lv = unit.vars.get(v);
            fields.add(new StateMachine.Field(savedField(lv), isLocalClassType(lv.type) ? ClassName.OBJECT
                    : typeNames.of(lv.type), false));
        }
        fields.addAll(allocated);
        return new Layout(params, fields, locals.build(), resumeLocals, !hoistedClasses.isEmpty());
    }

    /** A class declared in a method (local or anonymous) that {@code t} names, or null. */
    private TypeElement localClassIn(TypeMirror t) {
        if (t instanceof ArrayType a) {
            return localClassIn(a.getComponentType());
        }
        if (t.getKind() == TypeKind.DECLARED && types.asElement(t) instanceof TypeElement te) {
            if (te.getNestingKind() == NestingKind.LOCAL) {
                return te;
            }
            for (TypeMirror a : ((DeclaredType) t).getTypeArguments()) {
                TypeElement found = localClassIn(a);
                if (found != null) {
                    return found;
                }
            }
        }
        if (t instanceof WildcardType w) {
            TypeMirror b = w.getExtendsBound() != null ? w.getExtendsBound() : w.getSuperBound();
            return b == null ? null : localClassIn(b);
        }
        return null;
    }

    /**
     * A local declared with {@code var} can have a type no declaration can name: an intersection,
     * or an anonymous class with members of its own. A frame declares its locals (as fields or at
     * the top of resume), so such a local is refused at its declaration. An anonymous class that
     * only overrides is declared as its supertype, which loses nothing.
     */
    private void refuseUnwritableType(LocalVar lv) {
        TypeMirror t = lv.type;
        String why = null;
        if (t.getKind() == TypeKind.INTERSECTION) {
            why = "the intersection type " + t;
        } else if (t.getKind() == TypeKind.DECLARED && types.asElement(t) instanceof TypeElement te
                && te.getNestingKind() == NestingKind.ANONYMOUS && hasOwnMembers(te)) {
            why = "the type of an anonymous class with members of its own";
        }
        if (why != null) {
            throw new UnsupportedCodeException(trees.getTree(lv.element), "variable " + lv.element.getSimpleName()
                    + " (declared with var) has " + why + ", which the frame cannot declare; give it a type that "
                    + "can be written (a named member class instead of the anonymous one, or one of the bounds)");
        }
    }

    private boolean hasOwnMembers(TypeElement anonymous) {
        for (Element e : anonymous.getEnclosedElements()) {
            if (e.getKind() == ElementKind.FIELD) {
                return true;
            }
            if (e.getKind() == ElementKind.METHOD && !overridesSomething((ExecutableElement) e, anonymous)) {
                return true;
            }
        }
        return false;
    }

    private boolean overridesSomething(ExecutableElement m, TypeElement owner) {
        for (TypeMirror sup : types.directSupertypes(owner.asType())) {
            for (Element e : elements.getAllMembers((TypeElement) types.asElement(sup))) {
                if (e instanceof ExecutableElement o && elements.overrides(m, o, owner)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String zero(TypeMirror t) {
        return switch (t.getKind()) {
            case BOOLEAN -> "false";
            case BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE -> "0";
            default -> "null";
        };
    }
}
