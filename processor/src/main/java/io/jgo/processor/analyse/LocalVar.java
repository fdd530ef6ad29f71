package io.jgo.processor.analyse;

import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * A variable declared in, or captured by, a unit, with the name generated code gives it and
 * where it lives.
 */
public final class LocalVar {

    /** Where a variable lives in the generated frame. */
    public enum Storage {
        /** A frame field: a parameter, a capture, or a local that lives across a suspension. */
        FIELD,
        /** A local of {@code resume}, declared at its top: used only between two suspensions. */
        RESUME_LOCAL,
        /** Declared inside a statement that is emitted unchanged: stays where it is. */
        NATIVE
    }

    public final VariableElement element;
    public final String name;
    public final TypeMirror type;
    public final Storage storage;

    public LocalVar(VariableElement element, String name, TypeMirror type, Storage storage) {
        this.element = element;
        this.name = name;
        this.type = type;
        this.storage = storage;
    }

    /** True for variables whose declaration the lowering turns into an assignment. */
    public boolean lowered() {
        return storage != Storage.NATIVE;
    }

    @Override
    public String toString() {
        return name + ":" + storage;
    }
}
