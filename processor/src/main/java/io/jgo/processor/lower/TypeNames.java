package io.jgo.processor.lower;

import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.ExecutableElement;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.UnionType;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Turns javac's types into names generated source can write: captured wildcards become their
 * bounds, anonymous classes their supertype, intersections their first bound.
 */
public final class TypeNames {
    private final Types types;
    private final Elements elements;

    /** True for the lowering's names: a type the generated class cannot name is an error there. */
    private final boolean rejectPrivate;
    /** Captures whose bounds are being printed: a bound that names its own capture stops there. */
    private final java.util.Set<TypeVariable> expanding =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public TypeNames(Types types, Elements elements) {
        this(types, elements, false);
    }

    /**
     * @param rejectPrivate throw {@link io.jgo.processor.diag.UnsupportedCodeException} for a
     *                      private member class (the generated class is another top-level class
     *                      of the package and cannot name it)
     */
    public TypeNames(Types types, Elements elements, boolean rejectPrivate) {
        this.types = types;
        this.elements = elements;
        this.rejectPrivate = rejectPrivate;
    }

    /** A type that can be written in source and to which a value of {@code t} can be assigned. */
    public TypeName of(TypeMirror t) {
        return switch (t.getKind()) {
            case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE, VOID -> TypeName.get(t);
            case ARRAY -> ArrayTypeName.of(of(((ArrayType) t).getComponentType()));
            case TYPEVAR -> isCaptured((TypeVariable) t) ? upperOfCapture((TypeVariable) t)
                    : TypeVariableName.get(nameOf(((TypeVariable) t).asElement()));
            case INTERSECTION -> of(((IntersectionType) t).getBounds().get(0));
            case UNION -> of(lub(((UnionType) t).getAlternatives()));
            case NULL, NONE, ERROR -> ClassName.OBJECT;
            case DECLARED -> declared((DeclaredType) t);
            case WILDCARD -> wildcard((WildcardType) t);
            default -> ClassName.OBJECT;
        };
    }

    /**
     * The name generated code gives a type variable. A frame of an instance method declares its
     * class's type variables and then the method's, so a method type variable that shadows one of
     * its class's ({@code <T> T f(T x)} in {@code Gen<T>}) gets another name there: {@code T$m}.
     */
    public static String nameOf(Element typeParameter) {
        String name = typeParameter.getSimpleName().toString();
        if (typeParameter.getEnclosingElement() instanceof ExecutableElement m
                && !m.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)
                && m.getEnclosingElement() instanceof TypeElement owner) {
            for (TypeParameterElement ctp : classTypeParameters(owner)) {
                if (ctp.getSimpleName().contentEquals(name)) {
                    return name + "$m";
                }
            }
        }
        return name;
    }

    /**
     * The type variables an instance of {@code c} sees, outermost first: its own and, for an
     * inner (non-static) class, those of its enclosing classes ({@code Gen<T>.Inner} uses T).
     */
    public static List<TypeParameterElement> classTypeParameters(TypeElement c) {
        List<TypeParameterElement> out = new ArrayList<>();
        for (Element e = c; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            out.addAll(0, t.getTypeParameters());
            if (t.getModifiers().contains(javax.lang.model.element.Modifier.STATIC) || t.getNestingKind() != NestingKind.MEMBER
                    || t.getKind() != ElementKind.CLASS) {
                break;
            }
        }
        return out;
    }

    /** A type variable's declaration for generated code: its name there and its bounds. */
    public TypeVariableName declaration(TypeParameterElement tp) {
        List<TypeName> bounds = new ArrayList<>();
        for (TypeMirror b : tp.getBounds()) {
            if (!b.toString().equals("java.lang.Object")) {
                bounds.add(of(b));
            }
        }
        return TypeVariableName.get(nameOf(tp), bounds.toArray(new TypeName[0]));
    }

    /** The boxed form of {@link #of}: what a frame's {@code Object} slots hold. */
    public TypeName boxed(TypeMirror t) {
        if (t.getKind() == TypeKind.VOID) {
            return ClassName.get("java.lang", "Void");
        }
        TypeName n = of(t);
        return n.isPrimitive() ? n.box() : n;
    }

    /**
     * A capture stands for its upper bound, which may name the capture itself
     * ({@code EnumMap<?, V>}'s key is a {@code CAP extends Enum<CAP>}): inside its own bound it is
     * {@code ?} as an argument, its bound's erasure elsewhere.
     */
    private TypeName upperOfCapture(TypeVariable tv) {
        if (!expanding.add(tv)) {
            return of(types.erasure(tv.getUpperBound()));
        }
        try {
            return of(tv.getUpperBound());
        } finally {
            expanding.remove(tv);
        }
    }

    public TypeName typeArgument(TypeMirror t) {
        if (t instanceof TypeVariable tv && isCaptured(tv)) {
            if (expanding.contains(tv)) {
                return WildcardTypeName.subtypeOf(Object.class);
            }
            // the capture of '? super K' keeps its lower bound: Predicate<? super K>, not <?>
            TypeMirror lower = tv.getLowerBound();
            if (lower != null && lower.getKind() != TypeKind.NULL && lower.getKind() != TypeKind.NONE) {
                return WildcardTypeName.supertypeOf(of(lower));
            }
            return WildcardTypeName.subtypeOf(upperOfCapture(tv));
        }
        if ((t.getKind() == TypeKind.DECLARED || t.getKind() == TypeKind.ARRAY) && containsCapture(t)) {
            // Class<capture of ?> prints as Class<?>, which is no subtype of Class<?> in an
            // argument (TypeVariable<Class<?>>): the argument's upward projection is '? extends'
            return WildcardTypeName.subtypeOf(of(t));
        }
        return t.getKind() == TypeKind.WILDCARD ? wildcard((WildcardType) t) : of(t);
    }

    /** A wildcard's bound: a type, never itself a wildcard ({@code ? extends ? extends E} is no Java). */
    private TypeName bound(TypeMirror b) {
        if (b instanceof TypeVariable tv && isCaptured(tv)) {
            return upperOfCapture(tv);
        }
        return of(b);
    }

    /** Whether {@code t} names a capture anywhere: no declaration can write it. */
    public boolean containsCapture(TypeMirror t) {
        if (t instanceof TypeVariable tv) {
            return isCaptured(tv);
        }
        if (t instanceof javax.lang.model.type.ArrayType a) {
            return containsCapture(a.getComponentType());
        }
        if (t instanceof DeclaredType d) {
            for (TypeMirror a : d.getTypeArguments()) {
                if (containsCapture(a)) {
                    return true;
                }
            }
            return d.getEnclosingType() instanceof DeclaredType outer && containsCapture(outer);
        }
        if (t instanceof WildcardType w) {
            return (w.getExtendsBound() != null && containsCapture(w.getExtendsBound()))
                    || (w.getSuperBound() != null && containsCapture(w.getSuperBound()));
        }
        return false;
    }

    private TypeName wildcard(WildcardType w) {
        if (w.getExtendsBound() != null) {
            return WildcardTypeName.subtypeOf(bound(w.getExtendsBound()));
        }
        if (w.getSuperBound() != null) {
            return WildcardTypeName.supertypeOf(bound(w.getSuperBound()));
        }
        return WildcardTypeName.subtypeOf(Object.class);
    }

    /**
     * Refuses {@code te} if it, or a member class around it, is private: generated code lives in
     * another class of the package and cannot name it. Classes declared in the {@code @Go} code
     * itself ({@code declaredHere}) are printed there and may be private.
     */
    static void refusePrivate(TypeElement te, java.util.function.Predicate<TypeElement> declaredHere) {
        for (Element c = te; c instanceof TypeElement m && m.getNestingKind() == NestingKind.MEMBER;
                c = c.getEnclosingElement()) {
            if (m.getModifiers().contains(javax.lang.model.element.Modifier.PRIVATE) && !declaredHere.test(m)) {
                throw new io.jgo.processor.diag.UnsupportedCodeException(null, "private class " + m.getQualifiedName()
                        + " is used by @Go code; make it package-private (generated code lives in another class of "
                        + "the package)");
            }
        }
    }

    private TypeName declared(DeclaredType t) {
        TypeElement e = (TypeElement) t.asElement();
        if (e.getNestingKind() == NestingKind.ANONYMOUS) {
            TypeMirror sup = e.getInterfaces().isEmpty() ? e.getSuperclass() : e.getInterfaces().get(0);
            return of(sup);
        }
        if (e.getNestingKind() == NestingKind.LOCAL) {
            return ClassName.get("", e.getSimpleName().toString());
        }
        if (rejectPrivate) {
            refusePrivate(e, c -> false);
        }
        ClassName raw = ClassName.get(e);
        List<TypeName> args = new ArrayList<>();
        for (TypeMirror a : t.getTypeArguments()) {
            args.add(typeArgument(a));
        }
        TypeMirror enclosing = t.getEnclosingType();
        if (enclosing instanceof DeclaredType outer && !outer.getTypeArguments().isEmpty()
                && !e.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)
                && e.getKind() == ElementKind.CLASS) {
            TypeName o = declared(outer);
            if (o instanceof ParameterizedTypeName p) {
                TypeName[] arr = args.toArray(new TypeName[0]);
                return p.nestedClass(e.getSimpleName().toString(), List.of(arr));
            }
        }
        if (args.isEmpty()) {
            return raw;
        }
        return ParameterizedTypeName.get(raw, args.toArray(new TypeName[0]));
    }

    public static boolean isCaptured(TypeVariable tv) {
        Element e = tv.asElement();
        return e == null || e.getSimpleName().toString().contains("captured") || tv.toString().startsWith("capture#");
    }

    /** The most specific common superclass of some exception types (a multi-catch's type). */
    public TypeMirror lub(List<? extends TypeMirror> alternatives) {
        TypeMirror candidate = alternatives.get(0);
        while (candidate.getKind() == TypeKind.DECLARED) {
            boolean all = true;
            for (TypeMirror a : alternatives) {
                all &= types.isSubtype(a, candidate);
            }
            if (all) {
                return candidate;
            }
            candidate = ((TypeElement) ((DeclaredType) candidate).asElement()).getSuperclass();
        }
        return elements.getTypeElement("java.lang.Throwable").asType();
    }

    /** The erasure, as a name (for method handles' exact types). */
    public TypeName erased(TypeMirror t) {
        return of(types.erasure(t));
    }
}
