package io.jgo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exported packages ({@code io.jgo}, the user API, and {@code io.jgo.runtime}, the contract
 * generated code compiles against) show nothing of the scheduler: no public or protected member,
 * supertype or signature of a public class names a type of {@code io.jgo.internal}.
 */
class PublicApiTest {
    private static final String INTERNAL = "io.jgo.internal.";

    private static List<Class<?>> publicClassesOf(String pkg) throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Jgo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = root.resolve(pkg.replace('.', '/'));
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class")) {
                    Class<?> c = Class.forName(pkg + "." + name.substring(0, name.length() - 6), false,
                            Jgo.class.getClassLoader());
                    if (isVisible(c)) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    /** Public, and reachable from outside: every enclosing class public too. */
    private static boolean isVisible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean exposed(Member m) {
        int mod = m.getModifiers();
        if (m.isSynthetic()) {
            return false;
        }
        if (Modifier.isPublic(mod)) {
            return true;
        }
        // protected members are API only where a user may subclass
        return Modifier.isProtected(mod) && !Modifier.isFinal(m.getDeclaringClass().getModifiers());
    }

    private static void check(String where, Type t, List<String> leaks) {
        if (t != null && t.getTypeName().contains(INTERNAL)) {
            leaks.add(where + ": " + t.getTypeName());
        }
    }

    private static List<String> leaks(String pkg) throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : publicClassesOf(pkg)) {
            check(c.getName() + " extends", c.getGenericSuperclass(), leaks);
            for (Type i : c.getGenericInterfaces()) {
                check(c.getName() + " implements", i, leaks);
            }
            for (Field f : c.getFields()) {
                check(c.getName() + "." + f.getName(), f.getGenericType(), leaks);
            }
            for (Field f : c.getDeclaredFields()) {
                if (exposed(f)) {
                    check(c.getName() + "." + f.getName(), f.getGenericType(), leaks);
                }
            }
            List<Executable> execs = new ArrayList<>(List.of(c.getMethods()));
            execs.addAll(List.of(c.getDeclaredMethods()));
            execs.addAll(List.of(c.getConstructors()));
            execs.addAll(List.of(c.getDeclaredConstructors()));
            for (Executable e : execs) {
                if (!exposed(e)) {
                    continue;
                }
                String where = c.getName() + "." + (e instanceof Constructor ? "<init>" : e.getName());
                if (e instanceof Method) {
                    check(where + " returns", ((Method) e).getGenericReturnType(), leaks);
                    check(where + " declared in", ((Method) e).getDeclaringClass(), leaks);
                }
                for (Type p : e.getGenericParameterTypes()) {
                    check(where + " takes", p, leaks);
                }
                for (Type x : e.getGenericExceptionTypes()) {
                    check(where + " throws", x, leaks);
                }
            }
        }
        return leaks;
    }

    @Test
    void theUserApiShowsNothingInternal() throws Exception {
        assertEquals(List.of(), leaks("io.jgo"));
    }

    @Test
    void theFrameContractShowsNothingInternal() throws Exception {
        assertEquals(List.of(), leaks("io.jgo.runtime"));
    }

    @Test
    void theScanSeesTheApi() throws Exception {
        List<Class<?>> api = publicClassesOf("io.jgo");
        assertTrue(api.contains(Jgo.class) && api.contains(Chan.class) && api.contains(GoRuntime.class), api.toString());
        // and it would see a leak: a public class of the internal package is found by the same check
        List<String> internal = new ArrayList<>();
        check("probe", io.jgo.internal.Sched.class, internal);
        assertEquals(1, internal.size());
    }
}
