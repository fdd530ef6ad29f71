package io.jgo.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diagnostics of docs/errors.md that DiagnosticsTest does not trigger: each at the line of the
 * construct (or of the method, where errors.md says so), one [jgo] error per method.
 */
class MoreDiagnosticsTest {

    /** {@code body} in {@code public class Bad}, whose first line is line 6 of the file. */
    private static Compilation compile(String body) {
        return javac().withProcessors(new GoProcessor()).compile(bad(body));
    }

    private static JavaFileObject bad(String body) {
        return JavaFileObjects.forSourceString("p.Bad", """
                package p;
                import io.jgo.*; import io.jgo.annotation.Go;
                import static io.jgo.Jgo.*;
                import java.util.*;
                public class Bad {
                """ + body + "\n}\n");
    }

    private static long jgoErrors(Compilation c) {
        return c.errors().stream().filter(d -> d.getMessage(null).startsWith("[jgo]")).count();
    }

    private static void assertOneErrorAt(Compilation c, String message, int line) {
        assertThat(c).hadErrorContaining(message).inFile(c.sourceFiles().get(0)).onLine(line);
        assertEquals(1, jgoErrors(c), c.errors().toString());
        assertEquals(1, c.errors().size(), c.errors().toString());
    }

    // ---------------------------------------------------------------- what suspends, named first

    @Test
    void aGoCallInsideSynchronizedIsNamedAsSuch() {
        Compilation c = compile("""
                @Go static int g(Chan<Integer> ch) { return ch.recv(); }
                @Go static int f(Chan<Integer> ch, Object lock) {
                    synchronized (lock) {
                        return g(ch);
                    }
                }""");
        assertOneErrorAt(c, "a call of @Go method g(...) inside a synchronized block", 9);
    }

    @Test
    void aRangeLoopInsideALambdaIsNamedAsSuch() {
        Compilation c = compile("""
                @Go static void f(Chan<Integer> ch, List<Integer> xs) {
                    xs.forEach(x -> {
                        for (int v : ch) {
                            System.out.println(v);
                        }
                    });
                }""");
        assertOneErrorAt(c, "a range loop over a channel inside a lambda", 8);
    }

    @Test
    void goOnAnInterfaceMethodWithoutBody() {
        Compilation c = compile("""
                interface Worker {
                    @Go int work(Chan<Integer> ch);
                }""");
        assertOneErrorAt(c, "@Go on an abstract method", 7);
    }

    // ---------------------------------------------------------------- super

    @Test
    void superAsAValue() {
        Compilation c = compile("""
                static class Base { int x = 1; }
                static class Sub extends Base {
                    @Go int f(Chan<Integer> ch) {
                        int v = super.x;
                        return v + ch.recv();
                    }
                }""");
        assertOneErrorAt(c, "'super' is not supported in @Go code; call the method through a helper method", 9);
    }

    @Test
    void aMethodReferenceThroughSuper() {
        Compilation c = compile("""
                static class Base { String name() { return "base"; } }
                static class Sub extends Base {
                    @Go String f(Chan<Integer> ch) {
                        java.util.function.Supplier<String> s = super::name;
                        return s.get() + ch.recv();
                    }
                }""");
        assertOneErrorAt(c, "'super' is not supported in @Go code", 9);
    }

    @Test
    void superCallOfAPlainMethodIsAccepted() {
        Compilation c = compile("""
                static class Base { String name() { return "base"; } }
                static class Sub extends Base {
                    @Override String name() { return "sub"; }
                    @Go String f(Chan<Integer> ch) {
                        return super.name() + ch.recv();
                    }
                }""");
        assertThat(c).succeeded();
    }

    @Test
    void superCallOfAnInheritedDefaultMethod() {
        Compilation c = compile("""
                interface Named { default String name() { return "n"; } }
                static class Base implements Named { }
                static class Sub extends Base {
                    @Go String f(Chan<Integer> ch) {
                        return super.name() + ch.recv();
                    }
                }""");
        assertOneErrorAt(c, "'super.name(...)' of an interface's default method is not supported in @Go code", 10);
    }

    @Test
    void aDefaultMethodCalledThroughInterfaceSuper() {
        Compilation c = compile("""
                interface Named { default String name() { return "named"; } }
                static class Sub implements Named {
                    @Go String f(Chan<Integer> ch) {
                        return Named.super.name() + ch.recv();
                    }
                }""");
        assertOneErrorAt(c, "'Named.super' is not supported in @Go code", 9);
    }

    @Test
    void theWorkaroundsForSuperCompile() {
        Compilation c = compile("""
                static class Base { int x = 1; String name() { return "base"; } }
                interface Named { default String name() { return "named"; } }
                static class Sub extends Base implements Named {
                    int x = 2;
                    @Override public String name() { return "sub"; }
                    String baseName() { return super.name(); }
                    String namedName() { return Named.super.name(); }
                    @Go String f(Chan<Integer> ch) {
                        return baseName() + namedName() + ((Base) this).x + ch.recv();
                    }
                }""");
        assertThat(c).succeededWithoutWarnings();
    }

    // ---------------------------------------------------------------- the receiver

    /** The enclosing instance's members and Outer.this are read through javac's this$0 field: no error. */
    @Test
    void aMemberOfTheEnclosingInstanceCompiles() {
        Compilation c = compile("""
                int total;
                class Inner {
                    @Go int f(Chan<Integer> ch) {
                        return total + ch.recv();
                    }
                }""");
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void theEnclosingInstanceByNameCompiles() {
        Compilation c = compile("""
                int total;
                class Inner {
                    @Go int f(Chan<Integer> ch) {
                        Bad outer = Bad.this;
                        return outer.total + ch.recv();
                    }
                }""");
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void anInnerClassCreatedInASpawnedLambdaWithoutThis() {
        Compilation c = compile("""
                class Inner { int v = 1; }
                @Go int f(Chan<Integer> ch) {
                    go(() -> { Inner i = new Inner(); ch.send(i.v); });
                    return ch.recv();
                }""");
        assertOneErrorAt(c, "no receiver for Inner", 8);
    }

    @Test
    void theWorkaroundsForTheEnclosingInstanceCompile() {
        Compilation c = compile("""
                int total;
                class Inner {
                    int v = 1;
                    final Bad outer = Bad.this;
                    @Go int f(Bad o, Chan<Integer> ch) {
                        return outer.total + o.total + ch.recv();
                    }
                }
                @Go int g(Chan<Integer> ch) {
                    go(() -> { Inner i = this.new Inner(); ch.send(i.v); });
                    return ch.recv();
                }""");
        assertThat(c).succeededWithoutWarnings();
    }

    // ---------------------------------------------------------------- private members

    @Test
    void aPrivateClassUsedByGoCodeIsReportedAtTheMethod() {
        Compilation c = compile("""
                private static class Secret { static int value = 1; }
                @Go static int f(Chan<Integer> ch) {
                    return Secret.value + ch.recv();
                }""");
        assertOneErrorAt(c, "private class p.Bad.Secret is used by @Go code; make it package-private", 7);
    }

    /** The private class is only in the signature of a private member that the frame reaches by helper. */
    @Test
    void aPrivateClassInAPrivateMembersSignature() {
        Compilation c = compile("""
                private interface Sink { void take(int v); }
                private Sink sink = v -> { };
                private static int put(Sink s, int v) { s.take(v); return v; }
                @Go int viaMethod(Chan<Integer> ch) {
                    return put(null, ch.recv());
                }""");
        assertOneErrorAt(c, "private class p.Bad.Sink is used by @Go code; make it package-private", 9);
        Compilation field = compile("""
                private interface Sink { void take(int v); }
                private Sink sink = v -> { };
                @Go boolean viaField(Chan<Integer> ch) {
                    return sink != null && ch.recv() > 0;
                }""");
        assertOneErrorAt(field, "private class p.Bad.Sink is used by @Go code; make it package-private", 8);
    }

    @Test
    void aPrivateClassCreatedAsAnInnerObject() {
        Compilation c = compile("""
                private class Task { int n; Task(int n) { this.n = n; } }
                @Go int f(Chan<Integer> ch) {
                    return new Task(ch.recv()).n;
                }""");
        assertOneErrorAt(c, "private class p.Bad.Task is used by @Go code; make it package-private", 7);
    }

    @Test
    void aMethodReferenceToAPrivateMethod() {
        Compilation c = compile("""
                private static int twice(int x) { return 2 * x; }
                @Go static int f(Chan<Integer> ch) {
                    java.util.function.IntUnaryOperator op = Bad::twice;
                    return op.applyAsInt(ch.recv());
                }""");
        assertOneErrorAt(c, "a method reference to private twice is not supported in @Go code; use a lambda", 8);
    }

    @Test
    void aMethodReferenceToAProtectedMethodOfAnotherPackage() {
        Compilation c = javac().withProcessors(new GoProcessor()).compile(
                JavaFileObjects.forSourceString("b.Sub", """
                        package b;
                        import io.jgo.*; import io.jgo.annotation.Go;
                        public class Sub extends a.Base {
                            @Go int f(Chan<Integer> ch) {
                                java.util.function.IntUnaryOperator op = this::helper;
                                return op.applyAsInt(ch.recv());
                            }
                        }
                        """),
                JavaFileObjects.forSourceString("a.Base", """
                        package a;
                        public class Base {
                            protected int helper(int x) { return x; }
                        }
                        """));
        assertOneErrorAt(c, "a method reference to protected helper is not supported in @Go code", 5);
    }

    @Test
    void compoundAssignmentToAPrivateFieldOfAComputedObject() {
        Compilation c = compile("""
                private int x;
                Bad next() { return this; }
                @Go void f(Chan<Integer> ch) {
                    int n = ch.recv();
                    next().x += n;
                }""");
        assertOneErrorAt(c, "compound assignment to the private field x of a computed object", 10);
    }

    @Test
    void incrementOfAPrivateFieldOfAComputedObject() {
        Compilation c = compile("""
                private int x;
                Bad next() { return this; }
                @Go void f(Chan<Integer> ch) {
                    ch.recv();
                    next().x++;
                }""");
        assertOneErrorAt(c, "compound assignment to the private field x of a computed object", 10);
    }

    @Test
    void readingAPrivateStaticFieldThroughASuspendingExpression() {
        Compilation c = compile("""
                private static int count = 3;
                @Go static Bad slow(Chan<Integer> ch) { ch.recv(); return new Bad(); }
                @Go static int f(Chan<Integer> ch) {
                    return slow(ch).count;
                }""");
        assertOneErrorAt(c, "reading the private static field count through a suspending expression", 9);
    }

    @Test
    void assigningAPrivateStaticFieldThroughAnExpression() {
        Compilation c = compile("""
                private static int count = 3;
                @Go static void f(Bad other, Chan<Integer> ch) {
                    other.count = ch.recv();
                }""");
        assertOneErrorAt(c, "assigning the private static field count through an expression around a suspension point",
                8);
    }

    // ---------------------------------------------------------------- where a suspension point cannot be

    @Test
    void aSuspendingArgumentOfAnAnonymousClassCreation() {
        Compilation c = compile("""
                static class Box { Box(int x) { } }
                @Go static Object f(Chan<Integer> ch) {
                    return new Box(ch.recv()) { };
                }""");
        assertOneErrorAt(c, "a suspension point in the arguments of this 'new' expression", 8);
    }

    @Test
    void aSuspendingArgumentOfAPrivateConstructorIsAccepted() {
        Compilation c = compile("""
                static class Box { private Box(int x) { } }
                @Go static Object f(Chan<Integer> ch) {
                    return new Box(ch.recv());
                }""");
        assertThat(c).succeeded();
    }

    @Test
    void aSuspendingArgumentOfAQualifiedCreation() {
        Compilation c = compile("""
                class Inner { Inner(int x) { } }
                @Go static Object f(Bad outer, Chan<Integer> ch) {
                    return outer.new Inner(ch.recv());
                }""");
        assertOneErrorAt(c, "a suspension point in the arguments of this 'new' expression", 8);
    }

    @Test
    void aSuspensionPointInAnAssert() {
        Compilation c = compile("""
                @Go static void f(Chan<Integer> ch) {
                    assert ch.recv() > 0;
                }""");
        assertOneErrorAt(c, "a suspension point inside this statement (ASSERT) is not supported; move it to its own", 7);
    }

    @Test
    void aSuspendingQualifierOfAMethodReference() {
        Compilation c = compile("""
                @Go static Bad slow(Chan<Integer> ch) { ch.recv(); return new Bad(); }
                @Go static String f(Chan<Integer> ch) {
                    java.util.function.Supplier<String> s = slow(ch)::toString;
                    return s.get();
                }""");
        assertOneErrorAt(c, "a suspension point inside this expression (MEMBER_REFERENCE) is not supported", 8);
    }

    @Test
    void theWorkaroundsForSuspensionPointsCompile() {
        Compilation c = compile("""
                static class Box { Box(int x) { } }
                private static int count = 3;
                @Go static Bad slow(Chan<Integer> ch) { ch.recv(); return new Bad(); }
                @Go static Object f(Chan<Integer> ch) {
                    int v = ch.recv();
                    assert v > 0;
                    Bad b = slow(ch);
                    java.util.function.Supplier<String> s = b::toString;
                    Bad.count = ch.recv();
                    return new Box(v + Bad.count + s.get().length()) { };
                }""");
        assertThat(c).succeededWithoutWarnings();
    }

    // ---------------------------------------------------------------- classes declared in @Go code

    @Test
    void localRecordsEnumsAndInterfacesOneErrorPerMethod() {
        Compilation c = compile("""
                @Go static int r(Chan<Integer> ch) {
                    record P(int a) { }
                    return new P(ch.recv()).a();
                }
                @Go static int e(Chan<Integer> ch) {
                    enum Color { RED }
                    return Color.RED.ordinal() + ch.recv();
                }
                @Go static int i(Chan<Integer> ch) {
                    interface Op { int run(); }
                    Op o = () -> 1;
                    return o.run() + ch.recv();
                }""");
        assertThat(c).hadErrorContaining("local record declarations are not supported in @Go methods")
                .inFile(c.sourceFiles().get(0)).onLine(7);
        assertThat(c).hadErrorContaining("local enum declarations are not supported in @Go methods")
                .inFile(c.sourceFiles().get(0)).onLine(11);
        assertThat(c).hadErrorContaining("local interface declarations are not supported in @Go methods")
                .inFile(c.sourceFiles().get(0)).onLine(15);
        assertEquals(3, jgoErrors(c), c.errors().toString());
        assertEquals(3, c.errors().size(), c.errors().toString());
    }

    @Test
    void aLocalRecordInABlockWithoutSuspensionPoint() {
        Compilation c = compile("""
                @Go static int f(Chan<Integer> ch, boolean b) {
                    int n = ch.recv();
                    if (b) {
                        record P(int a) { }
                        n = new P(n).a();
                    }
                    return n;
                }""");
        assertOneErrorAt(c, "this statement (RECORD) is not supported in @Go code yet", 9);
    }

    @Test
    void aGenericLocalClass() {
        Compilation c = compile("""
                @Go static int f(Chan<Integer> ch) {
                    class Box<T> { T v; }
                    Box<Integer> b = new Box<>();
                    b.v = 1;
                    return b.v + ch.recv();
                }""");
        assertOneErrorAt(c, "generic local classes are not supported in @Go methods", 7);
    }

    @Test
    void aMemberClassOfAnAnonymousClass() {
        Compilation c = compile("""
                @Go static int f(Chan<Integer> ch) {
                    Runnable r = new Runnable() {
                        class Helper { }
                        public void run() { new Helper(); }
                    };
                    r.run();
                    return ch.recv();
                }""");
        assertOneErrorAt(c, "this member of a class declared in @Go code is not supported", 8);
    }

    // ---------------------------------------------------------------- the build

    @Test
    void aClassNamedLikeTheGeneratedOne() {
        Compilation c = javac().withProcessors(new GoProcessor()).compile(
                bad("""
                        @Go static int f(Chan<Integer> ch) {
                            return ch.recv();
                        }"""),
                JavaFileObjects.forSourceString("p.BadGo", "package p; class BadGo { }"));
        assertOneErrorAt(c, "cannot write p.BadGo: ", 5);
    }

    /**
     * JDK 24 and later refuse sun.misc.Unsafe's memory access when javac runs with
     * --sun-misc-unsafe-memory-access=deny: the processor then cannot repair the record it
     * attributed, and names it. Needs a javac of its own, with that flag.
     */
    @Test
    void aJdkThatRefusesTheRepairOfARecordIsToldSo(@TempDir Path dir) throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "the flag exists on JDK 24 and later");
        Path src = dir.resolve("src/p/Bad.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package p;
                import io.jgo.*; import io.jgo.annotation.Go;
                public class Bad {
                    record P(int x, int y) { }
                    @Go static int f(Chan<Integer> ch) {
                        return new P(1, 2).x() + ch.recv();
                    }
                }
                """, StandardCharsets.UTF_8);
        String processorPath = String.join(File.pathSeparator, location(GoProcessor.class),
                location(com.palantir.javapoet.ClassName.class), location(io.jgo.annotation.Go.class));
        String classPath = String.join(File.pathSeparator, location(io.jgo.annotation.Go.class), location(io.jgo.Chan.class));
        Path javacExe = Path.of(System.getProperty("java.home"), "bin", "javac");
        Path out = dir.resolve("out");
        Process p = new ProcessBuilder(List.of(javacExe.toString(), "-J--sun-misc-unsafe-memory-access=deny",
                "-proc:full", "-processorpath", processorPath, "-processor", GoProcessor.class.getName(),
                "-cp", classPath, "-d", out.resolve("classes").toString(), "-s", out.resolve("gen").toString(),
                src.toString())).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
        assertTrue(output.contains("Bad.java:4: error: [jgo] this JDK does not let the processor restore the "
                + "canonical constructor of a record after reading the class ("), output);
        assertTrue(output.contains("move it to a class of its own, outside the class with @Go methods"), output);
        assertTrue(output.contains("1 error"), output);
    }

    private static String location(Class<?> c) throws IOException {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
