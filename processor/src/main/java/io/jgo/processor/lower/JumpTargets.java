package io.jgo.processor.lower;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * What {@code break}, {@code continue}, {@code yield}, {@code return} and exceptions resolve
 * against while a unit is lowered: the enclosing lowered loops, labelled statements and switches,
 * the finally blocks a jump must run on its way out, and the try entry that covers the states
 * being created.
 *
 * <p>Entries are pushed when the lowering enters a statement and popped when it leaves it, so
 * the stacks always describe the statement being lowered. A jump target remembers how many
 * finally blocks were open when it was entered: the ones opened since are the ones a jump to it
 * crosses, innermost first.
 */
final class JumpTargets {

    /** A lowered statement that {@code break}, {@code continue} or {@code yield} can leave. */
    static final class Target {
        final Tree tree;
        /** The statement's label, or null. */
        final String label;
        final Label breakTo;
        /** Where {@code continue} goes: null unless the statement is a loop. */
        final Label continueTo;
        /** How many finally blocks were open when the statement was entered. */
        final int finallyDepth;
        /** The temporary that receives a switch expression's {@code yield}, or null. */
        final String yieldTemp;

        private Target(Tree tree, String label, Label breakTo, Label continueTo, int finallyDepth, String yieldTemp) {
            this.tree = tree;
            this.label = label;
            this.breakTo = breakTo;
            this.continueTo = continueTo;
            this.finallyDepth = finallyDepth;
            this.yieldTemp = yieldTemp;
        }

        boolean isLoop() {
            return continueTo != null;
        }
    }

    /**
     * A lowered finally block: the state where it starts, the int field that says where to go
     * after it, and the Throwable field it rethrows at its end when not null.
     */
    record Finally(Label start, String next, String thrown) {
    }

    /** A catch clause of a lowered try: the types it takes, its variable, the state of its body. */
    record CatchEntry(List<TypeName> types, String var, TypeName varType, Label body) {
    }

    /**
     * A try entry: the handlers covering the states created while it is current, innermost
     * first through {@link #parent}. Compared by identity: each try creates its own.
     */
    static final class TryEntry {
        final TryEntry parent;
        final List<CatchEntry> catches;
        final Finally fin;

        private TryEntry(TryEntry parent, List<CatchEntry> catches, Finally fin) {
            this.parent = parent;
            this.catches = catches;
            this.fin = fin;
        }
    }

    private final Deque<Target> targets = new ArrayDeque<>();
    private final Deque<Finally> finallies = new ArrayDeque<>();
    private TryEntry currentTry;
    private int finallyCount;
    private Label returnLabel;

    // ---------------------------------------------------------------- break, continue, yield

    /** Lowers {@code body} with {@code loop} as the target of {@code break} and {@code continue}. */
    void withinLoop(Tree loop, String label, Label breakTo, Label continueTo, Runnable body) {
        within(new Target(loop, label, breakTo, continueTo, finallies.size(), null), body);
    }

    /** Lowers {@code body} with a switch statement or a labelled statement as a {@code break} target. */
    void withinBreakable(Tree statement, String label, Label breakTo, Runnable body) {
        within(new Target(statement, label, breakTo, null, finallies.size(), null), body);
    }

    /**
     * Lowers {@code body} with a switch expression as the target of {@code yield}, whose value goes
     * into {@code resultTemp}. It hides every target outside it: Java forbids jumping out of a
     * switch expression.
     */
    void withinSwitchExpression(Tree sw, Label end, String resultTemp, Runnable body) {
        within(new Target(sw, null, end, null, finallies.size(), resultTemp), body);
    }

    private void within(Target t, Runnable body) {
        targets.push(t);
        try {
            body.run();
        } finally {
            targets.pop();
        }
    }

    /**
     * The target of {@code break} or {@code continue} ({@code label} null for the unlabelled
     * forms), or null when no lowered statement takes it (the jump stays inside printed code).
     */
    Target jumpTarget(String label, boolean isContinue) {
        for (Target t : targets) {
            boolean match;
            if (label != null) {
                match = label.equals(t.label);
            } else if (isContinue) {
                match = t.isLoop();
            } else {
                match = t.yieldTemp == null && (t.isLoop() || t.tree instanceof SwitchTree);
            }
            if (match) {
                return t;
            }
            if (t.yieldTemp != null) {
                break;
            }
        }
        return null;
    }

    /** The innermost lowered switch expression, the target of {@code yield}, or null. */
    Target yieldTarget() {
        for (Target t : targets) {
            if (t.yieldTemp != null) {
                return t;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- finally and return

    /** A new finally block's entry; {@code start} is the state where its code begins. */
    Finally newFinally(Label start) {
        int n = ++finallyCount;
        return new Finally(start, "next$" + n, "thrown$" + n);
    }

    /** How many finally blocks are open: a jump target taken now records this depth. */
    int finallyDepth() {
        return finallies.size();
    }

    /**
     * The finally blocks a jump to a target entered at {@code depth} runs on its way, innermost
     * (the one the jump enters first) first.
     */
    List<Finally> finalliesCrossed(int depth) {
        return new ArrayList<>(finallies).subList(0, finallies.size() - depth);
    }

    /**
     * The state that returns {@code result$} after the finally blocks a {@code return} crossed;
     * allocated by the first return that crosses one.
     */
    Label returnLabel(Supplier<Label> allocate) {
        if (returnLabel == null) {
            returnLabel = allocate.get();
        }
        return returnLabel;
    }

    /** The state allocated by {@link #returnLabel}, or null when no return crossed a finally. */
    Label returnLabelIfUsed() {
        return returnLabel;
    }

    // ---------------------------------------------------------------- try entries

    /** The try entry covering the states created now, or null. */
    TryEntry currentTry() {
        return currentTry;
    }

    /**
     * Enters a try block: the states created until {@link #enterCatches} are covered by
     * {@code catches}, then by {@code fin}; both nest in the current entry. Jumps out of the
     * block, and out of its catch blocks, run {@code fin} (if not null) on their way.
     */
    TryEntry enterTry(List<CatchEntry> catches, Finally fin) {
        TryEntry outer = currentTry;
        currentTry = new TryEntry(outer, catches, fin);
        if (fin != null) {
            finallies.push(fin);
        }
        return outer;
    }

    /**
     * Leaves the try block for its catch blocks: an exception thrown in one is not caught by its
     * siblings, but still runs the finally block.
     */
    void enterCatches(TryEntry outer, Finally fin) {
        currentTry = fin == null ? outer : new TryEntry(outer, List.of(), fin);
    }

    /** Leaves the whole try statement: its finally block itself runs under {@code outer}. */
    void exitTry(TryEntry outer, Finally fin) {
        currentTry = outer;
        if (fin != null) {
            finallies.pop();
        }
    }
}
