package io.jgo.processor.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.jgo.processor.analyse.Analyzer;
import io.jgo.processor.analyse.Unit;
import io.jgo.processor.diag.UnsupportedCodeException;
import io.jgo.processor.testing.Attributed;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import org.junit.jupiter.api.Test;

/** Where a unit's values live: temporaries, hoisted locals, locals of resume, bookkeeping fields. */
class FrameStorageTest {

    private interface StorageTest {
        void run(FrameStorage storage, TreePath body, Trees trees);
    }

    /** Runs {@code test} with the storage of {@code f}'s unit and the path of its body. */
    private static void withStorage(String body, StorageTest test) {
        boolean[] ran = {false};
        Attributed.forEachGoMethod("p.A", """
                package p;
                import io.jgo.*; import io.jgo.annotation.Go;
                class A {
                    @Go static int f(Chan<Integer> ch, int n) {
                """ + body + """
                    }
                }
                """, ctx -> {
            var types = ctx.env().getTypeUtils();
            var elements = ctx.env().getElementUtils();
            Unit u = new Analyzer(ctx.trees(), types, elements).analyseMethod(ctx.method().element(), ctx.method().path(), "F");
            TypeElement owner = (TypeElement) ctx.method().element().getEnclosingElement();
            test.run(new FrameStorage(ctx.trees(), types, elements, new TypeNames(types, elements, true), u, owner),
                    u.body, ctx.trees());
            ran[0] = true;
        });
        assertTrue(ran[0]);
    }

    /** The first tree under {@code root} that {@code is} accepts. */
    private static TreePath find(TreePath root, java.util.function.Predicate<Tree> is) {
        TreePath[] found = new TreePath[1];
        new TreePathScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void v) {
                if (found[0] == null && tree != null && is.test(tree)) {
                    found[0] = new TreePath(getCurrentPath(), tree);
                    return null;
                }
                return super.scan(tree, v);
            }
        }.scan(root, null);
        return found[0];
    }

    private static TreePath name(TreePath root, String name) {
        return find(root, t -> t instanceof IdentifierTree id && id.getName().contentEquals(name));
    }

    private static List<String> names(List<StateMachine.Field> fields) {
        return fields.stream().map(StateMachine.Field::name).collect(Collectors.toList());
    }

    @Test
    void aTemporarySkipsTheNamesOfTheUsersLocals() {
        withStorage("""
                int tmp$1 = ch.recv();
                return tmp$1;""", (storage, body, trees) -> {
            assertEquals("tmp$2", storage.field("tmp", TypeName.INT));
            assertEquals("i$3", storage.field("i", TypeName.INT), "one counter for every kind of temporary");
        });
    }

    @Test
    void theLayoutHasParametersThenHoistedLocalsThenBookkeepingThenTemporaries() {
        withStorage("""
                int total = n;
                int got = ch.recv();
                int twice = got * 2;
                ch.send(twice);
                return total + got;""", (storage, body, trees) -> {
            storage.field("tmp", TypeName.INT);
            storage.bookkeeping("next$1", TypeName.INT);
            FrameStorage.Layout layout = storage.layout(true);
            assertEquals(List.of("ch", "n"), names(layout.params()));
            assertTrue(layout.params().get(1).isFinal(), "a parameter never assigned is final");
            assertEquals(List.of("total", "got", "result$", "tmp$1", "next$1"), names(layout.fields()));
            assertEquals(List.of("twice"), names(layout.resumeLocals()), "not read after a suspension");
            assertEquals("int twice = 0;\n", layout.locals().toString());
            assertFalse(layout.declaresClasses());
        });
    }

    @Test
    void aValueThatCannotChangeIsNotSpilled() {
        withStorage("""
                int k = ch.recv();
                int r = n + 1;
                r = r + 1;
                return Math.max(n + k + r + 3, ch.recv());""", (storage, body, trees) -> {
            TreePath ret = find(body, t -> t.getKind() == Tree.Kind.RETURN);
            assertTrue(storage.isStable(name(ret, "n")), "a parameter never reassigned");
            assertFalse(storage.isStable(name(ret, "r")), "a reassigned local");
            assertFalse(storage.isStable(name(ret, "k")), "a local of resume, gone after the suspension");
            assertTrue(storage.isStable(find(ret, t -> t instanceof LiteralTree)));
            assertTrue(storage.isStable(name(ret, "Math")), "a type");
        });
    }

    @Test
    void aLocalWithATypeNoDeclarationCanNameIsRefused() {
        withStorage("""
                var both = n > 0 ? Integer.valueOf(1) : "one";
                ch.send(n);
                return both.hashCode();""", (storage, body, trees) -> {
            UnsupportedCodeException e = assertThrows(UnsupportedCodeException.class, () -> storage.layout(false));
            assertTrue(e.getMessage().contains("variable both (declared with var) has the intersection type"), e.getMessage());
        });
    }

    @Test
    void aLocalSavedByPreemptionChecksHasAFieldOfItsOwn() {
        withStorage("""
                int sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += i;
                }
                ch.send(sum);
                return 0;""", (storage, body, trees) -> {
            List<StateBuilder.PreemptSave> saves = storage.preemptSaves();
            assertFalse(saves.isEmpty(), "the loop's locals live across its check");
            for (StateBuilder.PreemptSave s : saves) {
                assertEquals(s.local() + "$p", s.field());
                assertTrue(names(storage.layout(false).fields()).contains(s.field()));
            }
        });
    }

    @Test
    void aTemporaryOfAClassDeclaredInTheMethodIsAnObjectCastWhereRead() {
        withStorage("""
                class Box { int v = n; }
                Box b = new Box();
                ch.send(b.v);
                return 0;""", (storage, body, trees) -> {
            TypeMirror box = trees.getTypeMirror(find(body, t -> t.getKind() == Tree.Kind.NEW_CLASS));
            assertTrue(storage.isLocalClassType(box));
            String tmp = storage.temp(box);
            assertEquals("((Box) tmp$1)", storage.readTemp(tmp, box).toString());
            assertEquals(com.palantir.javapoet.ClassName.OBJECT, storage.layout(false).fields().get(storage.layout(false).fields().size() - 1).type(),
                    "the class is not in scope where the frame's fields are declared");
        });
    }
}
