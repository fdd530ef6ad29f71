package io.jgo.processor.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Generates random {@code @Go} method bodies that always terminate and always compile: nested
 * loops of every kind with labelled and unlabelled break/continue, if/else, both switch forms,
 * try/catch/finally, early returns, thrown exceptions, captured values, suspension points
 * inside expressions, suspending functions (lambdas of {@code GoFunction} whose bodies are random
 * blocks of their own) and selects with case bodies. Every method traces what it does into a
 * {@code StringBuilder}.
 */
public final class ProgramGenerator {
    private final Random random;
    private int names;
    private final Deque<List<String>> scopes = new ArrayDeque<>();
    /** Enclosing loops (their labels, or null); empty outside any loop. */
    private final Deque<String> loops = new ArrayDeque<>();
    private int switchExpressionDepth;
    /** Above 0 inside the body of a generated function: a return there returns an int. */
    private int inFunction;
    private final StringBuilder out = new StringBuilder();
    private int indent;

    public ProgramGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** A compilation unit {@code p.<className>} with {@code methods} methods {@code m0..}. */
    public String program(String className, int methods) {
        out.setLength(0);
        line("package p;");
        line("");
        line("import io.jgo.*;");
        line("import io.jgo.annotation.Go;");
        line("import static io.jgo.Jgo.*;");
        line("import java.util.function.IntSupplier;");
        line("");
        line("public class " + className + " {");
        indent++;
        line("static final class Boom extends RuntimeException {");
        line("    private static final long serialVersionUID = 1L;");
        line("    Boom(String m) { super(m); }");
        line("}");
        line("@Go static int id(int x) { gosched(); return x; }");
        line("@Go static boolean bid(boolean b) { gosched(); return b; }");
        line("@Go static int check(int x) { gosched(); if (x % 7 == 3) throw new Boom(\"check\" + x); return x; }");
        line("static int note(StringBuilder log, int x) { log.append('n').append(x).append(';'); return x; }");
        line("/** Makes this goroutine's next loop check yield (the monitor's request, at once). */");
        line("static void preempt() { io.jgo.internal.PreemptForTests.request(); }");
        for (int i = 0; i < methods; i++) {
            method("m" + i);
        }
        indent--;
        line("}");
        return out.toString();
    }

    private void method(String name) {
        names = 0;
        scopes.clear();
        loops.clear();
        line("@SuppressWarnings(\"fallthrough\")");
        line("@Go static String " + name + "(StringBuilder log) throws Exception {");
        indent++;
        scopes.push(new ArrayList<>());
        declare("a", "1");
        declare("b", "2");
        block(0, 2 + random.nextInt(4));
        line("return log + \"|\" + (" + expr(2) + ");");
        scopes.pop();
        indent--;
        line("}");
    }

    private void declare(String var, String init) {
        line("int " + var + " = " + init + ";");
        scopes.peek().add(var);
    }

    private String fresh(String prefix) {
        return prefix + (names++);
    }

    private List<String> visible() {
        List<String> all = new ArrayList<>();
        for (List<String> s : scopes) {
            all.addAll(s);
        }
        return all;
    }

    private String anyVar() {
        List<String> v = visible();
        return v.get(random.nextInt(v.size()));
    }

    private void block(int depth, int statements) {
        for (int i = 0; i < statements; i++) {
            statement(depth);
        }
    }

    private void nested(int depth) {
        scopes.push(new ArrayList<>());
        block(depth + 1, 1 + random.nextInt(3));
        scopes.pop();
    }

    private void statement(int depth) {
        int choice = random.nextInt(depth >= 3 ? 6 : 22);
        switch (choice) {
            case 0, 1 -> line(anyVar() + " = " + expr(2) + ";");
            case 2 -> line(anyVar() + " " + pick("+=", "-=", "*=", "^=") + " " + expr(2) + ";");
            case 3 -> line("log.append(" + expr(2) + ").append(';');");
            case 4 -> declare(fresh("v"), expr(2));
            case 5 -> jump();
            case 6 -> ifElse(depth);
            case 7 -> whileLoop(depth);
            case 8 -> forLoop(depth);
            case 9 -> doWhile(depth);
            case 10 -> switchStatement(depth);
            case 11 -> tryCatch(depth);
            case 12 -> {
                String v = fresh("s");
                line("int " + v + " = switch (" + expr(1) + " % 3) {");
                indent++;
                line("case 0 -> " + expr(1) + ";");
                line("case 1 -> {");
                indent++;
                switchExpressionDepth++;
                scopes.push(new ArrayList<>());
                block(depth + 2, 1);
                scopes.pop();
                switchExpressionDepth--;
                line("yield " + expr(1) + ";");
                indent--;
                line("}");
                line("default -> " + expr(1) + ";");
                indent--;
                line("};");
                scopes.peek().add(v);
            }
            case 13 -> {
                String c = fresh("c");
                String s = fresh("f");
                line("int " + c + " = " + expr(1) + ";");
                line("IntSupplier " + s + " = () -> " + c + " * 3;");
                line(anyVar() + " += id(1);");
                line("log.append(" + s + ".getAsInt()).append(';');");
            }
            case 14 -> line("if (" + cond(1) + ") throw new Boom(\"t\" + " + expr(1) + ");");
            case 15 -> line("preempt();");
            case 16 -> forEach(depth, "new int[] {" + expr(1) + ", " + expr(1) + "}");
            case 17 -> forEach(depth, "java.util.List.of(" + expr(1) + ", " + expr(1) + ", " + expr(1) + ")");
            case 18 -> whileTrue(depth);
            case 19 -> function(depth);
            case 20 -> selectWithBodies();
            default -> labelledLoop(depth);
        }
    }

    private void jump() {
        if (!loops.isEmpty() && switchExpressionDepth == 0 && random.nextBoolean()) {
            String kind = random.nextBoolean() ? "break" : "continue";
            List<String> labels = new ArrayList<>();
            for (String l : loops) {
                if (!l.isEmpty()) {
                    labels.add(l);
                }
            }
            String target = !labels.isEmpty() && random.nextBoolean() ? " " + labels.get(random.nextInt(labels.size())) : "";
            line("if (" + cond(1) + ") " + kind + target + ";");
        } else if (switchExpressionDepth == 0 && inFunction > 0) {
            line("if (" + cond(1) + ") return " + expr(1) + ";");
        } else if (switchExpressionDepth == 0) {
            line("if (" + cond(1) + ") return log + \"|r\" + " + expr(1) + ";");
        } else {
            line("log.append(" + expr(1) + ");");
        }
    }

    /**
     * A suspending function whose body is a random block (its own scope: it captures only an
     * effectively final copy and the log), stored and called twice.
     */
    private void function(int depth) {
        String c = fresh("c");
        String f = fresh("fn");
        String x = fresh("x");
        line("int " + c + " = " + expr(1) + ";"); // never assigned: captured by the function
        line("GoFunction<Integer, Integer> " + f + " = " + x + " -> {");
        indent++;
        Deque<List<String>> savedScopes = new ArrayDeque<>(scopes);
        Deque<String> savedLoops = new ArrayDeque<>(loops);
        int savedSwitch = switchExpressionDepth;
        scopes.clear();
        loops.clear();
        switchExpressionDepth = 0;
        inFunction++;
        scopes.push(new ArrayList<>(List.of(x)));
        declare(fresh("y"), c);
        block(depth + 1, 1 + random.nextInt(3));
        line("return " + expr(2) + ";");
        inFunction--;
        scopes.clear();
        scopes.addAll(savedScopes);
        loops.addAll(savedLoops);
        switchExpressionDepth = savedSwitch;
        indent--;
        line("};");
        line(anyVar() + " += " + f + ".apply(" + expr(1) + ");");
        line("log.append(" + f + ".apply(id(" + random.nextInt(5) + "))).append(';');");
    }

    /** A select whose cases carry bodies that suspend, with a default case. */
    private void selectWithBodies() {
        String ch = fresh("ch");
        String k = fresh("k");
        String v = fresh("r");
        line("Chan<Integer> " + ch + " = Chan.make(1);");
        line("int " + k + " = " + expr(1) + ";");
        if (random.nextBoolean()) {
            line(ch + ".send(" + expr(1) + ");");
        }
        line("select(" + ch + ".onRecv(" + v + " -> log.append(\"r\").append(id(" + v + " + " + k + ")).append(';')),");
        line("        otherwise(() -> log.append(\"d\").append(id(" + k + ")).append(';')));");
    }

    private void ifElse(int depth) {
        line("if (" + cond(2) + ") {");
        indent++;
        nested(depth);
        indent--;
        if (random.nextBoolean()) {
            line("} else {");
            indent++;
            nested(depth);
            indent--;
        }
        line("}");
    }

    private void whileLoop(int depth) {
        String i = fresh("i");
        line("int " + i + " = 0;");
        line("while (" + i + " < " + random.nextInt(4) + ") {");
        indent++;
        line(i + "++;");
        loops.push(nullLabel());
        nested(depth);
        loops.pop();
        indent--;
        line("}");
    }

    /** A for-each whose variable is captured by a lambda, and may be asked to yield. */
    private void forEach(int depth, String source) {
        String e = fresh("e");
        String f = fresh("g");
        line("for (int " + e + " : " + source + ") {");
        indent++;
        line("IntSupplier " + f + " = () -> " + e + " + 1;");
        if (random.nextBoolean()) {
            line("preempt();");
        }
        loops.push(nullLabel());
        nested(depth);
        loops.pop();
        line("log.append(" + f + ".getAsInt()).append(';');");
        indent--;
        line("}");
    }

    private void whileTrue(int depth) {
        String w = fresh("w");
        line("int " + w + " = 0;");
        line("while (true) {");
        indent++;
        line("if (++" + w + " > " + random.nextInt(4) + ") break;");
        if (random.nextBoolean()) {
            line("preempt();");
        }
        loops.push(nullLabel());
        nested(depth);
        loops.pop();
        indent--;
        line("}");
    }

    /** ArrayDeque holds no nulls: an unlabelled loop is "". */
    private String nullLabel() {
        return "";
    }

    private void forLoop(int depth) {
        String i = fresh("i");
        String bound = random.nextBoolean() ? String.valueOf(random.nextInt(4)) : "id(" + random.nextInt(4) + ")";
        line("for (int " + i + " = 0; " + i + " < " + bound + "; " + i + "++) {");
        indent++;
        scopes.push(new ArrayList<>()); // the counter is never assigned: loops end
        loops.push(nullLabel());
        block(depth + 1, 1 + random.nextInt(3));
        loops.pop();
        scopes.pop();
        indent--;
        line("}");
    }

    private void doWhile(int depth) {
        String i = fresh("i");
        line("int " + i + " = 0;");
        line("do {");
        indent++;
        line(i + "++;");
        loops.push(nullLabel());
        nested(depth);
        loops.pop();
        indent--;
        line("} while (" + i + " < " + random.nextInt(4) + ");");
    }

    private void labelledLoop(int depth) {
        String label = fresh("L");
        String i = fresh("i");
        line(label + ":");
        line("for (int " + i + " = 0; " + i + " < " + (1 + random.nextInt(3)) + "; " + i + "++) {");
        indent++;
        scopes.push(new ArrayList<>()); // the counter is never assigned: loops end
        loops.push(label);
        block(depth + 1, 1 + random.nextInt(3));
        loops.pop();
        scopes.pop();
        indent--;
        line("}");
    }

    private void switchStatement(int depth) {
        if (random.nextBoolean()) {
            line("switch (" + expr(1) + " % 4) {");
            indent++;
            for (int k = 0; k < 3; k++) {
                line("case " + k + ":");
                indent++;
                scopes.push(new ArrayList<>());
                block(depth + 1, random.nextInt(2));
                scopes.pop();
                if (random.nextInt(3) > 0) {
                    line("break;");
                }
                indent--;
            }
            line("default:");
            indent++;
            line("log.append(\"d\");");
            indent--;
            indent--;
            line("}");
        } else {
            line("switch (" + expr(1) + " % 3) {");
            indent++;
            for (int k = 0; k < 2; k++) {
                line("case " + k + " -> {");
                indent++;
                nested(depth);
                indent--;
                line("}");
            }
            line("default -> log.append(" + expr(1) + ");");
            indent--;
            line("}");
        }
    }

    private void tryCatch(int depth) {
        line("try {");
        indent++;
        nested(depth);
        indent--;
        String e = fresh("e");
        int form = random.nextInt(3);
        if (form != 2) {
            line("} catch (" + pick("Boom", "RuntimeException", "Boom | IllegalStateException") + " " + e + ") {");
            indent++;
            line("log.append(\"c\" + " + e + ".getMessage()).append(';');");
            if (random.nextBoolean()) {
                nested(depth);
            }
            indent--;
        }
        if (form != 0) {
            line("} finally {");
            indent++;
            line("log.append(\"f\").append(" + expr(1) + ").append(';');");
            if (random.nextBoolean()) {
                nested(depth);
            }
            indent--;
        }
        line("}");
    }

    private String expr(int depth) {
        int choice = random.nextInt(depth <= 0 ? 3 : 12);
        return switch (choice) {
            case 0 -> String.valueOf(random.nextInt(10));
            case 1, 2 -> anyVar();
            case 3, 4 -> "id(" + expr(depth - 1) + ")";
            case 5 -> "(" + expr(depth - 1) + " " + pick("+", "-", "*") + " " + expr(depth - 1) + ")";
            case 6 -> "(" + cond(depth - 1) + " ? " + expr(depth - 1) + " : " + expr(depth - 1) + ")";
            case 7 -> "check(" + expr(depth - 1) + ")";
            case 8 -> "note(log, " + expr(depth - 1) + ")";
            case 9 -> "(" + anyVar() + " " + pick("+=", "-=") + " " + expr(depth - 1) + ")";
            case 10 -> "(" + expr(depth - 1) + " % " + (2 + random.nextInt(5)) + ")";
            default -> "(" + anyVar() + "++)";
        };
    }

    private String cond(int depth) {
        int choice = random.nextInt(depth <= 0 ? 2 : 6);
        return switch (choice) {
            case 0, 1 -> expr(depth) + " " + pick("<", ">", "==", "!=", "<=") + " " + expr(depth);
            case 2 -> "(" + cond(depth - 1) + " && " + cond(depth - 1) + ")";
            case 3 -> "(" + cond(depth - 1) + " || " + cond(depth - 1) + ")";
            case 4 -> "!(" + cond(depth - 1) + ")";
            default -> "bid(" + cond(depth - 1) + ")";
        };
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private void line(String s) {
        out.append("    ".repeat(indent)).append(s).append('\n');
    }
}
