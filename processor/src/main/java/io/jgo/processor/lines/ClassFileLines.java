package io.jgo.processor.lines;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a class file so that it names the user's source: the {@code SourceFile} attribute
 * becomes the user's file name and every {@code LineNumberTable} entry the user's line (through
 * {@link LineMapping}). Nothing else changes: the tables keep their length and order, and the only
 * addition is one {@code CONSTANT_Utf8} for the file name at the end of the constant pool, so no
 * index in the class moves.
 *
 * <p>A class file it does not understand (an unknown constant tag) is refused with an
 * {@link IllegalArgumentException}; the caller then leaves it as javac wrote it.
 */
public final class ClassFileLines {
    private ClassFileLines() {
    }

    /**
     * The rewritten class file.
     *
     * @param userLines the user's line of each generated line ({@link LineMapping#of}); a line it
     *                  maps to 0 or does not cover keeps its number
     */
    public static byte[] rewrite(byte[] in, int[] userLines, String sourceFile) {
        Reader r = new Reader(in);
        if (r.u4() != 0xCAFEBABEL) {
            throw new IllegalArgumentException("not a class file");
        }
        r.skip(4);
        int cpCount = r.u2();
        String[] utf8 = new String[cpCount];
        int existing = 0;
        for (int i = 1; i < cpCount; i++) {
            int tag = r.u1();
            switch (tag) {
                case 1 -> {
                    int len = r.u2();
                    utf8[i] = new String(in, r.pos, len, StandardCharsets.UTF_8); // modified UTF-8: names are ASCII here
                    r.skip(len);
                    if (utf8[i].equals(sourceFile)) {
                        existing = i;
                    }
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> r.skip(4);
                case 5, 6 -> {
                    r.skip(8);
                    i++; // takes two slots
                }
                case 7, 8, 16, 19, 20 -> r.skip(2);
                case 15 -> r.skip(3);
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
            }
        }
        int cpEnd = r.pos;
        r.skip(6);
        r.skip(2 * r.u2()); // interfaces
        List<Integer> lineOffsets = new ArrayList<>();
        for (int members = 0; members < 2; members++) { // fields, then methods
            int count = r.u2();
            for (int i = 0; i < count; i++) {
                r.skip(6);
                int attrs = r.u2();
                for (int a = 0; a < attrs; a++) {
                    String name = utf8[r.u2()];
                    int len = (int) r.u4();
                    int end = r.pos + len;
                    if ("Code".equals(name)) {
                        r.skip(4);
                        r.skip((int) r.u4()); // code
                        r.skip(8 * r.u2()); // exception table
                        int codeAttrs = r.u2();
                        for (int c = 0; c < codeAttrs; c++) {
                            String cname = utf8[r.u2()];
                            int clen = (int) r.u4();
                            int cend = r.pos + clen;
                            if ("LineNumberTable".equals(cname)) {
                                int entries = r.u2();
                                for (int e = 0; e < entries; e++) {
                                    lineOffsets.add(r.pos + 2);
                                    r.skip(4);
                                }
                            }
                            r.pos = cend;
                        }
                    }
                    r.pos = end;
                }
            }
        }
        int sourceFileOffset = -1;
        int attrs = r.u2();
        for (int a = 0; a < attrs; a++) {
            String name = utf8[r.u2()];
            int len = (int) r.u4();
            if ("SourceFile".equals(name)) {
                sourceFileOffset = r.pos;
            }
            r.skip(len);
        }
        byte[] added = existing != 0 || sourceFileOffset < 0 ? new byte[0] : utf8Entry(sourceFile);
        int fileIndex = existing != 0 ? existing : cpCount;
        byte[] out = new byte[in.length + added.length];
        System.arraycopy(in, 0, out, 0, cpEnd);
        System.arraycopy(added, 0, out, cpEnd, added.length);
        System.arraycopy(in, cpEnd, out, cpEnd + added.length, in.length - cpEnd);
        if (added.length > 0) {
            put2(out, 8, cpCount + 1);
        }
        int shift = added.length;
        for (int off : lineOffsets) {
            int line = ((in[off] & 0xFF) << 8) | (in[off + 1] & 0xFF);
            if (line < userLines.length && userLines[line] > 0) {
                put2(out, off + shift, userLines[line]);
            }
        }
        if (sourceFileOffset >= 0) {
            put2(out, sourceFileOffset + shift, fileIndex);
        }
        return out;
    }

    private static byte[] utf8Entry(String s) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(b);
            d.writeByte(1);
            d.writeUTF(s); // the class file's modified UTF-8, with its u2 length
            d.flush();
            return b.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put2(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static final class Reader {
        final byte[] b;
        int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        int u1() {
            return b[pos++] & 0xFF;
        }

        int u2() {
            int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        long u4() {
            long v = ((long) (b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8)
                    | (b[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        void skip(int n) {
            pos += n;
        }
    }
}
