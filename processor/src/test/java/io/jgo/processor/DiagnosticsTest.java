package io.jgo.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** Every diagnostic of docs/errors.md, at the position of the construct, saying what to write instead. */
class DiagnosticsTest {

    private static Compilation compile(String body) {
        return javac().withProcessors(new GoProcessor()).compile(JavaFileObjects.forSourceString("p.Bad", """
                package p;
                import io.jgo.*; import io.jgo.annotation.Go;
                import static io.jgo.Jgo.*;
                import java.util.*;
                public class Bad {
                """ + body + "\n}\n"));
    }

    private static long jgoErrors(Compilation c) {
        return c.errors().stream().filter(d -> d.getMessage(null).startsWith("[jgo]")).count();
    }

    @Test
    void suspensionInsideSynchronized() {
        Compilation c = compile("""
                @Go static void f(Chan<Integer> ch, Object lock) {
                    synchronized (lock) {
                        ch.send(1);
                    }
                }""");
        assertThat(c).hadErrorContaining("inside a synchronized block").inFile(c.sourceFiles().get(0)).onLine(8);
        assertThat(c).hadErrorContaining("use io.jgo's Mutex");
    }

    @Test
    void suspensionInsideALambdaThatIsNotSpawned() {
        Compilation c = compile("""
                @Go static void f(Chan<Integer> ch, List<Integer> xs) {
                    xs.forEach(x -> ch.send(x));
                }""");
        assertThat(c).hadErrorContaining("inside a lambda").inFile(c.sourceFiles().get(0)).onLine(7);
        // the advice names what works inside @Go code, not another lambda
        assertThat(c).hadErrorContaining("use a for loop instead of forEach-style calls, give the lambda a "
                + "suspending function type");
        assertEquals(1, jgoErrors(c));
    }

    @Test
    void methodReferenceToASuspendingMethodWhereAPlainInterfaceIsExpected() {
        Compilation c = compile("""
                @Go static void f(Chan<Integer> ch, List<Integer> xs) {
                    xs.forEach(ch::send);
                }""");
        assertThat(c).hadErrorContaining("a method reference to suspending method send(...) where a plain "
                + "functional interface (Consumer) is expected").inFile(c.sourceFiles().get(0)).onLine(7);
        assertThat(c).hadErrorContaining("suspending function type (GoConsumer)");
        assertEquals(1, jgoErrors(c));
    }

    @Test
    void methodReferenceToAGoMethodStoredInAPlainInterface() {
        Compilation c = compile("""
                @Go static void put(int v, Chan<Integer> out) { out.send(v); }
                @Go static void f(Chan<Integer> out) {
                    java.util.function.BiConsumer<Integer, Chan<Integer>> c = Bad::put;
                    c.accept(1, out);
                }""");
        assertThat(c).hadErrorContaining("a method reference to suspending method put(...) where a plain "
                + "functional interface (BiConsumer) is expected").inFile(c.sourceFiles().get(0)).onLine(8);
        assertEquals(1, jgoErrors(c));
    }

    @Test
    void methodReferenceOfAFunctionTypeWithAnExpressionReceiver() {
        Compilation c = compile("""
                @Go static void f(List<Chan<Integer>> chans) throws Exception {
                    GoConsumer<Integer> c = chans.get(0)::send;
                    c.accept(1);
                }""");
        assertThat(c).hadErrorContaining("must have a local variable or 'this' before '::'")
                .inFile(c.sourceFiles().get(0)).onLine(7);
        assertEquals(1, jgoErrors(c));
    }

    @Test
    void aFunctionWhoseFrameWouldNameALocalClass() {
        Compilation c = compile("""
                @Go static int f() throws Exception {
                    class Point { int x = 3; }
                    Chan<Point> ch = Chan.make(1);
                    GoFunction<Point, Integer> g = pt -> { ch.send(pt); return ch.recv().x; };
                    return g.apply(new Point());
                }""");
        assertThat(c).hadErrorContaining("this lambda becomes a frame class of its own (a goroutine or a suspending "
                + "function), which cannot name Point, a class declared in the method")
                .inFile(c.sourceFiles().get(0)).onLine(9);
        assertEquals(1, jgoErrors(c));
        assertEquals(1, c.errors().size(), c.errors().toString());
    }

    @Test
    void jgoRunInsideGoCode() {
        Compilation c = compile("""
                @Go static int f(Task<Integer> t) {
                    return Jgo.run(t);
                }""");
        assertThat(c).hadErrorContaining("Jgo.run(...) inside @Go code blocks a carrier thread")
                .inFile(c.sourceFiles().get(0)).onLine(7);
        assertThat(c).hadErrorContaining("call the @Go method directly");
        assertEquals(1, jgoErrors(c));
    }

    @Test
    void jgoRunOnAThreadStartedByGoCodeIsNotGoCode() {
        Compilation c = compile("""
                @Go static void f(Task<Integer> t) {
                    new Thread(() -> System.out.println(Jgo.run(t))).start();
                }""");
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void suspensionInsideAnAnonymousClass() {
        Compilation c = compile("""
                @Go static void f(Chan<Integer> ch) {
                    Runnable r = new Runnable() {
                        public void run() {
                            ch.send(1);
                        }
                    };
                    r.run();
                }""");
        assertThat(c).hadErrorContaining("inside a local or anonymous class").inFile(c.sourceFiles().get(0)).onLine(9);
    }

    @Test
    void suspendingCallInAFieldInitializerOfAnAnonymousClass() {
        Compilation c = compile("""
                @Go static Object f(Chan<Integer> ch) {
                    return new Object() {
                        final int first = ch.recv();
                    };
                }""");
        assertThat(c).hadErrorContaining("inside a local or anonymous class").inFile(c.sourceFiles().get(0)).onLine(8);
    }

    @Test
    void goOnASynchronizedMethodIsRefusedNotDropped() {
        Compilation c = compile("""
                static int count;
                @Go static synchronized void inc(Chan<Integer> ch) {
                    count += ch.recv();
                }""");
        assertThat(c).hadErrorContaining("@Go on a synchronized method").inFile(c.sourceFiles().get(0)).onLine(7);
        assertThat(c).hadErrorContaining("io.jgo Mutex");
        assertEquals(1, jgoErrors(c), c.errors().toString());
    }

    @Test
    void goInAnonymousClassesEnumConstantBodiesAndLocalClassesIsRefused() {
        Compilation c = compile("""
                interface Worker { int work(Chan<Integer> ch); }
                static Worker anon = new Worker() {
                    @Go public int work(Chan<Integer> ch) { return ch.recv(); }
                };
                enum E {
                    A { @Go int f(Chan<Integer> ch) { return ch.recv(); } };
                    int f(Chan<Integer> ch) { return 0; }
                }
                static void m() {
                    class Local { @io.jgo.annotation.Go int g(Chan<Integer> ch) { return ch.recv(); } }
                }
                @Go static int ok(Chan<Integer> ch) { return ch.recv(); }""");
        assertThat(c).hadErrorContaining("@Go on method work of an anonymous class").inFile(c.sourceFiles().get(0)).onLine(8);
        assertThat(c).hadErrorContaining("@Go on method f of an anonymous class").inFile(c.sourceFiles().get(0)).onLine(11);
        assertThat(c).hadErrorContaining("@Go on method g of local class Local").inFile(c.sourceFiles().get(0)).onLine(15);
        assertThat(c).hadErrorContaining("move the method to a named class");
        assertEquals(3, jgoErrors(c), c.errors().toString());
    }

    @Test
    void anAnnotationOfAnotherPackageNamedGoIsNotJgos() {
        Compilation c = javac().withProcessors(new GoProcessor()).compile(
                JavaFileObjects.forSourceString("q.Go", "package q; public @interface Go {}"),
                JavaFileObjects.forSourceString("q.Uses", """
                        package q;
                        public class Uses {
                            Runnable r = new Runnable() { @Go public void run() { } };
                        }"""));
        assertThat(c).succeeded();
    }

    @Test
    void entryPointsWithTheSameSignatureAreRefused() {
        Compilation c = compile("""
                @Go int g(int x) { gosched(); return x; }
                @Go static int g(Bad b, int x) { gosched(); return -x; }""");
        assertThat(c).hadErrorContaining("has the same signature as that of instance method g(int)")
                .inFile(c.sourceFiles().get(0)).onLine(7);
        assertThat(c).hadErrorContaining("rename one of the two");
        assertEquals(1, jgoErrors(c), c.errors().toString());
    }

    @Test
    void varOfAnAnonymousClassWithOwnMembersAcrossASuspension() {
        Compilation c = compile("""
                @Go static int f(Chan<Integer> ch) {
                    var counter = new Object() { int hits; };
                    counter.hits = ch.recv();
                    return counter.hits;
                }""");
        assertThat(c).hadErrorContaining("variable counter (declared with var) has the type of an anonymous class")
                .inFile(c.sourceFiles().get(0)).onLine(7);
        assertEquals(1, jgoErrors(c), c.errors().toString());
    }

    @Test
    void varOfAnIntersectionTypeAcrossASuspension() {
        Compilation c = compile("""
                @Go static String f(Chan<Integer> ch) {
                    var both = (Comparable<String> & java.io.Serializable) "s";
                    int n = ch.recv();
                    return both.compareTo("t") + " " + n;
                }""");
        assertThat(c).hadErrorContaining("variable both (declared with var) has the intersection type")
                .inFile(c.sourceFiles().get(0)).onLine(7);
        assertEquals(1, jgoErrors(c), c.errors().toString());
    }

    @Test
    void oneErrorPerMethodEvenWhenSeveralRulesAreBroken() {
        Compilation c = javac().withProcessors(new GoProcessor()).compile(JavaFileObjects.forSourceString("p.Two", """
                package p;
                import io.jgo.*; import io.jgo.annotation.Go;
                class Base { int f(Chan<Integer> ch) { return 0; } }
                public class Two extends Base {
                    @Go synchronized int f(Chan<Integer> ch) { return ch.recv(); }
                }"""));
        assertEquals(1, jgoErrors(c), c.errors().toString());
        assertThat(c).hadErrorContaining("@Go on a synchronized method").inFile(c.sourceFiles().get(0)).onLine(5);
    }

    @Test
    void aLocalClassDeclaredRightInACaseGroupIsFound() {
        Compilation c = compile("""
                static void m(int k) {
                    switch (k) {
                        case 1:
                            class L { @Go int g(Chan<Integer> ch) { return ch.recv(); } }
                            break;
                        default:
                    }
                }
                @Go static int ok(Chan<Integer> ch) { return ch.recv(); }""");
        assertThat(c).hadErrorContaining("@Go on method g of local class L").inFile(c.sourceFiles().get(0)).onLine(9);
        assertEquals(1, jgoErrors(c), c.errors().toString());
    }

    @Test
    void aPrivateClassUsedAsAParameterOrAcrossASuspensionIsReportedNotMiscompiled() {
        Compilation c = compile("""
                private static class Secret { int v = 1; }
                private record P(int x) {}
                static Secret make() { return new Secret(); }
                @Go static int f(Chan<Integer> ch, Secret s) { return ch.recv() + s.v; }
                @Go static int g(Chan<Integer> ch) { Secret s = make(); int n = ch.recv(); return s.v + n; }
                @Go static int h(Chan<Integer> ch) { return new P(ch.recv()).x(); }""");
        assertThat(c).hadErrorContaining("private class p.Bad.Secret is used by @Go code").inFile(c.sourceFiles().get(0)).onLine(9);
        assertThat(c).hadErrorContaining("private class p.Bad.Secret is used by @Go code").inFile(c.sourceFiles().get(0)).onLine(10);
        assertThat(c).hadErrorContaining("private class p.Bad.P is used by @Go code").inFile(c.sourceFiles().get(0)).onLine(11);
        assertEquals(3, jgoErrors(c), c.errors().toString());
    }

    @Test
    void java21PatternsAreRefusedWhereFramesCannotPrintThem() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21, "Java 21 syntax");
        Compilation c = javac().withProcessors(new GoProcessor()).withOptions("--release", "21").compile(
                JavaFileObjects.forSourceString("p.Pat", """
                        package p;
                        import io.jgo.*; import io.jgo.annotation.Go;
                        public class Pat {
                            record Point(int x, int y) {}
                            @Go static String a(Chan<Object> ch) {
                                return switch (ch.recv()) {
                                    case Integer i -> "int " + i;
                                    default -> "other";
                                };
                            }
                            @Go static int b(Chan<Object> ch) {
                                Object o = ch.recv();
                                if (o instanceof Point(int x, int y)) {
                                    return x + y;
                                }
                                return 0;
                            }
                        }"""));
        assertThat(c).hadErrorContaining("a pattern in a case label").inFile(c.sourceFiles().get(0)).onLine(7);
        assertThat(c).hadErrorContaining("a record pattern").inFile(c.sourceFiles().get(0)).onLine(13);
        assertEquals(2, jgoErrors(c), c.errors().toString());
    }

    @Test
    void goOnAnAbstractMethod() {
        Compilation c = javac().withProcessors(new GoProcessor()).compile(JavaFileObjects.forSourceString("p.Abs", """
                package p;
                import io.jgo.*; import io.jgo.annotation.Go;
                abstract class Abs {
                    @Go abstract void f();
                }
                """));
        assertThat(c).hadErrorContaining("@Go on an abstract method").inFile(c.sourceFiles().get(0)).onLine(4);
    }

    @Test
    void goOnANativeMethod() {
        Compilation c = compile("@Go static native void f();");
        assertThat(c).hadErrorContaining("@Go on a native method").inFile(c.sourceFiles().get(0)).onLine(6);
    }

    @Test
    void goInAPrivateNestedClass() {
        Compilation c = compile("""
                private static class Hidden {
                    @Go static int f() { return 1; }
                }""");
        assertThat(c).hadErrorContaining("@Go methods in private class Hidden").inFile(c.sourceFiles().get(0)).onLine(7);
        assertThat(c).hadErrorContaining("make the class package-private");
    }

    @Test
    void localClassLivingAcrossASuspension() {
        Compilation c = compile("""
                @Go static int f(Chan<Integer> ch) {
                    class Local { int n; }
                    Local l = new Local();
                    l.n = ch.recv();
                    return l.n;
                }""");
        assertThat(c).hadErrorContaining("of the local class Local lives across a suspension point").inFile(c.sourceFiles().get(0)).onLine(8);
    }

    @Test
    void aUserErrorIsReportedOnceByJavacAndNotBuriedUnderOurs() {
        Compilation c = compile("""
                @Go static int f(Chan<Integer> ch) {
                    return ch.recv() + undefinedName;
                }""");
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("cannot find symbol");
        assertEquals(0, jgoErrors(c), c.diagnostics().toString());
        assertEquals(1, c.errors().size(), c.errors().toString());
    }

    @Test
    void aGoMethodNamingItsOwnGeneratedClassIsToldWhatToWriteInstead() {
        Compilation c = compile("""
                @Go static int f(Chan<Integer> ch) {
                    go(BadGo.g(ch));
                    return ch.recv();
                }
                @Go static void g(Chan<Integer> ch) {
                    ch.send(7);
                }""");
        assertThat(c).hadErrorContaining("cannot name BadGo, which is generated from this very class")
                .inFile(c.sourceFiles().get(0)).onLine(7);
    }

    @Test
    void aReferenceToAnotherClassGeneratedInTheSameRoundIsDeferredNotReported() {
        Compilation c = javac().withOptions("-Xlint:all").withProcessors(new GoProcessor()).compile(
                JavaFileObjects.forSourceString("p.A", """
                        package p;
                        import io.jgo.*; import io.jgo.annotation.Go;
                        import static io.jgo.Jgo.*;
                        class A {
                            @Go static int f(Chan<Integer> ch) {
                                go(BGo.g(ch));
                                return ch.recv();
                            }
                        }
                        """),
                JavaFileObjects.forSourceString("p.B", """
                        package p;
                        import io.jgo.*; import io.jgo.annotation.Go;
                        class B {
                            @Go static void g(Chan<Integer> ch) {
                                ch.send(7);
                            }
                        }
                        """));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("p.AGo").contentsAsUtf8String().contains("Jgo.go(BGo.g(ch));");
    }

    @Test
    void everyDiagnosticIsAnErrorWithTheJgoPrefix() {
        Compilation c = compile("""
                @Go static void f(Chan<Integer> ch, Object lock) {
                    synchronized (lock) { ch.send(1); }
                }""");
        assertEquals(1, c.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).count());
        assertEquals(1, jgoErrors(c));
    }

    @Test
    void aSpawnedGoCallWithComputedOrSuspendingArgumentsIsNotALambdaError() {
        Compilation c = compile("""
                @Go static void sum(int[] s, int from, int to, Chan<Integer> c) {
                    c.send(to - from);
                }
                @Go static void f(int[] s, Chan<Integer> c, Chan<Integer> in) {
                    go(() -> sum(s, 0, s.length / 2, c));
                    go(() -> sum(s, in.recv(), s.length, c));
                }""");
        assertThat(c).succeededWithoutWarnings();
        // evaluated by the spawner, at the go statement (Go's semantics for go f(args))
        assertThat(c).generatedSourceFile("p.BadGo").contentsAsUtf8String()
                .contains("Jgo.go(BadGo.sum(s, 0, s.length / 2, c));");
        assertThat(c).generatedSourceFile("p.BadGo").contentsAsUtf8String().contains("in.recv(this)");
    }

    @Test
    void aStaticGoMethodOfAGenericClassReadingAPrivateGenericFieldCompiles() {
        Compilation c = compile("""
                static class Stack<E> {
                    private final List<E> items = new ArrayList<>();
                    @Go static <T> T top(Stack<T> s, Chan<Integer> tick) {
                        tick.recv();
                        return s.items.get(s.items.size() - 1);
                    }
                    @Go static int size(Stack<?> s, Chan<Integer> tick) {
                        tick.recv();
                        return s.items.size();
                    }
                }""");
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("p.Bad_StackGo").contentsAsUtf8String().doesNotContain("List<E>");
    }

    @Test
    void aGoMethodOverridingAPlainOne() {
        Compilation c = compile("""
                static class Base {
                    String f(Chan<Integer> ch) { return "base"; }
                }
                static class Sub extends Base {
                    @Override
                    @Go String f(Chan<Integer> ch) { return "sub" + ch.recv(); }
                }""");
        assertThat(c).hadErrorContaining("@Go method f overrides Base.f, which is not @Go")
                .inFile(c.sourceFiles().get(0)).onLine(11);
        assertThat(c).hadErrorContaining("make Base.f @Go as well");
    }

    @Test
    void aPlainMethodOverridingAGoOne() {
        Compilation c = javac().withProcessors(new GoProcessor()).compile(
                JavaFileObjects.forSourceString("p.Base", """
                        package p;
                        import io.jgo.*; import io.jgo.annotation.Go;
                        public class Base {
                            @Go public String f(Chan<Integer> ch) { return "base" + ch.recv(); }
                        }
                        """),
                JavaFileObjects.forSourceString("p.Sub", """
                        package p;
                        import io.jgo.*; import io.jgo.annotation.Go;
                        class Sub extends Base {
                            @Override
                            public String f(Chan<Integer> ch) { return "sub"; }
                        }
                        """));
        assertThat(c).hadErrorContaining("f overrides the @Go method Base.f but is not @Go")
                .inFile(c.sourceFiles().get(1)).onLine(5);
        assertThat(c).hadErrorContaining("annotate it @Go");
        assertEquals(1, jgoErrors(c));
    }
}
