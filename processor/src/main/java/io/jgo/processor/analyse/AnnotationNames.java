package io.jgo.processor.analyse;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** Recognises jgo's annotations by qualified name: the processor never loads the runtime. */
public final class AnnotationNames {
    public static final String GO = "io.jgo.annotation.Go";
    public static final String SUSPENDING = "io.jgo.runtime.Suspending";

    private AnnotationNames() {
    }

    public static boolean has(Element element, String qualifiedName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            Element type = mirror.getAnnotationType().asElement();
            if (type instanceof TypeElement t && t.getQualifiedName().contentEquals(qualifiedName)) {
                return true;
            }
        }
        return false;
    }
}
