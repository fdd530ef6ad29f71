package io.jgo.processor.lines;

import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * A javac {@link TaskListener} that gives the frame classes of each generated {@code <Class>Go}
 * the user's file name and line numbers: when javac has written such a class file (the
 * {@code GENERATE} event has finished), it is rewritten by {@link ClassFileLines}. Stack traces
 * then name the user's line, and a debugger that asks for the classes of the user's file and the
 * code at one of its lines finds the frame code that runs it.
 *
 * <p>The top-level generated class (the entry points) keeps its own file name: its code is the
 * processor's, not a translation of the user's statements.
 */
public final class UserLines implements TaskListener {
    private record Source(int[] lines, String fileName) {
    }

    private final Filer filer;
    private final Elements elements;
    private final Messager messager;
    /** Generated top-level class (qualified name) → its line mapping and the user's file name. */
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private boolean warned;

    public UserLines(Filer filer, Elements elements, Messager messager) {
        this.filer = filer;
        this.elements = elements;
        this.messager = messager;
    }

    /** Records the generated source of {@code generatedClass}, whose lines stand for {@code userFile}'s. */
    public void generated(String generatedClass, String source, String userFile) {
        sources.put(generatedClass, new Source(LineMapping.of(source), userFile));
    }

    @Override
    public void finished(TaskEvent e) {
        if (e.getKind() != TaskEvent.Kind.GENERATE || e.getTypeElement() == null || sources.isEmpty()) {
            return;
        }
        TypeElement type = e.getTypeElement();
        TypeElement top = type;
        while (top.getEnclosingElement() != null && top.getEnclosingElement().getKind() != ElementKind.PACKAGE) {
            Element outer = top.getEnclosingElement();
            if (!(outer instanceof TypeElement t)) {
                break;
            }
            top = t;
        }
        if (top == type) {
            return; // the entry points, or a class that is not generated
        }
        Source s = sources.get(top.getQualifiedName().toString());
        if (s == null) {
            return;
        }
        String binary = elements.getBinaryName(type).toString();
        PackageElement pkg = elements.getPackageOf(type);
        String pkgName = pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
        String simple = pkgName.isEmpty() ? binary : binary.substring(pkgName.length() + 1);
        try {
            FileObject f = filer.getResource(StandardLocation.CLASS_OUTPUT, pkgName, simple + ".class");
            byte[] in;
            try (InputStream is = f.openInputStream()) {
                in = is.readAllBytes();
            }
            byte[] out = ClassFileLines.rewrite(in, s.lines(), s.fileName());
            if ("file".equals(f.toUri().getScheme())) {
                Files.write(Path.of(f.toUri()), out);
            } else {
                // a file manager of the build tool's (in memory): the Filer's handle for reading
                // refuses writes, a handle created for output replaces the class javac wrote
                FileObject w = filer.createResource(StandardLocation.CLASS_OUTPUT, pkgName, simple + ".class");
                try (OutputStream os = w.openOutputStream()) {
                    os.write(out);
                }
            }
        } catch (IOException | RuntimeException x) {
            if (!warned) {
                warned = true;
                messager.printMessage(Diagnostic.Kind.WARNING, "[jgo] cannot give " + binary
                        + " the line numbers of " + s.fileName() + " (" + x + "): stack traces and debuggers show "
                        + "the generated file's lines");
            }
        }
    }
}
