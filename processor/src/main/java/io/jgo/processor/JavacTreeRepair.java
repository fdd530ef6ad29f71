package io.jgo.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.util.List;

/**
 * Undoes the two changes javac's attribution makes to a user's trees that javac itself does not
 * undo between processing rounds, and that make the next round's attribution of the same trees
 * reject valid code:
 * <ul>
 *   <li>the {@code super()} call it inserts into a record's canonical constructor (next time the
 *       constructor "contains an explicit constructor invocation", which records forbid; javac
 *       removes the same insertion from enum constructors itself);</li>
 *   <li>the type it writes into a {@code var} declaration or an implicitly typed lambda
 *       parameter (next time an anonymous class's type or a capture written there cannot be
 *       resolved: {@code cannot find symbol class p.Main$1}, {@code class <captured wildcard>}).</li>
 * </ul>
 * The processor attributes a class in place to read its {@code @Go} methods' types (see
 * {@link JavacTrees}); this runs on the files it attributed when a later round will attribute
 * them again, never in the last round (nothing re-attributes then, and the inserted call must
 * stay).
 *
 * <p>The Compiler Tree API has no way to change a tree, and jdk.compiler does not open its tree
 * package, so the two fields are written with {@code sun.misc.Unsafe} (module jdk.unsupported).
 * Both changes restore what javac's parser produced. If a JDK refuses this, the processor reports the affected declarations instead of letting javac reject
 * them without explanation. Unsafe is touched only when a file needs the repair (JDK 24 and later
 * print a warning the first time it is used).
 */
final class JavacTreeRepair {
    /** Loaded only when a tree needs repair: touching Unsafe makes JDK 24+ print a warning. */
    private static final class Access {
        static final sun.misc.Unsafe UNSAFE;
        static final long BLOCK_STATS;
        static final long VAR_TYPE;
        static final long LIST_TAIL;
        static final Throwable UNAVAILABLE;

        static {
            sun.misc.Unsafe u = null;
            long stats = -1;
            long varType = -1;
            long tail = -1;
            Throwable why = null;
            try {
                Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                u = (sun.misc.Unsafe) f.get(null);
                ClassLoader javac = Trees.class.getClassLoader();
                stats = offset(u, Class.forName("com.sun.tools.javac.tree.JCTree$JCBlock", false, javac), "stats");
                varType = offset(u, Class.forName("com.sun.tools.javac.tree.JCTree$JCVariableDecl", false, javac), "vartype");
                tail = offset(u, Class.forName("com.sun.tools.javac.util.List", false, javac), "tail");
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                why = e;
            }
            UNSAFE = why == null ? u : null;
            BLOCK_STATS = stats;
            VAR_TYPE = varType;
            LIST_TAIL = tail;
            UNAVAILABLE = why;
        }

        @SuppressWarnings("deprecation") // objectFieldOffset: the only way to a field of a closed package
        private static long offset(sun.misc.Unsafe u, Class<?> c, String field) throws NoSuchFieldException {
            return u.objectFieldOffset(c.getField(field));
        }
    }

    private JavacTreeRepair() {
    }

    /**
     * Whether {@code unit} passes a conditional expression as a method's or constructor's
     * argument. javac's attribution caches such an argument's speculative type by its source
     * position (ArgumentAttr's argument type cache), and the cache outlives the round: the next
     * round's attribution of the same tree reuses a type that names the previous round's type
     * variables, and rejects a valid call ({@code filter(c, p == null ? null : not(p))}).
     */
    static boolean passesConditionalArguments(CompilationUnitTree unit) {
        boolean[] found = {false};
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree node, Void v) {
                check(node.getArguments());
                return super.visitMethodInvocation(node, v);
            }

            @Override
            public Void visitNewClass(com.sun.source.tree.NewClassTree node, Void v) {
                check(node.getArguments());
                return super.visitNewClass(node, v);
            }

            private void check(List<? extends com.sun.source.tree.ExpressionTree> args) {
                for (com.sun.source.tree.ExpressionTree a : args) {
                    while (a instanceof com.sun.source.tree.ParenthesizedTree p) {
                        a = p.getExpression();
                    }
                    found[0] |= a instanceof com.sun.source.tree.ConditionalExpressionTree;
                }
            }
        }.scan(unit, null);
        return found[0];
    }

    /**
     * Empties javac's cache of speculative argument types (see {@link #passesConditionalArguments}):
     * the next round computes them again from the cleaned trees. Reached through the fields
     * JavacTrees.attr, Attr.argumentAttr and ArgumentAttr.argumentTypeCache; on a JDK where one of
     * them is missing nothing happens, and javac reports what it reports.
     */
    static void forgetSpeculativeArgumentTypes(Trees trees) {
        if (Access.UNAVAILABLE != null) {
            return;
        }
        try {
            Object attr = field(trees, "com.sun.tools.javac.api.JavacTrees", "attr");
            Object argumentAttr = field(attr, "com.sun.tools.javac.comp.Attr", "argumentAttr");
            if (field(argumentAttr, "com.sun.tools.javac.comp.ArgumentAttr", "argumentTypeCache") instanceof java.util.Map<?, ?> cache) {
                cache.clear();
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // another javac: its attribution has no such cache to go stale
        }
    }

    @SuppressWarnings("deprecation") // objectFieldOffset: the only way to a field of a closed package
    private static Object field(Object owner, String className, String name) throws ReflectiveOperationException {
        Class<?> c = Class.forName(className, false, Trees.class.getClassLoader());
        if (!c.isInstance(owner)) {
            throw new ClassNotFoundException(className + " is not " + owner.getClass());
        }
        return Access.UNSAFE.getObject(owner, Access.UNSAFE.objectFieldOffset(c.getDeclaredField(name)));
    }

    /** Why the repair is unavailable on this JDK (for the processor's message). */
    static String unavailableReason() {
        return String.valueOf(Access.UNAVAILABLE);
    }

    /** A declaration the next attribution would reject: the processor reports it when it cannot repair it. */
    record Damage(Tree tree, String what) {
    }

    /**
     * Repairs (or, where impossible, lists) the trees of {@code unit} that this round's attribution
     * changed in a way the next round's would reject.
     */
    static List<Damage> repair(Trees trees, CompilationUnitTree unit) {
        SourcePositions pos = trees.getSourcePositions();
        List<Damage> damage = new java.util.ArrayList<>();
        new TreeScanner<Void, Boolean>() {
            @Override
            public Void visitClass(ClassTree node, Boolean inRecord) {
                return super.visitClass(node, node.getKind() == Tree.Kind.RECORD);
            }

            @Override
            public Void visitMethod(MethodTree node, Boolean inRecord) {
                BlockTree body = node.getBody();
                if (Boolean.TRUE.equals(inRecord) && node.getReturnType() == null && body != null
                        && insertedSuperCall(pos, unit, body)) {
                    if (Access.UNAVAILABLE == null) {
                        Object stats = body.getStatements();
                        Access.UNSAFE.putObject(body, Access.BLOCK_STATS, Access.UNSAFE.getObject(stats, Access.LIST_TAIL));
                    } else {
                        damage.add(new Damage(node, "the canonical constructor of a record"));
                    }
                }
                return super.visitMethod(node, false);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Boolean inRecord) {
                // An implicitly typed parameter gets its inferred type written in. A capture
                // (Iterable<? extends E>'s forEach(c -> ...)) reads back as an unresolvable
                // '<captured wildcard>'; a parameter the user typed never has such a type.
                for (VariableTree param : node.getParameters()) {
                    Tree type = param.getType();
                    if (type != null && notDenotable(type.toString())) {
                        if (Access.UNAVAILABLE == null) {
                            Access.UNSAFE.putObject(param, Access.VAR_TYPE, null);
                        } else {
                            damage.add(new Damage(node, "an implicitly typed lambda parameter whose type is a capture"));
                        }
                    }
                }
                return super.visitLambdaExpression(node, inRecord);
            }

            @Override
            public Void visitVariable(VariableTree node, Boolean inRecord) {
                Tree type = node.getType();
                // The source says 'var' but the tree has a type: javac wrote it in (JDK 17 gives it
                // no position, JDK 25 the position of 'var'). Named types resolve again next
                // round; an anonymous class (p.Main$1), an intersection or a capture does not.
                if (type != null && notDenotable(type.toString()) && declaredWithVar(pos, unit, node)) {
                    if (Access.UNAVAILABLE == null) {
                        Access.UNSAFE.putObject(node, Access.VAR_TYPE, null);
                    } else {
                        damage.add(new Damage(node, "a 'var' declaration of an anonymous class's type"));
                    }
                }
                return super.visitVariable(node, false);
            }
        }.scan(unit, false);
        return damage;
    }

    private static boolean notDenotable(String writtenType) {
        return writtenType.contains("$") || writtenType.contains("&") || writtenType.contains("capture#")
                || writtenType.contains("<captured wildcard>");
    }

    /** The source reads {@code var name}, after any modifiers: the declaration's type was inferred. */
    private static boolean declaredWithVar(SourcePositions pos, CompilationUnitTree unit, VariableTree node) {
        long start = pos.getStartPosition(unit, node);
        if (start < 0) {
            return false;
        }
        try {
            CharSequence src = unit.getSourceFile().getCharContent(true);
            CharSequence head = src.subSequence((int) start, (int) Math.min(src.length(), start + 4096));
            return java.util.regex.Pattern.compile("(?:(?:final|@[\\w.]+(?:\\([^)]*\\))?)\\s+)*var\\s+"
                    + java.util.regex.Pattern.quote(node.getName().toString()) + "\\b").matcher(head).lookingAt();
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** The body starts with a no-argument {@code super()} at the body's own position: javac's insertion. */
    private static boolean insertedSuperCall(SourcePositions pos, CompilationUnitTree unit, BlockTree body) {
        List<? extends StatementTree> stats = body.getStatements();
        return !stats.isEmpty() && stats.get(0) instanceof ExpressionStatementTree es
                && es.getExpression() instanceof MethodInvocationTree mi && mi.getArguments().isEmpty()
                && mi.getMethodSelect() instanceof IdentifierTree id && id.getName().contentEquals("super")
                && pos.getStartPosition(unit, es) == pos.getStartPosition(unit, body);
    }
}
