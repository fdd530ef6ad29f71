package io.jgo.processor.lower;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import io.jgo.processor.analyse.Unit;
import java.util.List;

/**
 * A unit lowered to a flat state machine: what {@code emit} turns into a frame class.
 *
 * @param unit        the unit it was lowered from
 * @param typeVariables the frame's type parameters (the class's, then the method's)
 * @param resultType  {@code R} of {@code Frame<R>} (boxed; {@code Void} for void)
 * @param params      constructor parameters, each stored in a field of the same name
 * @param fields      other fields: locals living across suspensions, spilled temporaries, bookkeeping
 * @param locals      declarations at the top of {@code resume}: the classes declared in the
 *                    method, then {@code resumeLocals}
 * @param resumeLocals locals that never live across a suspension (declared in {@code resume})
 * @param declaresClasses whether {@code locals} declares classes (which every state must see)
 * @param states      the states, by label
 * @param handler     the exception dispatch ({@code catch} block body), or null if no try entry
 * @param handlerMethod the same as the body of {@code void catch$(Throwable t$)}, which sets the
 *                    label that takes the exception or throws it on (for a resume in parts)
 * @param lines       source line per label, for {@code location()}
 * @param children    frames of lambdas spawned by this unit
 */
public record StateMachine(
        Unit unit,
        List<TypeVariableName> typeVariables,
        TypeName resultType,
        List<Field> params,
        List<Field> fields,
        CodeBlock locals,
        List<Field> resumeLocals,
        boolean declaresClasses,
        List<State> states,
        CodeBlock handler,
        CodeBlock handlerMethod,
        int[] lines,
        List<StateMachine> children) {

    /** A frame field. */
    public record Field(String name, TypeName type, boolean isFinal) {
    }

    /**
     * One state: the code run when {@code label} equals {@code id}.
     *
     * @param next the state it goes on to when {@code code} completes normally ({@code code} has
     *             set {@code label} to it), or -1 if {@code code} never completes normally
     */
    public record State(int id, int line, String comment, CodeBlock code, int next) {
    }
}
