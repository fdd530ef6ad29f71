package io.jgo.processor.lower;

import com.palantir.javapoet.ClassName;

/** Runtime types generated code refers to, by name: the processor never loads the runtime. */
public final class RuntimeNames {
    public static final ClassName FRAME = ClassName.get("io.jgo.runtime", "Frame");
    public static final ClassName VIRTUAL_DISPATCH = ClassName.get("io.jgo.runtime", "VirtualDispatch");
    public static final ClassName TASK = ClassName.get("io.jgo", "Task");
    public static final ClassName JGO = ClassName.get("io.jgo", "Jgo");
    public static final ClassName CHAN = ClassName.get("io.jgo", "Chan");

    private RuntimeNames() {
    }
}
