package io.jgo.runtime;

import io.jgo.Task;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Java's virtual dispatch for the entry points of one overridable {@code @Go} method: given the
 * receiver's class, the generated entry point of the most specific {@code @Go} override, which
 * runs the override's frame. Part of the contract between the processor and the runtime (see
 * {@code docs/contract.md}).
 *
 * <p>The generated class of the declaring class {@code p.Animal} keeps one per method in a
 * static final field and asks it only when the receiver is not of the declaring class itself:
 * <pre>{@code
 * private static final VirtualDispatch OVERRIDES$Speak =
 *         VirtualDispatch.of(MethodHandles.lookup(), Animal.class, "speak", String.class);
 *
 * public static Task<String> speak(Animal self, String to) {
 *     if (self.getClass() != Animal.class) {
 *         MethodHandle override$ = OVERRIDES$Speak.overrideFor(self.getClass());
 *         if (override$ != null) {
 *             try {
 *                 return (Task<String>) override$.invokeExact(self, to);
 *             } catch (Throwable thrown$) {
 *                 throw VirtualDispatch.unchecked(thrown$);
 *             }
 *         }
 *     }
 *     return new Speak(self, to);
 * }
 * }</pre>
 *
 * <p>An override is found by the naming rule of generated classes ({@code p.Dog}'s entry points
 * are in {@code p.DogGo}, {@code p.Outer.Inner}'s in {@code p.Outer_InnerGo}), so a subclass
 * compiled later or in another jar counts. The search runs once per receiver class; after it,
 * a dispatch is one {@link ClassValue} lookup.
 */
public final class VirtualDispatch {
    /** Cached for a receiver class that runs the declaring class's own body. */
    private static final MethodHandle NO_OVERRIDE = MethodHandles.constant(Object.class, null);

    private final MethodHandles.Lookup lookup;
    private final Class<?> declaring;
    private final String name;
    /** The entry point's type: {@code (declaring, params...) -> Task}. */
    private final MethodType entryType;
    private final ClassValue<MethodHandle> overrides = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> receiver) {
            MethodHandle entry = findOverride(receiver);
            return entry == null ? NO_OVERRIDE : entry;
        }
    };

    private VirtualDispatch(MethodHandles.Lookup lookup, Class<?> declaring, String name, Class<?>[] params) {
        this.lookup = lookup;
        this.declaring = declaring;
        this.name = name;
        this.entryType = MethodType.methodType(Task.class, declaring, params);
    }

    /**
     * The dispatch of {@code declaring.name(params)}.
     *
     * @param lookup    the generated class's own {@code MethodHandles.lookup()}: an override's
     *                  generated class is reached with the access it has (in named modules, the
     *                  override's package must be open to its module)
     * @param declaring the class or interface that declares the {@code @Go} method
     * @param params    the method's parameter types, erased
     */
    public static VirtualDispatch of(MethodHandles.Lookup lookup, Class<?> declaring, String name, Class<?>... params) {
        return new VirtualDispatch(lookup, declaring, name, params.clone());
    }

    /**
     * The entry point that a receiver of class {@code receiver} runs, of type
     * {@code (declaring, params...) -> Task}, or null when it runs the declaring class's own body
     * (no class between it and the declaring class overrides the method).
     *
     * @throws IncompatibleClassChangeError when the override has no generated entry point (it is
     *         not {@code @Go}, or its class was compiled without jgo's processor)
     * @throws IllegalStateException when the override's generated class cannot be reached
     */
    public MethodHandle overrideFor(Class<?> receiver) {
        MethodHandle entry = overrides.get(receiver);
        return entry == NO_OVERRIDE ? null : entry;
    }

    /**
     * What a generated entry point throws when the override's entry point threw {@code t}: an
     * unchecked exception as it is, a checked one wrapped (an entry point declares none).
     */
    public static RuntimeException unchecked(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof RuntimeException r ? r : new UndeclaredThrowableException(t);
    }

    /** The most specific override's entry point for {@code receiver}, or null. */
    private MethodHandle findOverride(Class<?> receiver) {
        Method found = null;
        for (Class<?> c = receiver; c != null && c != declaring && found == null; c = c.getSuperclass()) {
            found = overriding(c);
        }
        if (found == null && declaring.isInterface()) {
            found = mostSpecificDefault(receiver);
        }
        if (found == null) {
            return null;
        }
        Class<?> owner = found.getDeclaringClass();
        String generated = generatedName(owner);
        Method entry;
        Class<?> g;
        try {
            g = Class.forName(generated, true, owner.getClassLoader());
            Class<?>[] ps = new Class<?>[found.getParameterCount() + 1];
            ps[0] = owner;
            System.arraycopy(found.getParameterTypes(), 0, ps, 1, found.getParameterCount());
            entry = g.getDeclaredMethod(name, ps);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IncompatibleClassChangeError(owner.getName() + "." + name + " overrides the @Go method of "
                    + declaring.getName() + " without an entry point in " + generated + " (not @Go, or compiled"
                    + " without jgo's processor): annotate it @Go and compile " + owner.getName()
                    + " with jgo's annotation processor");
        }
        try {
            return MethodHandles.privateLookupIn(g, lookup).unreflect(entry).asType(entryType);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach " + generated + ", the entry points of " + owner.getName()
                    + "." + name + ", from " + lookup.lookupClass().getName() + ": " + e.getMessage()
                    + "; in named modules, open package " + g.getPackageName() + " to the module of "
                    + lookup.lookupClass().getName(), e);
        }
    }

    /** {@code c}'s own instance method that overrides the declaring one (the specialised one behind a bridge), or null. */
    private Method overriding(Class<?> c) {
        Class<?>[] params = Arrays.copyOfRange(entryType.parameterArray(), 1, entryType.parameterCount());
        Method m;
        try {
            m = c.getDeclaredMethod(name, params);
        } catch (NoSuchMethodException e) {
            return null;
        }
        if (Modifier.isStatic(m.getModifiers()) || Modifier.isPrivate(m.getModifiers())) {
            return null;
        }
        if (!m.isBridge()) {
            return m;
        }
        for (Method x : c.getDeclaredMethods()) {
            boolean same = x.getName().equals(name) && !x.isBridge() && x.getParameterCount() == params.length;
            for (int i = 0; same && i < params.length; i++) {
                same = params[i].isAssignableFrom(x.getParameterTypes()[i]);
            }
            if (same) {
                return x;
            }
        }
        return null;
    }

    /** For an interface's default method: the override in the most specific subinterface, or null. */
    private Method mostSpecificDefault(Class<?> receiver) {
        Method best = null;
        Deque<Class<?>> work = new ArrayDeque<>();
        for (Class<?> c = receiver; c != null; c = c.getSuperclass()) {
            work.addAll(Arrays.asList(c.getInterfaces()));
        }
        while (!work.isEmpty()) {
            Class<?> i = work.pop();
            work.addAll(Arrays.asList(i.getInterfaces()));
            if (i == declaring || !declaring.isAssignableFrom(i)) {
                continue;
            }
            Method m = overriding(i);
            if (m != null && m.isDefault() && (best == null || best.getDeclaringClass().isAssignableFrom(i))) {
                best = m;
            }
        }
        return best;
    }

    /** {@code p.Outer.Inner} → {@code p.Outer_InnerGo}: the processor's naming rule. */
    static String generatedName(Class<?> c) {
        StringBuilder simple = new StringBuilder(c.getSimpleName());
        for (Class<?> o = c.getEnclosingClass(); o != null; o = o.getEnclosingClass()) {
            simple.insert(0, o.getSimpleName() + "_");
        }
        return c.getPackageName().isEmpty() ? simple + "Go" : c.getPackageName() + "." + simple + "Go";
    }
}
