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

    private String uniqueBase(String base) {
        String name = base;
        for (int i = 2; names.containsValue(name); i++) {
            name = base + i;
        }
        return name;
    }
}
