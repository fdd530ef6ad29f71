package io.jgo.it.corpus;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How much bigger a frame's bytecode is than its plain method's, read from the class files of a
 * compiled corpus. A frame class ({@code XGo$Name}) is matched with the user's method whose
 * capitalised name starts its name and whose parameters (after the receiver, for an instance
 * method) are its constructor's. Its size is the code of all its methods; its {@code resume}
 * is also counted alone against HotSpot's limit for compiling a method
 * ({@value #HUGE_METHOD} bytes, {@code -XX:-DontCompileHugeMethods}).
 */
final class FrameSizes {
    static final int HUGE_METHOD = 8000;

    /** Per matched frame: the plain method's code bytes, the frame's, and its resume's. */
    record Size(String method, int plain, int frame, int resume) {
    }

    /** The sizes of a corpus, and how many frames had no plain method to compare with. */
    record Result(List<Size> sizes, int unmatched) {
        double medianRatio() {
            return median(sizes.stream().filter(s -> s.plain() > 0).map(s -> (double) s.frame() / s.plain()).toList());
        }

        double medianResumeRatio() {
            return median(sizes.stream().filter(s -> s.plain() > 0).map(s -> (double) s.resume() / s.plain()).toList());
        }

        double medianPlain() {
            return median(sizes.stream().map(s -> (double) s.plain()).toList());
        }

        private static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
        }

        Size worst() {
            return sizes.stream().filter(s -> s.plain() > 0)
                    .max((a, b) -> Double.compare((double) a.frame() / a.plain(), (double) b.frame() / b.plain()))
                    .orElse(null);
        }

        long hugeResumes() {
            return sizes.stream().filter(s -> s.resume() > HUGE_METHOD).count();
        }

        long hugePlain() {
            return sizes.stream().filter(s -> s.plain() > HUGE_METHOD).count();
        }

        int largestResume() {
            return sizes.stream().mapToInt(Size::resume).max().orElse(0);
        }

        String summary() {
            Size w = worst();
            return String.format(Locale.ROOT, "%d frames (median plain method %.0f bytes): the frame class median %.1f× "
                            + "the plain method's bytecode, its resume alone %.1f×; worst %.1f× (%s: %d → %d bytes); largest "
                            + "resume %d bytes; resume over %d bytes: %d (plain methods over it: %d)",
                    sizes.size(), medianPlain(), medianRatio(), medianResumeRatio(), w == null ? 0 : (double) w.frame() / w.plain(), w == null ? "-" : w.method(),
                    w == null ? 0 : w.plain(), w == null ? 0 : w.frame(), largestResume(), HUGE_METHOD, hugeResumes(),
                    hugePlain());
        }
    }

    /** A class file's methods: name, descriptor, code length. */
    private record MethodCode(String name, String descriptor, int code) {
    }

    private FrameSizes() {
    }

    static Result measure(Path classes) {
        Map<String, List<MethodCode>> byClass = new HashMap<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(p).toString().replace('/', '.');
                byClass.put(name.substring(0, name.length() - ".class".length()), read(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Size> sizes = new ArrayList<>();
        int unmatched = 0;
        for (Map.Entry<String, List<MethodCode>> e : byClass.entrySet()) {
            String cls = e.getKey();
            int dollar = cls.indexOf("Go$");
            if (dollar < 0 || cls.indexOf('$', dollar + 3) >= 0) {
                continue; // not a frame: user classes, generated classes, their nested helpers
            }
            String generated = cls.substring(0, dollar + 2);
            String frameName = cls.substring(dollar + 3);
            String userClass = generated.substring(0, generated.length() - 2);
            List<MethodCode> user = byClass.get(userClass);
            if (user == null) {
                user = byClass.get(nestedName(userClass, byClass));
            }
            MethodCode ctor = e.getValue().stream().filter(m -> m.name().equals("<init>")).findFirst().orElse(null);
            MethodCode plain = user == null || ctor == null ? null : match(user, userClass, frameName, ctor.descriptor());
            if (plain == null) {
                unmatched++;
                continue;
            }
            int frame = e.getValue().stream().mapToInt(MethodCode::code).sum();
            // a resume split into parts: its largest part is what the JIT compiles or not
            int resume = e.getValue().stream().filter(m -> m.name().equals("resume") || m.name().startsWith("part$"))
                    .mapToInt(MethodCode::code).max().orElse(0);
            sizes.add(new Size(userClass + "." + plain.name(), plain.code(), frame, resume));
        }
        return new Result(sizes, unmatched);
    }

    /** {@code p.Outer_InnerGo} is generated from {@code p.Outer$Inner}. */
    private static String nestedName(String flat, Map<String, List<MethodCode>> byClass) {
        int dot = flat.lastIndexOf('.');
        String simple = flat.substring(dot + 1);
        for (String candidate : byClass.keySet()) {
            if (candidate.startsWith(flat.substring(0, dot + 1)) && candidate.substring(dot + 1).replace('$', '_').equals(simple)) {
                return candidate;
            }
        }
        return null;
    }

    private static MethodCode match(List<MethodCode> user, String userClass, String frameName, String ctorDescriptor) {
        String ctorParams = ctorDescriptor.substring(1, ctorDescriptor.indexOf(')'));
        String receiver = "L" + userClass.replace('.', '/') + ";";
        for (MethodCode m : user) {
            if (m.name().startsWith("<") || m.name().startsWith("lambda$") || m.code() == 0) {
                continue;
            }
            String capitalised = Character.toUpperCase(m.name().charAt(0)) + m.name().substring(1);
            if (!frameName.startsWith(capitalised)) {
                continue;
            }
            String params = m.descriptor().substring(1, m.descriptor().indexOf(')'));
            if (ctorParams.equals(params) || ctorParams.equals(receiver + params)) {
                return m;
            }
        }
        return null;
    }

    /** The methods of a class file with the length of their code (0 for abstract and native ones). */
    private static List<MethodCode> read(Path classFile) throws IOException {
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            in.readInt(); // magic
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // a long or a double takes two entries
                    }
                    case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IOException("constant pool tag " + tag + " in " + classFile);
                }
            }
            in.readUnsignedShort(); // access
            in.readUnsignedShort(); // this
            in.readUnsignedShort(); // super
            in.skipBytes(2 * in.readUnsignedShort()); // interfaces
            for (int f = in.readUnsignedShort(); f > 0; f--) {
                in.skipBytes(6);
                skipAttributes(in);
            }
            List<MethodCode> methods = new ArrayList<>();
            for (int m = in.readUnsignedShort(); m > 0; m--) {
                in.readUnsignedShort();
                String name = utf8[in.readUnsignedShort()];
                String descriptor = utf8[in.readUnsignedShort()];
                int code = 0;
                for (int a = in.readUnsignedShort(); a > 0; a--) {
                    String attribute = utf8[in.readUnsignedShort()];
                    int length = in.readInt();
                    if (attribute.equals("Code")) {
                        in.readUnsignedShort(); // max stack
                        in.readUnsignedShort(); // max locals
                        code = in.readInt();
                        in.skipBytes(length - 8);
                    } else {
                        in.skipBytes(length);
                    }
                }
                methods.add(new MethodCode(name, descriptor, code));
            }
            return methods;
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        for (int a = in.readUnsignedShort(); a > 0; a--) {
            in.readUnsignedShort();
            in.skipBytes(in.readInt());
        }
    }
}
