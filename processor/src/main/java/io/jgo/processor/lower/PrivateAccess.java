package io.jgo.processor.lower;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The private members of user classes that generated code touches. Each gets a static helper
 * in the generated class, backed by a {@code MethodHandles.privateLookupIn} handle kept in a
 * static final field (a constant the JIT inlines).
 */
public final class PrivateAccess {
    /** Helper base name per member, in first-use order. */
    private final Map<Element, String> names = new LinkedHashMap<>();
    /** For protected members of another package: the subclass whose access reaches them. */
    private final Map<Element, TypeElement> subclasses = new LinkedHashMap<>();

    /**
     * Records that {@code member}, protected in another package, is reached through the access
     * of {@code subclass} (a lookup in the subclass may use it; the receiver must be one).
     */
    public void throughSubclass(Element member, TypeElement subclass) {
        subclasses.putIfAbsent(member, subclass);
    }

    /** The class whose lookup reaches {@code member}: its subclass if protected, else its own class. */
    public TypeElement accessClass(Element member) {
        TypeElement s = subclasses.get(member);
        return s != null ? s : (TypeElement) member.getEnclosingElement();
    }

    /** Name of the getter helper of a private field ({@code get$name}); setter is {@code set$name}. */
    public String field(VariableElement field) {
        return names.computeIfAbsent(field, f -> uniqueBase(f.getSimpleName().toString()));
    }

    /** Name of the invoker helper of a private method or constructor. */
    public String method(ExecutableElement method) {
        String base = method.getSimpleName().contentEquals("<init>") ? "new" : method.getSimpleName().toString();
        return names.computeIfAbsent(method, m -> uniqueBase(base));
    }

    public Map<Element, String> members() {
        return names;
    }

    /** {@code super.m(...)} calls: helper base name per overridden method, in first-use order. */
    private final Map<ExecutableElement, String> supers = new LinkedHashMap<>();

    /**
     * Name of the helper that calls {@code method} as {@code super.method(...)} does from the
     * user's class: a {@code findSpecial} handle (invokespecial), never the override.
     */
    public String superCall(ExecutableElement method, TypeElement caller) {
        superCallers.putIfAbsent(method, caller);
        return supers.computeIfAbsent(method, m -> unique("super$" + m.getSimpleName(),
                n -> supers.containsValue(n) || names.containsValue(n)));
    }

    public Map<ExecutableElement, String> superCalls() {
        return supers;
    }

    /** The class whose {@code super.m(...)} a helper performs (the special caller of its handle). */
    public TypeElement superCaller(ExecutableElement method) {
        return superCallers.get(method);
    }

    private final Map<ExecutableElement, TypeElement> superCallers = new LinkedHashMap<>();

    /** Inner classes whose enclosing instance generated code reads: helper base name, and the outer class. */
    private final Map<TypeElement, String> outers = new LinkedHashMap<>();
    private final Map<TypeElement, TypeElement> outerClasses = new LinkedHashMap<>();

    /**
     * Name of the helper that reads the enclosing instance of an object of the inner class
     * {@code inner} ({@code outer$Inner(o)}, javac's synthetic {@code this$N} field).
     */
    public String outerInstance(TypeElement inner, TypeElement outer) {
        outerClasses.putIfAbsent(inner, outer);
        return outers.computeIfAbsent(inner, i -> unique(i.getSimpleName().toString(), outers::containsValue));
    }

    public Map<TypeElement, String> outerInstances() {
        return outers;
    }

    public TypeElement outerClass(TypeElement inner) {
        return outerClasses.get(inner);
    }

    public boolean isEmpty() {
        return names.isEmpty() && supers.isEmpty() && outers.isEmpty();
    }

    /** {@code base}, or {@code base2}, {@code base3}, ...: the first name not {@code taken}. */
    private static String unique(String base, java.util.function.Predicate<String> taken) {
        String name = base;
        for (int i = 2; taken.test(name); i++) {
            name = base + i;
        }
        return name;
    }

    private String uniqueBase(String base) {
        String name = base;
        for (int i = 2; names.containsValue(name); i++) {
            name = base + i;
        }
        return name;
    }
}
