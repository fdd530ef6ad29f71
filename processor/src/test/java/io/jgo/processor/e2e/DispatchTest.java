package io.jgo.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.Jgo;
import io.jgo.Task;
import io.jgo.processor.testing.Run;
import io.jgo.processor.testing.TestCompiler;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * @Go instance methods dispatch like Java methods: an override in a subclass (in the same
 * compilation, or in another jar compiled later) runs when called through a base-typed reference,
 * from @Go code and through the generated entry point from plain code, as goroutines and as plain
 * Java alike.
 */
class DispatchTest {
    static TestCompiler.Result compiled;

    @BeforeAll
    static void compile() throws IOException {
        compiled = TestCompiler.compile(TestCompiler.sources("p.Animals", InstanceMethodsTest.resource("Animals.java")));
    }

    @Test
    void compilesWithoutWarnings() {
        assertTrue(compiled.success, compiled.describe() + compiled.allGenerated());
        assertEquals(0, compiled.warnings().size(), compiled.describe());
    }

    @Test
    void finalAndStaticMethodsKeepTheDirectEntryPoint() {
        String g = compiled.generatedSource("p.Animals_AnimalGo");
        assertTrue(g.contains("if (self.getClass() != Animals.Animal.class)"), g);
        int tag = g.indexOf("public static Task<String> tag(Animals.Animal self)");
        assertTrue(tag > 0 && g.substring(tag, g.indexOf('}', tag)).contains("return new Tag(self);"), g);
        assertTrue(!g.substring(tag, g.indexOf('}', tag)).contains("getClass"), g);
    }

    @RepeatedTest(3)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void overridesRunFromGoCodeAsInPlainJava() {
        assertTrue(compiled.success, compiled.describe());
        ClassLoader l = compiled.loader();
        Run.Outcome plain = Run.plain(l, "p.Animals", "scenario");
        assertNull(plain.thrown(), plain.toString());
        assertEquals("cat makes 2 sounds | [cat makes 1 sounds] | animal cat\n"
                + "rex barks barks | [rex barks] | animal rex\n"
                + "bit barks barks | [bit barks] | animal bit\n"
                + "cow makes 2 sounds | [cow makes 1 sounds] | animal cow\n"
                + "<x>y animalia\n"
                + "hello ann\nHELLO ANN\ngood day, ann\nhello ann\n", plain.value());
        assertEquals(plain, Run.goroutine(l, "p.Animals", "scenario"));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theEntryPointForPlainCodeDispatchesOnTheReceiver() throws Exception {
        ClassLoader l = compiled.loader();
        Object dog = l.loadClass("p.Animals$Dog").getConstructor(String.class).newInstance("rex");
        Class<?> animal = l.loadClass("p.Animals$Animal");
        Task<?> t = (Task<?>) l.loadClass("p.Animals_AnimalGo").getMethod("speak", animal, int.class).invoke(null, dog, 3);
        assertEquals("rex barks barks barks", Jgo.run(t));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSubclassInAnotherJarCompiledLaterIsDispatchedTo() {
        TestCompiler.Result app = TestCompiler.compile(TestCompiler.sources("q.Cat", """
                package q;
                import io.jgo.*; import io.jgo.annotation.Go;
                import p.Animals;
                import java.util.List;
                public class Cat extends Animals.Animal {
                    public Cat() { super("tom"); }
                    @Override
                    @Go public String speak(int times) {
                        Jgo.gosched();
                        return name() + " meows " + times;
                    }
                    String name() { return "tom"; }
                    @Go static String run() {
                        Animals.Animal a = new Cat();
                        return a.speak(2) + " / " + a.describe();
                    }
                }
                """), List.of("-Xlint:all"), compiled.classes);
        assertTrue(app.success, app.describe() + app.allGenerated());
        assertEquals(0, app.warnings().size(), app.describe());
        Run.Outcome plain = Run.plain(app.loader(), "q.Cat", "run");
        assertEquals("tom meows 2 / [tom meows 1]", plain.value(), plain.toString());
        assertEquals(plain, Run.goroutine(app.loader(), "q.Cat", "run"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anOverrideCompiledWithoutTheProcessorFailsAtTheCallSayingWhatToDo() throws Exception {
        TestCompiler.Result app = TestCompiler.compile(TestCompiler.sources("q.Mute", """
                package q;
                import p.Animals;
                public class Mute extends Animals.Animal {
                    public Mute() { super("mute"); }
                    @Override
                    public String speak(int times) { return "..."; }
                }
                """), List.of("-proc:none"), compiled.classes);
        assertTrue(app.success, app.describe());
        ClassLoader l = app.loader();
        Object mute = l.loadClass("q.Mute").getConstructor().newInstance();
        Class<?> animal = l.loadClass("p.Animals$Animal");
        java.lang.reflect.InvocationTargetException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.lang.reflect.InvocationTargetException.class,
                () -> l.loadClass("p.Animals_AnimalGo").getMethod("speak", animal, int.class).invoke(null, mute, 1));
        assertTrue(e.getCause() instanceof IncompatibleClassChangeError, String.valueOf(e.getCause()));
        assertEquals("q.Mute.speak overrides the @Go method of p.Animals$Animal without an entry point in q.MuteGo"
                + " (not @Go, or compiled without jgo's processor): annotate it @Go and compile q.Mute with jgo's"
                + " annotation processor", e.getCause().getMessage());
    }
}
