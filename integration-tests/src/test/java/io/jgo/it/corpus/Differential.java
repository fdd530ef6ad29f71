package io.jgo.it.corpus;

import io.jgo.GoroutineFailedException;
import io.jgo.Jgo;
import io.jgo.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Calls the corpus's static methods twice with the same random arguments: once plain, once
 * through their generated entry point as a goroutine ({@code Jgo.run(XGo.m(args))}), and compares
 * what they return or throw, and what they did to their (array and list) arguments.
 *
 * <p>A method is called when its class compiled with a frame for it (its {@code XGo} has the
 * entry point) and each of its parameters is of a type the generator makes: primitives and their
 * boxes, strings, {@code CharSequence}, {@code Object}, arrays of those, lists, collections,
 * iterables and maps. Methods whose plain calls disagree with each other (random numbers,
 * clocks, identity hash codes), that shuffle or draw random numbers, or whose class keeps
 * thread-local state are not comparable and are counted apart. Every call is bounded
 * in time. The arguments of each method come from a seed derived from the run's seed and the
 * method's signature, so a failure names what reproduces it.
 */
final class Differential {
    /** Calls per method, each with fresh arguments. */
    static final int CALLS = 3;
    private static final long CALL_TIMEOUT_SECONDS = 10;

    /** What the run came to. */
    record Result(int called, int notComparable, int timedOut, List<String> mismatches, long seed) {
    }

    private Differential() {
    }

    /**
     * @param classes   the compiled corpus (user classes and their generated classes)
     * @param extra     more class path for the corpus (a sample's library jar), may be empty
     * @param packages  the corpus's package prefixes, loaded from {@code classes} first
     */
    static Result run(Path classes, List<Path> extra, List<String> packages, long seed) {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(classes.toUri().toURL());
            for (Path p : extra) {
                urls.add(p.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        ExecutorService calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "corpus-call");
            t.setDaemon(true); // a call that never returns is abandoned, not waited for
            return t;
        });
        int called = 0;
        int notComparable = 0;
        int timedOut = 0;
        List<String> mismatches = new ArrayList<>();
        try (ChildFirst loader = new ChildFirst(urls.toArray(URL[]::new), packages)) {
            for (Method m : candidates(classes, loader)) {
                Method entry = entryPoint(m, loader);
                if (entry == null) {
                    continue;
                }
                if (nondeterministic(m)) {
                    notComparable++;
                    continue;
                }
                long methodSeed = seed ^ signature(m).hashCode();
                String outcome = compare(m, entry, methodSeed, calls);
                switch (outcome) {
                    case "same" -> called++;
                    case "not comparable" -> notComparable++;
                    case "timeout" -> timedOut++;
                    default -> {
                        called++;
                        mismatches.add(signature(m) + " (seed " + methodSeed + "): " + outcome);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            calls.shutdownNow();
        }
        return new Result(called, notComparable, timedOut, mismatches, seed);
    }

    /** The public static methods of the corpus's public classes whose parameters can be generated. */
    private static List<Method> candidates(Path classes, ClassLoader loader) throws IOException {
        List<Method> out = new ArrayList<>();
        List<String> names;
        try (Stream<Path> walk = Files.walk(classes)) {
            names = walk.map(p -> classes.relativize(p).toString())
                    .filter(n -> n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .sorted().toList();
        }
        java.util.Set<String> all = new java.util.HashSet<>(names);
        for (String name : names) {
            String top = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
            if (top.endsWith("Go") && all.contains(top.substring(0, top.length() - 2))) {
                continue; // generated
            }
            Class<?> c;
            try {
                c = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            if (!Modifier.isPublic(c.getModifiers())) {
                continue;
            }
            Method[] declared;
            try {
                declared = c.getDeclaredMethods();
            } catch (LinkageError e) {
                continue;
            }
            Arrays.sort(declared, (a, b) -> signature(a).compareTo(signature(b)));
            for (Method m : declared) {
                if (Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()
                        && !m.isBridge() && Arrays.stream(m.getParameterTypes()).allMatch(Differential::canMake)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /**
     * Methods whose result no second run could predict: random numbers (two plain runs of a
     * shuffle of two elements agree half the time), and thread-local state, which a goroutine
     * sees on whichever carrier thread runs it, as Go has no thread-locals to see at all.
     */
    private static boolean nondeterministic(Method m) {
        String name = (m.getDeclaringClass().getName() + "." + m.getName()).toLowerCase(java.util.Locale.ROOT);
        if (name.contains("random") || name.contains("shuffle")) {
            return true;
        }
        for (Class<?> c = m.getDeclaringClass(); c != null; c = c.getEnclosingClass()) {
            try {
                for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) && ThreadLocal.class.isAssignableFrom(f.getType())) {
                        return true;
                    }
                }
            } catch (LinkageError e) {
                return true;
            }
        }
        return false;
    }

    /** {@code XGo.m} with the same parameters, or null if the method got no frame. */
    private static Method entryPoint(Method m, ClassLoader loader) {
        Class<?> c = m.getDeclaringClass();
        String generated = c.getPackageName() + "." + c.getName().substring(c.getPackageName().length() + 1)
                .replace('$', '_') + "Go";
        try {
            Method e = Class.forName(generated, false, loader).getMethod(m.getName(), m.getParameterTypes());
            return Task.class.isAssignableFrom(e.getReturnType()) && Modifier.isStatic(e.getModifiers()) ? e : null;
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return null;
        }
    }

    private static String compare(Method m, Method entry, long seed, ExecutorService calls) {
        for (int call = 0; call < CALLS; call++) {
            long s = seed + call;
            Outcome plain = within(calls, () -> plain(m, args(m, s)));
            Outcome again = within(calls, () -> plain(m, args(m, s)));
            if (plain == null || again == null) {
                return "timeout";
            }
            if (!plain.equals(again)) {
                return "not comparable";
            }
            Outcome go = within(calls, () -> goroutine(entry, args(m, s)));
            if (go == null) {
                return "the goroutine did not end within " + CALL_TIMEOUT_SECONDS + " s; plain: " + plain;
            }
            if (!plain.equals(go)) {
                return "call " + call + ": plain " + plain + ", goroutine " + go;
            }
        }
        return "same";
    }

    private static Outcome within(ExecutorService calls, java.util.concurrent.Callable<Outcome> c) {
        Future<Outcome> f = calls.submit(c);
        try {
            return f.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            return Outcome.threw(e.getCause());
        }
    }

    private static Outcome plain(Method m, Object[] args) {
        try {
            return Outcome.of(m.invoke(null, args), args);
        } catch (InvocationTargetException e) {
            return Outcome.threw(e.getCause(), args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Outcome goroutine(Method entry, Object[] args) {
        Task<?> task;
        try {
            task = (Task<?>) entry.invoke(null, args);
        } catch (InvocationTargetException | IllegalAccessException e) {
            return Outcome.threw(new IllegalStateException("the entry point threw", e), args);
        }
        try {
            return Outcome.of(Jgo.run(task), args);
        } catch (GoroutineFailedException e) {
            return Outcome.threw(e.getCause() != null ? e.getCause() : e, args);
        } catch (RuntimeException | Error e) {
            return Outcome.threw(e, args);
        }
    }

    /** A result or an exception, and the arguments afterwards, as text that equal runs share. */
    record Outcome(String text) {
        static Outcome of(Object value, Object[] args) {
            return new Outcome("returned " + show(value) + " args " + show(args));
        }

        static Outcome threw(Throwable t, Object[] args) {
            return new Outcome("threw " + t.getClass().getName() + ": " + mask(t.getMessage()) + " args " + show(args));
        }

        static Outcome threw(Throwable t) {
            return new Outcome("threw " + t.getClass().getName() + ": " + mask(t.getMessage()));
        }

        @Override
        public String toString() {
            return text.length() > 400 ? text.substring(0, 400) + "..." : text;
        }
    }

    /**
     * Identity hash codes differ between any two runs; they are not the frame's doing. Nor are the
     * names in a helpful NullPointerException's "because ... is null": they name the frame's
     * field where plain code has a local ("this.list1" for "<parameter1>"), see docs/processor.md.
     */
    private static String mask(String s) {
        return s == null ? "null" : s.replaceAll("@[0-9a-f]{4,8}\\b", "@HASH")
                .replaceAll("because \"[^\"]*\" is null", "because ... is null");
    }

    private static String show(Object v) {
        if (v == null) {
            return "null";
        }
        if (v.getClass().isArray()) {
            StringBuilder b = new StringBuilder(v.getClass().getComponentType().getSimpleName()).append("[");
            for (int i = 0; i < Array.getLength(v); i++) {
                b.append(i == 0 ? "" : ", ").append(show(Array.get(v, i)));
            }
            return b.append("]").toString();
        }
        if (v instanceof Collection<?> || v instanceof Map<?, ?> || v instanceof CharSequence || v instanceof Number
                || v instanceof Boolean || v instanceof Character || v instanceof Enum<?>) {
            return v.getClass().getSimpleName() + ":" + mask(v.toString());
        }
        if (v.getClass().isSynthetic() || v.getClass().getName().contains("$$Lambda")) {
            // a lambda's class is named after the class it is written in, which the frame is not
            return "lambda implementing " + Arrays.toString(v.getClass().getInterfaces());
        }
        try {
            boolean ownToString = v.getClass().getMethod("toString").getDeclaringClass() != Object.class;
            // an anonymous or local class declared in the method is the frame's own copy of it,
            // named after the frame: compare what it is, not its name
            String name = v.getClass().isAnonymousClass() || v.getClass().isLocalClass()
                    ? "a class declared in the method, extending " + v.getClass().getSuperclass().getName() + " "
                            + Arrays.toString(v.getClass().getInterfaces())
                    : v.getClass().getName();
            return name + (ownToString ? ":" + mask(v.toString()) : "");
        } catch (NoSuchMethodException | RuntimeException e) {
            return v.getClass().getName();
        }
    }

    private static final List<Class<?>> SCALARS = List.of(int.class, long.class, short.class, byte.class, char.class,
            boolean.class, double.class, float.class, Integer.class, Long.class, Short.class, Byte.class,
            Character.class, Boolean.class, Double.class, Float.class, String.class, CharSequence.class, Object.class,
            Number.class);

    private static boolean canMake(Class<?> t) {
        if (t.isArray()) {
            return !t.getComponentType().isArray() && SCALARS.contains(t.getComponentType());
        }
        return SCALARS.contains(t) || t == List.class || t == Collection.class || t == Iterable.class
                || t == Map.class;
    }

    static Object[] args(Method m, long seed) {
        Random r = new Random(seed);
        Class<?>[] ps = m.getParameterTypes();
        Object[] out = new Object[ps.length];
        for (int i = 0; i < ps.length; i++) {
            out[i] = make(ps[i], r);
        }
        return out;
    }

    private static final String[] WORDS = {"", " ", "a", "ab", "Abc", "a b c", "foo.bar", "x,y,z", "0", "12", "-3",
            "3.5", "true", "Hello World", "  pad  ", "aaa", "abcabc", "\t\n", "ZZ", "é"};

    private static Object make(Class<?> t, Random r) {
        if (!t.isPrimitive() && r.nextInt(10) == 0) {
            return null;
        }
        if (t.isArray()) {
            int n = r.nextInt(5);
            Object a = Array.newInstance(t.getComponentType(), n);
            for (int i = 0; i < n; i++) {
                Object v = make(t.getComponentType(), r);
                if (v != null || !t.getComponentType().isPrimitive()) {
                    Array.set(a, i, v);
                }
            }
            return a;
        }
        if (t == int.class || t == Integer.class) {
            return r.nextInt(24) - 4;
        }
        if (t == long.class || t == Long.class) {
            return (long) (r.nextInt(24) - 4);
        }
        if (t == short.class || t == Short.class) {
            return (short) (r.nextInt(24) - 4);
        }
        if (t == byte.class || t == Byte.class) {
            return (byte) (r.nextInt(24) - 4);
        }
        if (t == char.class || t == Character.class) {
            return "abcxyz .,-0A\u00e9".charAt(r.nextInt(14));
        }
        if (t == boolean.class || t == Boolean.class) {
            return r.nextBoolean();
        }
        if (t == double.class || t == Double.class) {
            return (r.nextInt(40) - 10) / 4.0;
        }
        if (t == float.class || t == Float.class) {
            return (r.nextInt(40) - 10) / 4.0f;
        }
        if (t == String.class || t == CharSequence.class) {
            return WORDS[r.nextInt(WORDS.length)];
        }
        if (t == Number.class) {
            return r.nextInt(20);
        }
        if (t == Object.class) {
            return r.nextBoolean() ? WORDS[r.nextInt(WORDS.length)] : (Object) (r.nextInt(20) - 4);
        }
        if (t == Map.class) {
            Map<Object, Object> map = new HashMap<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                map.put(WORDS[r.nextInt(WORDS.length)], r.nextInt(10));
            }
            return map;
        }
        List<Object> list = new ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
            list.add(r.nextInt(4) == 0 ? (Object) r.nextInt(10) : WORDS[r.nextInt(WORDS.length)]);
        }
        return list;
    }

    static String signature(Method m) {
        return m.getDeclaringClass().getName() + "." + m.getName() + Arrays.stream(m.getParameterTypes())
                .map(Class::getSimpleName).toList().toString().replace('[', '(').replace(']', ')');
    }

    /** Loads the corpus's own packages from its URLs before asking the parent (which has the released jars). */
    static final class ChildFirst extends URLClassLoader {
        private final List<String> packages;

        ChildFirst(URL[] urls, List<String> packages) {
            super(urls, ChildFirst.class.getClassLoader());
            this.packages = packages;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (packages.stream().noneMatch(name::startsWith)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException e) {
                        c = super.loadClass(name, false);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
