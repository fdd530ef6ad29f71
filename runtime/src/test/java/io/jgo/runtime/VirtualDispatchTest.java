package io.jgo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.Task;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.UndeclaredThrowableException;
import org.junit.jupiter.api.Test;

/**
 * The virtual dispatch of entry points, on hand-written classes shaped like the processor's
 * output: each user class {@code VirtualDispatchTest.X} with {@code @Go} methods has its entry
 * points in {@code VirtualDispatchTest_XGo} (below), by the naming rule.
 */
class VirtualDispatchTest {

    /** What a hand-written entry point returns: which body it would run. */
    record Body(String ran) implements Task<String> {
    }

    static class Animal {
        String speak(int times) {
            return "animal";
        }
    }

    static class Dog extends Animal {
        @Override
        String speak(int times) {
            return "dog";
        }
    }

    /** Overrides nothing: inherits Dog's body. */
    static class Puppy extends Dog {
    }

    /** Overrides without a generated entry point: compiled without the processor, or not @Go. */
    static class Cat extends Animal {
        @Override
        String speak(int times) {
            return "cat";
        }
    }

    static class Box<T> {
        void open(T item) {
        }
    }

    /** A narrower erasure: javac adds a bridge open(Object) next to open(String). */
    static class StringBox extends Box<String> {
        @Override
        void open(String item) {
        }
    }

    interface Greeter {
        default String greet(String name) {
            return "hello";
        }
    }

    interface Polite extends Greeter {
        @Override
        default String greet(String name) {
            return "good day";
        }
    }

    static class Guest implements Polite {
    }

    private static MethodHandle speakOf(Class<?> receiver) {
        return VirtualDispatch.of(MethodHandles.lookup(), Animal.class, "speak", int.class).overrideFor(receiver);
    }

    private static String run(MethodHandle entry, Object self, Object arg) throws Throwable {
        return ((Body) entry.invoke(self, arg)).ran();
    }

    @Test
    void aReceiverOfTheDeclaringClassRunsItsOwnBody() {
        assertNull(speakOf(Animal.class));
    }

    @Test
    void aSubclassThatOverridesRunsTheOverridesEntryPoint() throws Throwable {
        MethodHandle entry = speakOf(Dog.class);
        assertNotNull(entry);
        assertEquals("(Animal,int)Task", entry.type().toString());
        assertEquals("dog speaks 3", run(entry, new Dog(), 3));
    }

    @Test
    void aSubclassThatDoesNotOverrideRunsTheNearestOverride() throws Throwable {
        assertEquals("dog speaks 2", run(speakOf(Puppy.class), new Puppy(), 2));
    }

    @Test
    void theOverrideIsLookedUpOncePerReceiverClass() {
        VirtualDispatch d = VirtualDispatch.of(MethodHandles.lookup(), Animal.class, "speak", int.class);
        assertSame(d.overrideFor(Dog.class), d.overrideFor(Dog.class));
    }

    @Test
    void aGenericOverrideIsFoundBehindItsBridge() throws Throwable {
        MethodHandle entry = VirtualDispatch.of(MethodHandles.lookup(), Box.class, "open", Object.class)
                .overrideFor(StringBox.class);
        assertEquals("string box opens it", run(entry, new StringBox(), "it"));
    }

    @Test
    void anInterfacesDefaultMethodDispatchesToTheMostSpecificOverridingDefault() throws Throwable {
        VirtualDispatch d = VirtualDispatch.of(MethodHandles.lookup(), Greeter.class, "greet", String.class);
        assertEquals("polite greets ann", run(d.overrideFor(Guest.class), new Guest(), "ann"));
        assertNull(d.overrideFor(new Greeter() { }.getClass()));
    }

    @Test
    void anOverrideWithoutAnEntryPointFailsNamingItAndSayingWhatToDo() {
        IncompatibleClassChangeError e = assertThrows(IncompatibleClassChangeError.class, () -> speakOf(Cat.class));
        assertEquals(Cat.class.getName() + ".speak overrides the @Go method of " + Animal.class.getName()
                + " without an entry point in io.jgo.runtime.VirtualDispatchTest_CatGo (not @Go, or compiled without"
                + " jgo's processor): annotate it @Go and compile " + Cat.class.getName()
                + " with jgo's annotation processor", e.getMessage());
    }

    @Test
    void anUnreachableEntryPointFailsNamingTheGeneratedClassAndWhatToOpen() {
        // a lookup without private access cannot reach into the override's generated class, as
        // the generated class of a module whose package is not open to it could not
        MethodHandles.Lookup weak = MethodHandles.lookup().dropLookupMode(MethodHandles.Lookup.PRIVATE);
        VirtualDispatch d = VirtualDispatch.of(weak, Animal.class, "speak", int.class);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.overrideFor(Dog.class));
        assertTrue(e.getMessage().startsWith("cannot reach io.jgo.runtime.VirtualDispatchTest_DogGo, the entry points of "
                + Dog.class.getName() + ".speak, from " + VirtualDispatchTest.class.getName() + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; in named modules, open package io.jgo.runtime to the module of "
                + VirtualDispatchTest.class.getName()), e.getMessage());
        assertTrue(e.getCause() instanceof IllegalAccessException, String.valueOf(e.getCause()));
    }

    @Test
    void theParameterTypesAreCopied() {
        Class<?>[] params = {int.class};
        VirtualDispatch d = VirtualDispatch.of(MethodHandles.lookup(), Animal.class, "speak", params);
        params[0] = String.class;
        assertNotNull(d.overrideFor(Dog.class));
    }

    @Test
    void whatAnEntryPointThrowsStaysUncheckedOrIsWrapped() {
        IllegalStateException unchecked = new IllegalStateException("x");
        assertSame(unchecked, VirtualDispatch.unchecked(unchecked));
        AssertionError error = new AssertionError("y");
        assertSame(error, assertThrows(AssertionError.class, () -> VirtualDispatch.unchecked(error)));
        IOException checked = new IOException("z");
        RuntimeException wrapped = VirtualDispatch.unchecked(checked);
        assertTrue(wrapped instanceof UndeclaredThrowableException);
        assertSame(checked, wrapped.getCause());
    }

    @Test
    void theGeneratedClassOfANestedClassJoinsTheSimpleNames() {
        assertEquals("io.jgo.runtime.VirtualDispatchTest_DogGo", VirtualDispatch.generatedName(Dog.class));
        assertEquals("io.jgo.runtime.VirtualDispatchGo", VirtualDispatch.generatedName(VirtualDispatch.class));
    }
}

/** Dog's generated class: its entry point and the one super.speak(...) calls. */
final class VirtualDispatchTest_DogGo {
    private VirtualDispatchTest_DogGo() {
    }

    static Task<String> speak(VirtualDispatchTest.Dog self, int times) {
        return new VirtualDispatchTest.Body("dog speaks " + times);
    }
}

final class VirtualDispatchTest_StringBoxGo {
    private VirtualDispatchTest_StringBoxGo() {
    }

    static Task<String> open(VirtualDispatchTest.StringBox self, String item) {
        return new VirtualDispatchTest.Body("string box opens " + item);
    }
}

final class VirtualDispatchTest_PoliteGo {
    private VirtualDispatchTest_PoliteGo() {
    }

    static Task<String> greet(VirtualDispatchTest.Polite self, String name) {
        return new VirtualDispatchTest.Body("polite greets " + name);
    }
}
