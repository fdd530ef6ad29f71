package io.jgo.sample;

import static io.jgo.Jgo.blocking;
import static io.jgo.Jgo.go;

import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.annotation.Go;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Chapter "files": parallel file processing. The chapter writes 40 files into a temporary folder,
 * then one goroutine per file reads and sums it. File reads block a thread, so each runs inside
 * {@code Jgo.blocking(...)}: the scheduler hands the carrier's P to another carrier while it
 * waits, as Go does around a system call.
 */
final class FileProcessing {
    static final int FILES = 40;
    static final int LINES = 1_000;

    private FileProcessing() {
    }

    /** The result of one file. */
    record FileSum(String name, int lines, long sum) {
    }

    @Go
    static void sumFile(Path file, Chan<FileSum> results) {
        List<String> lines = blockingRead(file);
        long sum = 0;
        for (String line : lines) {
            sum += Long.parseLong(line.trim());
        }
        results.send(new FileSum(file.getFileName().toString(), lines.size(), sum));
    }

    /** The blocking part, outside the state machine: a plain method. */
    static List<String> blockingRead(Path file) {
        try {
            return blocking(() -> Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("reading " + file + " failed", e);
        }
    }

    @Go
    static long main(List<Path> files) {
        Chan<FileSum> results = Chan.make();
        for (Path f : files) {
            go(() -> sumFile(f, results));
        }
        long total = 0;
        int lines = 0;
        for (int i = 0; i < files.size(); i++) {
            FileSum r = results.recv();
            total += r.sum();
            lines += r.lines();
        }
        System.out.println("  " + files.size() + " files, " + lines + " lines read by " + files.size() + " goroutines");
        return total;
    }

    static void show() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jgo-files-");
            List<Path> files = new ArrayList<>();
            long expected = 0;
            for (int f = 0; f < FILES; f++) {
                StringBuilder text = new StringBuilder();
                for (int l = 1; l <= LINES; l++) {
                    long v = (long) f * LINES + l;
                    text.append(v).append('\n');
                    expected += v;
                }
                Path p = dir.resolve("numbers-" + f + ".txt");
                Files.writeString(p, text, StandardCharsets.UTF_8);
                files.add(p);
            }
            System.out.println("  wrote " + FILES + " files into " + dir);
            long total = Jgo.run(FileProcessingGo.main(files));
            System.out.println("  sum of every number in every file: " + total + " (expected " + expected + ")");
        } catch (IOException e) {
            System.out.println("  cannot use a temporary folder here: " + e);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
            System.out.println("  removed " + dir);
        } catch (IOException e) {
            System.out.println("  could not remove " + dir + ": " + e);
        }
    }
}
