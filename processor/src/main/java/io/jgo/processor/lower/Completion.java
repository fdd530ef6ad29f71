package io.jgo.processor.lower;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.VariableElement;

/**
 * JLS 14.22 "can complete normally" for statements that are printed unchanged, so that the
 * lowering never appends a jump javac would call unreachable, and never drops reachable code.
 */
final class Completion {
    private final Trees trees;

    Completion(Trees trees) {
        this.trees = trees;
    }

    boolean canComplete(TreePath p) {
        Tree t = p.getLeaf();
        switch (t.getKind()) {
            case BLOCK: {
                List<? extends StatementTree> ss = ((BlockTree) t).getStatements();
                return ss.isEmpty() || canComplete(new TreePath(p, ss.get(ss.size() - 1)));
            }
            case RETURN, THROW, BREAK, CONTINUE, YIELD:
                return false;
            case LABELED_STATEMENT: {
                LabeledStatementTree l = (LabeledStatementTree) t;
                return canComplete(new TreePath(p, l.getStatement())) || breaksTo(l.getStatement(), l.getLabel().toString(), true);
            }
            case IF: {
                IfTree i = (IfTree) t;
                if (i.getElseStatement() == null) {
                    return true;
                }
                return canComplete(new TreePath(p, i.getThenStatement())) || canComplete(new TreePath(p, i.getElseStatement()));
            }
            case WHILE_LOOP: {
                WhileLoopTree w = (WhileLoopTree) t;
                return !isConstantTrue(new TreePath(p, w.getCondition())) || breaksTo(w.getStatement(), null, false);
            }
            case DO_WHILE_LOOP: {
                DoWhileLoopTree d = (DoWhileLoopTree) t;
                boolean bodyOrContinue = canComplete(new TreePath(p, d.getStatement())) || continuesTo(d.getStatement());
                return (bodyOrContinue && !isConstantTrue(new TreePath(p, d.getCondition())))
                        || breaksTo(d.getStatement(), null, false);
            }
            case FOR_LOOP: {
                ForLoopTree f = (ForLoopTree) t;
                boolean forever = f.getCondition() == null || isConstantTrue(new TreePath(p, f.getCondition()));
                return !forever || breaksTo(f.getStatement(), null, false);
            }
            case SYNCHRONIZED:
                return canComplete(new TreePath(p, ((SynchronizedTree) t).getBlock()));
            case TRY: {
                TryTree tr = (TryTree) t;
                boolean body = canComplete(new TreePath(p, tr.getBlock()));
                for (var c : tr.getCatches()) {
                    body |= canComplete(new TreePath(new TreePath(p, c), c.getBlock()));
                }
                return body && (tr.getFinallyBlock() == null || canComplete(new TreePath(p, tr.getFinallyBlock())));
            }
            case SWITCH:
                return switchCanComplete(p, (SwitchTree) t);
            default:
                return true;
        }
    }

    private boolean switchCanComplete(TreePath p, SwitchTree s) {
        if (breaksTo(s, null, false, true)) {
            return true;
        }
        boolean hasDefault = false;
        for (CaseTree c : s.getCases()) {
            hasDefault |= c.getExpressions().isEmpty();
        }
        if (!hasDefault || s.getCases().isEmpty()) {
            return true;
        }
        CaseTree last = s.getCases().get(s.getCases().size() - 1);
        if (last.getCaseKind() == CaseTree.CaseKind.RULE) {
            for (CaseTree c : s.getCases()) {
                Tree body = c.getBody();
                if (body instanceof ExpressionTree) {
                    return true;
                }
                if (body instanceof BlockTree && canComplete(new TreePath(new TreePath(p, c), body))) {
                    return true;
                }
            }
            return false;
        }
        List<? extends StatementTree> ss = last.getStatements();
        return ss.isEmpty() || canComplete(new TreePath(new TreePath(p, last), ss.get(ss.size() - 1)));
    }

    boolean isConstantTrue(TreePath p) {
        Tree t = p.getLeaf();
        while (t instanceof ParenthesizedTree pt) {
            t = pt.getExpression();
            p = new TreePath(p, t);
        }
        if (t instanceof LiteralTree l) {
            return Boolean.TRUE.equals(l.getValue());
        }
        if (t instanceof IdentifierTree || t instanceof MemberSelectTree) {
            Element e = trees.getElement(p);
            return e instanceof VariableElement v && Boolean.TRUE.equals(v.getConstantValue());
        }
        return false;
    }

    private boolean breaksTo(Tree body, String label, boolean labelled) {
        return breaksTo(body, label, labelled, false);
    }

    /**
     * Whether {@code body} contains a break that targets the statement it belongs to: labelled
     * with {@code label}, or unlabelled and not inside a nested loop or switch.
     */
    private boolean breaksTo(Tree body, String label, boolean labelled, boolean bodyIsTheSwitch) {
        boolean[] found = {false};
        new JumpScanner() {
            @Override
            public Void visitBreak(BreakTree node, Integer depth) {
                if (labelled) {
                    found[0] |= node.getLabel() != null && node.getLabel().contentEquals(label);
                } else {
                    found[0] |= node.getLabel() == null && depth == 0;
                }
                return null;
            }

            @Override
            public Void visitSwitch(SwitchTree node, Integer depth) {
                if (bodyIsTheSwitch && node == body) {
                    return super.visitSwitch(node, depth);
                }
                return super.visitSwitch(node, depth + 1);
            }

            @Override
            public Void visitSwitchExpression(SwitchExpressionTree node, Integer depth) {
                return null; // a break cannot leave a switch expression
            }
        }.scan(body, 0);
        return found[0];
    }

    private boolean continuesTo(Tree body) {
        boolean[] found = {false};
        new JumpScanner() {
            @Override
            public Void visitContinue(com.sun.source.tree.ContinueTree node, Integer depth) {
                found[0] |= node.getLabel() != null || depth == 0;
                return null;
            }
        }.scan(body, 0);
        return found[0];
    }

    /**
     * Scans for jumps with the loop nesting depth as argument: each loop adds one; lambdas and
     * classes are not entered, since a jump cannot leave them.
     */
    private abstract static class JumpScanner extends TreeScanner<Void, Integer> {
        @Override
        public Void visitWhileLoop(WhileLoopTree node, Integer depth) {
            return super.visitWhileLoop(node, depth + 1);
        }

        @Override
        public Void visitDoWhileLoop(DoWhileLoopTree node, Integer depth) {
            return super.visitDoWhileLoop(node, depth + 1);
        }

        @Override
        public Void visitForLoop(ForLoopTree node, Integer depth) {
            return super.visitForLoop(node, depth + 1);
        }

        @Override
        public Void visitEnhancedForLoop(EnhancedForLoopTree node, Integer depth) {
            return super.visitEnhancedForLoop(node, depth + 1);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Integer depth) {
            return null;
        }

        @Override
        public Void visitClass(ClassTree node, Integer depth) {
            return null;
        }
    }
}
