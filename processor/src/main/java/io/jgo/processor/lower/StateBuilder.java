package io.jgo.processor.lower;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.jgo.processor.analyse.LocalVar;
import io.jgo.processor.lower.JumpTargets.CatchEntry;
import io.jgo.processor.lower.JumpTargets.Finally;
import io.jgo.processor.lower.JumpTargets.TryEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The states of one frame's {@code resume} as they are written: allocates labels, appends code
 * to the current state, ends states with jumps, and builds the exception dispatch from the try
 * entry each state was created under.
 *
 * <p>Invariants of the code it writes:
 * <ul>
 *   <li>{@code label} always equals the state being run: every jump sets it before
 *       {@code continue dispatch$} (or before falling into its target), so the exception
 *       dispatch can tell which try entry covers the code that threw.</li>
 *   <li>every state ends with a jump, a return or a throw. A jump that ends a state
 *       unconditionally is not in its code but in {@link StateMachine.State#next}: the emitter
 *       writes it, or places the target right after and lets the state fall into it.</li>
 *   <li>code appended while no state is open is dropped: it is unreachable, and javac has
 *       already rejected the source if user code could reach it.</li>
 * </ul>
 */
final class StateBuilder {

    /**
     * A local of resume that a preemption check saves into a field and a restore state copies
     * back; {@code restoreCast} is the cast the copy needs (a field of a class declared in the
     * method is an Object), or null.
     */
    record PreemptSave(String local, String field, TypeName restoreCast) {
    }

    private static final class State {
        final int id;
        final long line;
        final TryEntry tryEntry;
        final CodeBlock.Builder code = CodeBlock.builder();
        String comment;
        /** See {@link StateMachine.State#next}. */
        int next = -1;

        State(int id, long line, TryEntry tryEntry) {
            this.id = id;
            this.line = line;
            this.tryEntry = tryEntry;
        }
    }

    /** A loop head whose preemption check saves locals: the state that restores them. */
    private record RestoreState(Label label, long line) {
    }

    private final JumpTargets targets;
    private final List<PreemptSave> preemptSaves;
    private final Map<Integer, State> states = new TreeMap<>();
    private final Map<Label, RestoreState> restoreStates = new LinkedHashMap<>();
    private State current;
    private int nextLabel;
    private long line;
    private final List<CodeBlock> pendingCaptures = new ArrayList<>();
    private final Map<LocalVar, String> captureNames = new LinkedHashMap<>();
    private int captures;

    /**
     * @param targets      gives the try entry each new state is covered by
     * @param preemptSaves the locals every preemption check saves (empty when none live across one)
     */
    StateBuilder(JumpTargets targets, List<PreemptSave> preemptSaves) {
        this.targets = targets;
        this.preemptSaves = preemptSaves;
    }

    // ---------------------------------------------------------------- states

    Label newLabel() {
        return new Label(nextLabel++);
    }

    /** The source line that states started from now on report. */
    void atLine(long line) {
        this.line = line;
    }

    long line() {
        return line;
    }

    /** Starts the state of {@code l}; the current state, if open, jumps to it. */
    void mark(Label l) {
        if (current != null) {
            jump(l);
        }
        current = new State(l.id, line, targets.currentTry());
        states.put(l.id, current);
    }

    /** The comment the emitter writes on the current state's {@code case}. */
    void comment(String comment) {
        current.comment = comment;
    }

    /** Whether code can reach the point being written: a state is open. */
    boolean isOpen() {
        return current != null;
    }

    /** The code written last never completes normally: no state is open until the next {@link #mark}. */
    void close() {
        current = null;
    }

    // ---------------------------------------------------------------- code

    /** Appends statements to the current state, after the capture copies they need. */
    void emit(CodeBlock statements) {
        if (current == null) {
            pendingCaptures.clear();
            captureNames.clear();
            return;
        }
        for (CodeBlock c : pendingCaptures) {
            current.code.add("$L;\n", c);
        }
        pendingCaptures.clear();
        captureNames.clear();
        current.code.add(statements);
    }

    void emitStatement(String format, Object... args) {
        emit(CodeBlock.builder().add(format + ";\n", args).build());
    }

    /**
     * The name of a final copy of {@code var}, declared just before the next code emitted: a
     * lambda or class in that code captures the value the variable has when it is created.
     */
    String captureCopy(LocalVar var, TypeName type) {
        String name = captureNames.get(var);
        if (name == null) {
            name = var.name + "$c" + (++captures);
            captureNames.put(var, name);
            pendingCaptures.add(CodeBlock.of("final $T $N = $N", type, name, var.name));
        }
        return name;
    }

    /** Whether capture copies wait for the next code. */
    boolean hasPendingCaptures() {
        return !pendingCaptures.isEmpty();
    }

    // ---------------------------------------------------------------- jumps

    static CodeBlock jumpCode(Label l) {
        return CodeBlock.builder().add("label = $L;\n", l.id).add("continue dispatch$$;\n").build();
    }

    /** Jumps to {@code l} through {@code crossed}, the finally blocks on the way, innermost first. */
    static CodeBlock jumpThrough(Label l, List<Finally> crossed) {
        if (crossed.isEmpty()) {
            return jumpCode(l);
        }
        CodeBlock.Builder b = CodeBlock.builder();
        for (int i = 0; i < crossed.size(); i++) {
            Label after = i + 1 < crossed.size() ? crossed.get(i + 1).start() : l;
            b.add("$N = $L;\n", crossed.get(i).next(), after.id);
        }
        b.add(jumpCode(crossed.get(0).start()));
        return b.build();
    }

    /** Ends the current state with a jump to {@code l}. */
    void jump(Label l) {
        endWith(CodeBlock.of("label = $L;\n", l.id), l);
    }

    /**
     * Ends the current state with {@code code}, which sets {@code label} to {@code l} on every
     * path that completes normally: the state then goes on at {@code l}.
     */
    void endWith(CodeBlock code, Label l) {
        emit(code);
        if (current != null) {
            current.next = l.id;
        }
        current = null;
    }

    void jumpUnless(CodeBlock cond, Label l) {
        emit(CodeBlock.builder().beginControlFlow("if (!($L))", cond).add(jumpCode(l)).endControlFlow().build());
    }

    /** Ends the current state, if open, with a loop's back-edge to {@code head}. */
    void backEdge(Label head) {
        if (current == null) {
            return;
        }
        endWith(backEdgeBody(head), head);
    }

    CodeBlock backEdgeCode(Label head) {
        return CodeBlock.builder().add(backEdgeBody(head)).add("continue dispatch$$;\n").build();
    }

    /** A back-edge without its jump: {@code label} set to {@code head}, then the preemption check. */
    private CodeBlock backEdgeBody(Label head) {
        return CodeBlock.builder().add("label = $L;\n", head.id).add(preemptCheck(head, List.of())).build();
    }

    /**
     * The check at a loop's head, run with {@code label == head}: when the scheduler asks, yield
     * through gosched and resume at {@code head}. Locals of resume that live across it (and
     * {@code saves}, the caller's own) are saved into fields first, and restored by a state of
     * their own on resumption; the fast path is one volatile read.
     */
    CodeBlock preemptCheck(Label head, List<CodeBlock> saves) {
        if (preemptSaves.isEmpty() && saves.isEmpty()) {
            return CodeBlock.of("if (preemptRequested() && $T.gosched(this) == SUSPENDED) return SUSPENDED;\n",
                    RuntimeNames.JGO);
        }
        CodeBlock.Builder b = CodeBlock.builder().beginControlFlow("if (preemptRequested())");
        for (CodeBlock save : saves) {
            b.add("$L;\n", save);
        }
        Label resumeAt = head;
        if (!preemptSaves.isEmpty()) {
            for (PreemptSave s : preemptSaves) {
                b.add("$N = $N;\n", s.field(), s.local());
            }
            long at = states.containsKey(head.id) ? states.get(head.id).line : line;
            resumeAt = restoreStates.computeIfAbsent(head, h -> new RestoreState(newLabel(), at)).label;
            b.add("label = $L;\n", resumeAt.id);
        }
        b.add("if ($T.gosched(this) == SUSPENDED) return SUSPENDED;\n", RuntimeNames.JGO);
        if (resumeAt != head) {
            b.add("label = $L;\n", head.id);
        }
        return b.endControlFlow().build();
    }

    /**
     * Writes the states that restore the saved locals after a preemption, then go to their loop
     * head. Called once every other state is written: only then are all loop heads known.
     */
    void restoreStates() {
        for (Map.Entry<Label, RestoreState> e : restoreStates.entrySet()) {
            atLine(e.getValue().line());
            mark(e.getValue().label());
            comment("resumed after preemption, line " + line);
            for (PreemptSave s : preemptSaves) {
                if (s.restoreCast() != null) {
                    emitStatement("$N = ($T) $N", s.local(), s.restoreCast(), s.field());
                } else {
                    emitStatement("$N = $N", s.local(), s.field());
                }
            }
            jump(e.getKey());
        }
    }

    // ---------------------------------------------------------------- the result

    /** The states written, by label. */
    List<StateMachine.State> states() {
        List<StateMachine.State> out = new ArrayList<>();
        for (State s : states.values()) {
            out.add(new StateMachine.State(s.id, (int) s.line, s.comment, s.code.build(), s.next));
        }
        return out;
    }

    /** The source line of each label, for {@code location()}. */
    int[] lines() {
        int max = 0;
        for (State s : states.values()) {
            max = Math.max(max, s.id);
        }
        int[] lines = new int[max + 1];
        for (State s : states.values()) {
            lines[s.id] = (int) s.line;
        }
        return lines;
    }

    /**
     * The exception dispatch, or null when no state is covered by a try entry: as the body of
     * {@code catch (Throwable t$)} in the dispatch loop, or ({@code asMethod}) as the body of
     * {@code void catch$(Throwable t$)}, which sets the label of the catch or finally that takes
     * the exception and returns, or throws it on; a resume split into parts calls it from each
     * part instead of repeating it in each.
     */
    CodeBlock exceptionDispatch(boolean asMethod) {
        Map<TryEntry, List<Integer>> byEntry = new LinkedHashMap<>();
        for (State s : states.values()) {
            if (s.tryEntry != null) {
                byEntry.computeIfAbsent(s.tryEntry, r -> new ArrayList<>()).add(s.id);
            }
        }
        if (byEntry.isEmpty()) {
            return null;
        }
        CodeBlock.Builder b = CodeBlock.builder();
        if (!asMethod) {
            b.add("error = null;\n");
        }
        b.beginControlFlow("switch (label)");
        for (Map.Entry<TryEntry, List<Integer>> e : byEntry.entrySet()) {
            StringBuilder cases = new StringBuilder();
            for (int id : e.getValue()) {
                cases.append(cases.length() == 0 ? "" : " ").append("case ").append(id).append(":");
            }
            b.add("$L {\n$>", cases);
            boolean ended = false;
            for (TryEntry r = e.getKey(); r != null && !ended; r = r.parent) {
                for (CatchEntry c : r.catches) {
                    List<CodeBlock> tests = new ArrayList<>();
                    for (TypeName t : c.types()) {
                        tests.add(CodeBlock.of("t$$ instanceof $T", t));
                    }
                    b.beginControlFlow("if ($L)", CodeBlock.join(tests, " || "));
                    b.add("$N = ($T) t$$;\n", c.var(), c.varType());
                    b.add(asMethod ? CodeBlock.of("label = $L;\nreturn;\n", c.body().id) : jumpCode(c.body()));
                    b.endControlFlow();
                }
                if (r.fin != null) {
                    b.add("$N = t$$;\n", r.fin.thrown());
                    b.add(asMethod ? CodeBlock.of("label = $L;\nreturn;\n", r.fin.start().id) : jumpCode(r.fin.start()));
                    ended = true;
                }
            }
            if (!ended) {
                b.add("throw t$$;\n");
            }
            b.add("$<}\n");
        }
        b.add("default:\n$>").add("throw t$$;\n").add("$<");
        b.endControlFlow();
        return b.build();
    }
}
