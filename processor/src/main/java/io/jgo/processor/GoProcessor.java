package io.jgo.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import io.jgo.processor.analyse.Analyzer;
import io.jgo.processor.analyse.AnnotationNames;
import io.jgo.processor.analyse.Unit;
import io.jgo.processor.diag.Diagnostics;
import io.jgo.processor.diag.UnsupportedCodeException;
import io.jgo.processor.emit.GoClassEmitter;
import io.jgo.processor.lines.UserLines;
import io.jgo.processor.lower.Lowerer;
import io.jgo.processor.lower.PrivateAccess;
import io.jgo.processor.lower.StateMachine;
import io.jgo.processor.parse.MethodParser;
import io.jgo.processor.parse.ParsedMethod;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * jgo's annotation processor: for each class with {@code @Go} methods, generates {@code <Class>Go}
 * with an entry point and a continuation frame per method.
 *
 * <p>Pipeline per method: parse (attributed trees) → analyse (suspension points, variables) →
 * lower (state machine) → emit (JavaPoet). A method that refers to a type not generated yet is
 * deferred to the next round. The processor never throws: an internal failure becomes an error
 * naming the method.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes({AnnotationNames.GO, AnnotationNames.SUSPENDING, "javax.annotation.processing.Generated"})
public final class GoProcessor extends AbstractProcessor {
    /** Classes whose methods referred to types that did not exist yet, by qualified name. */
    private final Set<String> deferred = new LinkedHashSet<>();
    private final Set<String> done = new HashSet<>();
    /** javac's Trees (behind the environment a build tool may have decorated), taken anew each round. */
    private Trees trees;
    private boolean reportedNotJavac;
    /** Gives the generated frame classes the user's file name and lines once javac wrote them. */
    private UserLines userLines;

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            Set<TypeElement> classes = new LinkedHashSet<>();
            for (String name : deferred) {
                TypeElement te = processingEnv.getElementUtils().getTypeElement(name);
                if (te != null) {
                    classes.add(te);
                }
            }
            deferred.clear();
            TypeElement go = processingEnv.getElementUtils().getTypeElement(AnnotationNames.GO);
            if (go != null) {
                for (Element e : round.getElementsAnnotatedWith(go)) {
                    if (e.getEnclosingElement() instanceof TypeElement owner) {
                        classes.add(owner);
                    }
                }
            }
            if (round.errorRaised()) {
                return true; // javac reports the user's own error; adding ours would bury it
            }
            if (!classes.isEmpty()) {
                trees = JavacTrees.of(processingEnv);
                if (userLines == null) {
                    // javac's own Filer: class files are javac's output, which a build tool's
                    // decorated Filer (tracking what processors generate) need not know about
                    ProcessingEnvironment javacs = JavacTrees.javacs(processingEnv);
                    userLines = new UserLines(javacs != null ? javacs.getFiler() : processingEnv.getFiler(),
                            processingEnv.getElementUtils(), processingEnv.getMessager());
                    if (javacs != null) {
                        JavacTask.instance(javacs).addTaskListener(userLines);
                    }
                }
            }
            for (Element e : round.getRootElements()) {
                if (e instanceof TypeElement te) {
                    checkPlainOverrides(te);
                    checkHiddenGoMethods(te);
                }
            }
            for (TypeElement c : classes) {
                if (!done.contains(c.getQualifiedName().toString())) {
                    processClass(c, round.processingOver());
                }
            }
            if (!round.processingOver()) {
                repairAttributedTrees();
            }
        } catch (JavacTrees.NotJavacException e) {
            if (!reportedNotJavac) {
                reportedNotJavac = true;
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, e.getMessage());
            }
        } catch (Throwable t) {
            internalError(null, t);
        }
        // claim @Go, @Suspending (read by resolved symbol) and the @Generated on our own output:
        // nobody else processes them, and an
        // unclaimed annotation is a -Xlint:processing warning in the user's build
        return true;
    }

    private void processClass(TypeElement userClass, boolean lastRound) {
        Diagnostics diag = new Diagnostics(trees);
        List<ExecutableElement> methods = new ArrayList<>();
        for (Element e : userClass.getEnclosedElements()) {
            if (e instanceof ExecutableElement m && AnnotationNames.has(m, AnnotationNames.GO)) {
                methods.add(m);
            }
        }
        if (methods.isEmpty() || !checkShape(userClass, methods)) {
            done.add(userClass.getQualifiedName().toString());
            return;
        }
        MethodParser parser = new MethodParser(trees);
        Analyzer analyzer = new Analyzer(trees, processingEnv.getTypeUtils(), processingEnv.getElementUtils());
        List<ParsedMethod> parsed = new ArrayList<>();
        for (ExecutableElement m : methods) {
            Optional<ParsedMethod> pm = parser.parse(m);
            if (pm.isEmpty()) {
                return; // from a class file: compiled elsewhere
            }
            attributed.add(pm.get().unit()); // reading its types attributes the class in place
            if (analyzer.hasErrorTypes(pm.get().path())) {
                String own = generatedName(userClass).simpleName();
                var name = analyzer.firstUseOf(pm.get().path(), own);
                if (name != null && processingEnv.getElementUtils().getTypeElement(generatedName(userClass).canonicalName()) == null) {
                    // waiting cannot help: only this class's own transform would generate it
                    diag.error(name, pm.get().unit(), "@Go code cannot name " + own + ", which is generated from "
                            + "this very class: inside @Go code call the @Go method directly (f(x)) or spawn it "
                            + "with go(() -> f(x))");
                    done.add(userClass.getQualifiedName().toString());
                    return;
                }
                if (!lastRound) {
                    deferred.add(userClass.getQualifiedName().toString());
                }
                return; // in the last round: a real error of the user's, which javac reports
            }
            parsed.add(pm.get());
        }
        done.add(userClass.getQualifiedName().toString());
        ClassName generated = generatedName(userClass);
        PrivateAccess privates = new PrivateAccess();
        List<GoClassEmitter.Method> lowered = new ArrayList<>();
        Set<String> frameNames = new HashSet<>();
        boolean failed = false;
        for (ParsedMethod pm : parsed) {
            try {
                io.jgo.processor.analyse.NewerJava.check(pm.tree());
                String frameName = frameName(pm.element(), generated, frameNames, localClassNames(pm));
                Unit unit = analyzer.analyseMethod(pm.element(), pm.path(), frameName);
                StateMachine frame = lower(unit, generated, userClass, privates);
                List<StateMachine> lambdas = new ArrayList<>();
                lowerChildren(unit, generated, userClass, privates, lambdas);
                lowered.add(new GoClassEmitter.Method(pm.element(), frame, lambdas));
            } catch (UnsupportedCodeException e) {
                diag.error(e.tree() != null ? e.tree() : pm.tree(), pm.unit(), e.getMessage());
                failed = true;
            } catch (RuntimeException | StackOverflowError e) {
                internalError(pm.element(), e);
                failed = true;
            }
        }
        if (failed) {
            return;
        }
        String sourceFile = sourceFileName(parsed.get(0));
        JavaFile file = new GoClassEmitter(processingEnv.getTypeUtils(), processingEnv.getElementUtils())
                .emit(userClass, generated, lowered, privates, sourceFile);
        try {
            file.writeTo(processingEnv.getFiler());
            userLines.generated(generated.canonicalName(), file.toString(), sourceFile);
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "[jgo] cannot write " + generated + ": " + e.getMessage(), userClass);
        }
    }

    private StateMachine lower(Unit unit, ClassName generated, TypeElement userClass, PrivateAccess privates) {
        return new Lowerer(trees, processingEnv.getTypeUtils(), processingEnv.getElementUtils(), unit, generated,
                userClass, privates, GoProcessor::generatedName).lower();
    }

    private void lowerChildren(Unit unit, ClassName generated, TypeElement userClass, PrivateAccess privates,
            List<StateMachine> out) {
        for (Unit child : unit.children) {
            out.add(lower(child, generated, userClass, privates));
            lowerChildren(child, generated, userClass, privates, out);
        }
    }

    /** Rejects method and class shapes the transform cannot handle, at the annotation's position. */
    private boolean checkShape(TypeElement userClass, List<ExecutableElement> methods) {
        // The class first: if generated code cannot name it, that is the one error to report.
        for (Element e = userClass; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
                error(methods.get(0), "@Go methods in a local or anonymous class are not supported: generated "
                        + "code cannot name the class; move the method to a top-level or member class");
                return false;
            }
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                error(methods.get(0), "@Go methods in private class " + t.getSimpleName() + " are not supported: "
                        + "the generated " + generatedName(userClass).simpleName() + " cannot name it; make the "
                        + "class package-private");
                return false;
            }
        }
        // Then each method, with at most one error for each.
        boolean ok = true;
        Set<ExecutableElement> reported = new HashSet<>();
        for (ExecutableElement m : methods) {
            Set<Modifier> mods = m.getModifiers();
            if (mods.contains(Modifier.ABSTRACT) || (userClass.getKind() == ElementKind.INTERFACE
                    && !mods.contains(Modifier.STATIC) && !mods.contains(Modifier.DEFAULT) && !mods.contains(Modifier.PRIVATE))) {
                reportOnce(reported, m, "@Go on an abstract method: a @Go method needs a body to transform; "
                        + "put @Go on the implementing methods instead");
                ok = false;
            } else if (mods.contains(Modifier.SYNCHRONIZED)) {
                reportOnce(reported, m, "@Go on a synchronized method: a goroutine cannot hold a Java monitor across a "
                        + "suspension point, and its frame would run without the monitor; remove 'synchronized' and "
                        + "guard the state with an io.jgo Mutex (mu.lock(); try { ... } finally { mu.unlock(); })");
                ok = false;
            } else if (mods.contains(Modifier.NATIVE)) {
                reportOnce(reported, m, "@Go on a native method: only Java method bodies can become goroutines; "
                        + "call the native method from a @Go method instead");
                ok = false;
            }
        }
        java.util.Map<String, ExecutableElement> entryPoints = new java.util.HashMap<>();
        for (ExecutableElement m : methods) {
            String signature = entryPointSignature(userClass, m);
            ExecutableElement clash = entryPoints.putIfAbsent(signature, m);
            if (clash != null && !reported.contains(m)) {
                reportOnce(reported, m, "the generated entry point of this @Go method, " + generatedName(userClass).simpleName() + "."
                        + signature + ", has the same signature as that of " + describe(clash) + " (an instance "
                        + "method's entry point takes the receiver as its first parameter); rename one of the two");
                ok = false;
            }
        }
        for (ExecutableElement m : methods) {
            if (m.getModifiers().contains(Modifier.STATIC) || m.getModifiers().contains(Modifier.PRIVATE)) {
                continue;
            }
            for (ExecutableElement o : overridden(m, userClass)) {
                if (!AnnotationNames.has(o, AnnotationNames.GO)) {
                    reportOnce(reported, m, "@Go method " + m.getSimpleName() + " overrides " + o.getEnclosingElement().getSimpleName()
                            + "." + o.getSimpleName() + ", which is not @Go: a call through "
                            + o.getEnclosingElement().getSimpleName() + " would run this body as plain Java, blocking "
                            + "its carrier; make " + o.getEnclosingElement().getSimpleName() + "." + o.getSimpleName()
                            + " @Go as well, or give this method another name");
                    ok = false;
                    break;
                }
            }
        }
        return ok;
    }

    private void reportOnce(Set<ExecutableElement> reported, ExecutableElement m, String message) {
        if (reported.add(m)) {
            error(m, message);
        }
    }

    /** {@code name(erased parameter types)} of the generated entry point: a receiver comes first. */
    private String entryPointSignature(TypeElement userClass, ExecutableElement m) {
        javax.lang.model.util.Types types = processingEnv.getTypeUtils();
        List<String> params = new ArrayList<>();
        if (!m.getModifiers().contains(Modifier.STATIC)) {
            params.add(types.erasure(userClass.asType()).toString());
        }
        for (javax.lang.model.element.VariableElement p : m.getParameters()) {
            params.add(types.erasure(p.asType()).toString());
        }
        return m.getSimpleName() + "(" + String.join(", ", params) + ")";
    }

    private static String describe(ExecutableElement m) {
        return (m.getModifiers().contains(Modifier.STATIC) ? "static " : "instance method ") + m.getSimpleName() + "("
                + String.join(", ", m.getParameters().stream().map(p -> p.asType().toString()).toList()) + ")";
    }

    /**
     * Reports the methods of {@code type} (and its member types) that override a {@code @Go}
     * method without being {@code @Go}: the generated entry points dispatch to overrides'
     * frames, and a plain override has none (it would be bypassed, or fail at run time).
     */
    private void checkPlainOverrides(TypeElement type) {
        Set<String> goNames = goMethodNamesAbove(type);
        for (Element e : type.getEnclosedElements()) {
            if (e instanceof TypeElement nested) {
                checkPlainOverrides(nested);
            } else if (e instanceof ExecutableElement m && !goNames.isEmpty() && e.getKind() == ElementKind.METHOD
                    && goNames.contains(m.getSimpleName().toString()) && !AnnotationNames.has(m, AnnotationNames.GO)
                    && !m.getModifiers().contains(Modifier.STATIC) && !m.getModifiers().contains(Modifier.PRIVATE)) {
                for (ExecutableElement o : overridden(m, type)) {
                    if (AnnotationNames.has(o, AnnotationNames.GO)) {
                        String base = o.getEnclosingElement().getSimpleName() + "." + o.getSimpleName();
                        error(m, m.getSimpleName() + " overrides the @Go method " + base + " but is not @Go: @Go "
                                + "calls and entry points dispatch to the override's generated frame, which only "
                                + "a @Go method has; annotate it @Go");
                        break;
                    }
                }
            }
        }
    }

    /** Compilation units whose classes this round attributed in place (see JavacTreeRepair). */
    private final Set<com.sun.source.tree.CompilationUnitTree> attributed = new java.util.LinkedHashSet<>();

    /** Before the next round attributes them again: undo what javac would otherwise reject. */
    private void repairAttributedTrees() {
        if (attributed.stream().anyMatch(JavacTreeRepair::passesConditionalArguments)) {
            JavacTreeRepair.forgetSpeculativeArgumentTypes(trees);
        }
        for (com.sun.source.tree.CompilationUnitTree unit : attributed) {
            for (JavacTreeRepair.Damage d : JavacTreeRepair.repair(trees, unit)) {
                trees.printMessage(Diagnostic.Kind.ERROR, "[jgo] this JDK does not let the processor restore "
                        + d.what() + " after reading the class (" + JavacTreeRepair.unavailableReason() + "), and "
                        + "javac would reject it: move it to a class of its own, outside the class with @Go "
                        + "methods", d.tree(), unit);
            }
        }
        attributed.clear();
    }

    /** Source files already scanned for hidden @Go methods (a file may hold several root types). */
    private final Set<String> scannedUnits = new HashSet<>();

    /**
     * Reports {@code @Go} methods of anonymous and local classes in {@code type}'s file: javac
     * never shows them to a processor, so they would silently stay plain Java.
     */
    private void checkHiddenGoMethods(TypeElement type) {
        if (trees == null) {
            try {
                trees = JavacTrees.of(processingEnv);
            } catch (JavacTrees.NotJavacException e) {
                return; // reported where the transform needs javac
            }
        }
        com.sun.source.util.TreePath path = trees.getPath(type);
        if (path == null || !scannedUnits.add(path.getCompilationUnit().getSourceFile().toUri().toString())) {
            return;
        }
        com.sun.source.tree.CompilationUnitTree unit = path.getCompilationUnit();
        for (io.jgo.processor.parse.HiddenGoMethods.Hidden h : io.jgo.processor.parse.HiddenGoMethods.in(unit)) {
            trees.printMessage(Diagnostic.Kind.ERROR, "[jgo] @Go on method " + h.method().getName() + " of " + h.where()
                    + ": javac never shows anonymous and local classes (enum constant bodies included) to "
                    + "annotation processors, so it would stay plain Java; move the method to a named class, "
                    + "or drop @Go", h.annotation(), unit);
        }
    }

    /** Cache: the names of the @Go methods a type declares. */
    private final java.util.Map<String, Set<String>> ownGoNames = new java.util.HashMap<>();

    private Set<String> goMethodNamesAbove(TypeElement type) {
        Set<String> names = new HashSet<>();
        for (TypeElement t : supertypes(type)) {
            names.addAll(ownGoNames.computeIfAbsent(t.getQualifiedName().toString(), k -> {
                Set<String> own = new HashSet<>();
                for (Element e : t.getEnclosedElements()) {
                    if (e instanceof ExecutableElement m && AnnotationNames.has(m, AnnotationNames.GO)) {
                        own.add(m.getSimpleName().toString());
                    }
                }
                return own;
            }));
        }
        return names;
    }

    /** Every proper supertype of {@code type}, classes and interfaces. */
    private List<TypeElement> supertypes(TypeElement type) {
        List<TypeElement> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        java.util.Deque<javax.lang.model.type.TypeMirror> work = new java.util.ArrayDeque<>(
                processingEnv.getTypeUtils().directSupertypes(type.asType()));
        while (!work.isEmpty()) {
            javax.lang.model.type.TypeMirror t = work.pop();
            if (t instanceof javax.lang.model.type.DeclaredType dt && dt.asElement() instanceof TypeElement te
                    && seen.add(te.getQualifiedName().toString())) {
                out.add(te);
                work.addAll(processingEnv.getTypeUtils().directSupertypes(t));
            }
        }
        return out;
    }

    /** The methods of supertypes that {@code m}, declared in {@code owner}, overrides. */
    private List<ExecutableElement> overridden(ExecutableElement m, TypeElement owner) {
        List<ExecutableElement> out = new ArrayList<>();
        for (TypeElement t : supertypes(owner)) {
            for (Element e : t.getEnclosedElements()) {
                if (e instanceof ExecutableElement o && e.getKind() == ElementKind.METHOD
                        && o.getSimpleName().equals(m.getSimpleName())
                        && processingEnv.getElementUtils().overrides(m, o, owner)) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    private void error(Element e, String message) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "[jgo] " + message, e);
    }

    private void internalError(ExecutableElement method, Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        String where = method == null ? "" : " while transforming " + method.getEnclosingElement() + "."
                + method.getSimpleName() + "(...)";
        String msg = "[jgo] internal error" + where + ": " + t
                + "\nPlease report it with this message and the method's source. Details:\n" + trace;
        if (method != null) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, msg, method);
        } else {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, msg);
        }
    }

    private static String sourceFileName(ParsedMethod pm) {
        String name = pm.unit().getSourceFile().getName();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }

    /** {@code pkg.Outer.Inner} → {@code pkg.Outer_InnerGo}. */
    public static ClassName generatedName(TypeElement userClass) {
        ClassName c = ClassName.get(userClass);
        return ClassName.get(c.packageName(), String.join("_", c.simpleNames()) + "Go");
    }

    private static final Set<String> TAKEN = Set.of("Task", "Frame", "Jgo", "Chan", "Object", "String", "Integer",
            "Long", "Void", "Boolean", "Throwable", "Override", "Generated", "SuppressWarnings", "MethodHandles",
            "MethodHandle", "MethodType", "VarHandle", "StackTraceElement", "IllegalStateException", "Iterator",
            "Lookup", "UndeclaredThrowableException", "ExceptionInInitializerError", "Class", "Exception");

    /** Names of the classes declared inside the method: a frame may not be named like one. */
    private static Set<String> localClassNames(ParsedMethod pm) {
        Set<String> names = new HashSet<>();
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitClass(com.sun.source.tree.ClassTree node, Void unused) {
                names.add(node.getSimpleName().toString());
                return super.visitClass(node, unused);
            }
        }.scan(pm.tree(), null);
        return names;
    }

    private static String frameName(ExecutableElement m, ClassName generated, Set<String> used, Set<String> localClasses) {
        String n = m.getSimpleName().toString();
        String base = n.substring(0, 1).toUpperCase(Locale.ROOT) + n.substring(1);
        if (TAKEN.contains(base) || base.equals(generated.simpleName()) || localClasses.contains(base)) {
            base = base + "Frame";
        }
        String name = base;
        for (int i = 2; !used.add(name); i++) {
            name = base + i;
        }
        return name;
    }
}
